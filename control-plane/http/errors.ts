import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { EdgefleetError, type ErrorBody, type ErrorCode } from '../../protocol/index.ts';
import type { AppEnv } from './app-env.ts';

/** Build the protocol error body for a code and message. */
export function errorResponse(c: Context<AppEnv>, code: ErrorCode, message: string, status: number, details?: unknown): Response {
  const body: ErrorBody = { error: { code, message, requestId: c.get('requestId') } };
  if (details !== undefined) body.error.details = details;
  return c.json(body, status as ContentfulStatusCode);
}

/**
 * The one mapper from thrown errors to HTTP answers. Coded errors keep their status; anything else
 * is a 500 whose details go to the log, not to the caller.
 */
export function handleError(err: Error, c: Context<AppEnv>): Response {
  if (err instanceof EdgefleetError) {
    return errorResponse(c, err.code, err.message, err.status, err.details);
  }
  if (err instanceof HTTPException) {
    if (err.status === 413) return errorResponse(c, 'PAYLOAD_TOO_LARGE', 'request body is larger than allowed', 413);
    return errorResponse(c, err.status === 401 ? 'UNAUTHENTICATED' : 'VALIDATION_FAILED', err.message, err.status);
  }
  if (err instanceof SyntaxError) {
    return errorResponse(c, 'VALIDATION_FAILED', `request body is not valid JSON: ${err.message}`, 400);
  }
  c.get('logger')?.error({ err }, 'unhandled error');
  return errorResponse(c, 'INTERNAL', 'internal error; see the control plane log with this request id', 500);
}

export function handleNotFound(c: Context<AppEnv>): Response {
  return errorResponse(c, 'NOT_FOUND', `no route for ${c.req.method} ${c.req.path}`, 404);
}
