import { describe, expect, it } from 'vitest';
import { benjaminiHochbergAdjust, holmAdjust } from './multiple-testing.ts';

function expectAllClose(actual: number[], expected: number[], digits: number): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((value, i) => expect(value).toBeCloseTo(expected[i]!, digits));
}

describe('holmAdjust', () => {
  it('reproduces the published values in input order', () => {
    expectAllClose(holmAdjust([0.01, 0.04, 0.03, 0.005, 0.55, 0.6]), [0.05, 0.12, 0.12, 0.03, 1, 1], 12);
  });

  it('is monotone in p, never below p, and a no-op for one test', () => {
    const p = [0.2, 0.001, 0.04, 0.03, 0.9];
    const adjusted = holmAdjust(p);
    adjusted.forEach((a, i) => expect(a).toBeGreaterThanOrEqual(p[i]!));
    expect(holmAdjust([0.03])).toEqual([0.03]);
    expect(holmAdjust([])).toEqual([]);
  });

  it('leaves NaN in place and out of the family size', () => {
    const adjusted = holmAdjust([0.01, NaN, 0.04]);
    expect(adjusted[1]).toBeNaN();
    expectAllClose([adjusted[0]!, adjusted[2]!], [0.02, 0.04], 12);
  });

  it('rejects values outside [0, 1]', () => {
    expect(() => holmAdjust([0.1, 1.2])).toThrow(RangeError);
  });
});

describe('benjaminiHochbergAdjust', () => {
  it('reproduces the published values in input order', () => {
    expectAllClose(
      benjaminiHochbergAdjust([0.898, 0.138, 0.007, 0.964, 0.538, 0.006, 0.138]),
      [0.964, 0.2415, 0.0245, 0.964, 0.7532, 0.0245, 0.2415],
      12,
    );
  });

  it('is never above Holm and keeps ties equal', () => {
    const p = [0.01, 0.02, 0.02, 0.3, 0.04];
    const bh = benjaminiHochbergAdjust(p);
    const holm = holmAdjust(p);
    bh.forEach((value, i) => expect(value).toBeLessThanOrEqual(holm[i]! + 1e-15));
    expect(bh[1]).toBe(bh[2]);
  });

  it('handles NaN, a single value and a large family', () => {
    const adjusted = benjaminiHochbergAdjust([NaN, 0.5]);
    expect(adjusted[0]).toBeNaN();
    expect(adjusted[1]).toBe(0.5);
    const many = Array.from({ length: 10_000 }, (_, i) => (i + 1) / 10_000);
    expect(benjaminiHochbergAdjust(many).every((v) => Math.abs(v - 1) < 1e-12)).toBe(true);
  });
});
