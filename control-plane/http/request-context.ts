import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { Logger } from 'pino';
import type { AppEnv } from './app-env.ts';

export interface RequestObserver {
  (info: { method: string; route: string; status: number; seconds: number }): void;
}

/**
 * Give each request an id (honouring a sane incoming `X-Request-Id`), a child logger carrying it,
 * and one structured log line when it ends.
 */
export function requestContext(logger: Logger, observe?: RequestObserver): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const incoming = c.req.header('x-request-id');
    const requestId = incoming && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    const log = logger.child({ requestId });
    c.set('requestId', requestId);
    c.set('logger', log);
    const started = performance.now();
    await next();
    const seconds = (performance.now() - started) / 1000;
    c.header('X-Request-Id', requestId);
    const route = c.req.routePath || c.req.path;
    observe?.({ method: c.req.method, route, status: c.res.status, seconds });
    log.info({ method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(seconds * 1000) }, 'request');
  };
}
