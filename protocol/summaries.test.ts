import { describe, expect, it } from 'vitest';
import {
  syntheticProfile,
  syntheticTraffic,
  summaryOf,
  type TrafficEvent,
} from './testing/synthetic-traffic.ts';
import { mulberry32 } from './stats/index.ts';
import {
  LATENCY_EDGES_MS,
  emptySummary,
  extendedBinIndex,
  mergeSummaries,
  mergeSummaryStats,
  statsOf,
  summaryShapeError,
  windowSummarySchema,
  type SummaryStats,
} from './index.ts';

const shape = { numeric: 12, categorical: 4, classes: 3 };
const profile = syntheticProfile(shape, 1500, 7);
const t = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString();

/** Deep comparison: integers exactly, other numbers to 1e-9 relative (moments merge with rounding). */
function expectClose(actual: unknown, expected: unknown, path = '$'): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    if (Number.isInteger(expected) && Math.abs(expected) < 2 ** 31 && !path.match(/\.(mean|m2|m3|m4|sum|min|max|confidenceSum.*|state.*)$/)) {
      expect(actual, path).toBe(expected);
    } else expect(Math.abs(actual - expected), path).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
    return;
  }
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), path).toBe(true);
    expect((actual as unknown[]).length, `${path}.length`).toBe(expected.length);
    expected.forEach((e, i) => expectClose((actual as unknown[])[i], e, `${path}[${i}]`));
    return;
  }
  if (expected !== null && typeof expected === 'object') {
    expect(Object.keys(actual as object).sort(), path).toEqual(Object.keys(expected).sort());
    for (const [k, v] of Object.entries(expected)) expectClose((actual as Record<string, unknown>)[k], v, `${path}.${k}`);
    return;
  }
  expect(actual, path).toEqual(expected);
}

/** The detector is the device's running state, not a window statistic: compare everything else. */
const withoutDetector = (s: SummaryStats): SummaryStats =>
  s.feedback ? { ...s, feedback: { ...s.feedback, detector: undefined } } : s;
const stripUndefined = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

describe('window summaries', () => {
  it('merge exactly: the merge of two windows equals the window of their union (40 seeded random splits)', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const random = mulberry32(seed);
      const events = syntheticTraffic(shape, 20 + Math.floor(random() * 400), seed);
      const cut = Math.floor(random() * (events.length + 1)); // empty halves included
      const a = summaryOf(profile, events.slice(0, cut), { start: t(0), end: t(1), seq: 1 });
      const b = summaryOf(profile, events.slice(cut), { start: t(1), end: t(2), seq: 2 });
      const union = summaryOf(profile, events, { start: t(0), end: t(2), seq: 2 });
      const merged = mergeSummaries(a, b);
      expectClose(stripUndefined(withoutDetector(merged)), stripUndefined(withoutDetector(union)));
      expect(merged.feedback?.detector?.alarms ?? 0).toBe((a.feedback?.detector?.alarms ?? 0) + (b.feedback?.detector?.alarms ?? 0));
      expect(windowSummarySchema.safeParse(merged).success).toBe(true);
    }
  });

  it('merges associatively and commutatively (up to rounding), so bucket order does not matter', () => {
    const parts: TrafficEvent[][] = [1, 2, 3].map((s) => syntheticTraffic(shape, 150, 100 + s));
    const [a, b, c] = parts.map((events, i) => statsOf(summaryOf(profile, events, { start: t(i), end: t(i + 1) })));
    const left = mergeSummaryStats(mergeSummaryStats(a!, b!), c!);
    const right = mergeSummaryStats(a!, mergeSummaryStats(b!, c!));
    const swapped = mergeSummaryStats(c!, mergeSummaryStats(b!, a!));
    expectClose(stripUndefined(withoutDetector(right)), stripUndefined(withoutDetector(left)));
    // Commutativity holds for everything but the order business event names were first seen in.
    expectClose(stripUndefined({ ...withoutDetector(swapped), business: undefined }), stripUndefined({ ...withoutDetector(left), business: undefined }));
  });

  it('counts every event where it belongs', () => {
    const events: TrafficEvent[] = [
      { kind: 'prediction', features: [...new Array(12).fill(0), 0, 1, 2, 3], outputs: [2, 0, 0], latencyMs: 5, error: false },
      { kind: 'prediction', features: [NaN, ...new Array(11).fill(0), 'zz', null, 2, 3], outputs: null, latencyMs: 0.01, error: true },
      { kind: 'prediction', features: [...new Array(12).fill(1e9), 0, 1, 2, 3], outputs: [NaN, 0, 0], latencyMs: 1e9, error: false },
      { kind: 'feedback', label: 0, predicted: 0, confidence: 0.95, features: new Array(16).fill(0) },
      { kind: 'business', name: 'checkout', value: 12 },
      { kind: 'business', name: 'checkout' },
    ];
    const s = summaryOf(profile, events, { start: t(0), end: t(1) });
    expect(s.counts).toMatchObject({ predictions: 3, errors: 1, nanOutputs: 1 });
    expect(s.counts.violations[0]).toBe(1); // 1e9 above the declared max 3; the missing value is allowed
    expect(s.features[0]!.missing).toBe(1);
    expect(s.features[0]!.counts.at(-1)).toBe(1); // 1e9: overflow
    expect(s.features[12]!.counts.at(-1)).toBe(1); // 'zz': OTHER
    expect(s.features[13]!.missing).toBe(1);
    expect(s.output!.classes.reduce((x, y) => x + y, 0)).toBe(1);
    expect(s.latency.counts[0]).toBe(1); // 0.01 ms: under the 0.1 ms edge
    expect(s.latency.counts.at(-1)).toBe(1);
    expect(s.feedback).toMatchObject({ n: 1, labels: [1, 0, 0, 0] });
    expect(s.feedback!.confusion![0]).toBe(1);
    expect(s.business).toMatchObject({ names: ['checkout'], counts: [2], dropped: 0 });
    expect(s.business!.values[0]!.count).toBe(1);
    expect(summaryShapeError(s, profile)).toBeNull();
  });

  it('refuses to merge windows counted on different profiles, and says why at the boundary', () => {
    const other = syntheticProfile({ numeric: 3, categorical: 1 }, 300, 3);
    const a = summaryOf(profile, [], { start: t(0), end: t(1) });
    const b = summaryOf(other, [], { start: t(0), end: t(1) });
    expect(() => mergeSummaryStats(a, b)).toThrow(RangeError);
    expect(summaryShapeError(b, profile)).toMatch(/features/);
    expect(summaryShapeError(emptySummary({ deviceId: 'dev_abcdef', model: 'm', version: '1', variant: 'fp32' }, null, t(0)), null)).toBeNull();
  });

  it('bins like histogram.ts: [e_i, e_i+1), the last bin closed, infinities outside', () => {
    const edges = [0, 1, 2];
    expect([-Infinity, -1, 0, 0.5, 1, 2, 2.5, Infinity].map((x) => extendedBinIndex(edges, x))).toEqual([0, 0, 1, 1, 2, 2, 3, 3]);
    expect(LATENCY_EDGES_MS[0]).toBe(0.1);
    expect(LATENCY_EDGES_MS.at(-1)).toBe(100000);
  });

  it('stays compact: 100 numeric + 20 categorical features, 1,000 predictions', () => {
    const big = syntheticProfile({ numeric: 100, categorical: 20, categories: 12, classes: 3 }, 3000, 11);
    const events = syntheticTraffic({ numeric: 100, categorical: 20, categories: 12, classes: 3 }, 1430, 5);
    const s = summaryOf(big, events, { start: t(0), end: t(1), profileSha256: 'a'.repeat(64) });
    const bytes = Buffer.byteLength(JSON.stringify(s));
    const empty = Buffer.byteLength(JSON.stringify(summaryOf(big, [], { start: t(0), end: t(1) })));
    console.log(`summary size, 100 numeric + 20 categorical features: ${(bytes / 1024).toFixed(1)} KiB with ${s.counts.predictions} predictions, ${(empty / 1024).toFixed(1)} KiB empty`);
    expect(s.counts.predictions).toBeGreaterThan(900);
    expect(bytes).toBeLessThan(64 * 1024);
    expect(windowSummarySchema.safeParse(s).success).toBe(true);
  });
});
