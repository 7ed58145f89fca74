/**
 * Prometheus metrics of the agent's rollout work, on the agent's registry: requests served per arm
 * under a directive, and shadow runs by outcome (a dropped shadow is coverage lost to overload).
 */
import { Counter, type Registry } from 'prom-client';
import type { RolloutArmName } from '../../protocol/index.ts';

export type ShadowOutcomeLabel = 'compared' | 'failed' | 'dropped';

export interface RolloutMetrics {
  routed(model: string, arm: RolloutArmName): void;
  shadow(model: string, outcome: ShadowOutcomeLabel): void;
}

export function createRolloutMetrics(registry: Registry): RolloutMetrics {
  const registers = [registry];
  const requests = new Counter({
    name: 'edgefleet_agent_rollout_requests_total',
    help: 'Unpinned requests served while a rollout directive was in force, by arm.',
    labelNames: ['model', 'arm'] as const,
    registers,
  });
  const shadows = new Counter({
    name: 'edgefleet_agent_shadow_runs_total',
    help: 'Candidate shadow runs: compared with the served answer, failed, or dropped because the shadow queue was full.',
    labelNames: ['model', 'outcome'] as const,
    registers,
  });
  return {
    routed: (model, arm) => requests.inc({ model, arm }),
    shadow: (model, outcome) => shadows.inc({ model, outcome }),
  };
}
