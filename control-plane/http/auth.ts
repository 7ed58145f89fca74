import type { MiddlewareHandler } from 'hono';
import { EdgefleetError } from '../../protocol/index.ts';
import type { AppEnv } from './app-env.ts';
import type { Principal } from './principal.ts';

/** Resolves a bearer secret to a principal, or null when it is unknown, revoked or expired. */
export interface Authenticator {
  authenticate(secret: string): Principal | null;
}

/** Require a valid `Authorization: Bearer ...` and store the principal on the context. */
export function requireAuth(auth: Authenticator): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) throw new EdgefleetError('UNAUTHENTICATED', 'send an API token as "Authorization: Bearer <token>"');
    const principal = auth.authenticate(match[1]);
    if (!principal) throw new EdgefleetError('UNAUTHENTICATED', 'the token is unknown, revoked or expired');
    c.set('principal', principal);
    await next();
  };
}

/**
 * Role rules: admins do anything; viewers read (GET, HEAD); devices only reach routes that opt in
 * with `allowDevice` and then only their own resources (checked by those routes).
 */
export function authorize(options: { allowDevice?: boolean } = {}): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const p = c.get('principal');
    const reading = c.req.method === 'GET' || c.req.method === 'HEAD';
    if (p.kind === 'device') {
      if (!options.allowDevice) throw new EdgefleetError('FORBIDDEN', 'device credentials cannot call this endpoint');
    } else if (p.role === 'viewer' && !reading) {
      throw new EdgefleetError('FORBIDDEN', 'viewer tokens can read but not change anything');
    }
    await next();
  };
}

/** Throw FORBIDDEN unless the caller is an admin, a viewer reading, or the device itself. */
export function assertDeviceAccess(p: Principal, deviceId: string): void {
  if (p.kind === 'device' && p.deviceId !== deviceId) {
    throw new EdgefleetError('FORBIDDEN', 'a device may only read its own resources');
  }
}
