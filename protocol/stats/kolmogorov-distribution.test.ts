import { describe, expect, it } from 'vitest';
import {
  kolmogorovSf,
  kolmogorovSmirnovSf,
  ksTwoSampleExactP,
  ksTwoSamplePValue,
} from './kolmogorov-distribution.ts';

function relativeError(actual: number, expected: number): number {
  return expected === 0 ? Math.abs(actual) : Math.abs(actual / expected - 1);
}

describe('kolmogorovSf (limiting distribution)', () => {
  it('matches scipy kstwobign on both series', () => {
    expect(kolmogorovSf(1.3580986393225507)).toBeCloseTo(0.05, 14);
    expect(relativeError(kolmogorovSf(1), 0.26999967167735456)).toBeLessThan(1e-13);
    expect(relativeError(kolmogorovSf(0.5), 0.9639452436648751)).toBeLessThan(1e-14);
    expect(relativeError(kolmogorovSf(0.3), 0.9999906941986655)).toBeLessThan(1e-14);
    expect(relativeError(kolmogorovSf(3), 3.045995948942526e-8)).toBeLessThan(1e-13);
    expect(relativeError(kolmogorovSf(8), 5.14441874528483e-56)).toBeLessThan(1e-13);
  });

  it('is continuous where the series switch and handles the edges', () => {
    expect(relativeError(kolmogorovSf(1 - 1e-12), kolmogorovSf(1 + 1e-12))).toBeLessThan(1e-11);
    expect(kolmogorovSf(0)).toBe(1);
    expect(kolmogorovSf(-1)).toBe(1);
    expect(kolmogorovSf(0.05)).toBe(1);
    expect(kolmogorovSf(Infinity)).toBe(0);
    expect(kolmogorovSf(NaN)).toBeNaN();
  });
});

describe('kolmogorovSmirnovSf (finite n, scipy kstwo)', () => {
  it('reproduces the published asymptotic two-sample p at n = round(100·110/210) = 52', () => {
    // shared/reference: "the asymptotic distribution with n = round(n1*n2/(n1+n2)) gives 0.016541".
    expect(kolmogorovSmirnovSf(52, 232 / 1100)).toBeCloseTo(0.016541, 6);
    expect(relativeError(kolmogorovSmirnovSf(52, 232 / 1100), 0.016541419540219482)).toBeLessThan(1e-11);
  });

  it('is exact in each region where scipy is exact (n <= 140)', () => {
    expect(relativeError(kolmogorovSmirnovSf(10, 0.25), 0.4841115325)).toBeLessThan(1e-13); // MTW
    expect(relativeError(kolmogorovSmirnovSf(100, 0.2), 0.0005551927327988775)).toBeLessThan(1e-10);
    expect(relativeError(kolmogorovSmirnovSf(140, 0.3), 1.1370251710737309e-11)).toBeLessThan(1e-10); // Miller
    expect(relativeError(kolmogorovSmirnovSf(50, 0.6), 9.634070456142374e-18)).toBeLessThan(1e-10);
    expect(kolmogorovSmirnovSf(10, 0.95)).toBeCloseTo(2 * 0.05 ** 10, 25); // closed form 2(1-d)^n
    expect(kolmogorovSmirnovSf(1, 0.7)).toBeCloseTo(0.6, 15);
    expect(kolmogorovSmirnovSf(3, 0.5)).toBeCloseTo(1 / 3, 14);
  });

  it('stays close to scipy for large n, where both approximate', () => {
    expect(relativeError(kolmogorovSmirnovSf(1000, 0.05), 0.013012074781090332)).toBeLessThan(1e-6);
    expect(relativeError(kolmogorovSmirnovSf(5000, 0.02), 0.03613941395325637)).toBeLessThan(1e-4);
    expect(relativeError(kolmogorovSmirnovSf(200_000, 0.003), 0.0545369786611305)).toBeLessThan(1e-3);
  });

  it('decreases in d and handles the edges', () => {
    let previous = 1;
    for (let d = 0.001; d < 1; d += 0.013) {
      const p = kolmogorovSmirnovSf(300, d);
      expect(p).toBeLessThanOrEqual(previous + 1e-12);
      previous = p;
    }
    expect(kolmogorovSmirnovSf(100, 0)).toBe(1);
    expect(kolmogorovSmirnovSf(100, 0.004)).toBe(1); // d <= 1/(2n)
    expect(kolmogorovSmirnovSf(100, 1)).toBe(0);
    expect(kolmogorovSmirnovSf(0, 0.5)).toBeNaN();
    expect(kolmogorovSmirnovSf(10.5, 0.5)).toBeNaN();
    expect(kolmogorovSmirnovSf(10, NaN)).toBeNaN();
  });
});

describe('ksTwoSampleExactP (lattice paths, scipy ks_2samp exact)', () => {
  it('reproduces the published exact p-values', () => {
    expect(relativeError(ksTwoSampleExactP(100, 110, 232 / 1100), 0.015739183865607353)).toBeLessThan(1e-12);
    expect(relativeError(ksTwoSampleExactP(100, 110, 229 / 1100), 0.017803803861026313)).toBeLessThan(1e-12);
    expect(ksTwoSampleExactP(100, 100, 0.03)).toBeCloseTo(0.9999999999962055, 15);
    expect(ksTwoSampleExactP(1, 1, 1)).toBe(1);
    expect(ksTwoSampleExactP(2, 4, 0.5)).toBeCloseTo(14 / 15, 15);
  });

  it('is symmetric in the sample sizes and snaps d to the lattice', () => {
    expect(ksTwoSampleExactP(110, 100, 232 / 1100)).toBeCloseTo(ksTwoSampleExactP(100, 110, 232 / 1100), 14);
    expect(ksTwoSampleExactP(100, 110, 232 / 1100 + 1e-15)).toBe(ksTwoSampleExactP(100, 110, 232 / 1100));
  });

  it('gives p = 1 for D = 0, p = 2/C(n1+n2, n1) for D = 1, and NaN for empty samples', () => {
    expect(ksTwoSampleExactP(5, 7, 0)).toBe(1);
    expect(ksTwoSampleExactP(3, 3, 1)).toBeCloseTo(2 / 20, 15);
    expect(ksTwoSampleExactP(0, 7, 0.5)).toBeNaN();
    expect(ksTwoSampleExactP(5, 7, NaN)).toBeNaN();
  });

  it('handles 10,000 x 9,000 in well under a second', () => {
    const started = performance.now();
    const p = ksTwoSampleExactP(10_000, 9_000, 0.02);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(relativeError(p, 0.04450301490911741)).toBeLessThan(1e-9); // scipy's exact value
  });
});

describe('ksTwoSamplePValue', () => {
  it('follows scipy auto: exact up to 10,000 values per sample, asymptotic above', () => {
    expect(ksTwoSamplePValue(100, 110, 232 / 1100).method).toBe('exact');
    expect(ksTwoSamplePValue(20_000, 15_000, 0.01).method).toBe('asymptotic');
    const asymptotic = ksTwoSamplePValue(100, 110, 232 / 1100, 'asymptotic');
    expect(asymptotic.pValue).toBeCloseTo(0.016541, 6);
  });
});
