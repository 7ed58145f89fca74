import { describe, expect, it } from 'vitest';
import { mulberry32, normalSampler } from './mulberry32.ts';

describe('mulberry32', () => {
  it('produces the reference sequence for seed 42', () => {
    const random = mulberry32(42);
    expect([random(), random(), random()]).toEqual([0.6011037519201636, 0.44829055899754167, 0.8524657934904099]);
  });

  it('is uniform on [0, 1) and differs between seeds', () => {
    const random = mulberry32(1);
    const buckets = new Array<number>(10).fill(0);
    let outside = 0;
    for (let i = 0; i < 100_000; i++) {
      const u = random();
      if (!(u >= 0 && u < 1)) outside++;
      buckets[Math.floor(u * 10)]!++;
    }
    expect(outside).toBe(0);
    for (const b of buckets) expect(Math.abs(b - 10_000)).toBeLessThan(500);
    expect(mulberry32(1)()).not.toBe(mulberry32(2)());
  });
});

describe('normalSampler', () => {
  it('draws N(0, 1)', () => {
    const draw = normalSampler(mulberry32(8));
    const values = Array.from({ length: 100_000 }, draw);
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length;
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(Math.abs(variance - 1)).toBeLessThan(0.02);
    expect(values.filter((v) => Math.abs(v) > 1.959963984540054).length / values.length).toBeCloseTo(0.05, 2);
  });
});
