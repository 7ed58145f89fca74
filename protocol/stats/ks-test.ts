/**
 * Two-sample Kolmogorov-Smirnov tests: on raw samples (exact p for small samples, as scipy's
 * `ks_2samp`) and on two histograms over the same bins, which is what devices send.
 */
import { assertCounts, assertSameLength, total } from './assert-counts.ts';
import {
  kolmogorovSmirnovSf,
  ksTwoSamplePValue,
  type KsPValueMethod,
} from './kolmogorov-distribution.ts';

/** Result of a two-sample KS test on raw samples. */
export interface KsTestResult {
  /** D = sup |F1 - F2|; NaN when a sample is empty. */
  statistic: number;
  /** Two-sided p-value; NaN when a sample is empty. */
  pValue: number;
  /** Values used after dropping NaN. */
  n1: number;
  n2: number;
  method: KsPValueMethod | 'none';
}

function sortedFinite(values: readonly number[]): Float64Array {
  const kept = Float64Array.from(values.filter((v) => !Number.isNaN(v)));
  return kept.sort();
}

/**
 * Largest |i·n2 - j·n1| over the merged order, i and j the counts of each sample at or below each
 * distinct value. Integer arithmetic keeps D exactly on the lattice h/lcm(n1, n2).
 */
function largestGap(x: Float64Array, y: Float64Array): number {
  const n1 = x.length;
  const n2 = y.length;
  let i = 0;
  let j = 0;
  let largest = 0;
  while (i < n1 && j < n2) {
    const v = Math.min(x[i]!, y[j]!);
    // Step past every copy of v in both samples before comparing: ties move together.
    while (i < n1 && x[i] === v) i++;
    while (j < n2 && y[j] === v) j++;
    largest = Math.max(largest, Math.abs(i * n2 - j * n1));
  }
  return largest;
}

/**
 * Two-sample KS test on raw samples. NaN values are dropped; ±Infinity are ordinary values. With
 * method `auto` the p-value is exact (lattice paths) when both samples have at most 10,000 values
 * and asymptotic otherwise, matching scipy. The exact p assumes no ties; with ties it is
 * conservative.
 *
 * @example
 * ksTwoSampleTest([1.01, 2.01], [1, 2, 3, 4]); // { statistic: 0.5, pValue: 14/15, ... }
 */
export function ksTwoSampleTest(
  x: readonly number[],
  y: readonly number[],
  options: { method?: KsPValueMethod | 'auto' } = {},
): KsTestResult {
  const a = sortedFinite(x);
  const b = sortedFinite(y);
  const n1 = a.length;
  const n2 = b.length;
  if (n1 === 0 || n2 === 0) return { statistic: NaN, pValue: NaN, n1, n2, method: 'none' };
  const statistic = largestGap(a, b) / (n1 * n2);
  const { pValue, method } = ksTwoSamplePValue(n1, n2, statistic, options.method ?? 'auto');
  return { statistic, pValue, n1, n2, method };
}

/** Result of a two-sample KS test on histograms. */
export interface KsBinnedTestResult {
  /** Largest gap between the two cumulative proportions at bin edges; NaN when either is empty. */
  statistic: number;
  /** Asymptotic two-sided p-value at the effective size; NaN when either histogram is empty. */
  pValue: number;
  /** n1·n2/(n1 + n2), the size the one-sample distribution is evaluated at (rounded). */
  effectiveN: number;
  n1: number;
  n2: number;
}

/**
 * Two-sample KS test on two histograms over the same bins (include underflow and overflow as the
 * first and last entries if they should count). D is the largest gap between the cumulative
 * proportions at the bin edges, and p comes from the KS distribution at the effective size
 * round(n1·n2/(n1+n2)), as scipy's asymptotic two-sample method.
 *
 * Why this is conservative: D is only seen at bin edges, so it can only underestimate the D of
 * the raw samples; with ~50 equal-mass bins the loss is at most ~2% of the mass.
 *
 * @example
 * ksTwoSampleBinnedTest([10, 20, 30], [30, 20, 10]); // { statistic: 0.3333, pValue: 0.00179, effectiveN: 30, ... }
 */
export function ksTwoSampleBinnedTest(
  countsA: readonly number[],
  countsB: readonly number[],
): KsBinnedTestResult {
  assertCounts(countsA, 'countsA');
  assertCounts(countsB, 'countsB');
  assertSameLength(countsA, countsB, 'countsA', 'countsB');
  const n1 = total(countsA);
  const n2 = total(countsB);
  if (n1 === 0 || n2 === 0) return { statistic: NaN, pValue: NaN, effectiveN: 0, n1, n2 };
  let cumulativeA = 0;
  let cumulativeB = 0;
  let statistic = 0;
  for (let k = 0; k < countsA.length; k++) {
    cumulativeA += countsA[k]!;
    cumulativeB += countsB[k]!;
    statistic = Math.max(statistic, Math.abs(cumulativeA / n1 - cumulativeB / n2));
  }
  const effectiveN = Math.max(1, Math.round((n1 * n2) / (n1 + n2)));
  return { statistic, pValue: kolmogorovSmirnovSf(effectiveN, statistic), effectiveN, n1, n2 };
}
