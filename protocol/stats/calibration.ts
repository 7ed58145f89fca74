/**
 * Thresholds for drift scores that have no p-value (PSI, Jensen-Shannon, normalised Wasserstein).
 * Two sources: a simulated null (what the score looks like when a window of this size really is
 * drawn from the reference), and the history of the feature's healthy windows.
 */
import { assertCounts, total } from './assert-counts.ts';
import { mulberry32, type RandomSource } from './mulberry32.ts';

/**
 * Counts of n draws from the categorical distribution with the given cumulative proportions (last
 * entry 1), each draw placed by binary search. O(n log K).
 *
 * @example
 * multinomialSample([0.5, 1], 10, mulberry32(1)); // e.g. [4, 6]
 */
export function multinomialSample(cumulative: readonly number[], n: number, random: RandomSource): number[] {
  const counts = cumulative.map(() => 0);
  const last = cumulative.length - 1;
  for (let draw = 0; draw < n; draw++) {
    const u = random() * cumulative[last]!;
    let low = 0;
    let high = last;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle]! > u) high = middle;
      else low = middle + 1;
    }
    counts[low]!++;
  }
  return counts;
}

/** Quantile with linear interpolation (type 7) of an ascending array. */
function quantileOfSorted(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const low = Math.floor(h);
  const lowValue = sorted[low]!;
  const highValue = sorted[Math.min(low + 1, sorted.length - 1)]!;
  return lowValue + (h - low) * (highValue - lowValue);
}

/** Input for `simulateNullThreshold`. */
export interface NullSimulationInput {
  /** Reference counts per cell (bins with underflow/overflow, or categories with OTHER). */
  referenceCounts: readonly number[];
  /** Size of the windows the threshold is for. */
  windowSize: number;
  /** The score, e.g. `(r, w) => populationStabilityIndex(r, w)`. */
  statistic: (reference: readonly number[], window: readonly number[]) => number;
  /** Number of simulated windows (default 1000). Cost is O(simulations × windowSize). */
  simulations?: number;
  /** Quantile of the null to return (default 0.99: one false alarm per 100 healthy windows). */
  quantile?: number;
  /** PRNG seed (default 1), so every node computes the same threshold. */
  seed?: number;
}

/** The simulated null distribution's summary. */
export interface NullSimulationResult {
  /** The requested quantile of the score under no drift. */
  threshold: number;
  mean: number;
  simulations: number;
}

/**
 * Threshold for a score as the 99th percentile (by default) of its distribution when windows of
 * `windowSize` rows are drawn from the reference's own proportions (multinomial sampling). The
 * reference is treated as the truth, which is right when it is much larger than the window;
 * scores of windows with NaN values (impossible for non-empty windows) are skipped.
 *
 * @example
 * simulateNullThreshold({ referenceCounts: ref, windowSize: 1000, statistic: populationStabilityIndex });
 * // { threshold: 0.0216, mean: 0.009, simulations: 1000 }  for 10 equal bins
 */
export function simulateNullThreshold(input: NullSimulationInput): NullSimulationResult {
  const { referenceCounts, windowSize, statistic } = input;
  assertCounts(referenceCounts, 'referenceCounts');
  const mass = total(referenceCounts);
  if (mass === 0) throw new RangeError('the reference has no mass to sample from');
  if (!Number.isInteger(windowSize) || windowSize < 1) throw new RangeError('windowSize must be a positive integer');
  const simulations = input.simulations ?? 1000;
  const random = mulberry32(input.seed ?? 1);
  let running = 0;
  const cumulative = referenceCounts.map((c) => (running += c) / mass);
  const scores: number[] = [];
  for (let s = 0; s < simulations; s++) {
    const score = statistic(referenceCounts, multinomialSample(cumulative, windowSize, random));
    if (!Number.isNaN(score)) scores.push(score);
  }
  if (scores.length === 0) return { threshold: NaN, mean: NaN, simulations };
  scores.sort((x, y) => x - y);
  const mean = scores.reduce((sum, v) => sum + v, 0) / scores.length;
  return { threshold: quantileOfSorted(scores, input.quantile ?? 0.99), mean, simulations };
}

/** The history-based threshold and what it was computed from. */
export interface HistoryThreshold {
  /** mean + k·std of the healthy scores; NaN with fewer than 2 scores. */
  threshold: number;
  mean: number;
  /** Sample standard deviation (n - 1). */
  std: number;
  n: number;
}

/**
 * Threshold from the scores of past healthy windows: mean + k·std (k = 3 by default, a
 * Shewhart-chart control limit). It adapts to a feature's natural wobble (seasonality, small
 * windows) that the simulated null does not see. NaN scores are ignored.
 *
 * @example
 * historyThreshold([0.01, 0.02, 0.015, 0.012]); // { threshold: 0.0273, mean: 0.01425, std: 0.00435, n: 4 }
 */
export function historyThreshold(healthyScores: readonly number[], options: { k?: number } = {}): HistoryThreshold {
  const scores = healthyScores.filter((v) => !Number.isNaN(v));
  const n = scores.length;
  if (n < 2) return { threshold: NaN, mean: n === 1 ? scores[0]! : NaN, std: NaN, n };
  const mean = scores.reduce((sum, v) => sum + v, 0) / n;
  const variance = scores.reduce((sum, v) => sum + (v - mean) * (v - mean), 0) / (n - 1);
  const std = Math.sqrt(variance);
  return { threshold: mean + (options.k ?? 3) * std, mean, std, n };
}
