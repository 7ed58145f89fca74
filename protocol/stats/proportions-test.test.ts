import { describe, expect, it } from 'vitest';
import { twoProportionZTest } from './proportions-test.ts';

describe('twoProportionZTest (statsmodels proportions_ztest, pooled)', () => {
  it('5 of 83 vs 12 of 99: z = -1.4078, p = 0.159 (published)', () => {
    const result = twoProportionZTest({ successes: 5, trials: 83 }, { successes: 12, trials: 99 });
    expect(result.z).toBeCloseTo(-1.4078, 4);
    expect(result.pValue).toBeCloseTo(0.159, 3);
    expect(result.difference).toBeCloseTo(5 / 83 - 12 / 99, 15);
    expect(result.pooledProportion).toBeCloseTo(17 / 182, 15);
  });

  it('is antisymmetric in the arms, with an interval around the difference', () => {
    const ab = twoProportionZTest({ successes: 40, trials: 1000 }, { successes: 60, trials: 1000 });
    const ba = twoProportionZTest({ successes: 60, trials: 1000 }, { successes: 40, trials: 1000 });
    expect(ab.z).toBeCloseTo(-ba.z, 14);
    expect(ab.pValue).toBeCloseTo(ba.pValue, 14);
    const [low, high] = ab.confidenceInterval;
    expect(low).toBeLessThan(-0.02);
    expect(high).toBeGreaterThan(-0.02);
    expect((low + high) / 2).toBeCloseTo(-0.02, 14);
  });

  it('handles large samples', () => {
    const result = twoProportionZTest({ successes: 50_500, trials: 1e6 }, { successes: 50_000, trials: 1e6 });
    expect(result.z).toBeGreaterThan(1.5);
    expect(result.pValue).toBeGreaterThan(0.05);
    expect(result.pValue).toBeLessThan(0.2);
  });

  it('degenerate arms: no variation is no evidence; empty arms are NaN', () => {
    expect(twoProportionZTest({ successes: 0, trials: 50 }, { successes: 0, trials: 70 })).toMatchObject({ z: 0, pValue: 1 });
    expect(twoProportionZTest({ successes: 9, trials: 9 }, { successes: 4, trials: 4 })).toMatchObject({ z: 0, pValue: 1 });
    expect(twoProportionZTest({ successes: 0, trials: 0 }, { successes: 4, trials: 9 }).pValue).toBeNaN();
  });

  it('rejects impossible counts', () => {
    expect(() => twoProportionZTest({ successes: 5, trials: 4 }, { successes: 1, trials: 2 })).toThrow(RangeError);
    expect(() => twoProportionZTest({ successes: NaN, trials: 4 }, { successes: 1, trials: 2 })).toThrow(RangeError);
    expect(() => twoProportionZTest({ successes: 1.5, trials: 4 }, { successes: 1, trials: 2 })).toThrow(RangeError);
  });
});
