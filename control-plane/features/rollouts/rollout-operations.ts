import { z } from 'zod';
import {
  createRolloutBodySchema, experimentReportSchema, rolloutDecisionSchema, rolloutSpecSchema, rolloutViewSchema,
} from '../../../protocol/index.ts';
import type { Operation } from '../../http/openapi.ts';
import { decisionsQuerySchema } from './rollouts.routes.ts';

const action = (verb: string, summary: string): Operation => ({
  method: 'post', path: `/v1/rollouts/{name}/${verb}`, summary, tag: 'rollouts', access: 'admin', response: rolloutViewSchema, errors: [404, 409],
});

/** The rollouts API for `/openapi.json` (spread into control-plane/http/api-operations.ts). */
export const rolloutOperations: readonly Operation[] = [
  { method: 'post', path: '/v1/rollouts', summary: 'Create and start a staged rollout (409 while another is active for the model and target)', tag: 'rollouts', access: 'admin', body: createRolloutBodySchema, response: rolloutViewSchema, status: 201, errors: [404, 409] },
  { method: 'get', path: '/v1/rollouts', summary: 'List rollouts with their status', tag: 'rollouts', access: 'viewer', response: z.object({ rollouts: z.array(rolloutViewSchema) }) },
  { method: 'get', path: '/v1/rollouts/{name}', summary: 'Status: step, cohort sizes, devices applied/offline, gate status', tag: 'rollouts', access: 'viewer', response: rolloutViewSchema, errors: [404] },
  { method: 'put', path: '/v1/rollouts/{name}', summary: 'Create, or update the plan of an active rollout (edgefleet apply)', tag: 'rollouts', access: 'admin', body: rolloutSpecSchema, response: rolloutViewSchema, errors: [404, 409] },
  { method: 'get', path: '/v1/rollouts/{name}/decisions', summary: 'Decisions with their evidence, newest first', tag: 'rollouts', access: 'viewer', query: decisionsQuerySchema, response: z.object({ decisions: z.array(rolloutDecisionSchema) }), errors: [404] },
  { method: 'get', path: '/v1/rollouts/{name}/experiment', summary: 'Per metric and arm: n, mean, lift with CI, fixed and sequential p-values, power, SRM', tag: 'rollouts', access: 'viewer', response: experimentReportSchema, errors: [404] },
  action('pause', 'Pause: devices keep the current step, gates stop'),
  action('resume', 'Resume a paused rollout (ends a pause step without duration)'),
  action('abort', 'Abort: every device back on its baseline at once'),
  action('promote', 'Promote now: move the alias to the candidate'),
];
