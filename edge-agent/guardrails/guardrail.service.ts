/**
 * Local guardrails: after a switch, every inference on the new version is a sample of its
 * probation; a breach of the budget (failure rate, NaN/Inf rate, p95 latency) calls `onBreach`, which
 * reverts to the previous version without asking the control plane. Judged on every inference and
 * on a 1 s timer, so a breach is acted on well within the 5 s the issue allows even when traffic
 * stops right after it.
 */
import type { InferenceEvent } from '../inference/inference.service.ts';
import type { Logger } from '../logger.ts';
import type { Timers } from '../util/timers.ts';
import { hasNonFinite } from './non-finite.ts';
import { createProbation, type Budget, type Probation, type ProbationEvidence, type ProbationSettings } from './probation.ts';

export interface GuardrailServiceOptions {
  settings: ProbationSettings;
  /** Used where the manifest's budget leaves a field out. */
  defaults: Budget;
  timers: Timers;
  logger: Logger;
  onBreach: (breach: { model: string; version: string; evidence: ProbationEvidence }) => Promise<void>;
  tickMs?: number;
}

export interface ProbationStatus {
  model: string;
  version: string;
  evidence: ProbationEvidence;
}

export interface GuardrailService {
  begin(model: string, version: string, budget?: Partial<Budget>): void;
  cancel(model: string): void;
  /** The OIP server's inference hook. */
  observe(event: InferenceEvent): void;
  active(): ProbationStatus[];
  stop(): void;
}

export function createGuardrailService(options: GuardrailServiceOptions): GuardrailService {
  const { timers, logger } = options;
  const probations = new Map<string, Probation>();
  let cancelTick: (() => void) | undefined;

  const judge = (probation: Probation) => {
    const verdict = probation.evaluate(timers.now());
    if (verdict.status === 'watching') return;
    probations.delete(probation.model);
    if (probations.size === 0) stopTicking();
    if (verdict.status === 'passed') {
      logger.info({ model: probation.model, version: probation.version, evidence: verdict.evidence }, 'probation passed');
      return;
    }
    logger.warn({ model: probation.model, version: probation.version, evidence: verdict.evidence }, 'guardrail breached; reverting');
    options
      .onBreach({ model: probation.model, version: probation.version, evidence: verdict.evidence })
      .catch((error: Error) => logger.error({ err: error.message, model: probation.model }, 'revert failed'));
  };

  const stopTicking = () => {
    cancelTick?.();
    cancelTick = undefined;
  };

  return {
    begin(model, version, budget = {}) {
      probations.set(
        model,
        createProbation({
          model,
          version,
          startedAt: timers.now(),
          settings: options.settings,
          budget: {
            p95LatencyMs: budget.p95LatencyMs ?? options.defaults.p95LatencyMs,
            maxFailureRate: budget.maxFailureRate ?? options.defaults.maxFailureRate,
            maxNanRate: budget.maxNanRate ?? options.defaults.maxNanRate,
          },
        }),
      );
      cancelTick ??= timers.setInterval(() => {
        for (const probation of [...probations.values()]) judge(probation);
      }, options.tickMs ?? 1000);
    },
    cancel(model) {
      probations.delete(model);
      if (probations.size === 0) stopTicking();
    },
    observe(event) {
      const probation = probations.get(event.model);
      if (!probation || event.version !== probation.version) return;
      // Client mistakes (bad tensors, unknown outputs) and overload say nothing about the model.
      if (event.error && event.error.code !== 'INFERENCE_FAILED') return;
      probation.record({
        latencyMs: event.latencyMs,
        failed: event.error !== undefined,
        nonFinite: event.outputs !== undefined && hasNonFinite(event.outputs),
      });
      judge(probation);
    },
    active: () => [...probations.values()].map((p) => ({ model: p.model, version: p.version, evidence: p.evidence(timers.now()) })),
    stop() {
      probations.clear();
      stopTicking();
    },
  };
}
