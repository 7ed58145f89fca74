import type { Logger } from 'pino';
import type { Principal } from './principal.ts';

/** Hono context variables every route can read. */
export interface AppEnv {
  Variables: {
    requestId: string;
    logger: Logger;
    principal: Principal;
  };
}
