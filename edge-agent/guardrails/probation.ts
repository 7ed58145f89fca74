/**
 * One probation: the samples a new model version collected since it was switched to, judged against
 * its guardrail budget. Pure (no timers, no I/O) so the rules are tested directly.
 *
 * Rates and p95 are judged only once `minSamples` requests reached the version: one failed request
 * out of two is not evidence. The window ends at `windowMs` or `maxRequests`, whichever comes first.
 */
export interface Budget {
  p95LatencyMs: number;
  maxFailureRate: number;
  maxNanRate: number;
}

export interface ProbationSettings {
  windowMs: number;
  maxRequests: number;
  minSamples: number;
}

export interface Sample {
  latencyMs: number;
  /** The model failed to run (not a client error). */
  failed: boolean;
  /** It ran and some output was NaN or ±Infinity. */
  nonFinite: boolean;
}

export type Breach = 'failure_rate' | 'nan_rate' | 'p95_latency';

export interface ProbationEvidence {
  [key: string]: unknown;
  samples: number;
  failures: number;
  failureRate: number;
  nonFiniteOutputs: number;
  nanRate: number;
  p95LatencyMs: number | null;
  budget: Budget;
  minSamples: number;
  elapsedMs: number;
  windowMs: number;
  breaches: Breach[];
}

export type Verdict = { status: 'watching' } | { status: 'passed'; evidence: ProbationEvidence } | { status: 'breached'; evidence: ProbationEvidence };

export interface Probation {
  readonly model: string;
  readonly version: string;
  readonly startedAt: number;
  record(sample: Sample): void;
  evaluate(now: number): Verdict;
  evidence(now: number): ProbationEvidence;
}

export function createProbation(init: { model: string; version: string; startedAt: number; budget: Budget; settings: ProbationSettings }): Probation {
  const { budget, settings } = init;
  const latencies: number[] = [];
  let failures = 0;
  let nonFinite = 0;

  const evidence = (now: number): ProbationEvidence => {
    const samples = latencies.length;
    const judged = samples >= settings.minSamples;
    const failureRate = samples === 0 ? 0 : failures / samples;
    const nanRate = samples === 0 ? 0 : nonFinite / samples;
    const p95 = samples === 0 ? null : percentile(latencies, 0.95);
    const breaches: Breach[] = [];
    if (judged && failureRate > budget.maxFailureRate) breaches.push('failure_rate');
    if (judged && nanRate > budget.maxNanRate) breaches.push('nan_rate');
    if (judged && p95 !== null && p95 > budget.p95LatencyMs) breaches.push('p95_latency');
    return {
      samples,
      failures,
      failureRate: round(failureRate),
      nonFiniteOutputs: nonFinite,
      nanRate: round(nanRate),
      p95LatencyMs: p95 === null ? null : round(p95),
      budget: { ...budget },
      minSamples: settings.minSamples,
      elapsedMs: now - init.startedAt,
      windowMs: settings.windowMs,
      breaches,
    };
  };

  return {
    model: init.model,
    version: init.version,
    startedAt: init.startedAt,
    record(sample) {
      if (latencies.length >= settings.maxRequests) return;
      latencies.push(sample.latencyMs);
      if (sample.failed) failures++;
      if (sample.nonFinite) nonFinite++;
    },
    evaluate(now) {
      const current = evidence(now);
      if (current.breaches.length > 0) return { status: 'breached', evidence: current };
      if (current.elapsedMs >= settings.windowMs || current.samples >= settings.maxRequests) return { status: 'passed', evidence: current };
      return { status: 'watching' };
    },
    evidence,
  };
}

/** Nearest-rank percentile (the value at rank ceil(p * n)). */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[rank - 1] as number;
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;
