/**
 * The outbox on a real SQLite file in a temp folder: a summary leaves only after its PUBACK, order
 * is oldest first (also after a restart), the byte budget drops the oldest and counts them, and the
 * REST fallback is used while MQTT is down when the control plane offers it.
 */
import { join } from 'node:path';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emptySummary, type WindowSummary } from '../../protocol/index.ts';
import { createTempDir } from '../../test/helpers/temp-dir.ts';
import { manualTimers, type ManualTimers } from '../stats/test-support.ts';
import { createTelemetryMetrics } from './outbox-metrics.ts';
import { createOutboxSender, type SummaryTransport } from './outbox-sender.ts';
import { createOutboxStore, type OutboxStore } from './outbox-store.ts';
import type { RestOutcome } from './summaries-client.ts';

const DEVICE = 'dev_outbox01';
const summary = (seq: number, predictions = 10): WindowSummary => {
  const s = emptySummary({ deviceId: DEVICE, model: 'm', version: '1', variant: 'fp32' }, null, '2026-03-01T10:00:00.000Z');
  return { ...s, seq, counts: { ...s.counts, predictions } };
};

/** A broker stand-in: records publishes; each waits for the test to ack or fail it. */
function fakeTransport() {
  const pending: Array<{ topic: string; message: WindowSummary; ack: () => void; fail: (e: Error) => void }> = [];
  const acked: number[] = [];
  const transport: SummaryTransport & { connected: boolean } = {
    connected: true,
    publish: (topic, message) =>
      new Promise<void>((resolve, reject) => {
        const m = message as WindowSummary;
        pending.push({ topic, message: m, ack: () => (acked.push(m.seq), resolve()), fail: reject });
      }),
  };
  return { transport, pending, acked };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('summaries outbox', () => {
  let dir: ReturnType<typeof createTempDir>;
  let store: OutboxStore;
  let timers: ManualTimers;
  const path = () => join(dir.path, 'outbox.sqlite');
  const seqs = () => store.oldest(100).map((q) => q.seq);

  beforeEach(() => {
    dir = createTempDir('ef-outbox-');
    store = createOutboxStore({ path: path(), maxBytes: 1_000_000 });
    timers = manualTimers();
  });
  afterEach(() => {
    store.close();
    dir.remove();
  });

  const sender = (transport: () => SummaryTransport | undefined, extra: { postRest?: (body: string) => Promise<RestOutcome>; registry?: Registry } = {}) =>
    createOutboxSender({
      deviceId: DEVICE, store, transport, timers, logger: pino({ level: 'silent' }), retryMs: 1000,
      ...(extra.postRest ? { postRest: extra.postRest } : {}),
      ...(extra.registry ? { metrics: createTelemetryMetrics(extra.registry, store) } : {}),
    });

  it('publishes on the summaries topic and deletes only after the PUBACK', async () => {
    const { transport, pending } = fakeTransport();
    store.enqueue(summary(1));
    const s = sender(() => transport);
    s.start();
    await tick();
    expect(pending).toHaveLength(1);
    expect(pending[0]!.topic).toBe(`edgefleet/v1/devices/${DEVICE}/summaries`);
    expect(pending[0]!.message.seq).toBe(1);
    expect(store.depth()).toBe(1); // in flight is not delivered
    pending[0]!.ack();
    await tick();
    expect(store.depth()).toBe(0);
    await s.stop();
  });

  it('a lost PUBACK keeps the summary and sends the same one again, in order', async () => {
    const { transport, pending, acked } = fakeTransport();
    for (const seq of [1, 2, 3]) store.enqueue(summary(seq));
    const s = sender(() => transport);
    s.start();
    await tick();
    pending.shift()!.fail(new Error('connection lost'));
    await tick();
    expect(seqs()).toEqual([1, 2, 3]);
    expect(pending).toHaveLength(0); // nothing behind it goes first
    timers.advance(1000); // retry
    await tick();
    while (pending.length > 0) {
      pending.shift()!.ack();
      await tick();
    }
    expect(acked).toEqual([1, 2, 3]);
    expect(store.depth()).toBe(0);
    await s.stop();
  });

  it('after a restart the backlog drains oldest first', async () => {
    for (const seq of [7, 8, 9]) store.enqueue(summary(seq));
    store.close();
    store = createOutboxStore({ path: path(), maxBytes: 1_000_000 });
    expect(store.depth()).toBe(3);
    const { transport, pending, acked } = fakeTransport();
    const s = sender(() => transport);
    s.start();
    for (let i = 0; i < 3; i++) {
      await tick();
      pending.shift()!.ack();
    }
    await tick();
    expect(acked).toEqual([7, 8, 9]);
    await s.stop();
  });

  it('over the byte budget the oldest are dropped, counted (also across restarts) and reported', () => {
    const size = Buffer.byteLength(JSON.stringify(summary(1)));
    const dropped: number[][] = [];
    store.close();
    const open = () => createOutboxStore({ path: path(), maxBytes: size * 3 + 10, onDropped: (d) => dropped.push(d.map((x) => x.seq)) });
    store = open();
    for (const seq of [1, 2, 3, 4, 5]) store.enqueue(summary(seq));
    expect(seqs()).toEqual([3, 4, 5]);
    expect(dropped).toEqual([[1], [2]]);
    expect(store.bytes()).toBeLessThanOrEqual(size * 3 + 10);
    store.close();
    store = open();
    expect(store.droppedTotal()).toBe(2);
    expect(store.bytes()).toBe(size * 3);
  });

  it('moves a window from its checkpoint to the queue in one step', () => {
    store.saveCheckpoint({ key: 'k', summary: summary(0, 4), savedAt: 1 });
    store.saveCheckpoint({ key: 'k', summary: summary(0, 5), savedAt: 2 });
    expect(store.loadCheckpoints()).toEqual([{ key: 'k', summary: summary(0, 5), savedAt: 2 }]);
    store.enqueue(summary(11, 5), 'k');
    expect(store.loadCheckpoints()).toEqual([]);
    expect(seqs()).toEqual([11]);
  });

  it('uses the REST route while MQTT is down, and backs off when the control plane has none', async () => {
    const registry = new Registry();
    const { transport } = fakeTransport();
    transport.connected = false;
    const posted: number[] = [];
    let answer: RestOutcome = 'delivered';
    const s = sender(() => transport, {
      registry,
      postRest: async (body) => {
        posted.push((JSON.parse(body) as WindowSummary).seq);
        return answer;
      },
    });
    store.enqueue(summary(1));
    s.start();
    await tick();
    expect(posted).toEqual([1]);
    expect(store.depth()).toBe(0);

    answer = 'unsupported';
    store.enqueue(summary(2));
    store.enqueue(summary(3));
    await s.kick();
    timers.advance(1000);
    await tick();
    expect(posted).toEqual([1, 2]); // not asked again for a while
    expect(store.depth()).toBe(2);

    const metrics = await registry.metrics();
    expect(metrics).toContain('edgefleet_agent_summaries_sent_total{transport="rest"} 1');
    expect(metrics).toContain('edgefleet_agent_outbox_depth 2');
    await s.stop();
  });

  it('a summary the control plane refuses for good is dropped and counted, not retried forever', async () => {
    const registry = new Registry();
    const s = sender(() => undefined, { registry, postRest: async () => 'rejected' });
    store.enqueue(summary(1));
    store.enqueue(summary(2));
    s.start();
    await tick();
    await tick();
    expect(store.depth()).toBe(0);
    expect(await registry.metrics()).toContain('edgefleet_agent_summaries_dropped_total{reason="rejected"} 2');
    await s.stop();
  });
});
