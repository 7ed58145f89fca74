import { describe, expect, it } from 'vitest';
import { addPrediction, openWindow, type SummaryStats } from '../../../protocol/index.ts';
import { mulberry32, normalSampler } from '../../../protocol/stats/index.ts';
import { syntheticProfile, syntheticRow, type SyntheticShape } from '../../../protocol/testing/synthetic-traffic.ts';
import { computeDrift, judgeHistoryWindow, type JudgedWindow, type NullThresholdCache } from './drift-report.ts';

// False alarms on windows drawn from the reference's own distribution: 10 numeric features (some
// with heavy ties) and 3 categorical ones, a reference of 20,000 rows. Windows of 5,000 rows keep
// the test quick: at effective sizes of a few hundred the exact KS distribution (Marsaglia-Tsang-
// Wang) takes milliseconds per p-value.

const shape: SyntheticShape = { numeric: 10, categorical: 3, categories: 6 };
const profile = syntheticProfile(shape, 20_000, 1);
const options = { alpha: 0.01, maxDriftedShare: 0.5, minHistory: 10 };

function cache(): NullThresholdCache {
  const map = new Map<string, number>();
  return { get: (key, compute) => map.get(key) ?? (map.set(key, compute()), map.get(key)!) };
}

function windowOf(rows: number, seed: number, shift = 0): SummaryStats {
  const random = mulberry32(seed);
  const normal = normalSampler(random);
  const window = openWindow({ deviceId: 'dev_synthetic1', model: 'synthetic', version: '1', variant: 'fp32' }, profile, '2026-01-01T00:00:00.000Z');
  for (let i = 0; i < rows; i++) addPrediction(window, { features: syntheticRow(shape, random, normal, shift), latencyMs: 1 });
  return window.summary;
}

/** Verdicts for `windows` fresh windows, each judged with no history and with the previous 24 as history. */
function falseAlarms(rows: number, windows: number) {
  const thresholds = cache();
  const past: JudgedWindow[] = [];
  const plain = { dataset: 0, features: 0, tests: 0, sources: new Set<string>() };
  const withHistory = { dataset: 0, features: 0, tests: 0, sources: new Set<string>() };
  for (let w = 0; w < windows; w++) {
    const stats = windowOf(rows, 10_000 + w);
    let base: JudgedWindow | null = null;
    for (const [tally, history] of [[plain, []], [withHistory, past.slice(-24)]] as const) {
      const verdict = computeDrift(profile, stats, history, options, thresholds, 'synthetic');
      if (verdict.drifted) tally.dataset++;
      for (const f of verdict.features) {
        tally.sources.add(f.thresholdSource);
        if (f.drifted !== null) tally.tests++;
        if (f.drifted) tally.features++;
      }
      // Without history the verdict is the base judgement: what judgeHistoryWindow would compute again.
      base ??= { features: verdict.features.map((f) => ({ test: f.test, statistic: f.statistic ?? NaN, drifted: f.drifted })) };
    }
    past.push(base!);
  }
  const rates = (t: typeof plain) => ({ datasetRate: t.dataset / windows, featureRate: t.features / t.tests, sources: [...t.sources].sort() });
  return { plain: rates(plain), history: rates(withHistory) };
}

describe('drift verdicts on same-distribution windows', () => {
  it('keeps false alarms near the configured level over 200 windows (KS and chi-squared, BH at alpha 0.01)', () => {
    const { plain, history } = falseAlarms(5000, 200);
    console.log(`false alarms, 200 windows x 5,000 rows, alpha 0.01: dataset ${plain.datasetRate}, per feature ${plain.featureRate.toFixed(4)} (reference thresholds); ` +
      `dataset ${history.datasetRate}, per feature ${history.featureRate.toFixed(4)} (history thresholds once 10 windows exist)`);
    expect(plain.sources).toEqual(['alpha']);
    expect(history.sources).toEqual(['alpha', 'history']);
    expect(plain.datasetRate).toBeLessThanOrEqual(0.03);
    expect(plain.featureRate).toBeLessThanOrEqual(0.01);
    expect(history.datasetRate).toBeLessThanOrEqual(0.03);
    expect(history.featureRate).toBeLessThanOrEqual(0.03);
  });

  it('calibrates small windows by simulation: ~1% of features flagged at the null 99th percentile (20-row windows)', () => {
    const { plain: small } = falseAlarms(20, 200);
    console.log(`false alarms, 200 windows x 20 rows: dataset ${small.datasetRate}, per feature ${small.featureRate.toFixed(4)} (null-simulation thresholds)`);
    expect(small.sources).toEqual(['null-simulation']);
    expect(small.featureRate).toBeLessThanOrEqual(0.025);
    expect(small.datasetRate).toBeLessThanOrEqual(0.01);
  });

  it('flags a one-standard-deviation shift: every numeric feature in large windows, most of them in 20 rows', () => {
    const large = computeDrift(profile, windowOf(5000, 7, 1), [], options, cache(), 'synthetic');
    expect(large.drifted).toBe(true);
    expect(large.features.slice(0, shape.numeric).every((f) => f.drifted)).toBe(true);
    expect(large.features.slice(shape.numeric).some((f) => f.drifted)).toBe(false); // categorical ones did not move
    const small = computeDrift(profile, windowOf(20, 7, 1), [], options, cache(), 'synthetic');
    expect(small.drifted).toBe(true); // more than half the features
    expect(small.features.slice(0, shape.numeric).filter((f) => f.drifted).length).toBeGreaterThanOrEqual(8);
  });

  it('uses the cohort history once it has ten healthy windows, and not a drifted one', () => {
    const thresholds = cache();
    const judge = (stats: SummaryStats) => judgeHistoryWindow(profile, stats, options, thresholds, 'synthetic');
    const history = Array.from({ length: 12 }, (_, i) => judge(windowOf(5000, 500 + i)));
    const drifted = judge(windowOf(5000, 99, 1));
    const verdict = computeDrift(profile, windowOf(5000, 1), [...history, drifted], options, thresholds, 'synthetic');
    expect(verdict.features[0]).toMatchObject({ thresholdSource: 'history', historyWindows: 12, drifted: false });
    const few = computeDrift(profile, windowOf(5000, 1), history.slice(0, 9), options, thresholds, 'synthetic');
    expect(few.features[0]!.thresholdSource).toBe('alpha');
  });
});
