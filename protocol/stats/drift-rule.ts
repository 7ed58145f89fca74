/**
 * Which drift test each feature gets, and running it on a reference/window pair.
 *
 * The rule (one place, so the device, the browser and the control plane agree):
 * - numeric feature, window n >= 30: two-sample KS on the shared bins (underflow and overflow
 *   included). It has a p-value, is distribution-free, and 30 is where its asymptotic p-value is
 *   usable.
 * - numeric feature, window n < 30: Wasserstein-1 on the bins divided by the reference standard
 *   deviation. A KS on a handful of values has almost no power; a distance in units of spread still
 *   says "how far", and its threshold comes from calibration.ts.
 * - categorical feature, every expected count >= 5 in the 2xK table of reference vs window:
 *   chi-squared homogeneity (Cochran's rule for the chi-squared approximation).
 * - categorical feature otherwise: Jensen-Shannon distance (natural log), bounded and defined with
 *   empty cells, thresholded by calibration.
 * - PSI is always reported as a score beside the test, because dashboards and model owners read it.
 */
import { total } from './assert-counts.ts';
import { alignCategoricalCounts, type CategoricalCounts } from './categorical-counts.ts';
import { chiSquaredHomogeneity } from './chi-squared-test.ts';
import {
  binnedWassersteinDistance,
  jensenShannonDistance,
  normalizedWasserstein,
  populationStabilityIndex,
} from './distances.ts';
import { extendedCounts, histogramTotal, mergeHistograms, type Histogram } from './histogram.ts';
import { ksTwoSampleBinnedTest } from './ks-test.ts';

/** The tests the rule can pick; `none` for an empty window. */
export type DriftTest = 'ks-binned' | 'wasserstein-normalized' | 'chi-squared' | 'jensen-shannon' | 'none';

/** Smallest window for the binned KS test. */
export const MIN_KS_WINDOW = 30;
/** Smallest expected cell count for the chi-squared test (Cochran). */
export const MIN_EXPECTED_COUNT = 5;

/**
 * The test for a numeric feature given the window's non-missing count.
 *
 * @example
 * chooseNumericDriftTest(500); // 'ks-binned'
 * chooseNumericDriftTest(12); // 'wasserstein-normalized'
 */
export function chooseNumericDriftTest(windowN: number): DriftTest {
  if (!(windowN > 0)) return 'none';
  return windowN >= MIN_KS_WINDOW ? 'ks-binned' : 'wasserstein-normalized';
}

/**
 * The test for a categorical feature given the smallest expected count of the 2xK table.
 *
 * @example
 * chooseCategoricalDriftTest(7.5); // 'chi-squared'
 * chooseCategoricalDriftTest(0.8); // 'jensen-shannon'
 */
export function chooseCategoricalDriftTest(minExpected: number): DriftTest {
  if (Number.isNaN(minExpected)) return 'none';
  return minExpected >= MIN_EXPECTED_COUNT ? 'chi-squared' : 'jensen-shannon';
}

/** Outcome of a drift check on one feature. */
export interface DriftResult {
  test: DriftTest;
  /** KS D, normalised W1, chi-squared or JS distance, per `test`; NaN for `none`. */
  statistic: number;
  /** p-value for KS and chi-squared; null for the distance tests. */
  pValue: number | null;
  /** PSI of window against reference over the same cells. */
  psi: number;
  windowN: number;
  /** p < alpha, or statistic > distanceThreshold; null when no threshold applies. */
  drifted: boolean | null;
}

/** Options shared by both drift checks. */
export interface DriftOptions {
  /** Significance level for the tests with a p-value (default 0.01: many features are checked). */
  alpha?: number;
  /** Threshold for the distance tests, from `simulateNullThreshold` or `historyThreshold`. */
  distanceThreshold?: number;
}

function decide(statistic: number, pValue: number | null, options: DriftOptions): boolean | null {
  if (Number.isNaN(statistic)) return null;
  if (pValue !== null) return pValue < (options.alpha ?? 0.01);
  return options.distanceThreshold === undefined ? null : statistic > options.distanceThreshold;
}

const EMPTY_WINDOW: DriftResult = { test: 'none', statistic: NaN, pValue: null, psi: NaN, windowN: 0, drifted: null };

/**
 * Drift of a numeric feature: window histogram against reference histogram on the same edges
 * (throws a RangeError otherwise), tested per the rule above. `referenceStd` (from the reference
 * moments) scales the Wasserstein distance.
 *
 * @example
 * numericDrift(referenceHistogram, windowHistogram, { referenceStd: 2.5 });
 * // { test: 'ks-binned', statistic: 0.08, pValue: 0.003, psi: 0.05, windowN: 400, drifted: true }
 */
export function numericDrift(
  reference: Histogram,
  window: Histogram,
  options: DriftOptions & { referenceStd: number },
): DriftResult {
  mergeHistograms(reference, window); // validates identical edges
  const windowN = histogramTotal(window);
  const test = chooseNumericDriftTest(windowN);
  if (test === 'none' || histogramTotal(reference) === 0) return { ...EMPTY_WINDOW, windowN };
  const a = extendedCounts(reference);
  const b = extendedCounts(window);
  const psi = populationStabilityIndex(a, b);
  if (test === 'ks-binned') {
    const { statistic, pValue } = ksTwoSampleBinnedTest(a, b);
    return { test, statistic, pValue, psi, windowN, drifted: decide(statistic, pValue, options) };
  }
  const distance = binnedWassersteinDistance(reference.edges, a, b);
  const statistic = normalizedWasserstein(distance, options.referenceStd);
  return { test, statistic, pValue: null, psi, windowN, drifted: decide(statistic, null, options) };
}

/**
 * Drift of a categorical feature: window counts aligned to the reference's categories (unknown
 * categories fold into OTHER), tested per the rule above. Cells empty on both sides are dropped.
 *
 * @example
 * categoricalDrift(referenceCounts, windowCounts);
 * // { test: 'chi-squared', statistic: 3.1, pValue: 0.38, psi: 0.01, windowN: 900, drifted: false }
 */
export function categoricalDrift(
  reference: CategoricalCounts,
  window: CategoricalCounts,
  options: DriftOptions = {},
): DriftResult {
  const aligned = alignCategoricalCounts(reference, window);
  const keep = aligned.reference.map((r, k) => r + aligned.window[k]! > 0);
  const a = aligned.reference.filter((_, k) => keep[k]);
  const b = aligned.window.filter((_, k) => keep[k]);
  const windowN = total(b);
  if (windowN === 0 || total(a) === 0) return { ...EMPTY_WINDOW, windowN };
  const psi = populationStabilityIndex(a, b);
  const chiSquared = chiSquaredHomogeneity(a, b);
  const test = chooseCategoricalDriftTest(chiSquared.minExpected);
  if (test === 'chi-squared') {
    const { statistic, pValue } = chiSquared;
    return { test, statistic, pValue, psi, windowN, drifted: decide(statistic, pValue, options) };
  }
  const statistic = jensenShannonDistance(a, b);
  return { test, statistic, pValue: null, psi, windowN, drifted: decide(statistic, null, options) };
}
