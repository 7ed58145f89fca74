import { describe, expect, it } from 'vitest';
import {
  chiSquaredQuantile,
  chiSquaredSf,
  noncentralTCdf,
  studentTQuantile,
  studentTSf,
  studentTTwoSidedP,
} from './sampling-distributions.ts';

function relativeError(actual: number, expected: number): number {
  return expected === 0 ? Math.abs(actual) : Math.abs(actual / expected - 1);
}

describe('chiSquaredSf', () => {
  it('reproduces the p-values of the published scipy chisquare examples', () => {
    expect(chiSquaredSf(2, 5)).toBeCloseTo(0.84914503608460956, 14);
    expect(chiSquaredSf(3.5, 5)).toBeCloseTo(0.62338762774958223, 14);
    expect(chiSquaredSf(20 / 3, 5)).toBeCloseTo(0.24663415, 8);
  });

  it('matches closed forms (1 and 2 df) and the 5% critical value', () => {
    expect(chiSquaredSf(3.841458820694124, 1)).toBeCloseTo(0.05, 14);
    for (const x of [0.1, 4, 50]) expect(relativeError(chiSquaredSf(x, 2), Math.exp(-x / 2))).toBeLessThan(1e-14);
  });

  it('handles the edges', () => {
    expect(chiSquaredSf(0, 3)).toBe(1);
    expect(chiSquaredSf(-1, 3)).toBe(1);
    expect(chiSquaredSf(Infinity, 3)).toBe(0);
    expect(chiSquaredSf(NaN, 3)).toBeNaN();
    expect(chiSquaredSf(1, 0)).toBeNaN();
  });
});

describe('chiSquaredQuantile', () => {
  it('inverts the survival function to full precision', () => {
    expect(chiSquaredQuantile(0.95, 9)).toBeCloseTo(16.918977604620448, 11);
    expect(chiSquaredQuantile(0.99, 9)).toBeCloseTo(21.665994333461924, 11);
    expect(chiSquaredQuantile(0.95, 1)).toBeCloseTo(3.841458820694124, 12);
    for (const [p, k] of [[0.001, 3], [0.5, 40], [0.999999, 64]] as const) {
      expect(relativeError(1 - chiSquaredSf(chiSquaredQuantile(p, k), k), p)).toBeLessThan(1e-10);
    }
  });

  it('handles the edges', () => {
    expect(chiSquaredQuantile(0, 3)).toBe(0);
    expect(chiSquaredQuantile(1, 3)).toBe(Infinity);
    expect(chiSquaredQuantile(NaN, 3)).toBeNaN();
  });
});

describe('Student t', () => {
  it('two-sided p-values match table values, including fractional (Welch) df', () => {
    expect(studentTTwoSidedP(2.228138851986274, 10)).toBeCloseTo(0.05, 14);
    expect(studentTTwoSidedP(1, 1)).toBeCloseTo(0.5, 15); // Cauchy
    expect(relativeError(studentTTwoSidedP(2, 5), 0.10193947882985836)).toBeLessThan(1e-13);
    expect(relativeError(studentTTwoSidedP(40, 4), 2.334016322601269e-6)).toBeLessThan(1e-12);
    expect(relativeError(studentTTwoSidedP(0.3, 3.7), 0.7802674871314621)).toBeLessThan(1e-13);
  });

  it('approaches the normal for huge df and is symmetric', () => {
    expect(studentTTwoSidedP(1.959963984540054, 1e9)).toBeCloseTo(0.05, 8);
    expect(studentTTwoSidedP(1.959963984540054, Infinity)).toBeCloseTo(0.05, 14);
    expect(studentTSf(-1.5, 7)).toBeCloseTo(1 - studentTSf(1.5, 7), 15);
    expect(studentTTwoSidedP(0, 5)).toBe(1);
    expect(studentTSf(Infinity, 5)).toBe(0);
  });

  it.each([
    [1, 12.706204736174705],
    [2, 4.302652729749464],
    [3, 3.182446305284263],
    [10, 2.228138851986274],
    [30, 2.0422724563012373],
    [1000, 1.9623390808264078],
  ])('97.5%% quantile with %s df matches the t table', (df, expected) => {
    expect(relativeError(studentTQuantile(0.975, df), expected)).toBeLessThan(1e-12);
    expect(studentTQuantile(0.025, df)).toBeCloseTo(-studentTQuantile(0.975, df), 12);
  });

  it('quantiles round-trip deep in the tail', () => {
    for (const [p, df] of [[1e-12, 4], [1e-7, 3], [0.4, 5], [0.01, 2.5]] as const) {
      // Lower-tail p: by symmetry P(T <= q) = P(T >= -q), computed without cancellation.
      expect(relativeError(studentTSf(-studentTQuantile(p, df), df), p)).toBeLessThan(1e-10);
    }
  });

  it('handles the edges', () => {
    expect(studentTQuantile(0.5, 7)).toBe(0);
    expect(studentTQuantile(0, 7)).toBe(-Infinity);
    expect(studentTQuantile(1, 7)).toBe(Infinity);
    expect(studentTQuantile(NaN, 7)).toBeNaN();
    expect(studentTQuantile(0.5, 0)).toBeNaN();
    expect(studentTTwoSidedP(NaN, 7)).toBeNaN();
  });
});

describe('noncentralTCdf', () => {
  it('matches independently computed values (scipy nct)', () => {
    expect(noncentralTCdf(1.97, 198, 3.5)).toBeCloseTo(0.06362581928571594, 13);
    expect(noncentralTCdf(-1.97, 198, 3.5)).toBeCloseTo(2.6464282121594447e-8, 13);
    expect(noncentralTCdf(2, 5, 1)).toBeCloseTo(0.7780746626162148, 13);
    expect(noncentralTCdf(0.5, 10, -2)).toBeCloseTo(0.993299615520874, 13);
  });

  it('reduces to the central t when δ = 0', () => {
    expect(noncentralTCdf(3, 20, 0)).toBeCloseTo(1 - studentTSf(3, 20), 14);
    expect(noncentralTCdf(Infinity, 20, 1)).toBe(1);
    expect(noncentralTCdf(NaN, 20, 1)).toBeNaN();
  });
});
