import { z } from 'zod';
import {
  experimentReportSchema, rolloutDecisionSchema, rolloutViewSchema,
  type CreateRolloutBody,
} from '../protocol.ts';
import type { ApiClient } from './api-client.ts';

// `/v1/rollouts` (control-plane/features/rollouts/rollouts.routes.ts), parsed with the protocol's
// report schemas (protocol/rollout-reports.ts).

const listBody = z.object({ rollouts: z.array(rolloutViewSchema) });
const decisionsBody = z.object({ decisions: z.array(rolloutDecisionSchema) });

/** What an operator may do to an active rollout; each is one audited POST. */
export type RolloutAction = 'pause' | 'resume' | 'abort' | 'promote';

const e = encodeURIComponent;
type Opts = { signal?: AbortSignal };

export function rolloutEndpoints(api: ApiClient) {
  return {
    listRollouts: async (o: Opts = {}) => (await api.request('GET', '/v1/rollouts', { schema: listBody, ...o })).rollouts,
    getRollout: (name: string, o: Opts = {}) => api.request('GET', `/v1/rollouts/${e(name)}`, { schema: rolloutViewSchema, ...o }),
    rolloutDecisions: async (name: string, limit = 100, o: Opts = {}) =>
      (await api.request('GET', `/v1/rollouts/${e(name)}/decisions?limit=${limit}`, { schema: decisionsBody, ...o })).decisions,
    rolloutExperiment: (name: string, o: Opts = {}) =>
      api.request('GET', `/v1/rollouts/${e(name)}/experiment`, { schema: experimentReportSchema, ...o }),
    startRollout: (body: CreateRolloutBody) => api.request('POST', '/v1/rollouts', { json: body, schema: rolloutViewSchema }),
    actOnRollout: (name: string, action: RolloutAction) =>
      api.request('POST', `/v1/rollouts/${e(name)}/${action}`, { schema: rolloutViewSchema }),
  };
}
