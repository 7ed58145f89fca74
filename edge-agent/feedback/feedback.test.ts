/**
 * Feedback join: a label finds its prediction through the request id and lands in that
 * prediction's window (confusion matrix, reliability, per-class histograms, detector); unknown,
 * expired and evicted ids are 404, a second label 409, bad bodies 400, all as {"error": "..."}.
 * Routes through `app.request()`, windows in the real collector over a real SQLite outbox.
 */
import { join } from 'node:path';
import { Hono } from 'hono';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WindowSummary } from '../../protocol/index.ts';
import { createTempDir } from '../../test/helpers/temp-dir.ts';
import { createOutboxStore, type OutboxStore } from '../outbox/outbox-store.ts';
import { createStatsCollector, type ProfileEntry, type StatsCollector } from '../stats/stats-collector.ts';
import { fp32, manualTimers, tabularEvent, tabularProfile, type ManualTimers } from '../stats/test-support.ts';
import { mountFeedbackRoutes } from './feedback.routes.ts';
import { createFeedbackService } from './feedback.service.ts';
import { createPredictionMemory } from './prediction-memory.ts';

describe('feedback and business events', () => {
  let dir: ReturnType<typeof createTempDir>;
  let store: OutboxStore;
  let timers: ManualTimers;
  let stats: StatsCollector;
  let app: Hono;
  let profiles: Record<string, ProfileEntry | null>;
  const limits = { maxEntries: 4, ttlMs: 60_000 };
  const loaded = ['tab'];

  const serve = (requestId: string, rows: number[][], model = 'tab') => {
    const record = stats.recordInference(tabularEvent(rows, { requestId, model }));
    if (record) memory.remember(requestId, record);
  };
  let memory: ReturnType<typeof createPredictionMemory>;
  const post = async (path: string, body: unknown) => {
    const res = await app.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const closed = (): WindowSummary[] => {
    stats.closeAll();
    return store.oldest(100).map((q) => JSON.parse(q.body) as WindowSummary);
  };

  beforeEach(() => {
    dir = createTempDir('ef-feedback-');
    store = createOutboxStore({ path: join(dir.path, 'outbox.sqlite'), maxBytes: 10_000_000 });
    timers = manualTimers();
    profiles = { tab: tabularProfile(), reg: null };
    let seq = 1;
    stats = createStatsCollector({
      deviceId: 'dev_feedback1', timers, logger: pino({ level: 'silent' }), store, nextSeq: () => seq++,
      profileOf: (model) => profiles[model] ?? null,
      identityOf: (model, version) => ({ model, version, variant: 'fp32', arm: 'baseline' }),
      windowPredictions: 10_000, windowMs: 3_600_000, checkpointMs: 1000,
      detectorOptions: { minInstances: 10 },
    });
    memory = createPredictionMemory({ ...limits, now: () => timers.now() });
    const service = createFeedbackService({
      memory, stats, limits,
      identityOf: (model, version) => ({ model, version, variant: 'fp32', arm: 'baseline' }),
      activeVersion: (model) => (loaded.includes(model) ? '1' : undefined),
      loadedModels: () => loaded,
    });
    app = new Hono();
    mountFeedbackRoutes(app, service);
  });
  afterEach(() => {
    store.close();
    dir.remove();
    loaded.splice(0, loaded.length, 'tab');
  });

  it('joins a label to its prediction: confusion matrix, labels, reliability, per-class top features', async () => {
    serve('r1', [[1, 2, 0]]); // predicted low (0.8)
    serve('r2', [[5, 2, 0], [9, 9, 1]]); // mid, high
    expect(await post('/v1/feedback', { requestId: 'r1', label: 'low' })).toEqual({ status: 202, body: { accepted: true, model: 'tab', version: '1', variant: 'fp32', arm: 'baseline' } });
    expect((await post('/v1/feedback', { requestId: 'r2', row: 1, label: 0 })).status).toBe(202); // index 0 = low; the model said high
    const [summary] = closed();
    const feedback = summary!.feedback!;
    expect(feedback.n).toBe(2);
    expect(feedback.labels).toEqual([2, 0, 0, 0]);
    // Row = true class, column = predicted: (low, low) and (low, high).
    expect(feedback.confusion).toEqual([1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    // Both at confidence 0.8 in float32 (0.80000001): the [0.8, 0.9) bin; one of them right.
    expect(feedback.reliability!.counts[8]).toBe(2);
    expect(feedback.reliability!.correct[8]).toBe(1);
    const top = tabularProfile().profile.topFeatures;
    expect(top.length).toBeGreaterThan(0);
    expect(feedback.perClass!.reduce((a, b) => a + b, 0)).toBe(2 * top.length); // two labelled rows, one cell per top feature
    expect(feedback.detector).toMatchObject({ kind: 'ddm', alarms: 0 });
  });

  it('unknown, evicted and expired ids are 404; a second label is 409; a bad row is 400', async () => {
    expect(await post('/v1/feedback', { requestId: 'never', label: 'low' })).toEqual({ status: 404, body: { error: expect.stringMatching(/unknown or expired requestId 'never'/) } });
    for (const id of ['a', 'b', 'c', 'd', 'e']) serve(id, [[1, 1, 0]]);
    // Generations of maxEntries/2: {a, b} went when {c, d} filled; c, d and e are remembered.
    expect((await post('/v1/feedback', { requestId: 'a', label: 'low' })).status).toBe(404);
    expect((await post('/v1/feedback', { requestId: 'c', label: 'low' })).status).toBe(202);
    const again = await post('/v1/feedback', { requestId: 'c', label: 'mid' });
    expect(again).toEqual({ status: 409, body: { error: "request 'c' already has feedback" } });
    expect((await post('/v1/feedback', { requestId: 'e', row: 1, label: 'low' })).status).toBe(400);
    timers.advance(60_001);
    expect(await post('/v1/feedback', { requestId: 'e', label: 'low' })).toEqual({ status: 404, body: { error: expect.stringMatching(/older than 60 s/) } });
    expect(closed()[0]!.feedback!.n).toBe(1);
  });

  it('validates bodies with zod and answers like the OIP API', async () => {
    expect((await post('/v1/feedback', 'not json')).body).toEqual({ error: 'the body must be JSON' });
    const both = await post('/v1/feedback', { requestId: 'x', label: 'a', value: 1 });
    expect(both).toEqual({ status: 400, body: { error: expect.stringMatching(/either label .* or value/) } });
    expect((await post('/v1/feedback', { requestId: 'x' })).status).toBe(400);
    expect((await post('/v1/feedback', { requestId: 'x', label: 'a', extra: 1 })).status).toBe(400);
    expect((await post('/v1/events', { name: '' })).status).toBe(400);
    expect((await post('/v1/events', { name: 'sale', value: 'ten' })).status).toBe(400);
  });

  it('regression labels add residuals and absolute errors; Page-Hinkley watches them', async () => {
    loaded.push('reg');
    const base = tabularProfile('reg').profile;
    profiles['reg'] = { sha256: 'b'.repeat(64), profile: { ...base, output: { ...base.output!, spec: { tensor: 'y', task: 'regression', transform: 'none' } } } };
    serve('g1', [[1, 2, 0]], 'reg'); // the fake model's first output, 0.8, is the prediction
    expect((await post('/v1/feedback', { requestId: 'g1', value: 3.5 })).status).toBe(202);
    const reg = closed().find((s) => s.model === 'reg')!.feedback!;
    expect(reg).toMatchObject({ n: 1, labelMoments: { count: 1, mean: 3.5 }, detector: { kind: 'page-hinkley', alarms: 0 } });
    expect(reg.residuals!.mean).toBeCloseTo(0.8 - 3.5, 6);
    expect(reg.absoluteErrors!.mean).toBeCloseTo(2.7, 6);
  });

  it('a model without a profile still counts its labels', async () => {
    loaded.push('raw');
    serve('n1', [[1, 2, 0]], 'raw');
    expect((await post('/v1/feedback', { requestId: 'n1', value: 3 })).status).toBe(202);
    expect(closed().find((s) => s.model === 'raw')!.feedback).toMatchObject({ n: 1, labelMoments: { count: 1, mean: 3 } });
  });

  it('the DDM detector raises an alarm when the error rate climbs', async () => {
    for (let i = 0; i < 60; i++) {
      serve(`s${i}`, [[1, 2, 0]]); // always predicts low
      // Right for 40 labels, then always wrong.
      expect((await post('/v1/feedback', { requestId: `s${i}`, label: i < 40 ? 'low' : 'high' })).status).toBe(202);
    }
    const detector = closed()[0]!.feedback!.detector!;
    expect(detector.alarms).toBeGreaterThanOrEqual(1);
    expect(detector.lastAlarmAt).toBe('2026-03-01T10:00:00.000Z');
  });

  it('business events go to the window of their prediction or model, with counts and values', async () => {
    serve('p', [[1, 2, 0]]);
    expect((await post('/v1/events', { requestId: 'p', name: 'checkout', value: 20 })).status).toBe(202);
    expect((await post('/v1/events', { model: 'tab', name: 'checkout', value: 30 })).status).toBe(202);
    expect((await post('/v1/events', { name: 'click' })).status).toBe(202); // the only model loaded
    expect((await post('/v1/events', { requestId: 'gone', name: 'click' })).status).toBe(404);
    expect((await post('/v1/events', { model: 'absent', name: 'click' })).status).toBe(404);
    loaded.push('reg');
    expect(await post('/v1/events', { name: 'click' })).toEqual({ status: 400, body: { error: 'name the model or a requestId: this device serves tab, reg' } });
    const business = closed()[0]!.business!;
    expect(business).toMatchObject({ names: ['checkout', 'click'], counts: [2, 1], dropped: 0 });
    expect(business.values[0]).toMatchObject({ count: 2, mean: 25, sum: 50 });
  });

  it('labels for rows of one batched request are separate: each row once', async () => {
    serve('batch', [[1, 1, 0], [9, 9, 1]]); // low, high
    expect((await post('/v1/feedback', { requestId: 'batch', row: 1, label: 'high' })).status).toBe(202);
    expect((await post('/v1/feedback', { requestId: 'batch', label: 'mid' })).status).toBe(202); // row 0
    expect(await post('/v1/feedback', { requestId: 'batch', row: 1, label: 'high' })).toEqual({ status: 409, body: { error: "request 'batch' row 1 already has feedback" } });
    const feedback = closed()[0]!.feedback!;
    // (high, high) and (mid, low).
    expect(feedback.confusion).toEqual([0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0]);
  });
});
