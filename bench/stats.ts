/**
 * Statistics benchmark (`npm run bench:stats`). Prints figures, asserts nothing.
 *
 * Control plane: window-summary ingest on one core (Node's one thread, SQLite in WAL mode in a temp
 * folder, as `openDatabase` opens it), for
 *   realistic  a tabular model: 30 numeric + 2 categorical features, 500 predictions per window,
 *              with labels and business events;
 *   wide       100 numeric + 20 categorical features, 1,000 predictions per window;
 * each measured (a) at the ingest service (what the MQTT handler and the REST route call after
 * validation: dedupe on (device, seq), merge into the per-device minute bucket, write the row) and
 * (b) through the MQTT summaries handler from the payload bytes (JSON.parse + zod + ingest), with
 * 200 devices each sending every 10 s, so a bucket row takes six merges. Target: >= 5,000
 * summaries/s for (a), realistic. Also the summary sizes.
 *
 * Agent: the per-request cost of the on-device statistics is `bench/stats-agent.ts` (its own
 * section below; `--control-plane-only` skips it).
 */
import { createHash } from 'node:crypto';
import {
  addBusinessEvent,
  addFeedback,
  addPrediction,
  canonicalJson,
  closeWindow,
  openWindow,
  type Profile,
  type WindowSummary,
} from '../protocol/index.ts';
import { mulberry32, normalSampler } from '../protocol/stats/index.ts';
import { createProfilesStore } from '../control-plane/features/evaluation/profiles.store.ts';
import { createSummariesHandler } from '../control-plane/mqtt/handlers/summaries.handler.ts';
import { syntheticLogits, syntheticProfile, syntheticRow, type SyntheticShape } from '../protocol/testing/synthetic-traffic.ts';
import { createTestControlPlane, type TestControlPlane } from '../test/helpers/control-plane.ts';
import { enrollDevice } from '../test/helpers/fleet.ts';

const DEVICES = 200;
const PER_BUCKET = 6; // one summary every 10 s into one-minute buckets
const T0 = Date.parse('2026-03-01T00:00:00Z');

interface Workload {
  name: string;
  shape: SyntheticShape;
  predictions: number;
  summaries: number;
}

const WORKLOADS: Workload[] = [
  { name: 'realistic (30 num + 2 cat, 500 predictions)', shape: { numeric: 30, categorical: 2, classes: 2 }, predictions: 500, summaries: 30_000 },
  { name: 'wide (100 num + 20 cat, 1,000 predictions)', shape: { numeric: 100, categorical: 20, categories: 12, classes: 3 }, predictions: 1000, summaries: 6_000 },
];

/** A few distinct windows of the workload's traffic; the benchmark cycles through them. */
function templates(profile: Profile, sha: string, w: Workload, count: number): WindowSummary[] {
  return Array.from({ length: count }, (_, t) => {
    const random = mulberry32(100 + t);
    const normal = normalSampler(random);
    const window = openWindow({ deviceId: 'dev_template0', model: profile.model, version: '1', variant: 'fp32', profileSha256: sha }, profile, new Date(T0).toISOString());
    for (let i = 0; i < w.predictions; i++) {
      const row = syntheticRow(w.shape, random, normal);
      const reading = addPrediction(window, { features: row, outputs: syntheticLogits(row, w.shape.classes ?? 3, normal), latencyMs: Math.exp(1 + normal()) });
      if (i % 5 === 0) addFeedback(window, { label: Math.floor(random() * (w.shape.classes ?? 3)), predicted: reading?.predicted ?? null, confidence: reading?.confidence ?? null, features: row });
      if (i % 20 === 0) addBusinessEvent(window, { name: i % 40 === 0 ? 'click' : 'purchase', value: 10 * random() });
    }
    return closeWindow(window, { seq: 0, sentAt: new Date(T0 + 10_000).toISOString() });
  });
}

/** The i-th summary of the stream: device i mod 200, its own next seq, the bucket of its time. */
function nth(template: WindowSummary, deviceIds: readonly string[], i: number): WindowSummary {
  const device = i % deviceIds.length;
  const round = Math.floor(i / deviceIds.length); // how many summaries this device sent before
  const start = T0 + round * (60_000 / PER_BUCKET);
  return {
    ...template, deviceId: deviceIds[device]!, seq: round + 1,
    windowStart: new Date(start).toISOString(), windowEnd: new Date(start + 10_000).toISOString(), sentAt: new Date(start + 10_000).toISOString(),
  };
}

async function setup(w: Workload) {
  const cp = createTestControlPlane({ clock: { now: () => new Date(T0 + 86_400_000) } });
  const profile = { ...syntheticProfile(w.shape, 5000, 1), model: `bench-${w.shape.numeric}` };
  const body = canonicalJson(profile);
  const sha = createHash('sha256').update(body).digest('hex');
  createProfilesStore(cp.db).insert({ sha256: sha, model: profile.model, version: '1', createdAt: profile.createdAt, createdBy: null, body });
  const deviceIds: string[] = [];
  for (let d = 0; d < DEVICES; d++) deviceIds.push((await enrollDevice(cp, { name: `bench-${d}` })).deviceId);
  return { cp, profile, sha, deviceIds };
}

function rate(count: number, ms: number) {
  return { perSecond: Math.round((count / ms) * 1000), micros: Math.round((ms * 1000) / count) };
}

async function benchControlPlane(w: Workload) {
  const { cp, profile, sha, deviceIds } = await setup(w);
  const pool = templates(profile, sha, w, 8);
  const texts = pool.map((s) => JSON.stringify(s));
  const bytes = Buffer.byteLength(texts[0]!);
  try {
    const { ingest } = cp.services.evaluation;
    // (a) the ingest service, on validated summaries
    const warm = 600;
    // The transports hand ingest the JSON they received, which it journals as is; here the template's
    // JSON stands in for it (same statistics; its envelope fields are not read back).
    for (let i = 0; i < warm; i++) ingest.ingest(nth(pool[i % pool.length]!, deviceIds, i), texts[i % texts.length]);
    let t0 = performance.now();
    for (let i = warm; i < warm + w.summaries; i++) {
      const result = ingest.ingest(nth(pool[i % pool.length]!, deviceIds, i), texts[i % texts.length]);
      if (!result.accepted) throw new Error(`summary ${i} refused: ${result.reason}`);
    }
    ingest.flush(); // the folds the periodic tick would do, counted in the rate
    const service = rate(w.summaries, performance.now() - t0);
    const rows = (cp.db.prepare('SELECT count(*) AS n FROM evaluation_buckets').get() as { n: number }).n;

    // (b) the MQTT handler from payload bytes: JSON.parse + zod + the same ingest (fresh devices' seqs continue)
    const handler = createSummariesHandler(ingest);
    const offset = warm + w.summaries;
    const payloads = Array.from({ length: Math.min(w.summaries, 6000) }, (_, j) => {
      const s = nth(pool[j % pool.length]!, deviceIds, offset + j);
      return { deviceId: s.deviceId, text: texts[j % texts.length]!.replace(/"deviceId":"[^"]*","seq":\d+/, `"deviceId":"${s.deviceId}","seq":${s.seq}`).replace(/"windowStart":"[^"]*"/, `"windowStart":"${s.windowStart}"`) };
    });
    t0 = performance.now();
    for (const p of payloads) {
      const raw = Buffer.from(p.text);
      const outcome = handler({ topicDeviceId: p.deviceId, payload: JSON.parse(p.text), lastWill: false, raw });
      if (!outcome.accepted) throw new Error(`handler refused: ${outcome.reason}`);
    }
    ingest.flush();
    const mqtt = rate(payloads.length, performance.now() - t0);
    return { service, mqtt, bytes, rows };
  } finally {
    await cp.close();
  }
}

async function main() {
  console.log('control plane: summary ingest, one core');
  for (const w of WORKLOADS) {
    const r = await benchControlPlane(w);
    console.log(`  ${w.name}: ${(r.bytes / 1024).toFixed(1)} KiB per summary`);
    console.log(`    ingest service       ${String(r.service.perSecond).padStart(7)} summaries/s  (${r.service.micros} µs each; ${r.rows} bucket rows for ${w.summaries + 600} summaries)`);
    console.log(`    MQTT handler (bytes) ${String(r.mqtt.perSecond).padStart(7)} summaries/s  (${r.mqtt.micros} µs each: JSON.parse + zod + ingest)`);
    if (w === WORKLOADS[0]) console.log(`    target >= 5,000/s at the service: ${r.service.perSecond >= 5000 ? 'met' : 'NOT met'}`);
  }

  // ---- Agent side: per-request cost of the on-device statistics (bench/stats-agent.ts) ----
  console.log('\nagent: per-request statistics');
  if (process.argv.includes('--control-plane-only')) return;
  const { benchAgentStats } = await import('./stats-agent.ts');
  await benchAgentStats({ log: (line) => console.log(`  ${line}`) });
}

await main();
