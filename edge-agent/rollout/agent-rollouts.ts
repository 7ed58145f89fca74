/**
 * Wiring of the agent's rollout work for `agent.ts`: the registry that holds candidates, the shadow
 * runner, the arm router, and their metrics. A shadow's result becomes a prediction and business
 * events in the candidate arm's window through the `onShadow` hook (the telemetry's).
 */
import type { Registry } from 'prom-client';
import type { InferenceEvent } from '../inference/inference.service.ts';
import type { InferenceMetrics } from '../inference/inference-metrics.ts';
import { createModelRegistry, type ModelRegistry } from '../inference/model-registry.ts';
import { createArmRouter, needsCandidate, type ArmRouter, type RolloutStatus } from './arm-router.ts';
import { createRolloutMetrics } from './rollout-metrics.ts';
import { shadowRecord, type BusinessEvent } from './shadow-compare.ts';
import { createShadowRunner, type ShadowRunnerOptions, type ShadowRunnerStatus } from './shadow-runner.ts';

export interface AgentRolloutsOptions {
  metricsRegistry: Registry;
  inferenceMetrics: InferenceMetrics;
  onShadow: (event: InferenceEvent, business: BusinessEvent[]) => void;
  /** Shadow scheduling and comparison settings (defaults in shadow-runner.ts). */
  shadow?: Pick<ShadowRunnerOptions, 'maxQueue' | 'concurrency' | 'quietMs' | 'maxWaitMs' | 'maxShare' | 'tolerance'>;
  /** Request bucket override (tests: a device that misroutes). */
  bucket?: (rolloutId: string, key: string) => number;
}

export interface AgentRolloutsStatus {
  directives: RolloutStatus[];
  shadow: ShadowRunnerStatus;
}

export interface AgentRollouts {
  router: ArmRouter;
  needsCandidate: typeof needsCandidate;
  status(): AgentRolloutsStatus;
  /** Drop queued shadows, wait for running ones, unload the candidates. */
  close(): Promise<void>;
}

export function createAgentRollouts(options: AgentRolloutsOptions): AgentRollouts {
  const metrics = createRolloutMetrics(options.metricsRegistry);
  const inference = options.inferenceMetrics;
  // Candidates report loads and batches like any version, but not as the model's active version:
  // that gauge stays with what serves outside the experiment.
  const candidates: ModelRegistry = createModelRegistry({
    keepPrevious: false,
    observer: {
      onActivate: (e) => inference.modelLoaded(e.name, e.version, e.model.loadMs / 1000),
      onBatch: (e) => inference.batchExecuted(e.name, e.version, e),
    },
  });
  const runner = createShadowRunner({
    ...options.shadow,
    onResult(outcome) {
      metrics.shadow(outcome.served.model, outcome.error ? 'failed' : 'compared');
      const { event, business } = shadowRecord(outcome);
      options.onShadow(event, business);
    },
    onDropped: (model) => metrics.shadow(model, 'dropped'),
  });
  const router = createArmRouter({
    candidates,
    shadow: runner,
    onRouted: (model, arm) => metrics.routed(model, arm),
    ...(options.bucket ? { bucket: options.bucket } : {}),
  });
  return {
    router,
    needsCandidate,
    status: () => ({ directives: router.status(), shadow: runner.status() }),
    async close() {
      await runner.close();
      await candidates.close();
    },
  };
}
