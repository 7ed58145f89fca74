/**
 * The open window keeps its per-request state in typed arrays (summary-window.ts): these tests pin
 * it to the object-form statistics of stats/ (histogram bins, `addToMoments`) value for value, and
 * the in-place merge to `mergeSummaryStats`.
 */
import { describe, expect, it } from 'vitest';
import {
  addPrediction,
  closeWindow,
  copySummaryStats,
  extendedBinIndex,
  mergeSummaryStats,
  mergeSummaryStatsInto,
  openWindow,
  statsOf,
  violatesExpectations,
  type FeatureValue,
  type Profile,
} from './index.ts';
import {
  PACKED_MOMENTS_CELLS,
  addToMoments,
  addToPackedMoments,
  createMoments,
  mulberry32,
  normalSampler,
  packedMoments,
  unpackMoments,
  type Moments,
} from './stats/index.ts';
import { binLookup, lookupBin } from './summary-window.ts';
import { summaryOf, syntheticProfile, syntheticTraffic } from './testing/synthetic-traffic.ts';

const identity = { deviceId: 'dev_window01', model: 'synthetic', version: '1', variant: 'fp32' as const };
const T = '2026-01-01T00:00:00.000Z';

describe('packed moments', () => {
  it('equal addToMoments bit for bit, NaN and infinities skipped, -0 kept', () => {
    const random = mulberry32(5);
    const normal = normalSampler(random);
    const values = Array.from({ length: 3000 }, (_, i) =>
      i % 97 === 0 ? NaN : i % 89 === 0 ? Infinity : i % 83 === 0 ? -0 : i % 3 === 0 ? 1e9 + normal() : Math.exp(2 * normal()));
    const packed = packedMoments(3);
    const object = createMoments();
    for (const v of values) {
      addToPackedMoments(packed, PACKED_MOMENTS_CELLS, v);
      addToMoments(object, v);
    }
    expect(Object.is(unpackMoments(packed, PACKED_MOMENTS_CELLS).min, object.min)).toBe(true);
    expect(unpackMoments(packed, PACKED_MOMENTS_CELLS)).toStrictEqual(object);
    expect(unpackMoments(packed, 0)).toStrictEqual(createMoments()); // neighbours untouched, empty reads as null min/max
    expect(unpackMoments(packed, 2 * PACKED_MOMENTS_CELLS)).toStrictEqual(createMoments());
  });
});

describe('bin lookup', () => {
  const edgeSets: number[][] = [
    [0, 1, 2],
    [5, 5 + 1e-9],
    Array.from({ length: 51 }, (_, i) => i * i), // widening bins
    Array.from({ length: 51 }, (_, i) => Math.exp(i / 3)), // heavy tail: many edges per grid cell near the start
    [-1e300, -1, 0, 1, 1e300], // a range that overflows
    [1e-300, 2e-300, 3e-300], // a range too small to scale
  ];

  it('gives extendedBinIndex for every value: random, on and next to each edge, outside, NaN, infinities', () => {
    const random = mulberry32(11);
    for (const edges of edgeSets) {
      const lookup = binLookup(edges);
      const first = edges[0]!;
      const span = edges.at(-1)! - first;
      const values = [NaN, Infinity, -Infinity, -0, 0, first - 1, edges.at(-1)! + 1];
      for (const e of edges) values.push(e, e * (1 + 1e-15), e * (1 - 1e-15), e + Number.EPSILON, e - Number.EPSILON);
      for (let i = 0; i < 5000; i++) values.push(first + (random() * 1.2 - 0.1) * (Number.isFinite(span) ? span : 1e300));
      for (const x of values) expect(lookupBin(lookup, x), `${x} on ${edges.length} edges`).toBe(extendedBinIndex(edges, x));
    }
  });

  it('is built once per edges array', () => {
    const edges = [0, 1, 2, 3];
    expect(binLookup(edges)).toBe(binLookup(edges));
  });
});

/** The window of `rows` computed with the object-form functions, one value at a time. */
function reference(profile: Profile, rows: readonly FeatureValue[][]) {
  return profile.features.map((f, k) => {
    const counts = new Array<number>(f.type === 'numeric' ? f.histogram.edges.length + 1 : f.counts.categories.length + 1).fill(0);
    const moments: Moments = createMoments();
    let missing = 0;
    let violations = 0;
    for (const row of rows) {
      const v = row[k] ?? null;
      if (violatesExpectations(f.type, f.expectations, v)) violations++;
      if (v === null || (typeof v === 'number' && Number.isNaN(v)) || (f.type === 'numeric' && typeof v !== 'number')) {
        missing++;
        continue;
      }
      if (f.type === 'numeric') {
        counts[extendedBinIndex(f.histogram.edges, v as number)]!++;
        addToMoments(moments, v as number);
      } else {
        const i = f.counts.categories.indexOf(String(v));
        counts[i < 0 ? counts.length - 1 : i]!++;
      }
    }
    return { counts, missing, violations, ...(f.type === 'numeric' ? { moments } : {}) };
  });
}

describe('open window', () => {
  const shape = { numeric: 9, categorical: 3, classes: 3 };
  const profile = syntheticProfile(shape, 1200, 3);

  it('counts every feature exactly as the object-form statistics do, whatever the values', () => {
    const random = mulberry32(21);
    const rows = syntheticTraffic(shape, 3000, 9, 0.4).flatMap((e) => (e.kind === 'prediction' ? [e.features] : []));
    const odd: FeatureValue[] = [NaN, null, 'text', Infinity, -Infinity, -0, 1e300, -1e300];
    for (const row of rows) if (random() < 0.2) row[Math.floor(random() * row.length)] = odd[Math.floor(random() * odd.length)]!;
    const window = openWindow(identity, profile, T);
    for (const row of rows) addPrediction(window, { features: row, latencyMs: 1 });
    const expected = reference(profile, rows);
    const { summary } = window;
    expect(summary.features).toStrictEqual(expected.map(({ violations: _, ...f }) => f));
    expect(summary.counts.violations).toStrictEqual(expected.map((f) => f.violations));
  });

  it('writes its state out on every read of `summary`, into the same object', () => {
    const window = openWindow(identity, profile, T);
    addPrediction(window, { features: new Array(12).fill(1), outputs: [3, 1, 0], latencyMs: 2 });
    const first = window.summary;
    expect(first.features[0]!.moments).toMatchObject({ count: 1, mean: 1 });
    addPrediction(window, { features: new Array(12).fill(3), outputs: [0, 1, 3], latencyMs: 4 });
    expect(window.summary).toBe(first);
    expect(first.features[0]!.moments).toMatchObject({ count: 2, mean: 2 });
    expect(first.latency.moments).toMatchObject({ count: 2, mean: 3, min: 2, max: 4 });
    expect(first.output!.classes).toEqual([1, 0, 1]);
    expect(window.predictions).toBe(2);
  });

  it('counts an output NaN once, from the spec or from the caller', () => {
    const window = openWindow(identity, profile, T);
    addPrediction(window, { outputs: [NaN, 0, 0], latencyMs: 1, nonFinite: true });
    addPrediction(window, { outputs: [1, 0, 0], latencyMs: 1, nonFinite: true }); // another output tensor had it
    addPrediction(window, { latencyMs: 1 });
    expect(window.summary.counts).toMatchObject({ predictions: 3, nanOutputs: 2 });
  });
});

describe('mergeSummaryStatsInto', () => {
  const shape = { numeric: 8, categorical: 2, classes: 3 };
  const profile = syntheticProfile(shape, 1000, 4);
  const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString();
  const json = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

  it('gives mergeSummaryStats, in place, and leaves what it merges in unchanged (20 seeded chains)', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const parts = [0, 1, 2, 3].map((i) => statsOf(summaryOf(profile, syntheticTraffic(shape, (seed * 37 + i * 11) % 200, seed * 10 + i), { start: at(i), end: at(i + 1) })));
      if (seed % 4 === 0) parts[1] = { ...parts[1]!, output: undefined, feedback: undefined, business: undefined }; // blocks missing on one side
      const before = json(parts);
      const target = copySummaryStats(parts[0]!);
      for (const p of parts.slice(1)) expect(mergeSummaryStatsInto(target, p)).toBe(target);
      expect(json(target)).toStrictEqual(json(parts.reduce((a, b) => mergeSummaryStats(a, b))));
      expect(json(parts)).toStrictEqual(before);
    }
  });

  it('refuses vectors that do not line up and changes nothing', () => {
    const a = copySummaryStats(statsOf(summaryOf(profile, syntheticTraffic(shape, 50, 1), { start: at(0), end: at(1) })));
    const b = statsOf(summaryOf(profile, syntheticTraffic(shape, 50, 2), { start: at(1), end: at(2) }));
    const before = json(a);
    const bent = { ...b, features: b.features.map((f, k) => (k === 5 ? { ...f, counts: f.counts.slice(1) } : f)) };
    expect(() => mergeSummaryStatsInto(a, bent)).toThrow(RangeError);
    expect(() => mergeSummaryStatsInto(a, { ...b, features: b.features.slice(1) })).toThrow(RangeError);
    expect(json(a)).toStrictEqual(before);
  });

  it('copySummaryStats shares nothing that merges change', () => {
    const s = statsOf(closeWindow(openWindow(identity, profile, at(0)), { seq: 1, sentAt: at(1) }));
    const copy = copySummaryStats(s);
    mergeSummaryStatsInto(copy, statsOf(summaryOf(profile, syntheticTraffic(shape, 100, 3), { start: at(1), end: at(2) })));
    expect(s.counts.predictions).toBe(0);
    expect(s.features.every((f) => f.counts.every((c) => c === 0))).toBe(true);
    expect(s.latency.moments.count).toBe(0);
  });
});
