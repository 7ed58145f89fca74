import { describe, expect, it } from 'vitest';
import { welchTTest } from './welch-test.ts';

const control = { n: 25, mean: 10, variance: 4 };
const treatment = { n: 30, mean: 12, variance: 9 };

describe('welchTTest from summary statistics', () => {
  it('matches scipy ttest_ind_from_stats(equal_var=False) with a t interval', () => {
    const result = welchTTest(control, treatment);
    // scipy: statistic -2.9488391230979425 for control - treatment, p 0.004812964272036753.
    expect(result.t).toBeCloseTo(2.9488391230979425, 13);
    expect(result.pValue).toBeCloseTo(0.004812964272036753, 14);
    expect(result.df).toBeCloseTo(50.74200661521498, 11); // Welch-Satterthwaite
    expect(result.difference).toBe(2);
    expect(result.confidenceInterval[0]).toBeCloseTo(0.6382223296961123, 12);
    expect(result.confidenceInterval[1]).toBeCloseTo(3.361777670303888, 12);
  });

  it('reports the relative lift with a delta-method interval', () => {
    const result = welchTTest(control, treatment);
    expect(result.relativeLift).toBeCloseTo(0.2, 14);
    // sd = √(Var(m_t)/m_c² + m_t²·Var(m_c)/m_c⁴) = √(0.3/100 + 144·0.16/10⁴) = 0.0724...
    const sd = Math.sqrt(0.3 / 100 + (144 * 0.16) / 1e4);
    expect(result.relativeLiftInterval[0]).toBeCloseTo(0.2 - 1.959963984540054 * sd, 12);
    expect(result.relativeLiftInterval[1]).toBeCloseTo(0.2 + 1.959963984540054 * sd, 12);
  });

  it('is antisymmetric and approaches the z-test for large samples', () => {
    expect(welchTTest(treatment, control).t).toBeCloseTo(-welchTTest(control, treatment).t, 14);
    const big = welchTTest({ n: 1e6, mean: 0, variance: 1 }, { n: 1e6, mean: 0.00277180, variance: 1 });
    expect(big.df).toBeCloseTo(2e6 - 2, 3);
    expect(big.pValue).toBeCloseTo(0.05, 4);
  });

  it('is NaN below two observations per arm or with NaN input', () => {
    expect(welchTTest({ n: 1, mean: 3, variance: 0 }, treatment).pValue).toBeNaN();
    expect(welchTTest({ n: 0, mean: 0, variance: 0 }, treatment).t).toBeNaN();
    expect(welchTTest({ ...control, mean: NaN }, treatment).pValue).toBeNaN();
  });

  it('handles zero variances: no noise means certainty or nothing', () => {
    const differ = welchTTest({ n: 5, mean: 1, variance: 0 }, { n: 5, mean: 2, variance: 0 });
    expect(differ).toMatchObject({ t: Infinity, pValue: 0, confidenceInterval: [1, 1] });
    const same = welchTTest({ n: 5, mean: 1, variance: 0 }, { n: 5, mean: 1, variance: 0 });
    expect(same).toMatchObject({ t: 0, pValue: 1 });
  });

  it('gives a NaN lift when the control mean is 0, and rejects negative variances', () => {
    expect(welchTTest({ n: 5, mean: 0, variance: 1 }, treatment).relativeLift).toBeNaN();
    expect(() => welchTTest({ n: 5, mean: 0, variance: -1 }, treatment)).toThrow(RangeError);
  });
});
