/**
 * Statistics benchmark (`npm run bench:stats`). Prints figures, asserts nothing.
 *
 * Control plane: window-summary ingest on one core (Node's one thread, SQLite in WAL mode in a temp
 * folder, as `openDatabase` opens it), for
 *   realistic  a tabular model: 30 numeric + 2 categorical features, 500 predictions per window,
 *              with labels and business events;
 *   wide       100 numeric + 20 categorical features, 1,000 predictions per window;
 * with 200 devices each sending every 10 s, so a bucket row takes six merges. Each measured
 *   (a) at the ingest service on validated summaries: dedupe on (device, seq), merge into the
 *       per-device minute bucket, write the row. Once with one transaction per summary (`ingest`,
 *       what the transports did before group commit) and once group-committed (`submit`: many
 *       summaries per transaction, each settled after its commit), the way MQTT and REST call it;
 *   (b) through the MQTT path from the payload bytes: the broker's dispatcher (JSON.parse) and the
 *       summaries handler (zod, topic check), then `submit` — what runs before a PUBACK.
 * Each summary is made when it is sent (the template's JSON with its own device, seq and window;
 * a few microseconds, counted).
 * The group-committed runs are a closed loop: each device has one summary in flight and sends
 * its next when the previous one is acknowledged (the agent's outbox). The journal is folded as
 * the periodic tick does, once per minute of the fleet's time and at the end of a run, counted in
 * the rate. Target: >= 5,000 summaries/s, realistic, group-committed. Also the summary sizes.
 *
 * Agent: the per-request cost of the on-device statistics against two MLPs is
 * `bench/stats-agent.ts` (its own section below; `--control-plane-only` skips it).
 */
import { createHash } from 'node:crypto';
import { pino } from 'pino';
import {
  addBusinessEvent,
  addFeedback,
  addPrediction,
  canonicalJson,
  closeWindow,
  deviceTopic,
  openWindow,
  type Profile,
  type WindowSummary,
} from '../protocol/index.ts';
import { mulberry32, normalSampler } from '../protocol/stats/index.ts';
import { createBucketsStore } from '../control-plane/features/evaluation/buckets.store.ts';
import { createProfilesStore } from '../control-plane/features/evaluation/profiles.store.ts';
import { createSummaryIngestService, type SummaryIngestService } from '../control-plane/features/evaluation/summary-ingest.service.ts';
import { createDeviceMessagesStore } from '../control-plane/features/fleet/device-messages.store.ts';
import { createDeviceIngest, type ChannelHandlers } from '../control-plane/mqtt/device-ingest.ts';
import { createSummariesHandler } from '../control-plane/mqtt/handlers/summaries.handler.ts';
import { syntheticLogits, syntheticProfile, syntheticRow, type SyntheticShape } from '../protocol/testing/synthetic-traffic.ts';
import { createTestControlPlane } from '../test/helpers/control-plane.ts';
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

/** Run `count` sends with `inFlight` outstanding at most; send i+inFlight starts when send i settled. */
async function closedLoop(count: number, inFlight: number, send: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < count) await send(next++);
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, count) }, lane));
}

/**
 * A template's JSON cut around the fields that change per summary (device, seq, window), so the
 * i-th payload is a few concatenations instead of a regex over 12 KiB: built in the timed loop,
 * one at a time, as a transport hands over what it just received (prebuilding thousands of
 * payloads would keep hundreds of MB alive and bill their garbage collection to ingest).
 */
function splitTemplate(text: string): (deviceId: string, seq: number, start: string, end: string) => string {
  const envelope = /"deviceId":"[^"]*","seq":\d+/.exec(text)!;
  const window = /"windowStart":"[^"]*","windowEnd":"[^"]*"/.exec(text)!;
  const head = text.slice(0, envelope.index);
  const middle = text.slice(envelope.index + envelope[0].length, window.index);
  const tail = text.slice(window.index + window[0].length);
  return (deviceId, seq, start, end) => `${head}"deviceId":"${deviceId}","seq":${seq}${middle}"windowStart":"${start}","windowEnd":"${end}"${tail}`;
}

async function benchControlPlane(w: Workload) {
  const { cp, profile, sha, deviceIds } = await setup(w);
  const pool = templates(profile, sha, w, 8);
  const texts = pool.map((s) => JSON.stringify(s));
  const bytes = Buffer.byteLength(texts[0]!);
  // The service as evaluation-feature.ts builds it, with a transaction runner that counts commits.
  let commits = 0;
  const ingest: SummaryIngestService = createSummaryIngestService({
    buckets: createBucketsStore(cp.db), sequences: createDeviceMessagesStore(cp.db), profiles: cp.services.evaluation.profiles,
    clock: { now: () => new Date(T0 + 86_400_000) },
    tx: (fn) => {
      if (!cp.db.inTransaction) commits++;
      return cp.db.transaction(fn)();
    },
  });
  const dispatch = createDeviceIngest({
    handlers: { summaries: createSummariesHandler(ingest) } as unknown as ChannelHandlers, metrics: cp.metrics, logger: pino({ level: 'silent' }),
  });
  const builders = texts.map(splitTemplate);
  let i = 0; // the stream goes on across runs: every device's seq keeps increasing
  const payload = (n: number) => {
    // The minute tick folds the journal (and lets cold buckets go) once per minute of the fleet's time.
    if (n % (DEVICES * PER_BUCKET) === 0) ingest.flush();
    const summary = nth(pool[n % pool.length]!, deviceIds, n);
    return { summary, text: builders[n % builders.length]!(summary.deviceId, summary.seq, summary.windowStart, summary.windowEnd) };
  };
  const run = async (count: number, send: (summary: WindowSummary, text: string) => void | Promise<void>, inFlight = 0) => {
    const first = i;
    i += count;
    commits = 0;
    const t0 = performance.now();
    if (inFlight === 0) {
      for (let j = 0; j < count; j++) {
        const p = payload(first + j);
        await send(p.summary, p.text);
      }
    } else {
      await closedLoop(count, inFlight, (j) => {
        const p = payload(first + j);
        return Promise.resolve(send(p.summary, p.text));
      });
    }
    ingest.flush(); // the last folds, counted in the rate
    return { ...rate(count, performance.now() - t0), perCommit: count / Math.max(1, commits) };
  };
  const check = (result: { accepted: boolean; reason?: string }) => {
    if (!result.accepted) throw new Error(`summary refused: ${result.reason}`);
  };
  try {
    // The transports hand ingest the JSON they received, which it journals as is.
    await run(600, (summary, text) => check(ingest.ingest(summary, text))); // warm up
    const oneByOne = await run(w.summaries, (summary, text) => check(ingest.ingest(summary, text)));
    await run(600, async (summary, text) => check(await ingest.submit(summary, text)), DEVICES);
    const grouped = await run(w.summaries, async (summary, text) => check(await ingest.submit(summary, text)), DEVICES);
    const topic = (summary: WindowSummary) => deviceTopic(summary.deviceId, 'summaries');
    const mqtt = await run(Math.min(w.summaries, 12_000), async (summary, text) => {
      check(await dispatch(topic(summary), Buffer.from(text), { lastWill: false }));
    }, DEVICES);
    const rows = (cp.db.prepare('SELECT count(*) AS n FROM evaluation_buckets').get() as { n: number }).n;
    return { oneByOne, grouped, mqtt, bytes, rows, summaries: i };
  } finally {
    ingest.close();
    await cp.close();
  }
}

async function main() {
  console.log(`control plane: summary ingest, one core; ${DEVICES} devices, group commit with one summary in flight per device`);
  for (const w of WORKLOADS) {
    const r = await benchControlPlane(w);
    const line = (label: string, x: { perSecond: number; micros: number; perCommit: number }, what: string) =>
      console.log(`    ${label.padEnd(40)} ${String(x.perSecond).padStart(7)} summaries/s  (${x.micros} µs each; ${x.perCommit.toFixed(1)} per commit; ${what})`);
    console.log(`  ${w.name}: ${(r.bytes / 1024).toFixed(1)} KiB per summary; ${r.rows} bucket rows for ${r.summaries} summaries`);
    line('ingest service, a commit per summary', r.oneByOne, 'ingest()');
    line('ingest service, group commit', r.grouped, 'submit()');
    line('MQTT path from payload bytes, group commit', r.mqtt, 'JSON.parse + zod + submit()');
    if (w === WORKLOADS[0]) {
      const met = (x: { perSecond: number }) => (x.perSecond >= 5000 ? 'met' : 'NOT met');
      console.log(`    target >= 5,000/s: service (group commit) ${met(r.grouped)}, MQTT path ${met(r.mqtt)}`);
    }
  }

  // ---- Agent side: per-request cost of the on-device statistics (bench/stats-agent.ts) ----
  console.log('\nagent: per-request statistics');
  if (process.argv.includes('--control-plane-only')) return;
  const { benchAgentStats } = await import('./stats-agent.ts');
  await benchAgentStats({ log: (line) => console.log(`  ${line}`) });
}

await main();
