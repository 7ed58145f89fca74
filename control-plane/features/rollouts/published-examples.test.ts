import { describe, expect, it } from 'vitest';
import { momentsOf, momentsSummary, requiredSampleSize, twoSamplePower, welchTTest } from '../../../protocol/stats/index.ts';
import { compareArms } from './comparison.ts';
import { detectableDifference, welchPower } from './welch-power.ts';

// The gates' fixed-horizon statistics against numbers published by the documentation of tools
// people run A/B analyses and plans with. Each case cites where the number is printed.

describe("Welch's t-test as the gates run it", () => {
  // ClickHouse documentation, aggregate function `welchTTest`, "Basic Welch's t-test" and "With
  // confidence level": samples (20.3, 22.1, 21.9) vs (18.9, 20.3, 19) give
  // t = 2.7988719532211235, p = 0.051807360348581945, 95% CI (-0.026294346671631885, 4.092961013338302)
  // for mean(first) - mean(second). https://clickhouse.com/docs/sql-reference/aggregate-functions/reference/welchttest
  const first = momentsSummary(momentsOf([20.3, 22.1, 21.9]));
  const second = momentsSummary(momentsOf([18.9, 20.3, 19]));

  it('reproduces the ClickHouse example: t, p and the interval', () => {
    const result = welchTTest(second, first); // treatment - control = first - second
    expect(result.t).toBeCloseTo(2.7988719532211235, 12);
    expect(result.pValue).toBeCloseTo(0.051807360348581945, 12);
    expect(result.confidenceInterval[0]).toBeCloseTo(-0.026294346671631885, 10);
    expect(result.confidenceInterval[1]).toBeCloseTo(4.092961013338302, 10);
  });

  it('is the fixed-horizon p-value a comparison reports', () => {
    const { evidence } = compareArms(
      { metric: 'x', unit: 'value', harm: 1, baseline: second, candidate: first, perDevice: { baseline: [], candidate: [] }, margin: 0, minN: 2 },
      { alpha: 0.05, plannedSamples: 1000, power: 0.8 }, undefined,
    );
    expect(evidence.pValue).toBeCloseTo(0.051807360348581945, 12);
    expect(evidence.difference).toBeCloseTo(first.mean - second.mean, 12);
  });
});

describe('power and sample size', () => {
  it("matches pwrAB's AB_t2n (power analysis for A/B tests with Welch's test)", () => {
    // pwrAB reference manual, AB_t2n example: N = 3000, percent_B = 0.3, mean_diff = 0.15, sd_A = 1,
    // sd_B = 2, sig_level = 0.05, two-sided: power = 0.5700792 (also asserted by its test suite).
    expect(welchPower({ n: [2100, 900], variance: [1, 4], difference: 0.15 })).toBeCloseTo(0.5700792, 6);
    // pwrAB's testthat suite: percent_B = 0.4, otherwise the same: power 0.6714653.
    expect(welchPower({ n: [1800, 1200], variance: [1, 4], difference: 0.15 })).toBeCloseTo(0.6714653, 6);
  });

  it("matches R's power.t.test documentation examples", () => {
    // R `?power.t.test` examples: power.t.test(n = 20, delta = 1) gives power = 0.8689528, and
    // power.t.test(power = .90, delta = 1) gives n = 22.02110 per group (so 23 whole units).
    expect(twoSamplePower({ nPerArm: 20, difference: 1, variance: 1, method: 't' })).toBeCloseTo(0.8689528, 6);
    expect(welchPower({ n: [20, 20], variance: [1, 1], difference: 1 })).toBeCloseTo(0.8689528, 3); // Welch df is 38 here too
    expect(requiredSampleSize({ difference: 1, variance: 1, power: 0.9, method: 't' })).toBe(23);
  });

  it('matches the G*Power example of Faul et al. (2007)', () => {
    // Faul, Erdfelder, Lang & Buchner (2007), Behavior Research Methods 39:175, the t-test example:
    // d = 0.5, one-sided alpha 0.05, power 0.95 -> 88 per group (actual power 0.9512).
    expect(requiredSampleSize({ difference: 0.5, variance: 1, power: 0.95, twoSided: false, method: 't' })).toBe(88);
    // The exact noncentral-t power at 88 is 0.95143; the quoted 0.9512 agrees to three decimals.
    expect(twoSamplePower({ nPerArm: 88, difference: 0.5, variance: 1, twoSided: false, method: 't' })).toBeCloseTo(0.9512, 3);
    expect(twoSamplePower({ nPerArm: 87, difference: 0.5, variance: 1, twoSided: false, method: 't' })).toBeLessThan(0.95);
  });

  it('reports the MDE GrowthBook documents: (z_{1-α/2} + z_power)·SE', () => {
    // GrowthBook docs, "Technical power details" (frequentist): power 1 - Φ(z_{1-α/2} - Δ/σ_Δ) + Φ(z_{α/2} - Δ/σ_Δ);
    // its inverse at 80% power is the MDE. With SE 0.05: (1.959964 + 0.841621)·0.05.
    expect(detectableDifference(0.05, { alpha: 0.05, power: 0.8 })).toBeCloseTo(0.14007926, 7);
  });
});
