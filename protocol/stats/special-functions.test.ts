import { describe, expect, it } from 'vitest';
import { gammaln } from 'simple-statistics';
import {
  erf,
  erfc,
  logBeta,
  logGamma,
  regularizedBeta,
  regularizedGammaP,
  regularizedGammaQ,
} from './special-functions.ts';

/** |actual/expected - 1|, or |actual| when expected is 0. */
function relativeError(actual: number, expected: number): number {
  return expected === 0 ? Math.abs(actual) : Math.abs(actual / expected - 1);
}

// Reference values: 40-digit evaluations (mpmath), truncated to 20 significant digits.
describe('logGamma', () => {
  it.each([
    [0.1, 2.2527126517342059599],
    [0.5, 0.5723649429247001], // ln √π
    [1.5, -0.12078223763524522235],
    [3.3, 0.98709857789473458788],
    [10, 12.801827480081469], // ln 9!
    [100, 359.13420536957539878],
    [1000.5, 5908.6741758486774887],
    [1e6, 12815504.56914761166],
  ])('logGamma(%s) to 1e-14 relative', (x, expected) => {
    expect(relativeError(logGamma(x), expected)).toBeLessThan(2e-14);
  });

  it('is (near) zero at 1 and 2 and agrees with simple-statistics gammaln', () => {
    expect(Math.abs(logGamma(1))).toBeLessThan(1e-15);
    expect(Math.abs(logGamma(2))).toBeLessThan(1e-15);
    for (const x of [0.7, 4.2, 37.5]) expect(relativeError(logGamma(x), gammaln(x))).toBeLessThan(1e-12);
  });

  it('reflects below 1/2 and has poles at non-positive integers', () => {
    expect(relativeError(logGamma(-0.5), Math.log(2 * Math.sqrt(Math.PI)))).toBeLessThan(1e-14);
    expect(logGamma(0)).toBe(Infinity);
    expect(logGamma(-3)).toBe(Infinity);
    expect(logGamma(NaN)).toBeNaN();
  });
});

describe('logBeta', () => {
  it('matches ln B(a, b), including huge arguments where lgamma differences cancel', () => {
    expect(relativeError(logBeta(2, 3), Math.log(1 / 12))).toBeLessThan(1e-14);
    expect(relativeError(logBeta(30, 40), -48.301749095916125196)).toBeLessThan(1e-14);
    expect(relativeError(logBeta(5e5, 0.5), -5.9888164957774643103)).toBeLessThan(1e-14);
    expect(logBeta(0, 1)).toBeNaN();
  });
});

describe('regularized incomplete gamma', () => {
  it('matches closed forms and high-precision values', () => {
    expect(relativeError(regularizedGammaP(1, 1), 1 - Math.exp(-1))).toBeLessThan(1e-15);
    expect(relativeError(regularizedGammaQ(1, 1), Math.exp(-1))).toBeLessThan(1e-15);
    expect(relativeError(regularizedGammaQ(0.5, 4), erfc(2))).toBeLessThan(1e-14);
    expect(relativeError(regularizedGammaP(100, 80), 0.017108313035133114166)).toBeLessThan(1e-13);
    expect(relativeError(regularizedGammaQ(100, 130), 0.002750408367306526277)).toBeLessThan(1e-12);
    expect(relativeError(regularizedGammaQ(10, 30), 7.1217508628155770916e-6)).toBeLessThan(1e-13);
  });

  it('has P + Q = 1 on both sides of the series/fraction switch', () => {
    for (const [a, x] of [[0.5, 0.2], [3, 3.9], [3, 4.1], [50, 60]] as const) {
      expect(regularizedGammaP(a, x) + regularizedGammaQ(a, x)).toBeCloseTo(1, 14);
    }
  });

  it('handles the edges', () => {
    expect(regularizedGammaP(2, 0)).toBe(0);
    expect(regularizedGammaQ(2, 0)).toBe(1);
    expect(regularizedGammaP(2, Infinity)).toBe(1);
    expect(regularizedGammaQ(2, Infinity)).toBe(0);
    expect(regularizedGammaP(NaN, 1)).toBeNaN();
    expect(regularizedGammaP(0, 1)).toBeNaN();
    expect(regularizedGammaQ(1, -1)).toBeNaN();
  });
});

describe('regularized incomplete beta', () => {
  it('matches closed forms and high-precision values', () => {
    expect(regularizedBeta(0.5, 2, 3)).toBeCloseTo(0.6875, 14);
    expect(relativeError(regularizedBeta(0.9, 0.5, 0.5), (2 / Math.PI) * Math.asin(Math.sqrt(0.9)))).toBeLessThan(1e-14);
    expect(relativeError(regularizedBeta(0.001, 5, 0.5), 2.4619635502857137551e-16)).toBeLessThan(1e-13);
    expect(relativeError(regularizedBeta(0.3, 100, 200), 0.10884306564490975751)).toBeLessThan(1e-12);
  });

  it('satisfies the symmetry I_x(a, b) = 1 - I_1-x(b, a)', () => {
    for (const [x, a, b] of [[0.2, 2, 3], [0.7, 10, 4], [0.45, 0.5, 30]] as const) {
      expect(regularizedBeta(x, a, b) + regularizedBeta(1 - x, b, a)).toBeCloseTo(1, 14);
    }
  });

  it('handles the edges', () => {
    expect(regularizedBeta(0, 2, 3)).toBe(0);
    expect(regularizedBeta(1, 2, 3)).toBe(1);
    expect(regularizedBeta(NaN, 2, 3)).toBeNaN();
    expect(regularizedBeta(1.5, 2, 3)).toBeNaN();
    expect(regularizedBeta(0.5, -1, 3)).toBeNaN();
  });
});

describe('erf and erfc', () => {
  it.each([
    [1e-8, 1.1283791670955125363e-8],
    [0.1, 0.1124629160182848922],
    [0.5, 0.52049987781304653768],
    [1, 0.84270079294971486934],
    [1.25, 0.92290012825645823014],
    [1.5, 0.96610514647531072707],
    [2, 0.99532226501895273416],
    [3, 0.99997790950300141456],
    [5, 0.99999999999846254021],
  ])('erf(%s) to 1e-14 relative, odd', (x, expected) => {
    expect(relativeError(erf(x), expected)).toBeLessThan(1e-14);
    expect(erf(-x)).toBe(-erf(x));
  });

  it.each([
    [0.5, 0.47950012218695346232],
    [1, 0.15729920705028513066],
    [1.25, 0.077099871743541769863],
    [1.5, 0.033894853524689272933],
    [2, 0.0046777349810472658379],
    [3, 0.000022090496998585441373],
    [5, 1.5374597944280348502e-12],
    [10, 2.088487583762544757e-45],
    [20, 5.3958656116079009289e-176],
    [26, 5.6631924088561428465e-296],
  ])('erfc(%s) to 1e-14 relative, deep into the tail', (x, expected) => {
    expect(relativeError(erfc(x), expected)).toBeLessThan(1e-14);
  });

  it('is continuous across the method switches and handles the edges', () => {
    for (const x of [1, 1.5]) {
      expect(relativeError(erfc(x - 1e-12), erfc(x + 1e-12))).toBeLessThan(1e-11);
      expect(relativeError(erf(x - 1e-12), erf(x + 1e-12))).toBeLessThan(1e-11);
    }
    expect(erfc(-3)).toBeCloseTo(2 - erfc(3), 15);
    expect(erf(0)).toBe(0);
    expect(erfc(0)).toBe(1);
    expect(erf(Infinity)).toBe(1);
    expect(erfc(Infinity)).toBe(0);
    expect(erfc(-Infinity)).toBe(2);
    expect(erfc(30)).toBe(0);
    expect(erf(NaN)).toBeNaN();
    expect(erfc(NaN)).toBeNaN();
  });
});
