import { Hono } from 'hono';
import type { AppEnv } from '../../http/app-env.ts';
import type { ModelsService } from './models.service.ts';

/**
 * `GET /v1/keys/signing`: the public key manifests are signed with. Public on purpose: it is a
 * public key, and an agent fetches it before it has any credential, to pin it at enrollment.
 */
export function createKeyRoutes(deps: { models: ModelsService }) {
  return new Hono<AppEnv>().get('/signing', (c) => c.json(deps.models.signingKey()));
}
