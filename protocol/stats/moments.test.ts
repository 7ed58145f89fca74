import { describe, expect, it } from 'vitest';
import { sampleVariance, variance as populationVariance } from 'simple-statistics';
import {
  addToMoments,
  createMoments,
  mergeMoments,
  momentsKurtosis,
  momentsOf,
  momentsSchema,
  momentsSkewness,
  momentsStd,
  momentsSummary,
  momentsVariance,
  type Moments,
} from './moments.ts';
import { mulberry32, normalSampler } from './mulberry32.ts';

function relativeError(actual: number, expected: number): number {
  return expected === 0 ? Math.abs(actual) : Math.abs(actual / expected - 1);
}

/** Two-pass central moment sums, the textbook definition. */
function twoPass(values: number[]) {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const sumPower = (k: number) => values.reduce((s, v) => s + (v - mean) ** k, 0);
  return { mean, m2: sumPower(2), m3: sumPower(3), m4: sumPower(4) };
}

function expectSameMoments(actual: Moments, expected: Moments, tolerance: number): void {
  expect(actual.count).toBe(expected.count);
  expect(actual.min).toBe(expected.min);
  expect(actual.max).toBe(expected.max);
  for (const key of ['mean', 'm2', 'm3', 'm4', 'sum'] as const) {
    expect(relativeError(actual[key], expected[key])).toBeLessThan(tolerance);
  }
}

const skewed = (() => {
  const random = mulberry32(7);
  return Array.from({ length: 2000 }, () => -Math.log(1 - random()) * 3 + 1); // exponential
})();

describe('streaming moments', () => {
  it('equal the two-pass definitions', () => {
    const state = momentsOf(skewed);
    const expected = twoPass(skewed);
    for (const key of ['mean', 'm2', 'm3', 'm4'] as const) {
      expect(relativeError(state[key], expected[key])).toBeLessThan(1e-12);
    }
    expect(state.count).toBe(2000);
    expect(state.min).toBe(Math.min(...skewed));
    expect(state.max).toBe(Math.max(...skewed));
  });

  it('give the variance of simple-statistics and textbook skewness and kurtosis', () => {
    const state = momentsOf(skewed);
    expect(relativeError(momentsVariance(state), sampleVariance(skewed))).toBeLessThan(1e-12);
    expect(relativeError(momentsVariance(state, 0), populationVariance(skewed))).toBeLessThan(1e-12);
    expect(momentsSkewness(state)).toBeGreaterThan(1.5); // exponential: 2
    expect(momentsKurtosis(momentsOf([1, 2, 3, 4]))).toBeCloseTo(-1.36, 14);
    expect(momentsSkewness(momentsOf([1, 2, 3]))).toBe(0);
    expect(momentsStd(momentsOf([2, 4, 4, 4, 5, 5, 7, 9]), 0)).toBeCloseTo(2, 14);
    expect(momentsSummary(momentsOf([1, 2, 3]))).toEqual({ n: 3, mean: 2, variance: 1 });
  });

  it('stay accurate around a large offset, where Σx² - (Σx)²/n fails', () => {
    const values = Array.from({ length: 1000 }, (_, i) => 1e9 + (i % 10));
    const naive = values.reduce((s, v) => s + v * v, 0) / 1000 - (values.reduce((s, v) => s + v, 0) / 1000) ** 2;
    expect(relativeError(naive, 8.25)).toBeGreaterThan(1e-2);
    // The remaining error is the rounding of a mean near 1e9 (ulp 1.2e-7), not cancellation.
    expect(relativeError(momentsVariance(momentsOf(values), 0), 8.25)).toBeLessThan(1e-7);
  });

  it('skip NaN and infinities; the empty state has null min and max', () => {
    expect(momentsOf([1, NaN, 2, Infinity, -Infinity, 3])).toEqual(momentsOf([1, 2, 3]));
    const empty = createMoments();
    expect(empty).toEqual({ count: 0, mean: 0, m2: 0, m3: 0, m4: 0, min: null, max: null, sum: 0 });
    expect(momentsVariance(empty)).toBeNaN();
    expect(momentsVariance(momentsOf([5]))).toBeNaN();
    expect(momentsVariance(momentsOf([5]), 0)).toBe(0);
    expect(momentsSkewness(momentsOf([5, 5]))).toBeNaN();
    expect(momentsKurtosis(empty)).toBeNaN();
  });

  it('update in place and return the same object', () => {
    const state = createMoments();
    expect(addToMoments(state, 4)).toBe(state);
    expect(state.count).toBe(1);
  });
});

describe('mergeMoments (Chan et al. / Pébay pairwise formulas)', () => {
  it('equals the moments of the pooled data for uneven splits', () => {
    const whole = momentsOf(skewed);
    for (const cut of [1, 7, 500, 1999]) {
      const merged = mergeMoments(momentsOf(skewed.slice(0, cut)), momentsOf(skewed.slice(cut)));
      expectSameMoments(merged, whole, 1e-11);
    }
  });

  it('is associative up to rounding over a large sample merged from 100 devices', () => {
    const draw = normalSampler(mulberry32(3));
    const values = Array.from({ length: 200_000 }, () => draw() * 2 + 10);
    const parts = Array.from({ length: 100 }, (_, i) => momentsOf(values.slice(i * 2000, (i + 1) * 2000)));
    const sequential = parts.reduce((acc, part) => mergeMoments(acc, part), createMoments());
    let tree = parts;
    while (tree.length > 1) {
      tree = Array.from({ length: Math.ceil(tree.length / 2) }, (_, i) =>
        tree[2 * i + 1] ? mergeMoments(tree[2 * i]!, tree[2 * i + 1]!) : tree[2 * i]!,
      );
    }
    const whole = momentsOf(values);
    expectSameMoments(sequential, whole, 1e-9);
    expectSameMoments(tree[0]!, whole, 1e-9);
    expect(momentsVariance(whole)).toBeCloseTo(4, 1);
  });

  it('treats the empty state as identity and returns a new object', () => {
    const a = momentsOf([1, 2, 3]);
    const merged = mergeMoments(a, createMoments());
    expect(merged).toEqual(a);
    expect(merged).not.toBe(a);
    expect(mergeMoments(createMoments(), a)).toEqual(a);
    expect(mergeMoments(createMoments(), createMoments())).toEqual(createMoments());
  });
});

describe('momentsSchema', () => {
  it('round-trips through JSON', () => {
    const state = momentsOf(skewed);
    expect(momentsSchema.parse(JSON.parse(JSON.stringify(state)))).toEqual(state);
    expect(momentsSchema.parse(JSON.parse(JSON.stringify(createMoments())))).toEqual(createMoments());
  });

  it('rejects inconsistent or non-finite states', () => {
    const good = momentsOf([1, 2]);
    expect(momentsSchema.safeParse({ ...good, count: -1 }).success).toBe(false);
    expect(momentsSchema.safeParse({ ...good, count: 1.5 }).success).toBe(false);
    expect(momentsSchema.safeParse({ ...good, min: null }).success).toBe(false);
    expect(momentsSchema.safeParse({ ...createMoments(), min: 3, max: 3 }).success).toBe(false);
    expect(momentsSchema.safeParse({ ...good, min: 5, max: 1 }).success).toBe(false);
    expect(momentsSchema.safeParse({ ...good, mean: Infinity }).success).toBe(false);
    expect(momentsSchema.safeParse({ ...good, m2: NaN }).success).toBe(false);
  });
});
