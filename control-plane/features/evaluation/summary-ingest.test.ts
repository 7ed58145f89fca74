import { createHash } from 'node:crypto';
import { connectAsync, type MqttClient } from 'mqtt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  canonicalJson,
  deviceTopic,
  mergeSummaryStats,
  statsOf,
  type EnrollResponse,
  type Profile,
  type SummaryStats,
  type WindowSummary,
} from '../../../protocol/index.ts';
import { summaryOf, syntheticProfile, syntheticTraffic } from '../../../protocol/testing/synthetic-traffic.ts';
import { createTestControlPlane, type TestControlPlane } from '../../../test/helpers/control-plane.ts';
import { enrollDevice } from '../../../test/helpers/fleet.ts';
import { createDeviceMessagesStore } from '../fleet/device-messages.store.ts';
import { createBucketsStore } from './buckets.store.ts';
import { createProfilesStore } from './profiles.store.ts';
import { decodeStats } from './stats-codec.ts';
import { createSummaryIngestService } from './summary-ingest.service.ts';

const shape = { numeric: 6, categorical: 2, classes: 3 };
const T0 = Date.parse('2026-03-01T10:00:00Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();

/** Store a profile directly (the route runs a model; these tests are about ingest). */
function storeProfile(cp: TestControlPlane, profile: Profile): string {
  const body = canonicalJson(profile);
  const sha256 = createHash('sha256').update(body).digest('hex');
  createProfilesStore(cp.db).insert({ sha256, model: profile.model, version: profile.version, createdAt: profile.createdAt, createdBy: null, body });
  return sha256;
}

describe('summary ingest', () => {
  let cp: TestControlPlane;
  let device: EnrollResponse;
  let profile: Profile;
  let sha: string;
  beforeEach(async () => {
    cp = createTestControlPlane({ clock: { now: () => new Date(T0 + 3600_000) } });
    device = await enrollDevice(cp);
    profile = syntheticProfile(shape, 800, 2);
    sha = storeProfile(cp, profile);
  });
  afterEach(() => cp.close());

  const summary = (seq: number, start: number, seed = seq): WindowSummary =>
    summaryOf(profile, syntheticTraffic(shape, 60, seed), { deviceId: device.deviceId, seq, start: at(start), end: at(start + 10), profileSha256: sha });
  const bucketRows = (fold = true) => {
    if (fold) cp.services.evaluation.ingest.flush(); // fold the journal: these tests read the table itself
    return cp.db.prepare('SELECT bucket_start, summaries, predictions, gaps, stats FROM evaluation_buckets ORDER BY bucket_start').all() as Array<{ bucket_start: number; summaries: number; predictions: number; gaps: number; stats: string }>;
  };

  it('merges every summary of a device and minute into one bucket row, exactly, across a restart with an unfolded journal', () => {
    const parts = [summary(1, 0), summary(2, 15), summary(3, 30), summary(4, 75)];
    for (const s of parts.slice(0, 2)) expect(cp.services.evaluation.ingest.ingest(s, JSON.stringify(s))).toEqual({ accepted: true, gap: 0 });
    expect(cp.db.prepare('SELECT count(*) AS n FROM evaluation_pending').get()).toEqual({ n: 1 }); // the second waits in the journal
    // Any reader of the store (this feature's reports, the rollout gates) already sees both.
    const [listed] = createBucketsStore(cp.db).list({ from: 0, to: Number.MAX_SAFE_INTEGER });
    expect(listed).toMatchObject({ summaries: 2, predictions: parts[0]!.counts.predictions + parts[1]!.counts.predictions });
    expect(decodeStats(listed!.stats)).toEqual(JSON.parse(JSON.stringify(mergeSummaryStats(statsOf(parts[0]!), statsOf(parts[1]!)))));
    // A new process: empty cache, the journal still on disk.
    const restarted = createSummaryIngestService({
      buckets: createBucketsStore(cp.db), sequences: createDeviceMessagesStore(cp.db), profiles: { bySha: () => profile },
      clock: { now: () => new Date(T0) }, tx: (fn) => cp.db.transaction(fn)(),
    });
    for (const s of parts.slice(2)) expect(restarted.ingest(s)).toEqual({ accepted: true, gap: 0 });
    restarted.flush();
    expect(cp.db.prepare('SELECT count(*) AS n FROM evaluation_pending').get()).toEqual({ n: 0 });
    const rows = bucketRows(false); // the first service is gone: it must not write again
    expect(rows.map((r) => [r.bucket_start - T0, r.summaries])).toEqual([[0, 3], [60_000, 1]]);
    const expected = parts.slice(0, 3).map((p) => statsOf(p)).reduce((a, b) => mergeSummaryStats(a, b));
    expect(statsOf(JSON.parse(rows[0]!.stats) as SummaryStats)).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(rows[0]!.predictions).toBe(expected.counts.predictions);
  });

  it('counts a duplicate (device, seq) once, and records gaps', () => {
    const { ingest } = cp.services.evaluation;
    expect(ingest.ingest(summary(5, 0))).toEqual({ accepted: true, gap: 0 });
    expect(ingest.ingest(summary(5, 0))).toEqual({ accepted: false, reason: 'duplicate' });
    expect(ingest.ingest(summary(9, 10))).toEqual({ accepted: true, gap: 3 });
    expect(bucketRows()).toEqual([expect.objectContaining({ summaries: 2, gaps: 3 })]);
  });

  it('refuses summaries on an unknown or different profile, and from unknown devices, before they touch the sequence', () => {
    const { ingest } = cp.services.evaluation;
    const good = summary(1, 0);
    expect(ingest.ingest({ ...good, profile: 'f'.repeat(64) })).toEqual({ accepted: false, reason: 'unknown_profile' });
    expect(ingest.ingest({ ...good, version: '2' })).toMatchObject({ accepted: false, reason: 'profile_mismatch' });
    expect(ingest.ingest({ ...good, features: good.features.slice(1) })).toMatchObject({ accepted: false, reason: 'profile_mismatch', detail: expect.stringMatching(/features/) });
    expect(ingest.ingest({ ...good, deviceId: 'dev_nobody00' })).toEqual({ accepted: false, reason: 'unknown_device' });
    expect(ingest.ingest(good)).toEqual({ accepted: true, gap: 0 }); // seq 1 is still free
  });

  describe('over MQTT', () => {
    let client: MqttClient;
    afterEach(async () => client?.endAsync(true));

    it('drops and counts malformed summaries while ingest continues', async () => {
      const broker = await cp.startMqtt();
      client = await connectAsync(`mqtt://127.0.0.1:${broker.port}`, {
        clientId: device.deviceId, username: device.deviceId, password: device.credential, protocolVersion: 4, reconnectPeriod: 0,
      });
      const publish = (payload: string) => client.publishAsync(deviceTopic(device.deviceId, 'summaries'), payload, { qos: 1 });
      const first = summary(1, 0);
      await publish(JSON.stringify(first));
      await publish(JSON.stringify(first)); // a QoS 1 redelivery
      await publish('{"schemaVersion": 1, "deviceId": '); // cut short
      await publish(JSON.stringify({ ...summary(2, 5), counts: { ...first.counts, predictions: -4 } }));
      await publish(JSON.stringify({ ...summary(3, 5), features: [] }));
      await publish(JSON.stringify(summary(5, 20)));
      const dropped = async (reason: string) =>
        (await cp.metrics.mqttDropped.get()).values.find((v) => v.labels.channel === 'summaries' && v.labels.reason === reason)?.value ?? 0;
      expect([await dropped('duplicate'), await dropped('invalid_json'), await dropped('invalid_schema'), await dropped('profile_mismatch')]).toEqual([1, 1, 1, 1]);
      expect(client.connected).toBe(true);
      // Summaries 2 and 3 were dropped after the broker checked them, before their seq was taken: seq 5 after 1 is a gap of 3.
      expect(bucketRows()).toEqual([expect.objectContaining({ summaries: 2, gaps: 3, predictions: first.counts.predictions + summary(5, 20).counts.predictions })]);
    });
  });
});
