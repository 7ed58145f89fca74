import { describe, expect, it } from 'vitest';
import { minimumDetectableEffect, requiredSampleSize, twoSamplePower } from './power.ts';

describe('twoSamplePower', () => {
  it('n = 100 per arm, d = 0.5, two-sided 0.05: 0.9424 (normal) and 0.9404 (exact t-test)', () => {
    // The brief quotes 0.9404 as the normal approximation; 0.9404 is in fact the t-test power
    // (R pwr.t.test(n = 100, d = 0.5) = 0.9404272). The z approximation is Φ(3.5355 - 1.96) = 0.9424.
    expect(twoSamplePower({ nPerArm: 100, difference: 0.5, variance: 1 })).toBeCloseTo(0.9424, 4);
    expect(twoSamplePower({ nPerArm: 100, difference: 0.5, variance: 1, method: 't' })).toBeCloseTo(0.9404, 4);
    expect(twoSamplePower({ nPerArm: 100, difference: 0.5, variance: 1, method: 't' })).toBeCloseTo(0.9404272037724144, 11);
  });

  it('depends on the effect only through d = δ/σ, and on its magnitude only', () => {
    const standard = twoSamplePower({ nPerArm: 50, difference: 0.4, variance: 1 });
    expect(twoSamplePower({ nPerArm: 50, difference: 2, variance: 25 })).toBeCloseTo(standard, 14);
    expect(twoSamplePower({ nPerArm: 50, difference: -0.4, variance: 1 })).toBeCloseTo(standard, 14);
  });

  it('is alpha with no effect and grows with n; one-sided is more powerful', () => {
    expect(twoSamplePower({ nPerArm: 30, difference: 0, variance: 1 })).toBeCloseTo(0.05, 14);
    expect(twoSamplePower({ nPerArm: 30, difference: 0, variance: 1, method: 't' })).toBeCloseTo(0.05, 12);
    expect(twoSamplePower({ nPerArm: 200, difference: 0.3, variance: 1 })).toBeGreaterThan(
      twoSamplePower({ nPerArm: 100, difference: 0.3, variance: 1 }),
    );
    expect(twoSamplePower({ nPerArm: 100, difference: 0.3, variance: 1, twoSided: false })).toBeGreaterThan(
      twoSamplePower({ nPerArm: 100, difference: 0.3, variance: 1 }),
    );
    expect(twoSamplePower({ nPerArm: 1e6, difference: 0.01, variance: 1 })).toBeGreaterThan(0.9999);
  });

  it('is NaN for impossible designs', () => {
    expect(twoSamplePower({ nPerArm: 1, difference: 1, variance: 1 })).toBeNaN();
    expect(twoSamplePower({ nPerArm: 10, difference: 1, variance: 0 })).toBeNaN();
    expect(twoSamplePower({ nPerArm: 10, difference: NaN, variance: 1 })).toBeNaN();
  });
});

describe('requiredSampleSize', () => {
  it('d = 0.5, alpha 0.05, power 0.8: 63 per arm (normal), 64 (t-test)', () => {
    expect(requiredSampleSize({ difference: 0.5, variance: 1, power: 0.8 })).toBe(63);
    expect(requiredSampleSize({ difference: 0.5, variance: 1, power: 0.8, method: 't' })).toBe(64);
  });

  it('reaches the target power and is the smallest n that does (t)', () => {
    const n = requiredSampleSize({ difference: 0.3, variance: 2, power: 0.9, method: 't' });
    expect(twoSamplePower({ nPerArm: n, difference: 0.3, variance: 2, method: 't' })).toBeGreaterThanOrEqual(0.9);
    expect(twoSamplePower({ nPerArm: n - 1, difference: 0.3, variance: 2, method: 't' })).toBeLessThan(0.9);
  });

  it('is NaN without an effect', () => {
    expect(requiredSampleSize({ difference: 0, variance: 1 })).toBeNaN();
  });
});

describe('minimumDetectableEffect', () => {
  it('inverts the sample size formula: (z_.975 + z_.8)·√(2σ²/n)', () => {
    expect(minimumDetectableEffect({ nPerArm: 63, variance: 1 })).toBeCloseTo(
      (1.959963984540054 + 0.8416212335729143) * Math.sqrt(2 / 63),
      13,
    );
    const mde = minimumDetectableEffect({ nPerArm: 400, variance: 4, power: 0.9 });
    expect(twoSamplePower({ nPerArm: 400, difference: mde, variance: 4 })).toBeCloseTo(0.9, 4);
    expect(minimumDetectableEffect({ nPerArm: 0, variance: 1 })).toBeNaN();
  });
});
