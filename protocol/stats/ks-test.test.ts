import { describe, expect, it } from 'vitest';
import { ksTwoSampleBinnedTest, ksTwoSampleTest } from './ks-test.ts';
import { mulberry32, normalSampler } from './mulberry32.ts';

/** numpy.linspace: start + i·step, with the last point exactly stop. */
function linspace(start: number, stop: number, n: number): number[] {
  const step = (stop - start) / (n - 1);
  return Array.from({ length: n }, (_, i) => (i === n - 1 ? stop : start + i * step));
}

function normalSample(n: number, shift: number, seed: number): number[] {
  const draw = normalSampler(mulberry32(seed));
  return Array.from({ length: n }, () => draw() + shift);
}

/** Counts of values per bin [e_i, e_i+1), with values outside dropped (test helper). */
function binCounts(values: number[], edges: number[]): number[] {
  const counts = new Array<number>(edges.length - 1).fill(0);
  for (const v of values) {
    const k = edges.findIndex((e, i) => i < edges.length - 1 && v >= e && v < edges[i + 1]!);
    if (k >= 0) counts[k]!++;
  }
  return counts;
}

describe('ksTwoSampleTest on raw samples (published scipy ks_2samp values)', () => {
  const x = linspace(1, 100, 100);

  it('y = linspace(1, 100, 110) + 20.1: D = 232/1100, exact p = 0.015739183865607353', () => {
    const result = ksTwoSampleTest(x, linspace(1, 100, 110).map((v) => v + 20.1));
    expect(result.statistic).toBeCloseTo(232 / 1100, 15);
    expect(result.pValue).toBeCloseTo(0.015739183865607353, 13);
    expect(result.method).toBe('exact');
  });

  it('y = linspace(1, 100, 110) + 19.9: D = 229/1100, p = 0.017803803861026313', () => {
    const result = ksTwoSampleTest(x, linspace(1, 100, 110).map((v) => v + 19.9));
    expect(result.statistic).toBeCloseTo(229 / 1100, 15);
    expect(result.pValue).toBeCloseTo(0.017803803861026313, 13);
  });

  it('x vs x + 2.1: D = 0.03, p = 0.9999999999962055', () => {
    const result = ksTwoSampleTest(x, x.map((v) => v + 2.1));
    expect(result.statistic).toBeCloseTo(0.03, 15);
    expect(result.pValue).toBeCloseTo(0.9999999999962055, 15);
  });

  it('[0] vs [1]: D = 1, p = 1', () => {
    expect(ksTwoSampleTest([0], [1])).toMatchObject({ statistic: 1, pValue: 1 });
  });

  it('[1.01, 2.01] vs [1, 2, 3, 4]: D = 0.5, p = 14/15', () => {
    const result = ksTwoSampleTest([1.01, 2.01], [1, 2, 3, 4]);
    expect(result.statistic).toBe(0.5);
    expect(result.pValue).toBeCloseTo(14 / 15, 15);
  });

  it('uses the asymptotic distribution when asked: 0.016541 (published, 5 digits)', () => {
    const result = ksTwoSampleTest(x, linspace(1, 100, 110).map((v) => v + 20.1), { method: 'asymptotic' });
    expect(result.pValue).toBeCloseTo(0.016541, 6);
  });
});

describe('ksTwoSampleTest edge cases', () => {
  it('moves tied values together', () => {
    expect(ksTwoSampleTest([1, 1, 2], [1, 2, 2]).statistic).toBeCloseTo(1 / 3, 15);
    expect(ksTwoSampleTest([5, 5, 5], [5, 5])).toMatchObject({ statistic: 0, pValue: 1 });
  });

  it('drops NaN, keeps infinities, and is NaN for an empty sample', () => {
    const clean = ksTwoSampleTest([1, 2, 3], [2.5, 4]);
    expect(ksTwoSampleTest([1, NaN, 2, 3], [2.5, NaN, 4])).toEqual(clean);
    expect(ksTwoSampleTest([-Infinity, 0], [Infinity, 1]).statistic).toBe(1);
    expect(ksTwoSampleTest([], [1, 2])).toMatchObject({ statistic: NaN, pValue: NaN, method: 'none' });
    expect(ksTwoSampleTest([NaN], [1, 2]).n1).toBe(0);
  });

  it('large samples: asymptotic, quiet under no shift and decisive for a 0.1 sd shift', () => {
    const a = normalSample(20_000, 0, 1);
    const started = performance.now();
    const same = ksTwoSampleTest(a, normalSample(20_000, 0, 2));
    const shifted = ksTwoSampleTest(a, normalSample(20_000, 0.1, 3));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(same.method).toBe('asymptotic');
    expect(same.pValue).toBeGreaterThan(0.01);
    expect(shifted.pValue).toBeLessThan(1e-10);
  });
});

describe('ksTwoSampleBinnedTest on histograms', () => {
  it('approximates the raw test from below on fine bins', () => {
    const a = normalSample(3000, 0, 4);
    const b = normalSample(2000, 0.15, 5);
    const edges = linspace(-6, 6.5, 251);
    const raw = ksTwoSampleTest(a, b);
    const binned = ksTwoSampleBinnedTest(binCounts(a, edges), binCounts(b, edges));
    expect(binned.statistic).toBeLessThanOrEqual(raw.statistic + 1e-12);
    expect(binned.statistic).toBeGreaterThan(raw.statistic - 0.01);
    expect(binned.effectiveN).toBe(1200);
    expect(binned.pValue).toBeLessThan(0.001);
  });

  it('gives D = 0, p = 1 for a single bin and for all mass in the same bin', () => {
    expect(ksTwoSampleBinnedTest([40], [7])).toMatchObject({ statistic: 0, pValue: 1 });
    expect(ksTwoSampleBinnedTest([0, 50, 0], [0, 9, 0])).toMatchObject({ statistic: 0, pValue: 1 });
  });

  it('gives D = 1 and p ~ 0 for all mass in different bins', () => {
    const result = ksTwoSampleBinnedTest([100, 0], [0, 100]);
    expect(result.statistic).toBe(1);
    expect(result.pValue).toBe(0);
  });

  it('matches a hand computation', () => {
    const result = ksTwoSampleBinnedTest([10, 20, 30], [30, 20, 10]);
    expect(result.statistic).toBeCloseTo(1 / 3, 15);
    expect(result.effectiveN).toBe(30);
  });

  it('is NaN for an empty histogram and rejects bad counts', () => {
    expect(ksTwoSampleBinnedTest([0, 0], [1, 2])).toMatchObject({ statistic: NaN, pValue: NaN });
    expect(() => ksTwoSampleBinnedTest([1, 2], [1, 2, 3])).toThrow(RangeError);
    expect(() => ksTwoSampleBinnedTest([1, NaN], [1, 2])).toThrow(RangeError);
    expect(() => ksTwoSampleBinnedTest([1, -2], [1, 2])).toThrow(RangeError);
  });
});
