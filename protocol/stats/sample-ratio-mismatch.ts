/**
 * Sample-ratio mismatch (SRM): are the arm sizes of an experiment compatible with the planned
 * split? A mismatch means assignment or logging is broken and the experiment's comparison is not
 * trustworthy, whatever its p-value (Fabijan et al. 2019, "Diagnosing Sample Ratio Mismatch").
 */
import { assertCounts, assertSameLength, total } from './assert-counts.ts';
import { chiSquaredGoodnessOfFit, type ChiSquaredTestResult } from './chi-squared-test.ts';

/** Result of a sample-ratio-mismatch check. */
export interface SampleRatioMismatchResult extends ChiSquaredTestResult {
  /** Expected count per arm at the planned shares. */
  expected: number[];
  /** True when p < alpha. False when there is no data. */
  mismatch: boolean;
}

/**
 * Chi-squared goodness of fit of observed arm counts to the planned shares (any positive weights,
 * normalised here). The default alpha of 0.001 is deliberately strict: the check runs on every
 * look at every experiment, and a false SRM alarm halts a healthy rollout.
 *
 * @example
 * sampleRatioMismatch([5000, 5200], [0.5, 0.5]); // { pValue: 0.0477, mismatch: false, ... }
 */
export function sampleRatioMismatch(
  observed: readonly number[],
  expectedShares: readonly number[],
  options: { alpha?: number } = {},
): SampleRatioMismatchResult {
  assertCounts(observed, 'observed');
  assertCounts(expectedShares, 'expectedShares');
  assertSameLength(observed, expectedShares, 'observed', 'expectedShares');
  const shareTotal = total(expectedShares);
  if (shareTotal === 0) throw new RangeError('expectedShares must not all be zero');
  const n = total(observed);
  const expected = expectedShares.map((share) => (n * share) / shareTotal);
  const result = chiSquaredGoodnessOfFit(observed, expected);
  const alpha = options.alpha ?? 0.001;
  return { ...result, expected, mismatch: result.pValue < alpha };
}
