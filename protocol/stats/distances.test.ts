import { describe, expect, it } from 'vitest';
import {
  PSI_EPSILON,
  binnedWassersteinDistance,
  jensenShannonDistance,
  normalizedWasserstein,
  populationStabilityIndex,
  psiCriticalValue,
  wassersteinDistance,
} from './distances.ts';
import { mulberry32, normalSampler } from './mulberry32.ts';

/** KL(p||q) in nats, for checking PSI = KL(p||q) + KL(q||p). */
function kl(p: number[], q: number[]): number {
  return p.reduce((sum, pk, k) => sum + (pk > 0 ? pk * Math.log(pk / q[k]!) : 0), 0);
}

describe('populationStabilityIndex (published values)', () => {
  it.each([
    [[0.4, 0.3, 0.3], [0.35, 0.25, 0.4], 0.0445609],
    [[0.4, 0.4, 0.2], [0.35, 0.4, 0.25], 0.0178337],
    [[0.3, 0.7], [0.7, 0.3], 0.6778383],
  ])('%j vs %j = %s (7 digits)', (expected, observed, psi) => {
    expect(populationStabilityIndex(expected, observed)).toBeCloseTo(psi, 7);
  });

  it('equals KL(p||q) + KL(q||p), is symmetric, zero for identical and scale-free in counts', () => {
    const p = [0.1, 0.2, 0.3, 0.4];
    const q = [0.25, 0.25, 0.25, 0.25];
    expect(populationStabilityIndex(p, q)).toBeCloseTo(kl(p, q) + kl(q, p), 15);
    expect(populationStabilityIndex(q, p)).toBeCloseTo(populationStabilityIndex(p, q), 15);
    expect(populationStabilityIndex(p, p)).toBe(0);
    expect(populationStabilityIndex([10, 20, 30, 40], [25, 25, 25, 25])).toBeCloseTo(populationStabilityIndex(p, q), 15);
  });

  it('floors empty bins at epsilon instead of going infinite', () => {
    const psi = populationStabilityIndex([0.5, 0.5, 0], [0.45, 0.45, 0.1]);
    expect(Number.isFinite(psi)).toBe(true);
    const emptyBin = (0.1 - PSI_EPSILON) * Math.log(0.1 / PSI_EPSILON);
    expect(psi).toBeCloseTo(emptyBin + 2 * (0.45 - 0.5) * Math.log(0.45 / 0.5), 12);
    expect(populationStabilityIndex([1, 0], [1, 0])).toBe(0);
    expect(populationStabilityIndex([1, 0], [0, 1], { epsilon: 1e-2 })).toBeCloseTo(2 * 0.99 * Math.log(100), 12);
  });

  it('single bin is 0, empty side is NaN, bad input throws', () => {
    expect(populationStabilityIndex([7], [3])).toBe(0);
    expect(populationStabilityIndex([0, 0], [1, 2])).toBeNaN();
    expect(() => populationStabilityIndex([1, 2], [1])).toThrow(RangeError);
    expect(() => populationStabilityIndex([1, NaN], [1, 1])).toThrow(RangeError);
  });

  it('psiCriticalValue: chi2(B-1)·(1/n + 1/m) = 0.0338 for B = 10, n = m = 1000 (published)', () => {
    expect(psiCriticalValue(10, 1000, 1000, 0.05)).toBeCloseTo(0.0338, 4);
  });
});

describe('jensenShannonDistance (published values)', () => {
  it('[1, 0] vs [0.5, 0.5] = 0.46450140402245893 (natural log)', () => {
    expect(jensenShannonDistance([1, 0], [0.5, 0.5])).toBeCloseTo(0.46450140402245893, 15);
  });

  it('[1, 0, 0] vs [0, 1, 0] = 1 in base 2; identical = 0', () => {
    expect(jensenShannonDistance([1, 0, 0], [0, 1, 0], { base: 2 })).toBeCloseTo(1, 15);
    expect(jensenShannonDistance([1, 2, 3], [1, 2, 3])).toBe(0);
    expect(jensenShannonDistance([1, 0, 0], [0, 1, 0])).toBeCloseTo(Math.sqrt(Math.LN2), 15);
  });

  it('matches scipy on a generic pair and normalises counts', () => {
    expect(jensenShannonDistance([0.2, 0.3, 0.5], [0.5, 0.3, 0.2])).toBeCloseTo(0.25770974832606103, 15);
    expect(jensenShannonDistance([2, 3, 5], [50, 30, 20], { base: 2 })).toBeCloseTo(0.3095409536771482, 15);
  });

  it('single bin is 0, empty is NaN', () => {
    expect(jensenShannonDistance([4], [9])).toBe(0);
    expect(jensenShannonDistance([0, 0], [1, 1])).toBeNaN();
  });
});

describe('wassersteinDistance (published values)', () => {
  it('[0, 1, 3] vs [5, 6, 8] = 5', () => {
    expect(wassersteinDistance([0, 1, 3], [5, 6, 8])).toBeCloseTo(5, 15);
  });

  it('[0, 1] weighted [3, 1] vs [0, 1] weighted [2, 2] = 0.25', () => {
    expect(wassersteinDistance([0, 1], [0, 1], [3, 1], [2, 2])).toBeCloseTo(0.25, 15);
  });

  it('matches scipy on unsorted samples of different sizes, and is a shift for shifted copies', () => {
    expect(wassersteinDistance([3.4, 1, -2, 7], [0, 0.5, 9])).toBeCloseTo(2.1166666666666667, 14);
    expect(wassersteinDistance([1, 2, 3], [3.5, 4.5, 5.5])).toBeCloseTo(2.5, 14);
  });

  it('edge cases: identical 0, single values, NaN dropped, empty NaN', () => {
    expect(wassersteinDistance([1, 2], [2, 1])).toBe(0);
    expect(wassersteinDistance([4], [1])).toBe(3);
    expect(wassersteinDistance([0, NaN, 1, 3], [5, 6, Infinity, 8])).toBeCloseTo(5, 15);
    expect(wassersteinDistance([], [1])).toBeNaN();
    expect(wassersteinDistance([1], [1], [0], [1])).toBeNaN();
  });
});

describe('binnedWassersteinDistance', () => {
  it('moves all mass one bin: the bin width', () => {
    expect(binnedWassersteinDistance([0, 1, 2], [1, 0], [0, 1])).toBeCloseTo(1, 15);
    expect(binnedWassersteinDistance([0, 1, 2], [5, 5], [5, 5])).toBe(0);
  });

  it('agrees with the sample distance on fine bins', () => {
    const draw = normalSampler(mulberry32(11));
    const a = Array.from({ length: 5000 }, () => draw());
    const b = Array.from({ length: 5000 }, () => draw() * 1.5 + 0.3);
    const edges = Array.from({ length: 401 }, (_, i) => -10 + i * 0.05);
    const count = (values: number[]) => {
      const counts = new Array<number>(400).fill(0);
      for (const v of values) counts[Math.min(399, Math.floor((v + 10) / 0.05))]!++;
      return counts;
    };
    const exact = wassersteinDistance(a, b);
    expect(binnedWassersteinDistance(edges, count(a), count(b))).toBeCloseTo(exact, 2);
  });

  it('places underflow and overflow on the outer edges when given', () => {
    // Window: all mass in overflow (at edge 2); reference uniform on [0, 2]: W1 = 1.
    expect(binnedWassersteinDistance([0, 1, 2], [0, 1, 1, 0], [0, 0, 0, 1])).toBeCloseTo(1, 15);
    expect(binnedWassersteinDistance([0, 1, 2], [1, 0, 0, 0], [0, 0, 0, 1])).toBeCloseTo(2, 15);
  });

  it('rejects a count vector that fits neither layout, NaN when empty', () => {
    expect(() => binnedWassersteinDistance([0, 1, 2], [1, 2, 3], [1, 2, 3])).toThrow(RangeError);
    expect(binnedWassersteinDistance([0, 1, 2], [0, 0], [1, 1])).toBeNaN();
  });
});

describe('normalizedWasserstein', () => {
  it('divides by the reference spread', () => {
    expect(normalizedWasserstein(0.5, 2)).toBe(0.25);
    expect(normalizedWasserstein(0, 0)).toBe(0);
    expect(normalizedWasserstein(0.1, 0)).toBe(Infinity);
    expect(normalizedWasserstein(NaN, 1)).toBeNaN();
  });
});
