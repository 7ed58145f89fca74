import { describe, expect, it } from 'vitest';
import { historyThreshold, multinomialSample, simulateNullThreshold } from './calibration.ts';
import { jensenShannonDistance, populationStabilityIndex } from './distances.ts';
import { mulberry32 } from './mulberry32.ts';
import { chiSquaredQuantile } from './sampling-distributions.ts';

describe('multinomialSample', () => {
  it('draws n values with the given proportions', () => {
    const counts = multinomialSample([0.2, 0.5, 1], 100_000, mulberry32(1));
    expect(counts.reduce((s, c) => s + c, 0)).toBe(100_000);
    expect(counts[0]! / 1e5).toBeCloseTo(0.2, 2);
    expect(counts[1]! / 1e5).toBeCloseTo(0.3, 2);
    expect(counts[2]! / 1e5).toBeCloseTo(0.5, 2);
  });

  it('never draws an empty cell, and puts everything in a single cell', () => {
    expect(multinomialSample([0, 0.5, 0.5, 1], 10_000, mulberry32(2))[0]).toBe(0);
    expect(multinomialSample([1], 7, mulberry32(3))).toEqual([7]);
    expect(multinomialSample([0.5, 1], 0, mulberry32(3))).toEqual([0, 0]);
  });
});

describe('simulateNullThreshold', () => {
  const tenEqualBins = new Array<number>(10).fill(10_000);

  it('matches the chi-squared approximation of PSI: 99th percentile ≈ χ²₀.₉₉(9)/n', () => {
    const started = performance.now();
    const result = simulateNullThreshold({
      referenceCounts: tenEqualBins,
      windowSize: 1000,
      statistic: (r, w) => populationStabilityIndex(r, w),
      simulations: 2000,
    });
    expect(performance.now() - started).toBeLessThan(2000);
    const approximation = chiSquaredQuantile(0.99, 9) / 1000; // the reference is taken as exact
    expect(Math.abs(result.threshold / approximation - 1)).toBeLessThan(0.1);
    expect(Math.abs(result.mean / (9 / 1000) - 1)).toBeLessThan(0.05); // E[χ²₉] = 9
  });

  it('is reproducible from the seed and shrinks as windows grow', () => {
    const input = { referenceCounts: [5, 3, 2], windowSize: 50, statistic: jensenShannonDistance, simulations: 300 };
    expect(simulateNullThreshold(input)).toEqual(simulateNullThreshold(input));
    expect(simulateNullThreshold({ ...input, seed: 2 }).threshold).not.toBe(simulateNullThreshold(input).threshold);
    expect(simulateNullThreshold({ ...input, windowSize: 5000 }).threshold).toBeLessThan(simulateNullThreshold(input).threshold);
  });

  it('gives 0 when all reference mass is in one bin, and rejects an empty reference', () => {
    const result = simulateNullThreshold({ referenceCounts: [0, 40, 0], windowSize: 30, statistic: jensenShannonDistance });
    expect(result.threshold).toBe(0);
    expect(() => simulateNullThreshold({ referenceCounts: [0, 0], windowSize: 30, statistic: jensenShannonDistance })).toThrow(RangeError);
    expect(() => simulateNullThreshold({ referenceCounts: [1, 1], windowSize: 0, statistic: jensenShannonDistance })).toThrow(RangeError);
  });

  it('reports NaN when the statistic is never defined', () => {
    expect(simulateNullThreshold({ referenceCounts: [1], windowSize: 3, statistic: () => NaN }).threshold).toBeNaN();
  });
});

describe('historyThreshold', () => {
  it('is mean + 3 sample sd of the healthy scores', () => {
    const scores = [0.01, 0.02, 0.015, 0.012];
    const mean = 0.01425;
    const sd = Math.sqrt(scores.reduce((s, v) => s + (v - mean) ** 2, 0) / 3);
    const result = historyThreshold(scores);
    expect(result.mean).toBeCloseTo(mean, 15);
    expect(result.std).toBeCloseTo(sd, 15);
    expect(result.threshold).toBeCloseTo(mean + 3 * sd, 15);
    expect(historyThreshold(scores, { k: 2 }).threshold).toBeCloseTo(mean + 2 * sd, 15);
  });

  it('ignores NaN scores and needs two of them', () => {
    expect(historyThreshold([0.1, NaN, 0.3]).n).toBe(2);
    expect(historyThreshold([0.1]).threshold).toBeNaN();
    expect(historyThreshold([]).threshold).toBeNaN();
    expect(historyThreshold([0.2, 0.2]).threshold).toBe(0.2);
  });
});
