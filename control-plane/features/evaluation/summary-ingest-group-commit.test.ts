/**
 * Group commit of window summaries (`submit`): many summaries to a transaction, each acknowledged
 * only after the transaction holding it committed. Real SQLite, a real broker on port 0 and a real
 * mqtt.js client; a second SQLite connection stands in for "any other reader", so "stored" means
 * committed, not just visible inside the writer's transaction.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { connectAsync, type MqttClient } from 'mqtt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  canonicalJson,
  deviceTopic,
  mergeSummaryStats,
  statsOf,
  type EnrollResponse,
  type Profile,
  type WindowSummary,
} from '../../../protocol/index.ts';
import { summaryOf, syntheticProfile, syntheticTraffic } from '../../../protocol/testing/synthetic-traffic.ts';
import { createTestControlPlane, type TestControlPlane } from '../../../test/helpers/control-plane.ts';
import { enrollDevice } from '../../../test/helpers/fleet.ts';
import { createSummariesHandler } from '../../mqtt/handlers/summaries.handler.ts';
import type { SequenceCheck } from '../fleet/device-messages.store.ts';
import { createDeviceMessagesStore } from '../fleet/device-messages.store.ts';
import { createBucketsStore } from './buckets.store.ts';
import { createProfilesStore } from './profiles.store.ts';
import { decodeStats } from './stats-codec.ts';
import { createSummaryIngestService, type SummaryIngestDeps, type SummaryIngestService } from './summary-ingest.service.ts';

const shape = { numeric: 6, categorical: 2, classes: 3 };
const T0 = Date.parse('2026-03-01T10:00:00Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();
const json = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

describe('summary ingest, group commit', () => {
  let cp: TestControlPlane;
  let a: EnrollResponse;
  let b: EnrollResponse;
  let profile: Profile;
  let sha: string;
  let commits: number;
  let lastCommitAt: number;
  /** Set to make the next outer transaction fail after its work, as a failed COMMIT (disk full) would. */
  let failNextCommit: boolean;
  const services: SummaryIngestService[] = [];

  beforeEach(async () => {
    cp = createTestControlPlane({ clock: { now: () => new Date(T0 + 3600_000) } });
    a = await enrollDevice(cp, { name: 'a' });
    b = await enrollDevice(cp, { name: 'b' });
    profile = syntheticProfile(shape, 800, 2);
    const body = canonicalJson(profile);
    sha = createHash('sha256').update(body).digest('hex');
    createProfilesStore(cp.db).insert({ sha256: sha, model: profile.model, version: profile.version, createdAt: profile.createdAt, createdBy: null, body });
    commits = 0;
    lastCommitAt = 0;
    failNextCommit = false;
  });
  afterEach(async () => {
    for (const s of services.splice(0)) s.close();
    await cp.close();
  });

  /** The service as evaluation-feature.ts builds it, with commits counted and failable. */
  function service(overrides: Partial<SummaryIngestDeps> = {}): SummaryIngestService {
    const s = createSummaryIngestService({
      buckets: createBucketsStore(cp.db), sequences: createDeviceMessagesStore(cp.db), profiles: { bySha: (x) => (x === sha ? profile : null) },
      clock: { now: () => new Date(T0) },
      tx: (fn) => {
        if (cp.db.inTransaction) return cp.db.transaction(fn)();
        const fail = failNextCommit;
        failNextCommit = false;
        const result = cp.db.transaction(() => {
          const r = fn();
          if (fail) throw new Error('SQLITE_FULL: database or disk is full');
          return r;
        })();
        commits++;
        lastCommitAt = performance.now();
        return result;
      },
      ...overrides,
    });
    services.push(s);
    return s;
  }

  const summary = (device: EnrollResponse, seq: number, start: number, seed = seq): WindowSummary =>
    summaryOf(profile, syntheticTraffic(shape, 60, seed), { deviceId: device.deviceId, seq, start: at(start), end: at(start + 10), profileSha256: sha });
  /** What another connection sees: committed rows only. */
  function committedBuckets(): Array<{ device_id: string; summaries: number; predictions: number }> {
    const reader = new BetterSqlite3(join(cp.dataDir, 'control-plane.sqlite'), { readonly: true });
    try {
      return reader.prepare(`SELECT b.device_id, b.summaries + (SELECT count(*) FROM evaluation_pending p WHERE p.bucket_id = b.id) AS summaries,
        b.predictions FROM evaluation_buckets b ORDER BY b.device_id`).all() as Array<{ device_id: string; summaries: number; predictions: number }>;
    } finally {
      reader.close();
    }
  }
  const mergedStats = (ingest: SummaryIngestService, device: EnrollResponse) => {
    ingest.flush();
    const row = createBucketsStore(cp.db).list({ from: 0, to: Number.MAX_SAFE_INTEGER }).find((r) => r.deviceId === device.deviceId);
    return row && json(decodeStats(row.stats));
  };

  it('stores a batch in one transaction, counting a duplicate (device, seq) inside the batch once', async () => {
    const ingest = service();
    const first = summary(a, 1, 0);
    const results = await Promise.all([
      ingest.submit(first, JSON.stringify(first)),
      ingest.submit(first, JSON.stringify(first)), // a redelivery arriving with the original
      ingest.submit(summary(a, 2, 15)),
      ingest.submit(summary(b, 7, 0)),
    ]);
    expect(results).toEqual([{ accepted: true, gap: 0 }, { accepted: false, reason: 'duplicate' }, { accepted: true, gap: 0 }, { accepted: true, gap: 0 }]);
    expect(commits).toBe(1);
    const rows = committedBuckets();
    expect(rows).toHaveLength(2);
    expect(rows.find((r) => r.device_id === a.deviceId)?.summaries).toBe(2);
    expect(rows.find((r) => r.device_id === b.deviceId)?.summaries).toBe(1);
    expect(mergedStats(ingest, a)).toEqual(json(mergeSummaryStats(statsOf(first), statsOf(summary(a, 2, 15)))));
    expect(ingest.totals()).toEqual([expect.objectContaining({ summaries: 3, predictions: first.counts.predictions + summary(a, 2, 15).counts.predictions + summary(b, 7, 0).counts.predictions })]);
  });

  it('a summary that fails rolls back alone: the rest of its batch is stored, and it can be sent again', async () => {
    const sequences = createDeviceMessagesStore(cp.db);
    let broken = true;
    const ingest = service({
      sequences: {
        advanceSequence(deviceId: string, channel: string, seq: number): SequenceCheck {
          const check = sequences.advanceSequence(deviceId, channel, seq); // written, then the failure: the savepoint must undo it
          if (broken && deviceId === b.deviceId) throw new Error('constraint failed');
          return check;
        },
      },
    });
    const settled = await Promise.allSettled([ingest.submit(summary(a, 1, 0)), ingest.submit(summary(b, 13, 0)), ingest.submit(summary(a, 2, 15))]);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((settled[1] as PromiseRejectedResult).reason).toMatchObject({ code: 'UNAVAILABLE' });
    expect(commits).toBe(1);
    expect(committedBuckets()).toEqual([expect.objectContaining({ device_id: a.deviceId, summaries: 2 })]);
    broken = false;
    expect(await ingest.submit(summary(b, 13, 0))).toEqual({ accepted: true, gap: 0 }); // its seq was never taken
    expect(committedBuckets()).toHaveLength(2);
  });

  it('a failed commit acknowledges nothing, and the resent summaries merge exactly once', async () => {
    const ingest = service();
    const parts = [summary(a, 1, 0), summary(a, 2, 15), summary(a, 3, 30)];
    expect(await ingest.submit(parts[0]!)).toEqual({ accepted: true, gap: 0 }); // the bucket is now cached
    failNextCommit = true;
    const failed = await Promise.allSettled(parts.slice(1).map((p) => ingest.submit(p)));
    expect(failed.map((s) => s.status)).toEqual(['rejected', 'rejected']);
    expect(committedBuckets()).toEqual([expect.objectContaining({ summaries: 1 })]);
    // The device sends both again: stored, and the bucket (merged in place in memory) is not counted twice.
    expect(await Promise.all(parts.slice(1).map((p) => ingest.submit(p)))).toEqual([{ accepted: true, gap: 0 }, { accepted: true, gap: 0 }]);
    expect(mergedStats(ingest, a)).toEqual(json(parts.map((p) => statsOf(p)).reduce((x, y) => mergeSummaryStats(x, y))));
  });

  it('close commits what waits and refuses what comes after, without taking its seq', async () => {
    const ingest = service({ groupCommit: { maxDelayMs: 60_000 } });
    const waiting = [ingest.submit(summary(a, 1, 0)), ingest.submit(summary(a, 2, 15))];
    expect(committedBuckets()).toEqual([]);
    ingest.close();
    expect(committedBuckets()).toEqual([expect.objectContaining({ summaries: 2 })]); // committed before close returned
    expect(await Promise.all(waiting)).toEqual([{ accepted: true, gap: 0 }, { accepted: true, gap: 0 }]);
    await expect(ingest.submit(summary(a, 3, 30))).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    expect(await service().submit(summary(a, 3, 30))).toEqual({ accepted: true, gap: 0 }); // after a restart
  });

  it('a late summary for a bucket the fold let go merges exactly into it', async () => {
    const ingest = service();
    const early = summary(a, 1, 0);
    const later = [summary(a, 2, 600), summary(a, 3, 900)]; // ten and fifteen minutes on
    for (const s of [early, ...later]) expect(await ingest.submit(s)).toMatchObject({ accepted: true });
    ingest.flush(); // folds, and lets the cold bucket of minute 0 go
    const late = summary(a, 4, 20); // sent late, counted in minute 0
    expect(await ingest.submit(late)).toEqual({ accepted: true, gap: 0 });
    ingest.flush();
    const minute0 = createBucketsStore(cp.db).list({ from: T0, to: T0 + 60_000 });
    expect(minute0).toHaveLength(1);
    expect(json(decodeStats(minute0[0]!.stats))).toEqual(json(mergeSummaryStats(statsOf(early), statsOf(late))));
    expect(minute0[0]!.summaries).toBe(2);
  });

  describe('over MQTT', () => {
    const clients: MqttClient[] = [];
    afterEach(async () => {
      await Promise.all(clients.splice(0).map((c) => c.endAsync(true).catch(() => undefined)));
    });
    async function connect(device: EnrollResponse, port: number): Promise<MqttClient> {
      const client = await connectAsync(`mqtt://127.0.0.1:${port}`, {
        clientId: device.deviceId, username: device.deviceId, password: device.credential, protocolVersion: 4, reconnectPeriod: 0,
      });
      clients.push(client);
      return client;
    }

    it('sends the PUBACK only after the transaction holding the summary committed', async () => {
      const ingest = service({ groupCommit: { maxDelayMs: 300 } });
      const broker = await cp.startMqtt({ handlers: { summaries: createSummariesHandler(ingest) } });
      const client = await connect(a, broker.port);
      const sent = performance.now();
      let pubackAt = 0;
      const acknowledged = client.publishAsync(deviceTopic(a.deviceId, 'summaries'), JSON.stringify(summary(a, 1, 0)), { qos: 1 }).then(() => {
        pubackAt = performance.now();
        // Right at the PUBACK another connection reads the summary: it is committed, not just written.
        return committedBuckets();
      });
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(pubackAt).toBe(0); // still waiting for its group commit
      expect(committedBuckets()).toEqual([]);
      expect(await acknowledged).toEqual([expect.objectContaining({ device_id: a.deviceId, summaries: 1 })]);
      expect(commits).toBe(1);
      expect(pubackAt).toBeGreaterThanOrEqual(lastCommitAt);
      expect(lastCommitAt - sent).toBeGreaterThanOrEqual(250); // the commit waited for its batch: the PUBACK waited for the commit
    });

    it('a summary that cannot be stored gets no PUBACK: the connection closes and the resent copy is stored once', async () => {
      const ingest = service({ groupCommit: { maxDelayMs: 1 } });
      const broker = await cp.startMqtt({ handlers: { summaries: createSummariesHandler(ingest) } });
      const client = await connect(a, broker.port);
      const payload = JSON.stringify(summary(a, 1, 0));
      failNextCommit = true;
      let acked = false;
      const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
      void client.publishAsync(deviceTopic(a.deviceId, 'summaries'), payload, { qos: 1 }).then(() => (acked = true), () => undefined);
      await closed;
      expect(acked).toBe(false);
      expect(committedBuckets()).toEqual([]);
      const dropped = (await cp.metrics.mqttDropped.get()).values.find((v) => v.labels.channel === 'summaries')?.labels.reason;
      expect(dropped).toBe('handler_error');
      // What the agent's outbox does after reconnecting: publish it again.
      const again = await connect(a, broker.port);
      await again.publishAsync(deviceTopic(a.deviceId, 'summaries'), payload, { qos: 1 });
      await again.publishAsync(deviceTopic(a.deviceId, 'summaries'), payload, { qos: 1 });
      expect(committedBuckets()).toEqual([expect.objectContaining({ summaries: 1 })]);
    });

    it('acknowledges summaries from many devices in shared commits, each one stored at its PUBACK', async () => {
      const ingest = service({ groupCommit: { maxDelayMs: 20 } });
      const broker = await cp.startMqtt({ handlers: { summaries: createSummariesHandler(ingest) } });
      const devices = [a, b, ...(await Promise.all([1, 2, 3, 4].map((i) => enrollDevice(cp, { name: `d${i}` }))))];
      const connected = await Promise.all(devices.map((d) => connect(d, broker.port)));
      await Promise.all(connected.map(async (client, i) => {
        for (let seq = 1; seq <= 3; seq++) {
          await client.publishAsync(deviceTopic(devices[i]!.deviceId, 'summaries'), JSON.stringify(summary(devices[i]!, seq, seq * 10, i * 10 + seq)), { qos: 1 });
          const mine = committedBuckets().find((r) => r.device_id === devices[i]!.deviceId);
          expect(mine?.summaries).toBe(seq);
        }
      }));
      expect(committedBuckets().map((r) => r.summaries)).toEqual([3, 3, 3, 3, 3, 3]);
      expect(commits).toBeLessThan(18);
    });
  });
});
