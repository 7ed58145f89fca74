/**
 * The drift verdict of one window against a reference profile. Pure: the queries service merges
 * the buckets and passes the current window and the cohort's past windows.
 *
 * Per feature, the test comes from the protocol's drift rule (protocol/stats/drift-rule.ts). What it
 * is judged against, in order:
 * 1. history: with >= `minHistory` healthy past windows of the same length and test, the statistic
 *    against mean + 3 std of theirs (a Shewhart control limit, calibration.ts `historyThreshold`);
 * 2. alpha: tests with a p-value (binned KS, chi-squared), the Benjamini-Hochberg adjusted p-value
 *    across the window's features against `alpha`;
 * 3. null-simulation: distance tests (normalised Wasserstein, Jensen-Shannon), the statistic against
 *    the 99th percentile of its distribution over windows of this size drawn from the reference
 *    (calibration.ts `simulateNullThreshold`).
 * A past window is healthy for a feature when rules 2-3 did not flag it there.
 * Dataset verdict: drifted when more than `maxDriftedShare` of the testable features drifted, or
 * when any feature drifted under rule 2 (a BH-adjusted p below alpha controls the false discovery
 * rate across features, so one is enough).
 */
import {
  benjaminiHochbergAdjust,
  binnedWassersteinDistance,
  categoricalDrift,
  extendedCounts,
  historyThreshold,
  jensenShannonDistance,
  momentsStd,
  normalizedWasserstein,
  numericDrift,
  simulateNullThreshold,
  type CategoricalCounts,
  type DriftResult,
  type Histogram,
  type Moments,
} from '../../../protocol/stats/index.ts';
import type { DriftReport, FeatureDrift, FeatureProfile, FeatureWindow, Profile, SummaryStats } from '../../../protocol/index.ts';

export interface DriftOptions {
  alpha: number;
  maxDriftedShare: number;
  /** Healthy past windows needed before the history threshold replaces the reference-based ones (10). */
  minHistory: number;
}

/** Simulated null thresholds, cached: the same (profile, feature, test, n) always gives the same answer. */
export interface NullThresholdCache {
  get(key: string, compute: () => number): number;
}

interface FeatureTest {
  result: DriftResult;
  referenceCounts: number[];
  windowCounts: number[];
  statistic: (reference: readonly number[], window: readonly number[]) => number;
}

const finiteOrNull = (x: number | null | undefined): number | null => (x === null || x === undefined || !Number.isFinite(x) ? null : x);

function numericTest(edges: readonly number[], reference: Histogram, moments: Moments, window: FeatureWindow): FeatureTest {
  const c = window.counts;
  const histogram: Histogram = { edges: [...edges], counts: c.slice(1, -1), underflow: c[0]!, overflow: c[c.length - 1]!, missing: window.missing };
  const std = momentsStd(moments);
  return {
    result: numericDrift(reference, histogram, { referenceStd: std }),
    referenceCounts: extendedCounts(reference),
    windowCounts: c,
    statistic: (r, w) => normalizedWasserstein(binnedWassersteinDistance(edges, r, w), std),
  };
}

function categoricalTest(reference: CategoricalCounts, window: FeatureWindow): FeatureTest {
  const c = window.counts;
  const counts: CategoricalCounts = {
    categories: reference.categories, counts: c.slice(0, -1), other: c[c.length - 1]!, missing: window.missing,
    limit: reference.limit, fixed: true,
  };
  return {
    result: categoricalDrift(reference, counts),
    referenceCounts: [...reference.counts, reference.other],
    windowCounts: c,
    statistic: (r, w) => jensenShannonDistance(r, w),
  };
}

function testFeature(f: FeatureProfile, w: FeatureWindow): FeatureTest {
  return f.type === 'numeric' ? numericTest(f.histogram.edges, f.histogram, f.moments, w) : categoricalTest(f.counts, w);
}

/** n to two significant digits, so windows of 1,234 and 1,187 rows share a simulated threshold. */
const roundedN = (n: number) => (n < 100 ? n : Number(n.toPrecision(2)));

function nullThreshold(test: FeatureTest, key: string, cache: NullThresholdCache): number {
  const n = roundedN(test.result.windowN);
  return cache.get(`${key}:${test.result.test}:${n}`, () =>
    simulateNullThreshold({
      referenceCounts: test.referenceCounts, windowSize: n, statistic: test.statistic,
      // Cost is simulations x n draws: keep it near 2 million draws, never under 200 simulations.
      simulations: Math.min(1000, Math.max(200, Math.floor(2e6 / n))), seed: 1,
    }).threshold,
  );
}

interface Judged { test: FeatureTest; adjustedP: number | null; threshold: number | null; source: FeatureDrift['thresholdSource']; drifted: boolean | null }

/** Rules 2-3 for every feature of one window. */
function judgeWindow(profile: Profile, stats: SummaryStats, options: DriftOptions, keyOf: (k: number) => string, cache: NullThresholdCache): Judged[] {
  const tests = profile.features.map((f, k) => testFeature(f, stats.features[k]!));
  const adjusted = benjaminiHochbergAdjust(tests.map((t) => t.result.pValue ?? NaN));
  return tests.map((test, k): Judged => {
    const { result } = test;
    if (result.test === 'none') return { test, adjustedP: null, threshold: null, source: 'none', drifted: null };
    if (result.pValue !== null) {
      const p = adjusted[k]!;
      return { test, adjustedP: finiteOrNull(p), threshold: options.alpha, source: 'alpha', drifted: Number.isNaN(p) ? null : p < options.alpha };
    }
    const threshold = nullThreshold(test, keyOf(k), cache);
    return { test, adjustedP: null, threshold, source: 'null-simulation', drifted: Number.isNaN(result.statistic) ? null : result.statistic > threshold };
  });
}

function describeFeature(f: FeatureProfile, judged: Judged, historyWindows: number, window: FeatureWindow): FeatureDrift {
  const { result, referenceCounts, windowCounts } = judged.test;
  const reference = f.type === 'numeric'
    ? { edges: f.histogram.edges, counts: referenceCounts, mean: finiteOrNull(f.moments.mean), std: finiteOrNull(momentsStd(f.moments)) }
    : { categories: [...f.counts.categories, 'OTHER'], counts: referenceCounts, mean: null, std: null };
  const m = window.moments;
  return {
    feature: f.name, type: f.type, test: result.test, statistic: finiteOrNull(result.statistic),
    pValue: finiteOrNull(result.pValue), adjustedP: judged.adjustedP, psi: finiteOrNull(result.psi),
    threshold: finiteOrNull(judged.threshold), thresholdSource: judged.source, historyWindows, windowN: result.windowN,
    drifted: judged.drifted, reference,
    current: { counts: windowCounts, missing: window.missing, mean: m && m.count > 0 ? m.mean : null, std: m ? finiteOrNull(momentsStd(m)) : null },
  };
}

/** Prediction drift: output scores (numeric) and predicted classes (categorical) against the reference. */
function outputDrift(profile: Profile, current: SummaryStats, options: DriftOptions, cache: NullThresholdCache, key: string): FeatureDrift[] {
  const output = profile.output;
  // No scored prediction in the window (no profile output, or every request failed): nothing to compare.
  if (!output || !current.output || current.output.scores.every((c) => c === 0)) return [];
  const scoreProfile: FeatureProfile = {
    name: 'output.score', type: 'numeric', source: { kind: 'element', input: output.spec.tensor, index: 0 },
    histogram: output.scores, moments: output.scoreMoments,
  };
  const features: Array<[FeatureProfile, FeatureWindow]> = [[scoreProfile, { counts: current.output.scores, missing: 0, moments: current.output.scoreMoments }]];
  const classes = output.spec.classes ?? [];
  if (classes.length > 0) {
    const counts: CategoricalCounts = { categories: classes, counts: output.classes, other: 0, missing: 0, limit: classes.length, fixed: true };
    features.push([{ name: 'output.class', type: 'categorical', source: { kind: 'element', input: output.spec.tensor, index: 0 }, counts },
      { counts: [...current.output.classes, 0], missing: 0 }]);
  }
  return features.map(([f, w], i) => {
    const test = testFeature(f, w);
    const { result } = test;
    const judged: Judged = result.test === 'none' ? { test, adjustedP: null, threshold: null, source: 'none', drifted: null }
      : result.pValue !== null ? { test, adjustedP: null, threshold: options.alpha, source: 'alpha', drifted: result.pValue < options.alpha }
      : (() => {
          const threshold = nullThreshold(test, `${key}:output${i}`, cache);
          return { test, adjustedP: null, threshold, source: 'null-simulation' as const, drifted: result.statistic > threshold };
        })();
    return describeFeature(f, judged, 0, w);
  });
}

export type DriftVerdict = Pick<DriftReport, 'features' | 'output' | 'drifted' | 'driftedShare' | 'driftedFeatures' | 'reason'>;

/**
 * A past window judged by rules 2-3, per feature. Judging costs a p-value per feature (the exact
 * finite-n KS distribution can take milliseconds), so callers keep these for closed windows
 * instead of judging a cohort's whole history on every report.
 */
export interface JudgedWindow {
  features: Array<{ test: DriftResult['test']; statistic: number; drifted: boolean | null }>;
}

/**
 * Judge one past window for use as history.
 *
 * @example
 * const past = windows.map((w) => judgeHistoryWindow(profile, w, options, cache, sha256));
 */
export function judgeHistoryWindow(profile: Profile, stats: SummaryStats, options: DriftOptions, cache: NullThresholdCache, key: string): JudgedWindow {
  return {
    features: judgeWindow(profile, stats, options, (k) => `${key}:${k}`, cache).map((j) => ({
      test: j.test.result.test, statistic: j.test.result.statistic, drifted: j.drifted,
    })),
  };
}

/**
 * Judge `current` against `profile`, with `history` (past windows of the same length, any order,
 * judged by `judgeHistoryWindow`) for the history thresholds. `key` identifies the profile in the
 * null-threshold cache.
 *
 * @example
 * computeDrift(profile, merged, judgedPastWindows, { alpha: 0.01, maxDriftedShare: 0.5, minHistory: 10 }, cache, sha256)
 */
export function computeDrift(
  profile: Profile,
  current: SummaryStats,
  history: readonly JudgedWindow[],
  options: DriftOptions,
  cache: NullThresholdCache,
  key: string,
): DriftVerdict {
  const keyOf = (k: number) => `${key}:${k}`;
  const judged = judgeWindow(profile, current, options, keyOf, cache);
  const features = profile.features.map((f, k) => {
    const now = judged[k]!;
    const healthy = history.map((h) => h.features[k]).filter((p) => p?.drifted === false && p.test === now.test.result.test);
    let decision = now;
    if (now.drifted !== null && healthy.length >= options.minHistory) {
      const { threshold } = historyThreshold(healthy.map((p) => p!.statistic), { k: 3 });
      if (Number.isFinite(threshold)) decision = { ...now, threshold, source: 'history', drifted: now.test.result.statistic > threshold };
    }
    return describeFeature(f, decision, decision.source === 'history' ? healthy.length : 0, current.features[k]!);
  });
  const testable = features.filter((f) => f.drifted !== null);
  const drifted = features.filter((f) => f.drifted === true);
  const share = testable.length === 0 ? 0 : drifted.length / testable.length;
  const byAlpha = drifted.filter((f) => f.thresholdSource === 'alpha');
  const verdict = share > options.maxDriftedShare || byAlpha.length > 0;
  const reason = share > options.maxDriftedShare
    ? `${drifted.length} of ${testable.length} features drifted (more than ${Math.round(options.maxDriftedShare * 100)}%)`
    : byAlpha.length > 0
      ? `BH-adjusted p < ${options.alpha} for ${byAlpha.map((f) => f.feature).join(', ')}`
      : testable.length === 0 ? 'no feature is testable in this window' : `${drifted.length} of ${testable.length} features drifted`;
  return {
    features, output: outputDrift(profile, current, options, cache, key), drifted: verdict, driftedShare: share,
    driftedFeatures: drifted.map((f) => f.feature), reason,
  };
}

/**
 * One feature's drift statistic and PSI in a window (the drift rule's test, no threshold), for
 * time series. Null when the profile has no such feature.
 *
 * @example
 * featureDriftStatistic(profile, bucketStats, 'radius') // { test: 'ks-binned', statistic: 0.04, psi: 0.01 }
 */
export function featureDriftStatistic(profile: Profile, stats: SummaryStats, feature: string) {
  const k = profile.features.findIndex((f) => f.name === feature);
  if (k < 0) return null;
  const { result } = testFeature(profile.features[k]!, stats.features[k]!);
  return { test: result.test, statistic: finiteOrNull(result.statistic), psi: finiteOrNull(result.psi) };
}
