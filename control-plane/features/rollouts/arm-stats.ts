/**
 * Reading gate inputs off merged window statistics (protocol/summaries.ts): rates, latency
 * quantiles, accuracy and F1 from the confusion matrix, business events. Pure; NaN means "no data".
 */
import { LATENCY_EDGES_MS, type SummaryStats } from '../../../protocol/index.ts';
import { createMoments, type Moments } from '../../../protocol/stats/index.ts';

/** Successes out of trials, the input of proportion tests. */
export interface Proportion {
  successes: number;
  trials: number;
}

export const rateOf = (p: Proportion): number => (p.trials > 0 ? p.successes / p.trials : NaN);

export const errorsOf = (s: SummaryStats): Proportion => ({ successes: s.counts.errors, trials: s.counts.predictions });

/** NaN outputs among predictions that produced an output (errors produce none). */
export const nanOutputsOf = (s: SummaryStats): Proportion => ({
  successes: s.counts.nanOutputs,
  trials: Math.max(0, s.counts.predictions - s.counts.errors),
});

export const latencyOf = (s: SummaryStats): Moments => s.latency.moments;

/**
 * The q-quantile of latency from the extended histogram on LATENCY_EDGES_MS, interpolated linearly
 * inside its bin; the underflow cell reads as the first edge, the overflow cell as the largest value
 * seen (each bin is ~26% wide, so this is as precise as the summary allows).
 */
export function latencyQuantile(s: SummaryStats, q: number): number {
  const counts = s.latency.counts;
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return NaN;
  const target = q * total;
  let cumulative = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i]!;
    if (c === 0 || cumulative + c < target) {
      cumulative += c;
      continue;
    }
    if (i === 0) return LATENCY_EDGES_MS[0]!;
    if (i === counts.length - 1) return s.latency.moments.max ?? LATENCY_EDGES_MS.at(-1)!;
    const low = LATENCY_EDGES_MS[i - 1]!;
    const high = LATENCY_EDGES_MS[i]!;
    return low + ((target - cumulative) / c) * (high - low);
  }
  return s.latency.moments.max ?? NaN;
}

/** Number of classes K of a (K + 1) x K confusion matrix. */
function classCount(confusion: readonly number[]): number {
  // (K + 1) * K = length  =>  K = (-1 + sqrt(1 + 4 length)) / 2
  return Math.round((-1 + Math.sqrt(1 + 4 * confusion.length)) / 2);
}

/** Correct predictions among labelled ones that had a prediction (classification). */
export function accuracyOf(s: SummaryStats): Proportion {
  const confusion = s.feedback?.confusion;
  if (!confusion || confusion.length === 0) return { successes: 0, trials: 0 };
  const k = classCount(confusion);
  let correct = 0;
  for (let c = 0; c < k; c++) correct += confusion[c * k + c]!;
  return { successes: correct, trials: confusion.reduce((a, b) => a + b, 0) };
}

/**
 * Macro-averaged F1 over the classes that occur (as label or prediction), with an approximate
 * variance; labels outside the classes (the last row) count as false positives of whatever was
 * predicted. F1_c = tp / (tp + (fp + fn)/2) is a share of m_c = tp + (fp + fn)/2 "trials", so its
 * variance is taken as F1_c(1 - F1_c)/m_c, and the macro average's as the sum over K².
 */
export function macroF1Of(s: SummaryStats): { value: number; variance: number } {
  const confusion = s.feedback?.confusion;
  if (!confusion || confusion.length === 0) return { value: NaN, variance: NaN };
  const k = classCount(confusion);
  let sum = 0;
  let variance = 0;
  let classes = 0;
  for (let c = 0; c < k; c++) {
    const tp = confusion[c * k + c]!;
    let fp = 0;
    let fn = 0;
    for (let r = 0; r <= k; r++) if (r !== c) fp += confusion[r * k + c]!;
    for (let p = 0; p < k; p++) if (p !== c) fn += confusion[c * k + p]!;
    const m = tp + (fp + fn) / 2;
    if (m === 0) continue;
    const f1 = tp / m;
    sum += f1;
    variance += (f1 * (1 - f1)) / m;
    classes++;
  }
  return classes === 0 ? { value: NaN, variance: NaN } : { value: sum / classes, variance: variance / (classes * classes) };
}

export const absoluteErrorsOf = (s: SummaryStats): Moments => s.feedback?.absoluteErrors ?? createMoments();

/** Labelled predictions: classification labels with a prediction, or regression residuals. */
export function labelsOf(s: SummaryStats): number {
  return accuracyOf(s).trials + (s.feedback?.absoluteErrors?.count ?? 0);
}

/** A named business event's count and value moments (zero and empty when it never happened). */
export function businessEventOf(s: SummaryStats, name: string): { count: number; values: Moments } {
  const business = s.business;
  const i = business ? business.names.indexOf(name) : -1;
  if (!business || i < 0) return { count: 0, values: createMoments() };
  return { count: business.counts[i]!, values: business.values[i]! };
}
