/**
 * Windows: what a served request adds (through the protocol's functions, on the profile's edges),
 * when a window closes (N predictions, T seconds), how it is identified, and what survives a crash.
 * The outbox is the real SQLite one in a temp folder.
 */
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addFeedback, addPrediction, buildProfile, extendedBinIndex, openWindow, windowSummarySchema, type WindowSummary } from '../../protocol/index.ts';
import { createTempDir } from '../../test/helpers/temp-dir.ts';
import { InferenceFailedError, InvalidRequestError } from '../inference/errors.ts';
import { createOutboxStore, type OutboxStore } from '../outbox/outbox-store.ts';
import { readPrediction } from './prediction-reader.ts';
import { createStatsCollector, type ProfileEntry, type StatsCollectorOptions } from './stats-collector.ts';
import { fakeModel, fp32, manualTimers, referenceRows, TABULAR_FEATURES, tabularEvent, tabularProfile, type ManualTimers } from './test-support.ts';

const DEVICE = 'dev_stats01';

describe('statistics windows', () => {
  let dir: ReturnType<typeof createTempDir>;
  let store: OutboxStore;
  let timers: ManualTimers;
  let seq: number;
  let profile: ProfileEntry | null;
  const queued = (): WindowSummary[] => store.oldest(100).map((q) => JSON.parse(q.body) as WindowSummary);

  const collector = (overrides: Partial<StatsCollectorOptions> = {}) =>
    createStatsCollector({
      deviceId: DEVICE, timers, logger: pino({ level: 'silent' }), store,
      nextSeq: () => seq++,
      profileOf: (model) => (model === 'tab' ? profile : null),
      identityOf: (model, version) => ({ model, version, variant: 'fp32', arm: version === '2' ? 'candidate' : 'baseline' }),
      windowPredictions: 100, windowMs: 60_000, checkpointMs: 1000,
      ...overrides,
    });

  beforeEach(() => {
    dir = createTempDir('ef-stats-');
    store = createOutboxStore({ path: join(dir.path, 'outbox.sqlite'), maxBytes: 10_000_000 });
    timers = manualTimers();
    seq = 40;
    profile = tabularProfile();
  });
  afterEach(() => {
    store.close();
    dir.remove();
  });

  it('counts features, violations, outputs and latency exactly as the protocol functions do', () => {
    const rows = [[1, 2, 0], [9.5, 12, 1], [4, NaN, 7], [-1, 5, 0]];
    const stats = collector();
    stats.recordInference(tabularEvent(rows.slice(0, 2), { latencyMs: 3 }));
    stats.recordInference(tabularEvent(rows.slice(2), { latencyMs: 40 }));
    stats.closeAll();
    const [summary] = queued();
    expect(windowSummarySchema.safeParse(summary).success).toBe(true);

    // The same rows through the protocol directly (float32 like the tensors).
    const direct = openWindow({ deviceId: DEVICE, model: 'tab', version: '1', variant: 'fp32', profileSha256: profile!.sha256 }, profile!.profile, summary!.windowStart);
    rows.forEach((r, i) => {
      const f = Array.from(Float32Array.from(r));
      const mean = Math.fround(f[0]!) + Math.fround(f[1]!) + Math.fround(f[2]!);
      addPrediction(direct, { features: [f[0]!, f[1]!, String(f[2]), Number.isNaN(mean) ? NaN : mean / 3], outputs: Float32Array.from(fakeModel(r)), latencyMs: i < 2 ? 3 : 40 });
    });
    expect(summary!.counts).toEqual(direct.summary.counts);
    expect(summary!.output).toEqual(direct.summary.output);
    expect(summary!.latency).toEqual(direct.summary.latency);
    expect(summary!.features.slice(0, 3)).toEqual(direct.summary.features.slice(0, 3));

    // And by hand: 4 predictions; a: 9.5 in range, -1 under 0 -> 1 violation; b: 12 over, NaN missing
    // and not allowed -> 2; code 7 not allowed -> 1; the mean feature has no expectations.
    expect(summary!.counts).toMatchObject({ predictions: 4, errors: 0, nanOutputs: 0, violations: [1, 2, 1, 0] });
    expect(summary!.features[1]!.missing).toBe(1);
    const aEdges = (profile!.profile.features[0] as { histogram: { edges: number[] } }).histogram.edges;
    expect(summary!.features[0]!.counts[extendedBinIndex(aEdges, 9.5)]).toBeGreaterThanOrEqual(1);
    expect(summary!.features[0]!.counts[0]).toBe(1); // -1 is below the reference: underflow
    expect(summary!.features[2]!.counts.at(-1)).toBe(1); // code 7: OTHER
    expect(summary!.output!.classes).toEqual([2, 1, 1]); // a = 1, 4, 9.5, -1 -> low, mid, high, low
  });

  it('reads tabular rows straight off the input tensor and counts them as the protocol does', () => {
    // Every feature an element of `x`, in order: the collector hands the tensor's row itself to the window.
    const declarations = TABULAR_FEATURES.slice(0, 2).map(({ expectations: _, ...f }) => f);
    const built = buildProfile(referenceRows().map((r) => [r[0]!, r[1]!]), declarations, null, null, { model: 'tab', version: '1', createdAt: '2026-01-01T00:00:00.000Z', bins: 10 });
    profile = { profile: built, sha256: 'e'.repeat(64) };
    const rows = [[1, 2], [9.5, NaN], [-3, 40], [4, 4]];
    const stats = collector();
    for (const r of rows) stats.recordInference({ ...tabularEvent([[...r, 0]]), inputs: { x: fp32([1, 2], r) } });
    stats.recordInference({ ...tabularEvent([[5, 6, 0], [7, 8, 0]]), inputs: { x: fp32([2, 2], [5, 6, 7, 8]) } }); // a batch: copied rows
    stats.closeAll();
    const [summary] = queued();
    const direct = openWindow({ deviceId: DEVICE, model: 'tab', version: '1', variant: 'fp32' }, built, summary!.windowStart);
    for (const r of [...rows, [5, 6], [7, 8]]) addPrediction(direct, { features: Array.from(Float32Array.from(r)), latencyMs: 2 });
    expect(summary!.features).toEqual(direct.summary.features);
    expect(summary!.counts.violations).toEqual(direct.summary.counts.violations);
  });

  it('keeps only the top features for a later label, which counts them where the whole row would', () => {
    const stats = collector();
    const rows = [[1, 2, 0], [9.5, 7, 1], [4, NaN, 1]];
    const records = rows.map((r) => stats.recordInference(tabularEvent([r]))!);
    const top = profile!.profile.topFeatures;
    expect(records.map((rec) => rec.rows[0]!.topFeatures?.length)).toEqual(rows.map(() => top.length));
    records.forEach((rec, i) => stats.recordFeedback(rec, 0, i % 3));
    stats.closeAll();
    const [summary] = queued();
    // The same labels with every feature of each row, straight through the protocol.
    const direct = openWindow({ deviceId: DEVICE, model: 'tab', version: '1', variant: 'fp32' }, profile!.profile, summary!.windowStart);
    rows.forEach((r, i) => {
      const features = readPrediction(tabularEvent([r]).inputs, undefined, profile!.profile).features![0]!;
      addFeedback(direct, { label: i % 3, predicted: records[i]!.rows[0]!.predicted, confidence: records[i]!.rows[0]!.confidence, features });
    });
    expect(summary!.feedback!.perClass).toEqual(direct.summary.feedback!.perClass);
    expect(summary!.feedback!.perClass!.some((c) => c > 0)).toBe(true);
  });

  it('closes after N predictions with device, identity, bounds and the next sequence number', () => {
    const stats = collector({ windowPredictions: 3 });
    for (let i = 0; i < 7; i++) {
      timers.advance(100);
      stats.recordInference(tabularEvent([[1, 2, 0]]));
    }
    const closed = queued();
    expect(closed.map((s) => s.counts.predictions)).toEqual([3, 3]);
    expect(closed.map((s) => s.seq)).toEqual([40, 41]);
    expect(closed[0]).toMatchObject({ deviceId: DEVICE, model: 'tab', version: '1', variant: 'fp32', arm: 'baseline', profile: profile!.sha256 });
    expect(closed[0]!.windowStart).toBe('2026-03-01T10:00:00.100Z');
    expect(closed[0]!.windowEnd).toBe('2026-03-01T10:00:00.300Z');
    expect(closed[1]!.windowStart).toBe('2026-03-01T10:00:00.400Z');
    expect(stats.status()).toMatchObject({ openWindows: 1, openPredictions: 1 });
  });

  it('closes after T seconds on the injected clock; an idle model sends nothing', () => {
    const stats = collector({ windowMs: 10_000 });
    stats.start();
    stats.recordInference(tabularEvent([[1, 2, 0]]));
    timers.advance(9_000);
    expect(queued()).toHaveLength(0);
    timers.advance(1_000);
    expect(queued()).toHaveLength(1);
    timers.advance(120_000);
    expect(queued()).toHaveLength(1);
    stats.stop();
  });

  it('keeps one window per model, version, variant and arm', () => {
    const stats = collector();
    stats.recordInference(tabularEvent([[1, 2, 0]]));
    stats.recordInference(tabularEvent([[1, 2, 0], [3, 3, 1]], { version: '2' }));
    stats.recordInference({ requestId: 'r', model: 'other', version: '7', inputs: { x: fp32([1, 1], [1]) }, outputs: { y: fp32([1, 2], [NaN, 1]) }, latencyMs: 5 });
    stats.closeAll();
    const byArm = Object.fromEntries(queued().map((s) => [`${s.model}:${s.version}:${s.arm}`, s]));
    expect(Object.keys(byArm).sort()).toEqual(['other:7:baseline', 'tab:1:baseline', 'tab:2:candidate']);
    expect(byArm['tab:2:candidate']!.counts.predictions).toBe(2);
    // No profile: still counts, latency and NaN outputs, and nothing aligned with a profile.
    const other = byArm['other:7:baseline']!;
    expect(other.profile).toBeUndefined();
    expect(other).toMatchObject({ counts: { predictions: 1, errors: 0, nanOutputs: 1, violations: [] }, features: [] });
    expect(other.latency.moments).toMatchObject({ count: 1, mean: 5 });
  });

  it('counts failures that reached the model, not client mistakes or unknown models', () => {
    const stats = collector();
    stats.recordInference({ requestId: 'a', model: 'tab', version: '1', inputs: { x: fp32([2, 3], [1, 2, 0, 1, 2, 0]) }, latencyMs: 9, error: new InferenceFailedError('boom') });
    stats.recordInference({ requestId: 'b', model: 'tab', version: '1', latencyMs: 1, error: new InvalidRequestError('bad shape') });
    stats.recordInference({ requestId: 'c', model: 'nope', version: '', latencyMs: 1, error: new InvalidRequestError('unknown') });
    stats.closeAll();
    expect(queued().map((s) => s.counts)).toEqual([expect.objectContaining({ predictions: 2, errors: 2 })]);
  });

  it('a profile arriving mid-window closes the profile-less window and starts one on the profile', () => {
    const later = profile;
    profile = null;
    const stats = collector();
    stats.recordInference(tabularEvent([[1, 2, 0]]));
    profile = later;
    stats.recordInference(tabularEvent([[1, 2, 0]]));
    stats.closeAll();
    expect(queued().map((s) => [s.profile ?? null, s.features.length])).toEqual([[null, 0], [profile!.sha256, 4]]);
  });

  it('checkpoints open windows; after a crash the next start sends what was counted', () => {
    const stats = collector();
    stats.start();
    for (let i = 0; i < 5; i++) stats.recordInference(tabularEvent([[i, 2, 0]]));
    expect(stats.status()).toMatchObject({ openPredictions: 5, checkpointedPredictions: 0, unsavedWindows: 1 });
    timers.advance(1000);
    expect(stats.status()).toMatchObject({ openPredictions: 5, checkpointedPredictions: 5, unsavedWindows: 0 });
    stats.stop(); // crash: nothing more is written
    expect(queued()).toHaveLength(0);

    store.close();
    store = createOutboxStore({ path: join(dir.path, 'outbox.sqlite'), maxBytes: 10_000_000 });
    const restarted = collector();
    expect(restarted.recover()).toBe(1);
    const [summary] = queued();
    expect(summary).toMatchObject({ seq: 40, counts: { predictions: 5 } });
    expect(summary!.windowEnd).toBe('2026-03-01T10:00:01.000Z'); // the last checkpoint
    expect(store.loadCheckpoints()).toEqual([]); // moved, not copied: a second restart sends nothing twice
    expect(collector().recover()).toBe(0);
  });
});
