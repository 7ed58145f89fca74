import { Hono } from 'hono';
import { enrollRequestSchema, parseOrThrow } from '../../../protocol/index.ts';
import type { AppEnv } from '../../http/app-env.ts';
import type { FleetFeature } from './fleet-feature.ts';

/** `POST /v1/enroll`: public, the enrollment token in the body is the credential. */
export function createEnrollRoutes(deps: { fleet: Pick<FleetFeature, 'enrollment'> }) {
  return new Hono<AppEnv>().post('/', async (c) => {
    const body = parseOrThrow(enrollRequestSchema, await c.req.json(), 'enrollment request');
    return c.json(deps.fleet.enrollment.enroll(body), 201);
  });
}
