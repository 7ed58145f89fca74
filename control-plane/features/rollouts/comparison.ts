/**
 * One comparison of candidate against baseline: the fixed-horizon test (Welch or two-proportion z),
 * per-device Welch, lift with its interval, power and MDE, and the always-valid sequential test
 * that decides. Pure; the sequential state is carried between looks by the caller (persisted).
 *
 * What the sequential test asks: is the harm beyond the tolerated margin? With h = +1 when higher is
 * worse (-1 otherwise) and margin m, it tests θ' = h·(candidate - baseline) - m against 0 with the
 * mSPRT (protocol/stats/sequential.ts). A look counts as evidence of harm only when θ' > 0 there, so
 * P(any look flags harm | no harm beyond m) <= P(any look rejects) <= alpha by Ville's inequality;
 * the running minimum of those p-values is what Holm/BH adjust across metrics.
 */
import type { MetricEvidence } from '../../../protocol/index.ts';
import {
  alwaysValidMeanDifference,
  momentsOf,
  momentsSummary,
  twoProportionZTest,
  welchTTest,
  type SampleSummary,
} from '../../../protocol/stats/index.ts';
import type { Proportion } from './arm-stats.ts';
import { detectableDifference, welchPower } from './welch-power.ts';

/** What a comparison carries from one look to the next within a step. */
export interface SequentialState {
  /** Running minimum of the harm p-values. */
  harmP: number;
  /** Intersection of the always-valid intervals for candidate - baseline. */
  interval: [number, number] | null;
  looks: number;
}

export interface ComparisonInput {
  metric: string;
  unit: MetricEvidence['unit'];
  /** +1: higher is worse (errors, latency); -1: lower is worse (accuracy). */
  harm: 1 | -1;
  baseline: SampleSummary;
  candidate: SampleSummary;
  /** Proportion metrics: counts for the two-proportion z-test. */
  proportions?: { baseline: Proportion; candidate: Proportion };
  /** Each device's value of the metric, per arm. */
  perDevice: { baseline: number[]; candidate: number[] };
  /** Tolerated harm, in the metric's unit (>= 0). */
  margin: number;
  /** Fewer observations than this per arm: not testable yet. */
  minN: number;
  note?: string;
}

export interface ComparisonSettings {
  alpha: number;
  plannedSamples: number;
  power: number;
}

/** JSON has no NaN or Infinity: undefined numbers become null. */
export const nullable = (x: number): number | null => (Number.isFinite(x) ? x : null);
const pair = (a: number, b: number): [number | null, number | null] | null =>
  Number.isFinite(a) || Number.isFinite(b) ? [nullable(a), nullable(b)] : null;

/** Bernoulli summary of a proportion, for Welch-based lift intervals. */
export function bernoulliSummary(p: Proportion): SampleSummary {
  const mean = p.trials > 0 ? p.successes / p.trials : NaN;
  return { n: p.trials, mean, variance: p.trials > 1 ? (mean * (1 - mean) * p.trials) / (p.trials - 1) : NaN };
}

function pooledVariance(a: SampleSummary, b: SampleSummary): number {
  return ((a.n - 1) * a.variance + (b.n - 1) * b.variance) / (a.n + b.n - 2);
}

function perDeviceTest(values: ComparisonInput['perDevice']): MetricEvidence['perDevice'] {
  const { baseline, candidate } = values;
  if (baseline.length < 2 || candidate.length < 2) {
    return { baselineDevices: baseline.length, candidateDevices: candidate.length, pValue: null };
  }
  const p = welchTTest(momentsSummary(momentsOf(baseline)), momentsSummary(momentsOf(candidate))).pValue;
  return { baselineDevices: baseline.length, candidateDevices: candidate.length, pValue: nullable(p) };
}

function untestable(input: ComparisonInput, previous: SequentialState | undefined, note: string) {
  const evidence: MetricEvidence = {
    metric: input.metric, kind: 'comparison', unit: input.unit,
    baseline: { n: input.baseline.n, value: nullable(input.baseline.mean) },
    candidate: { n: input.candidate.n, value: nullable(input.candidate.mean) },
    threshold: input.margin, difference: null, differenceInterval: null, lift: null, liftInterval: null,
    pValue: null, perDevice: perDeviceTest(input.perDevice), sequentialP: previous ? nullable(previous.harmP) : null,
    adjustedP: null, power: null, minimumDetectableEffect: null, passed: null, note,
  };
  return { evidence, state: previous };
}

/**
 * Compare the arms on one metric at one look. `passed` and `adjustedP` are filled in by the gate
 * once every comparison of the look is known (the multiplicity adjustment needs them all).
 */
export function compareArms(
  input: ComparisonInput,
  settings: ComparisonSettings,
  previous: SequentialState | undefined,
): { evidence: MetricEvidence; state: SequentialState | undefined } {
  const { baseline, candidate } = input;
  if (baseline.n < Math.max(2, input.minN) || candidate.n < Math.max(2, input.minN)) {
    return untestable(input, previous, `needs ${Math.max(2, input.minN)} observations per arm`);
  }
  const variance = pooledVariance(baseline, candidate);
  if (!Number.isFinite(variance)) return untestable(input, previous, 'no variance estimate');
  const difference = candidate.mean - baseline.mean;
  const n: [number, number] = [baseline.n, candidate.n];
  const common = { n, variance, alpha: settings.alpha, plannedN: settings.plannedSamples };
  const shifted = input.harm * difference - input.margin;
  const look = alwaysValidMeanDifference({ ...common, meanDifference: shifted });
  const harmP = Math.min(previous?.harmP ?? 1, shifted > 0 && Number.isFinite(look.pValue) ? look.pValue : 1);
  const ci = alwaysValidMeanDifference({ ...common, meanDifference: difference }).confidenceInterval;
  const interval: [number, number] = previous?.interval
    ? [Math.max(ci[0], previous.interval[0]), Math.min(ci[1], previous.interval[1])]
    : ci;
  const welch = welchTTest(baseline, candidate);
  const fixedP = input.proportions
    ? twoProportionZTest(input.proportions.candidate, input.proportions.baseline).pValue
    : welch.pValue;
  const design = { n: n, variance: [baseline.variance, candidate.variance] as [number, number], alpha: settings.alpha };
  const standardError = Math.sqrt(baseline.variance / baseline.n + candidate.variance / candidate.n);
  const evidence: MetricEvidence = {
    metric: input.metric, kind: 'comparison', unit: input.unit,
    baseline: { n: baseline.n, value: nullable(baseline.mean) },
    candidate: { n: candidate.n, value: nullable(candidate.mean) },
    threshold: input.margin,
    difference: nullable(difference),
    differenceInterval: pair(interval[0], interval[1]),
    lift: nullable(welch.relativeLift),
    liftInterval: pair(welch.relativeLiftInterval[0], welch.relativeLiftInterval[1]),
    pValue: nullable(fixedP),
    perDevice: perDeviceTest(input.perDevice),
    sequentialP: nullable(harmP),
    adjustedP: null,
    power: input.margin > 0 ? nullable(welchPower({ ...design, difference: input.margin })) : null,
    minimumDetectableEffect: nullable(detectableDifference(standardError, settings)),
    passed: null,
    ...(input.note ? { note: input.note } : {}),
  };
  return { evidence, state: { harmP, interval, looks: (previous?.looks ?? 0) + 1 } };
}
