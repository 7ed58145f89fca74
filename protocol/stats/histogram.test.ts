import { describe, expect, it } from 'vitest';
import {
  addToHistogram,
  createHistogram,
  cumulativeCounts,
  equalMassEdges,
  extendedCounts,
  histogramOf,
  histogramSchema,
  histogramTotal,
  mergeHistograms,
  normalizeCounts,
} from './histogram.ts';
import { mulberry32, normalSampler } from './mulberry32.ts';

describe('histogram on fixed edges', () => {
  it('places values in [e_i, e_i+1), the last bin closed, others in under/overflow or missing', () => {
    const h = histogramOf([0, 1, 2, 3], [0, 0.5, 1, 2.999, 3, -0.001, 3.001, -Infinity, Infinity, NaN, null, undefined]);
    expect(h.counts).toEqual([2, 1, 2]);
    expect(h.underflow).toBe(2);
    expect(h.overflow).toBe(2);
    expect(h.missing).toBe(3);
    expect(histogramTotal(h)).toBe(9);
    expect(extendedCounts(h)).toEqual([2, 2, 1, 2, 2]);
  });

  it('works with a single bin and counts in place', () => {
    const h = createHistogram([5, 6]);
    expect(addToHistogram(h, 5.5)).toBe(h);
    addToHistogram(h, 6);
    expect(h.counts).toEqual([2]);
  });

  it('rejects bad edges', () => {
    expect(() => createHistogram([1])).toThrow(RangeError);
    expect(() => createHistogram([0, 0, 1])).toThrow(RangeError);
    expect(() => createHistogram([0, 2, 1])).toThrow(RangeError);
    expect(() => createHistogram([0, NaN])).toThrow(RangeError);
    expect(() => createHistogram([0, Infinity])).toThrow(RangeError);
  });

  it('finds the right bin among many edges (binary search agrees with a linear scan)', () => {
    const edges = Array.from({ length: 51 }, (_, i) => i * i);
    const random = mulberry32(9);
    const values = Array.from({ length: 5000 }, () => random() * 2600 - 50);
    const h = histogramOf(edges, values);
    const expected = new Array<number>(50).fill(0);
    for (const v of values) {
      if (v < 0 || v > 2500) continue;
      const k = v === 2500 ? 49 : edges.findIndex((e, i) => v >= e && v < edges[i + 1]!);
      expected[k]!++;
    }
    expect(h.counts).toEqual(expected);
  });
});

describe('mergeHistograms', () => {
  it('adds counts exactly, whatever the split', () => {
    const edges = [0, 1, 2, 3];
    const values = [0.1, 2.5, 2.7, -1, 9, NaN, 1.2, 3];
    const whole = histogramOf(edges, values);
    for (let cut = 0; cut <= values.length; cut++) {
      expect(mergeHistograms(histogramOf(edges, values.slice(0, cut)), histogramOf(edges, values.slice(cut)))).toEqual(whole);
    }
  });

  it('refuses different edges', () => {
    expect(() => mergeHistograms(createHistogram([0, 1]), createHistogram([0, 2]))).toThrow(RangeError);
    expect(() => mergeHistograms(createHistogram([0, 1]), createHistogram([0, 1, 2]))).toThrow(RangeError);
  });
});

describe('equalMassEdges', () => {
  it('gives about 50 bins of equal mass for a continuous sample', () => {
    const draw = normalSampler(mulberry32(21));
    const sample = Array.from({ length: 10_000 }, () => draw());
    const edges = equalMassEdges(sample);
    expect(edges).toHaveLength(51);
    expect(edges[0]).toBe(Math.min(...sample));
    expect(edges[50]).toBe(Math.max(...sample));
    const h = histogramOf(edges, sample);
    expect(h.underflow + h.overflow).toBe(0);
    for (const c of h.counts) expect(Math.abs(c - 200)).toBeLessThanOrEqual(1);
  });

  it('uses numpy type-7 quantiles', () => {
    expect(equalMassEdges([1, 2, 3, 4, 5], 4)).toEqual([1, 2, 3, 4, 5]);
    expect(equalMassEdges([0, 10], 4)).toEqual([0, 2.5, 5, 7.5, 10]);
  });

  it('drops repeated quantiles, so heavy ties give fewer bins, never empty ones', () => {
    const sample = [...new Array<number>(600).fill(0), ...Array.from({ length: 400 }, (_, i) => 1 + i)];
    const edges = equalMassEdges(sample, 10);
    expect(edges[0]).toBe(0);
    expect(new Set(edges).size).toBe(edges.length);
    expect(edges.length).toBeLessThan(11);
    expect(histogramOf(edges, sample).counts[0]).toBeGreaterThanOrEqual(600);
  });

  it('gives one narrow bin for a constant sample and ignores non-finite values', () => {
    const edges = equalMassEdges([7, 7, 7, NaN, Infinity]);
    expect(edges).toHaveLength(2);
    expect(edges[0]).toBe(7);
    const h = histogramOf(edges, [7, 7.1, 6.9]);
    expect(h).toMatchObject({ counts: [1], underflow: 1, overflow: 1 });
    expect(equalMassEdges([0])).toEqual([0, 1e-9]);
  });

  it('rejects an empty sample and a bad bin count', () => {
    expect(() => equalMassEdges([])).toThrow(RangeError);
    expect(() => equalMassEdges([NaN])).toThrow(RangeError);
    expect(() => equalMassEdges([1, 2], 0)).toThrow(RangeError);
  });
});

describe('helpers', () => {
  it('cumulate and normalise, NaN for an empty vector', () => {
    expect(cumulativeCounts([1, 2, 3])).toEqual([1, 3, 6]);
    expect(normalizeCounts([1, 3])).toEqual([0.25, 0.75]);
    expect(normalizeCounts([0, 0]).every(Number.isNaN)).toBe(true);
    expect(cumulativeCounts([])).toEqual([]);
  });
});

describe('histogramSchema', () => {
  it('round-trips through JSON', () => {
    const h = histogramOf([0, 1, 2], [0.5, 1.5, 5, NaN]);
    expect(histogramSchema.parse(JSON.parse(JSON.stringify(h)))).toEqual(h);
  });

  it('rejects malformed histograms', () => {
    const h = histogramOf([0, 1, 2], [0.5]);
    expect(histogramSchema.safeParse({ ...h, counts: [1] }).success).toBe(false);
    expect(histogramSchema.safeParse({ ...h, edges: [0, 2, 1] }).success).toBe(false);
    expect(histogramSchema.safeParse({ ...h, counts: [1, -1] }).success).toBe(false);
    expect(histogramSchema.safeParse({ ...h, missing: 0.5 }).success).toBe(false);
    expect(histogramSchema.safeParse({ ...h, edges: [0] , counts: [] }).success).toBe(false);
  });
});
