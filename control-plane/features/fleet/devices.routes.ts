import { Hono } from 'hono';
import { z } from 'zod';
import {
  EdgefleetError,
  deviceIdParamSchema,
  parseOrThrow,
  patchDeviceBodySchema,
  reportedStateSchema,
} from '../../../protocol/index.ts';
import type { AppEnv } from '../../http/app-env.ts';
import { assertDeviceAccess } from '../../http/auth.ts';
import type { FleetFeature } from './fleet-feature.ts';
import { assertOperator, assertSelf } from './route-guards.ts';

const listQuerySchema = z.object({ selector: z.string().max(2000).default('') });
const eventsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  before: z.coerce.number().int().positive().optional(),
});

/**
 * `/v1/devices`. Mounted behind `authorize({ allowDevice: true })`: a device reaches only its own
 * record, desired state, events and reported state; listing and changes need an API token.
 */
export function createDeviceRoutes(deps: { fleet: FleetFeature }) {
  const { devices, desired, messages } = deps.fleet;
  const idOf = (param: string) => parseOrThrow(deviceIdParamSchema, { id: param }, 'device id').id;
  return new Hono<AppEnv>()
    .get('/', (c) => {
      assertOperator(c.get('principal'));
      const q = parseOrThrow(listQuerySchema, c.req.query(), 'query');
      return c.json({ devices: devices.list(q.selector) });
    })
    .get('/:id', (c) => {
      const id = idOf(c.req.param('id'));
      assertDeviceAccess(c.get('principal'), id);
      return c.json(devices.get(id));
    })
    .patch('/:id', async (c) => {
      assertOperator(c.get('principal'));
      const id = idOf(c.req.param('id'));
      const body = parseOrThrow(patchDeviceBodySchema, await c.req.json(), 'device patch');
      return c.json(devices.patch(id, body, c.get('principal')));
    })
    .delete('/:id', (c) => {
      assertOperator(c.get('principal'));
      devices.remove(idOf(c.req.param('id')), c.get('principal'));
      return c.body(null, 204);
    })
    .get('/:id/events', (c) => {
      const id = idOf(c.req.param('id'));
      assertDeviceAccess(c.get('principal'), id);
      const q = parseOrThrow(eventsQuerySchema, c.req.query(), 'query');
      return c.json({ events: devices.listEvents(id, { limit: q.limit, beforeId: q.before }) });
    })
    .get('/:id/desired-state', (c) => {
      const id = idOf(c.req.param('id'));
      const principal = c.get('principal');
      assertDeviceAccess(principal, id);
      const state = desired.get(id);
      // A polling agent's request is its heartbeat when it has no MQTT connection.
      if (principal.kind === 'device') messages.seen(id);
      return c.json(state);
    })
    .put('/:id/reported', async (c) => {
      const id = idOf(c.req.param('id'));
      assertSelf(c.get('principal'), id);
      const body = parseOrThrow(reportedStateSchema, await c.req.json(), 'reported state');
      if (body.deviceId !== id) {
        throw new EdgefleetError('VALIDATION_FAILED', `reported state names device ${body.deviceId}, the URL ${id}`);
      }
      const result = messages.reported(body);
      if (!result.accepted && result.reason === 'unknown_device') throw new EdgefleetError('NOT_FOUND', `no device with id ${id}`);
      return c.json(result.accepted ? { accepted: true } : { accepted: false, reason: result.reason });
    });
}
