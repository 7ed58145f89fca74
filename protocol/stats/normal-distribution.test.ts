import { describe, expect, it } from 'vitest';
import { probit } from 'simple-statistics';
import { normalCdf, normalQuantile, normalSf } from './normal-distribution.ts';

function relativeError(actual: number, expected: number): number {
  return expected === 0 ? Math.abs(actual) : Math.abs(actual / expected - 1);
}

describe('normalCdf and normalSf', () => {
  it('give the textbook critical probabilities', () => {
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 15);
    expect(normalSf(1.959963984540054)).toBeCloseTo(0.025, 15);
    expect(normalCdf(0)).toBe(0.5);
  });

  it('keep relative precision deep in each tail', () => {
    // Φ(-10) = 7.619853024160526066e-24 (40-digit value).
    expect(relativeError(normalCdf(-10), 7.619853024160526066e-24)).toBeLessThan(1e-13);
    expect(relativeError(normalSf(10), 7.619853024160526066e-24)).toBeLessThan(1e-13);
    expect(normalSf(40)).toBe(0);
    expect(normalCdf(Infinity)).toBe(1);
    expect(normalCdf(-Infinity)).toBe(0);
  });

  it('propagate NaN', () => {
    expect(normalCdf(NaN)).toBeNaN();
    expect(normalSf(NaN)).toBeNaN();
  });
});

describe('normalQuantile (Acklam + one Halley step)', () => {
  // 40-digit roots of Φ(x) = p, truncated to 20 significant digits.
  it.each([
    [1e-100, -21.273453560965324295],
    [1e-20, -9.2623400897984075737],
    [1e-10, -6.3613409024040562047],
    [0.001, -3.0902323061678135415],
    [0.02425, -1.9729610513118848503], // Acklam's region boundary
    [0.1, -1.281551565544600467],
    [0.3, -0.52440051270804078404],
    [0.8, 0.84162123357291420518],
    [0.975, 1.9599639845400542355],
    [0.995, 2.575829303548900761],
  ])('Φ⁻¹(%s) to 1e-12 relative', (p, expected) => {
    expect(relativeError(normalQuantile(p), expected)).toBeLessThan(1e-12);
  });

  it('round-trips through the CDF across the whole range', () => {
    for (let e = -300; e <= -1; e += 7) {
      const p = 10 ** e;
      expect(relativeError(normalCdf(normalQuantile(p)), p)).toBeLessThan(1e-12);
    }
    for (let p = 0.01; p < 1; p += 0.0137) {
      expect(relativeError(normalCdf(normalQuantile(p)), p)).toBeLessThan(1e-13);
    }
  });

  it('is antisymmetric about 1/2', () => {
    for (const p of [0.001, 0.2, 0.4999]) expect(normalQuantile(1 - p)).toBeCloseTo(-normalQuantile(p), 12);
    expect(normalQuantile(0.5)).toBe(0);
  });

  it('is far more accurate than simple-statistics probit (why it exists)', () => {
    expect(Math.abs(probit(0.975) - 1.959963984540054)).toBeGreaterThan(1e-3);
    expect(Math.abs(normalQuantile(0.975) - 1.959963984540054)).toBeLessThan(1e-14);
  });

  it('handles the edges', () => {
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(-0.1)).toBeNaN();
    expect(normalQuantile(1.1)).toBeNaN();
    expect(normalQuantile(NaN)).toBeNaN();
    expect(relativeError(normalQuantile(1e-300), -37.047096299361199237)).toBeLessThan(1e-12);
  });
});
