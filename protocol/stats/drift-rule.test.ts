import { describe, expect, it } from 'vitest';
import { addCategory, createCategoricalCounts, topCategories, type CategoricalValue } from './categorical-counts.ts';
import { simulateNullThreshold } from './calibration.ts';
import { binnedWassersteinDistance, normalizedWasserstein } from './distances.ts';
import {
  categoricalDrift,
  chooseCategoricalDriftTest,
  chooseNumericDriftTest,
  numericDrift,
} from './drift-rule.ts';
import { equalMassEdges, extendedCounts, histogramOf } from './histogram.ts';
import { momentsOf, momentsStd } from './moments.ts';
import { mulberry32, normalSampler } from './mulberry32.ts';

const draw = normalSampler(mulberry32(5));
const sample = (n: number, shift = 0, scale = 1) => Array.from({ length: n }, () => draw() * scale + shift);
const referenceValues = sample(5000);
const edges = equalMassEdges(referenceValues);
const reference = histogramOf(edges, referenceValues);
const referenceStd = momentsStd(momentsOf(referenceValues));

describe('choosing the test', () => {
  it('numeric: KS on bins from 30 values, normalised Wasserstein below, none when empty', () => {
    expect(chooseNumericDriftTest(30)).toBe('ks-binned');
    expect(chooseNumericDriftTest(29)).toBe('wasserstein-normalized');
    expect(chooseNumericDriftTest(1)).toBe('wasserstein-normalized');
    expect(chooseNumericDriftTest(0)).toBe('none');
    expect(chooseNumericDriftTest(NaN)).toBe('none');
  });

  it('categorical: chi-squared when every expected count is at least 5, else Jensen-Shannon', () => {
    expect(chooseCategoricalDriftTest(5)).toBe('chi-squared');
    expect(chooseCategoricalDriftTest(4.99)).toBe('jensen-shannon');
    expect(chooseCategoricalDriftTest(NaN)).toBe('none');
  });
});

describe('numericDrift', () => {
  it('stays quiet for a window from the reference distribution', () => {
    const result = numericDrift(reference, histogramOf(edges, sample(500)), { referenceStd });
    expect(result.test).toBe('ks-binned');
    expect(result.pValue).toBeGreaterThan(0.01);
    expect(result.drifted).toBe(false);
    expect(result.psi).toBeLessThan(0.2);
    expect(result.windowN).toBe(500);
  });

  it('flags a half-sd shift, with PSI reported beside the test', () => {
    const result = numericDrift(reference, histogramOf(edges, sample(500, 0.5)), { referenceStd });
    expect(result.test).toBe('ks-binned');
    expect(result.pValue).toBeLessThan(1e-6);
    expect(result.drifted).toBe(true);
    expect(result.psi).toBeGreaterThan(0.1);
  });

  it('counts values outside the reference range as a shift (all mass in overflow)', () => {
    const result = numericDrift(reference, histogramOf(edges, sample(100, 100)), { referenceStd });
    expect(result.statistic).toBe(1);
    expect(result.drifted).toBe(true);
  });

  it('uses the normalised Wasserstein distance for small windows, thresholded by calibration', () => {
    const window = histogramOf(edges, sample(12, 2));
    const unthresholded = numericDrift(reference, window, { referenceStd });
    expect(unthresholded.test).toBe('wasserstein-normalized');
    expect(unthresholded.pValue).toBeNull();
    expect(unthresholded.drifted).toBeNull();
    expect(unthresholded.statistic).toBeCloseTo(
      normalizedWasserstein(binnedWassersteinDistance(edges, extendedCounts(reference), extendedCounts(window)), referenceStd),
      15,
    );
    const { threshold } = simulateNullThreshold({
      referenceCounts: extendedCounts(reference),
      windowSize: 12,
      statistic: (r, w) => normalizedWasserstein(binnedWassersteinDistance(edges, r, w), referenceStd),
      simulations: 500,
    });
    expect(numericDrift(reference, window, { referenceStd, distanceThreshold: threshold }).drifted).toBe(true);
    const healthy = histogramOf(edges, sample(12));
    expect(numericDrift(reference, healthy, { referenceStd, distanceThreshold: threshold }).drifted).toBe(false);
  });

  it('reports "none" for an empty or all-missing window and rejects other edges', () => {
    const result = numericDrift(reference, histogramOf(edges, [NaN, null]), { referenceStd });
    expect(result).toMatchObject({ test: 'none', drifted: null, windowN: 0 });
    expect(result.statistic).toBeNaN();
    expect(() => numericDrift(reference, histogramOf([0, 1], [0.5]), { referenceStd })).toThrow(RangeError);
  });
});

describe('categoricalDrift', () => {
  const draws = mulberry32(17);
  const pick = (weights: [string, number][]) => () => {
    let u = draws();
    for (const [name, w] of weights) if ((u -= w) < 0) return name;
    return weights[weights.length - 1]![0];
  };
  const base = pick([['a', 0.5], ['b', 0.3], ['c', 0.2]]);
  const referenceValues: CategoricalValue[] = Array.from({ length: 2000 }, base);
  const categories = topCategories(referenceValues);
  const count = (values: CategoricalValue[]) => {
    const state = createCategoricalCounts({ categories });
    for (const v of values) addCategory(state, v);
    return state;
  };
  const referenceCounts = count(referenceValues);

  it('uses chi-squared for a large window and stays quiet without change', () => {
    const result = categoricalDrift(referenceCounts, count(Array.from({ length: 400 }, base)));
    expect(result.test).toBe('chi-squared');
    expect(result.drifted).toBe(false);
  });

  it('flags a changed mix and a new category (folded into OTHER)', () => {
    const shifted = pick([['a', 0.3], ['b', 0.3], ['c', 0.2], ['new', 0.2]]);
    const result = categoricalDrift(referenceCounts, count(Array.from({ length: 400 }, shifted)));
    expect(result.test).toBe('chi-squared');
    expect(result.pValue).toBeLessThan(1e-10);
    expect(result.drifted).toBe(true);
    expect(result.psi).toBeGreaterThan(0.5);
  });

  it('uses Jensen-Shannon when the window is too small for chi-squared', () => {
    const result = categoricalDrift(referenceCounts, count(['a', 'c', 'c', 'c']), { distanceThreshold: 0.3 });
    expect(result.test).toBe('jensen-shannon');
    expect(result.pValue).toBeNull();
    expect(typeof result.drifted).toBe('boolean');
  });

  it('single category on both sides: no drift; empty window: none', () => {
    const only = createCategoricalCounts({ categories: ['x'] });
    for (let i = 0; i < 50; i++) addCategory(only, 'x');
    expect(categoricalDrift(only, only)).toMatchObject({ test: 'chi-squared', pValue: 1, drifted: false });
    expect(categoricalDrift(referenceCounts, count([null, null]))).toMatchObject({ test: 'none', windowN: 0 });
  });
});
