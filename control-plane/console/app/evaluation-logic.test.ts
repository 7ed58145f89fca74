import { describe, expect, it } from 'vitest';
import { alignSeries, bucketFor, featureToShow, histogramBars } from './drift-data.ts';
import { drawable, intervalScale } from './interval-scale.ts';
import { formatInterval, formatLift, formatMetricValue, formatNumber, formatP, metricLabel, thresholdLabel } from './stats-format.ts';

// Chart data and number formatting of the drift, quality and experiment pages, in Node.

describe('numbers for people', () => {
  it('formats p-values, lifts, intervals and metric values', () => {
    expect(formatP(0.0423)).toBe('0.042');
    expect(formatP(0.41)).toBe('0.41');
    expect(formatP(3e-9)).toBe('<0.001');
    expect(formatP(1)).toBe('1');
    expect(formatP(null)).toBe('—');
    expect(formatLift(0.029)).toBe('+2.9%');
    expect(formatLift(-0.032)).toBe('−3.2%');
    expect(formatInterval([-0.051, 0.108])).toBe('[−5.1%, +10.8%]');
    expect(formatInterval([null, 0.1])).toBe('—');
    expect(formatMetricValue('rate', 0.0107)).toBe('1.07%');
    expect(formatMetricValue('ms', 10.634)).toBe('10.6 ms');
    expect(formatNumber(2160)).toBe('2,160');
    expect(formatNumber(0.000123)).toBe('1.23e-4');
    expect(metricLabel('latency_mean_ms')).toBe('Mean latency');
    expect(metricLabel('business:checkout')).toBe('checkout (business event)');
    expect(metricLabel('new_metric')).toBe('New metric');
    expect(thresholdLabel('null-simulation', 0.0483)).toBe('statistic > 0.0483 (simulated)');
  });
});

describe('drift chart data', () => {
  it('lines up reference and current histograms as shares, dropping empty under/over bins', () => {
    const bars = histogramBars({
      type: 'numeric',
      reference: { edges: [0, 1, 2], counts: [0, 30, 10, 0], mean: 1, std: 0.5 },
      current: { counts: [0, 5, 10, 5], missing: 0, mean: 2, std: 1 },
    });
    expect(bars.labels).toEqual(['0 – 1', '1 – 2', '≥ 2']);
    expect(bars.ticks).toEqual(['0', '1', '≥2']);
    expect(bars.reference).toEqual([0.75, 0.25, 0]);
    expect(bars.current).toEqual([0.25, 0.5, 0.25]);
    expect([bars.referenceTotal, bars.currentTotal]).toEqual([40, 20]);
  });

  it('names categories, leaving OTHER out when empty', () => {
    const bars = histogramBars({
      type: 'categorical',
      reference: { categories: ['malignant', 'benign', 'OTHER'], counts: [1, 3, 0], mean: null, std: null },
      current: { counts: [2, 2, 0], missing: 0, mean: null, std: null },
    });
    expect(bars.labels).toEqual(['malignant', 'benign']);
    expect(bars.current).toEqual([0.5, 0.5]);
  });

  it('aligns series with their own timestamps on one axis', () => {
    const t = (m: number) => `2026-01-01T00:0${m}:00.000Z`;
    const aligned = alignSeries([[{ t: t(0), value: 1 }, { t: t(2), value: 3 }], [{ t: t(1), value: 2 }]]);
    expect(aligned.xs).toEqual([0, 60, 120].map((s) => Date.parse(t(0)) / 1000 + s));
    expect(aligned.values).toEqual([[1, null, 3], [null, 2, null]]);
  });

  it('picks a bucket per window and the most drifted feature first', () => {
    expect([bucketFor('15m'), bucketFor('1h'), bucketFor('6h'), bucketFor('24h'), bucketFor('7d')]).toEqual(['1m', '1m', '5m', '30m', '3h']);
    const f = (feature: string, drifted: boolean | null, adjustedP: number | null, psi = 0) => ({ feature, drifted, adjustedP, psi }) as never;
    expect(featureToShow({ features: [f('a', false, 0.5), f('b', true, 0.001), f('c', true, 1e-9)] })).toBe('c');
    expect(featureToShow({ features: [] })).toBeUndefined();
  });
});

describe('interval plot scale', () => {
  it('covers zero, estimates and interval ends on round ticks', () => {
    const scale = intervalScale([{ label: 'a', estimate: 0.02, interval: [-0.01, 0.05] }]);
    expect(scale.ticks).toEqual([-0.02, 0, 0.02, 0.04, 0.06]);
    expect(scale.x(0, 100, 400)).toBe(200);
  });

  it('clips a very wide interval so the others stay readable, never an estimate', () => {
    const scale = intervalScale([
      { label: 'error rate', estimate: 0.6, interval: [-1.0, 2.3] },
      { label: 'latency', estimate: 0.1, interval: [0.07, 0.13] },
    ]);
    expect(scale.min).toBeGreaterThanOrEqual(-1); // not the interval's -100% … +230%
    expect(scale.max).toBeLessThanOrEqual(1);
    expect(scale.max).toBeGreaterThanOrEqual(0.72); // 1.2 × the largest estimate
    expect(drawable({ label: 'x', estimate: 0.1, interval: [null, 0.2] })).toBe(false);
  });
});
