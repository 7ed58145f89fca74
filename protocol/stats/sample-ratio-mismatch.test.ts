import { describe, expect, it } from 'vitest';
import { sampleRatioMismatch } from './sample-ratio-mismatch.ts';

describe('sampleRatioMismatch', () => {
  it('is the chi-squared test of arm counts against planned shares (scipy chisquare values)', () => {
    const result = sampleRatioMismatch([5000, 5200], [0.5, 0.5]);
    expect(result.statistic).toBeCloseTo(3.9215686274509802, 12);
    expect(result.pValue).toBeCloseTo(0.0476703806561615, 14);
    expect(result.expected).toEqual([5100, 5100]);
    expect(result.mismatch).toBe(false); // 0.048 is not an SRM at the default 0.001
  });

  it('flags a broken 50/50 split and accepts any positive weights', () => {
    const broken = sampleRatioMismatch([821, 379], [1, 1]);
    expect(broken.pValue).toBeLessThan(1e-30);
    expect(broken.mismatch).toBe(true);
    const threeWay = sampleRatioMismatch([2010, 1000, 990], [50, 25, 25]);
    expect(threeWay.pValue).toBeCloseTo(0.9277434863285529, 13);
    expect(threeWay.mismatch).toBe(false);
  });

  it('honours alpha', () => {
    expect(sampleRatioMismatch([5000, 5200], [1, 1], { alpha: 0.05 }).mismatch).toBe(true);
  });

  it('reports no mismatch without data and rejects bad input', () => {
    expect(sampleRatioMismatch([0, 0], [1, 1])).toMatchObject({ pValue: NaN, mismatch: false });
    expect(() => sampleRatioMismatch([1, 2], [0, 0])).toThrow(RangeError);
    expect(() => sampleRatioMismatch([1, 2], [1])).toThrow(RangeError);
    expect(() => sampleRatioMismatch([1, NaN], [1, 1])).toThrow(RangeError);
  });

  it('a single arm cannot mismatch', () => {
    expect(sampleRatioMismatch([1234], [1])).toMatchObject({ pValue: 1, mismatch: false });
  });
});
