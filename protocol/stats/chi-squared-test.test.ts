import { describe, expect, it } from 'vitest';
import { chiSquaredGoodnessOfFit, chiSquaredHomogeneity } from './chi-squared-test.ts';

describe('chiSquaredGoodnessOfFit (published scipy chisquare values)', () => {
  it('[16, 18, 16, 14, 12, 12] against uniform: 2.0, p = 0.84914503608460956', () => {
    const result = chiSquaredGoodnessOfFit([16, 18, 16, 14, 12, 12]);
    expect(result.statistic).toBeCloseTo(2, 14);
    expect(result.pValue).toBeCloseTo(0.84914503608460956, 14);
    expect(result.df).toBe(5);
  });

  it('[16, 18, 16, 14, 12, 12] against [16, 16, 16, 16, 16, 8]: 3.5, p = 0.62338762774958223', () => {
    const result = chiSquaredGoodnessOfFit([16, 18, 16, 14, 12, 12], [16, 16, 16, 16, 16, 8]);
    expect(result.statistic).toBeCloseTo(3.5, 14);
    expect(result.pValue).toBeCloseTo(0.62338762774958223, 14);
    expect(result.minExpected).toBe(8);
  });

  it('[32, 24, 16, 28, 20, 24] against uniform: 6.6667, p = 0.24663415', () => {
    const result = chiSquaredGoodnessOfFit([32, 24, 16, 28, 20, 24]);
    expect(result.statistic).toBeCloseTo(6.6667, 4);
    expect(result.pValue).toBeCloseTo(0.24663415, 8);
  });

  it('removes ddof degrees of freedom for estimated parameters', () => {
    const result = chiSquaredGoodnessOfFit([16, 18, 16, 14, 12, 12], undefined, { ddof: 1 });
    expect(result.df).toBe(4);
    expect(result.pValue).toBeCloseTo(0.7357588823428847, 14); // scipy, ddof=1
  });
});

describe('chiSquaredGoodnessOfFit edge cases', () => {
  it('is NaN with no data and p = 1 for a single bin', () => {
    expect(chiSquaredGoodnessOfFit([0, 0, 0])).toMatchObject({ statistic: NaN, pValue: NaN });
    expect(chiSquaredGoodnessOfFit([])).toMatchObject({ statistic: NaN, pValue: NaN });
    expect(chiSquaredGoodnessOfFit([42])).toMatchObject({ statistic: 0, pValue: 1, df: 0 });
  });

  it('gives a tiny p when all mass sits in one of several expected-equal bins', () => {
    const result = chiSquaredGoodnessOfFit([300, 0, 0]);
    expect(result.statistic).toBeCloseTo(600, 10);
    expect(result.pValue).toBeLessThan(1e-100);
  });

  it('treats zero expected cells as structural zeros', () => {
    expect(chiSquaredGoodnessOfFit([5, 5, 0], [5, 5, 0])).toMatchObject({ statistic: 0, pValue: 1, df: 1 });
    expect(chiSquaredGoodnessOfFit([5, 4, 1], [5, 5, 0])).toMatchObject({ statistic: Infinity, pValue: 0 });
  });

  it('rejects different totals, different lengths and bad counts', () => {
    expect(() => chiSquaredGoodnessOfFit([1, 2], [1, 1])).toThrow(RangeError);
    expect(() => chiSquaredGoodnessOfFit([1, 2], [1, 1, 1])).toThrow(RangeError);
    expect(() => chiSquaredGoodnessOfFit([1, NaN])).toThrow(RangeError);
  });

  it('handles large counts', () => {
    const result = chiSquaredGoodnessOfFit([48_000, 52_000]);
    expect(result.statistic).toBeCloseTo(160, 10);
    expect(result.pValue / 1.1314837902433038e-36 - 1).toBeLessThan(1e-12);
  });
});

describe('chiSquaredHomogeneity (2xK contingency)', () => {
  it('matches scipy chi2_contingency without correction', () => {
    const result = chiSquaredHomogeneity([10, 20, 30], [30, 20, 10]);
    expect(result.statistic).toBeCloseTo(20, 12);
    expect(result.pValue).toBeCloseTo(4.539992976248486e-5, 16);
    expect(result.df).toBe(2);
  });

  it('drops columns empty in both rows', () => {
    const result = chiSquaredHomogeneity([12, 5, 0, 8], [20, 9, 0, 30]);
    expect(result.statistic).toBeCloseTo(2.5327386262265836, 12);
    expect(result.pValue).toBeCloseTo(0.28185308665243597, 13);
    expect(result.df).toBe(2);
    expect(result.minExpected).toBeCloseTo(4.166666666666667, 12);
  });

  it('is 0 for proportional rows, and NaN when one row is empty', () => {
    expect(chiSquaredHomogeneity([1, 2, 3], [100, 200, 300])).toMatchObject({ statistic: 0, pValue: 1 });
    expect(chiSquaredHomogeneity([0, 0], [1, 2])).toMatchObject({ statistic: NaN, pValue: NaN });
  });

  it('single column or all mass in one shared column: df 0, p = 1', () => {
    expect(chiSquaredHomogeneity([9], [3])).toMatchObject({ statistic: 0, pValue: 1, df: 0 });
    expect(chiSquaredHomogeneity([0, 9, 0], [0, 3, 0])).toMatchObject({ statistic: 0, pValue: 1, df: 0 });
  });

  it('all mass in different columns: maximal statistic, tiny p', () => {
    const result = chiSquaredHomogeneity([100, 0], [0, 100]);
    expect(result.statistic).toBeCloseTo(200, 10);
    expect(result.pValue).toBeLessThan(1e-40);
  });
});
