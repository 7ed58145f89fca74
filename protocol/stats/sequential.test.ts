import { describe, expect, it } from 'vitest';
import { alwaysValidMeanDifference, optimalMixtureRatio, type SequentialResult } from './sequential.ts';
import { mulberry32, normalSampler } from './mulberry32.ts';
import { normalSf } from './normal-distribution.ts';

describe('alwaysValidMeanDifference', () => {
  it('computes the normal-mixture likelihood ratio and its inversion', () => {
    const result = alwaysValidMeanDifference({ n: 1000, meanDifference: 0.1, variance: 1 });
    const v = 0.002;
    const tau2 = optimalMixtureRatio(0.05) * v; // plannedN = n here
    expect(result.mixtureVariance).toBeCloseTo(tau2, 15);
    const lambda = Math.sqrt(v / (v + tau2)) * Math.exp((tau2 * 0.01) / (2 * v * (v + tau2)));
    expect(result.likelihoodRatio).toBeCloseTo(lambda, 12);
    expect(result.pValue).toBeCloseTo(1 / lambda, 12);
    // At either end of the interval Λ(θ) = 1/α exactly.
    for (const end of result.confidenceInterval) {
      const at = alwaysValidMeanDifference({ n: 1000, meanDifference: 0.1 - end, variance: 1 });
      expect(at.likelihoodRatio).toBeCloseTo(20, 9);
    }
  });

  it('chooses τ² from r = ln(1 + r) + 2 ln(1/α)', () => {
    const r = optimalMixtureRatio(0.05);
    expect(r).toBeCloseTo(Math.log1p(r) + 2 * Math.log(20), 12);
    expect(r).toBeCloseTo(8.211968062068244, 10);
  });

  it('is wider than the fixed-n interval, which is the price of peeking', () => {
    const result = alwaysValidMeanDifference({ n: 1000, meanDifference: 0.1, variance: 1 });
    const [low, high] = result.confidenceInterval;
    expect((high - low) / 2).toBeGreaterThan(1.959963984540054 * Math.sqrt(0.002));
    expect((low + high) / 2).toBeCloseTo(0.1, 14);
  });

  it('keeps a running minimum p and an intersected interval across looks', () => {
    const first = alwaysValidMeanDifference({ n: 500, meanDifference: 0.2, variance: 1 });
    const second = alwaysValidMeanDifference({ n: 600, meanDifference: 0.0, variance: 1, previous: first });
    expect(second.pValue).toBe(first.pValue);
    expect(second.confidenceInterval[0]).toBeGreaterThanOrEqual(first.confidenceInterval[0]);
    expect(second.confidenceInterval[1]).toBeLessThanOrEqual(first.confidenceInterval[1]);
  });

  it('accepts unequal arms and handles the edges', () => {
    const unequal = alwaysValidMeanDifference({ n: [900, 100], meanDifference: 0.1, variance: 1 });
    const equal = alwaysValidMeanDifference({ n: 180, meanDifference: 0.1, variance: 1 }); // same V
    expect(unequal.pValue).toBeCloseTo(equal.pValue, 12);
    expect(alwaysValidMeanDifference({ n: 1, meanDifference: 1, variance: 1 }).pValue).toBeNaN();
    expect(alwaysValidMeanDifference({ n: 10, meanDifference: NaN, variance: 1 }).pValue).toBeNaN();
    expect(alwaysValidMeanDifference({ n: 10, meanDifference: 0.5, variance: 0 }).pValue).toBe(0);
    expect(alwaysValidMeanDifference({ n: 10, meanDifference: 0, variance: 0 }).pValue).toBe(1);
    expect(() => alwaysValidMeanDifference({ n: 10, meanDifference: 0, variance: -1 })).toThrow(RangeError);
  });
});

/**
 * Simulated A/B experiments: two arms of up to 2000 N(0,1) (+ effect) observations, looked at every
 * 100 per arm. Returns the share of experiments stopped by the always-valid p and by a naive
 * fixed-n z-test p evaluated at every look.
 */
function simulate(experiments: number, effect: number, seed: number) {
  const draw = normalSampler(mulberry32(seed));
  let sequentialAlarms = 0;
  let naiveAlarms = 0;
  for (let e = 0; e < experiments; e++) {
    let sumA = 0, sumB = 0, squaresA = 0, squaresB = 0;
    let previous: SequentialResult | undefined;
    let naive = false;
    for (let n = 1; n <= 2000; n++) {
      const a = draw();
      const b = draw() + effect;
      sumA += a; sumB += b; squaresA += a * a; squaresB += b * b;
      if (n % 100 !== 0) continue;
      const meanA = sumA / n;
      const meanB = sumB / n;
      const variance = (squaresA - n * meanA * meanA + squaresB - n * meanB * meanB) / (2 * n - 2);
      previous = alwaysValidMeanDifference({ n, meanDifference: meanB - meanA, variance, previous });
      const z = (meanB - meanA) / Math.sqrt((2 * variance) / n);
      if (2 * normalSf(Math.abs(z)) < 0.05) naive = true;
    }
    if (previous!.pValue < 0.05) sequentialAlarms++;
    if (naive) naiveAlarms++;
  }
  return { sequential: sequentialAlarms / experiments, naive: naiveAlarms / experiments };
}

describe('always-valid guarantee by simulation (seeded)', () => {
  it('false-alarms at most about alpha over 20 looks, where peeking at a z-test does not', () => {
    const started = performance.now();
    const rates = simulate(500, 0, 2024);
    expect(rates.sequential).toBeLessThan(0.08);
    expect(rates.naive).toBeGreaterThan(0.15); // the problem this module exists to solve
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('still detects a real 0.2 sd effect', () => {
    expect(simulate(100, 0.2, 7).sequential).toBeGreaterThan(0.8);
  });
});
