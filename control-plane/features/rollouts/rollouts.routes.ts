import { Hono } from 'hono';
import { z } from 'zod';
import { createRolloutBodySchema, parseOrThrow, resourceNameSchema, rolloutSpecSchema } from '../../../protocol/index.ts';
import type { AppEnv } from '../../http/app-env.ts';
import type { RolloutsService } from './rollouts.service.ts';

const nameOf = (param: string) => parseOrThrow(resourceNameSchema, param, 'rollout name');

export const decisionsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  beforeId: z.coerce.number().int().positive().optional(),
});

const ACTIONS = ['pause', 'resume', 'abort', 'promote'] as const;

/**
 * `/v1/rollouts`: start (POST) or declare (PUT) a staged rollout, read its status, decisions and
 * experiment report, and act on it. Every change is audited by the service.
 */
export function createRolloutRoutes(deps: { rollouts: RolloutsService }) {
  const { rollouts } = deps;
  const app = new Hono<AppEnv>()
    .post('/', async (c) => {
      const body = parseOrThrow(createRolloutBodySchema, await c.req.json(), 'rollout');
      return c.json(rollouts.create(body, c.get('principal')), 201);
    })
    .get('/', (c) => c.json({ rollouts: rollouts.list() }))
    .get('/:name', (c) => c.json(rollouts.get(nameOf(c.req.param('name')))))
    .put('/:name', async (c) => {
      const spec = parseOrThrow(rolloutSpecSchema, await c.req.json(), 'rollout spec');
      const { rollout, action } = rollouts.apply(nameOf(c.req.param('name')), spec, c.get('principal'));
      return c.json(rollout, action === 'created' ? 201 : 200);
    })
    .get('/:name/decisions', (c) => {
      const query = parseOrThrow(decisionsQuerySchema, c.req.query(), 'decisions query');
      return c.json({ decisions: rollouts.decisions(nameOf(c.req.param('name')), query) });
    })
    .get('/:name/experiment', (c) => c.json(rollouts.experiment(nameOf(c.req.param('name')))));
  for (const action of ACTIONS) {
    app.post(`/:name/${action}`, (c) => c.json(rollouts[action](nameOf(c.req.param('name')), c.get('principal'))));
  }
  return app;
}
