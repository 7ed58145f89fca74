/**
 * Agent side of `npm run bench:stats`: what the on-device statistics cost per request, next to the
 * inference they describe. The model is the MLP fixture with 32 inputs (32 -> 64 -> 3, softmax) run
 * in-process by onnxruntime (session.run, one row per request: the cheapest inference there is, so
 * the hardest ratio); the statistics are the agent's OIP hook exactly as wired (feature extraction
 * for 32 numeric features on a 50-bin profile, expectations, output histogram/entropy/class,
 * latency, the feedback memory), with windows of 1,000 predictions closed into the real SQLite
 * outbox and a checkpoint of each open window every second. Prints figures and the ratio (target:
 * under 5% of inference); asserts nothing. `benchAgentStats()` is exported for bench/stats.ts.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { pino } from 'pino';
import * as ort from 'onnxruntime-node';
import { buildProfile, canonicalJson, type FeatureDeclaration, type WindowSummary } from '../protocol/index.ts';
import { createPredictionMemory } from '../edge-agent/feedback/prediction-memory.ts';
import { createModelRegistry } from '../edge-agent/inference/model-registry.ts';
import { createOnnxEngine } from '../edge-agent/inference/onnx-engine.ts';
import { createOipApp } from '../edge-agent/inference/oip-server.ts';
import type { InferenceEvent } from '../edge-agent/inference/inference.service.ts';
import { createOutboxStore } from '../edge-agent/outbox/outbox-store.ts';
import { createStatsCollector, type ProfileEntry } from '../edge-agent/stats/stats-collector.ts';
import { systemTimers } from '../edge-agent/util/timers.ts';
import { buildMlp, createPrng, MLP_INPUT, MLP_OUTPUT } from '../test/fixtures/models/index.ts';
import { createTempDir } from '../test/helpers/temp-dir.ts';

const FEATURES = 32;
const CLASSES = ['a', 'b', 'c'];

export interface AgentStatsFigures {
  inferenceMicros: number;
  /** The same model served by the agent's OIP app (JSON body in, JSON out, in-process `app.request`). */
  servedMicros: number;
  statsMicros: number;
  statsWithoutProfileMicros: number;
  windowCloseMicros: number;
  checkpointMicros: number;
  /** statsMicros + a window close per 1,000 predictions + one checkpoint per second at this rate, over inference. */
  ratio: number;
  /** The same over the served request. */
  servedRatio: number;
}

const rowsOf = (n: number, seed: number) => {
  const next = createPrng(seed);
  return Array.from({ length: n }, () => Float32Array.from({ length: FEATURES }, (_, k) => k / 8 + next() * 2 - 1));
};

async function timePerCall(iterations: number, once: (i: number) => unknown | Promise<unknown>): Promise<number> {
  for (let i = 0; i < Math.min(2000, iterations); i++) await once(i); // warm up JIT and caches
  const start = performance.now();
  for (let i = 0; i < iterations; i++) await once(i);
  return ((performance.now() - start) * 1000) / iterations;
}

function timePerCallSync(iterations: number, once: (i: number) => unknown): number {
  for (let i = 0; i < Math.min(2000, iterations); i++) once(i);
  const start = performance.now();
  for (let i = 0; i < iterations; i++) once(i);
  return ((performance.now() - start) * 1000) / iterations;
}

/** Run the benchmark and print its figures. */
export async function benchAgentStats(options: { iterations?: number; log?: (line: string) => void } = {}): Promise<AgentStatsFigures> {
  const iterations = options.iterations ?? 20_000;
  const log = options.log ?? ((line: string) => console.log(line));
  const mlpBytes = buildMlp({ inputs: FEATURES, hidden: [64], outputs: 3, seed: 5, softmax: true });
  const session = await ort.InferenceSession.create(mlpBytes, { intraOpNumThreads: 1, graphOptimizationLevel: 'all' });
  const reference = rowsOf(1000, 1);
  const referenceOutputs: Float32Array[] = [];
  for (const row of reference) {
    const out = await session.run({ [MLP_INPUT]: new ort.Tensor('float32', row, [1, FEATURES]) });
    referenceOutputs.push(Float32Array.from(out[MLP_OUTPUT]!.data as Float32Array));
  }
  const declarations: FeatureDeclaration[] = Array.from({ length: FEATURES }, (_, k) => ({
    name: `f${k}`, type: 'numeric', source: { kind: 'element', input: MLP_INPUT, index: k }, expectations: { min: -5, max: 10 },
  }));
  const profile = buildProfile(
    reference.map((r) => Array.from(r)), declarations,
    { spec: { tensor: MLP_OUTPUT, task: 'classification', classes: CLASSES, transform: 'none' }, rows: referenceOutputs },
    { column: 'label', values: referenceOutputs.map((o) => o.indexOf(Math.max(...o))) },
    { model: 'mlp32', version: '1', createdAt: new Date().toISOString() },
  );
  const entry: ProfileEntry = { profile, sha256: createHash('sha256').update(canonicalJson(profile)).digest('hex') };

  // Requests as the OIP hook sees them: decoded input tensor, the model's output tensor.
  const traffic = rowsOf(4096, 2);
  const events: InferenceEvent[] = [];
  for (const [i, row] of traffic.entries()) {
    const out = await session.run({ [MLP_INPUT]: new ort.Tensor('float32', row, [1, FEATURES]) });
    events.push({
      requestId: `r${i}`, model: 'mlp32', version: '1', latencyMs: 0.05 + (i % 7) / 100,
      inputs: { [MLP_INPUT]: { datatype: 'FP32', shape: [1, FEATURES], data: row } },
      outputs: { [MLP_OUTPUT]: { datatype: 'FP32', shape: [1, 3], data: out[MLP_OUTPUT]!.data as Float32Array } },
    });
  }

  const inferenceMicros = await timePerCall(iterations, (i) => session.run({ [MLP_INPUT]: new ort.Tensor('float32', traffic[i % traffic.length]!, [1, FEATURES]) }));

  // What the device pays per request as served: the OIP app in-process (no sockets), JSON tensors.
  const engine = createOnnxEngine({ intraOpNumThreads: 1, graphOptimizationLevel: 'all' });
  const registry = createModelRegistry();
  registry.activate('mlp32', '1', await engine.load(mlpBytes));
  const app = createOipApp({ registry });
  const bodies = traffic.slice(0, 256).map((row) => JSON.stringify({ inputs: [{ name: MLP_INPUT, shape: [1, FEATURES], datatype: 'FP32', data: Array.from(row) }] }));
  const servedMicros = await timePerCall(Math.min(iterations, 5000), async (i) => {
    const res = await app.request('/v2/models/mlp32/infer', { method: 'POST', headers: { 'content-type': 'application/json' }, body: bodies[i % bodies.length]! });
    await res.arrayBuffer();
  });
  await registry.close();

  const dir = createTempDir('ef-bench-stats-');
  const store = createOutboxStore({ path: join(dir.path, 'outbox.sqlite'), maxBytes: 1024 ** 3 });
  let seq = 0;
  const hook = (withProfile: boolean, windowPredictions = 1e9) => {
    const stats = createStatsCollector({
      deviceId: 'dev_bench01', timers: systemTimers, logger: pino({ level: 'silent' }), store, nextSeq: () => seq++,
      profileOf: () => (withProfile ? entry : null),
      identityOf: (model, version) => ({ model, version, variant: 'fp32', arm: withProfile ? 'baseline' : 'raw' }),
      windowPredictions, windowMs: 3_600_000, checkpointMs: 3_600_000,
    });
    const memory = createPredictionMemory({ maxEntries: 10_000, ttlMs: 3_600_000, now: Date.now });
    return {
      stats,
      run: (i: number) => {
        const event = events[i % events.length]!;
        const record = stats.recordInference(event);
        if (record) memory.remember(event.requestId, record);
      },
    };
  };
  const withProfile = hook(true);
  const statsMicros = timePerCallSync(iterations, withProfile.run);
  const statsWithoutProfileMicros = timePerCallSync(iterations, hook(false).run);

  // The amortized parts, measured on their own: closing a window of 1,000 predictions into the outbox.
  const closeTimes: number[] = [];
  for (let round = 0; round < 30; round++) {
    const closes = hook(true);
    for (let i = 0; i < 1000; i++) closes.run(i);
    const t0 = performance.now();
    closes.stats.closeAll();
    closeTimes.push((performance.now() - t0) * 1000);
  }
  const windowCloseMicros = closeTimes.sort((a, b) => a - b)[Math.floor(closeTimes.length / 2)]!;
  // A checkpoint writes an open window's JSON: a closed window of the same profile is the same size.
  const summary = JSON.parse(store.oldest(1)[0]!.body) as WindowSummary;
  const checkpointMicros = timePerCallSync(200, (i) => store.saveCheckpoint({ key: `bench${i % 4}`, summary, savedAt: Date.now() }));
  store.close();
  dir.remove();
  await session.release();

  const perSecond = 1e6 / inferenceMicros;
  const amortized = statsMicros + windowCloseMicros / 1000 + checkpointMicros / perSecond;
  const figures: AgentStatsFigures = {
    inferenceMicros, servedMicros, statsMicros, statsWithoutProfileMicros, windowCloseMicros, checkpointMicros,
    ratio: amortized / inferenceMicros, servedRatio: amortized / servedMicros,
  };
  const f = (x: number) => x.toFixed(2).padStart(9);
  log(`agent statistics, ${FEATURES} numeric features (50 bins), MLP ${FEATURES}->64->3, one row per request, ${iterations} requests`);
  log(`  inference (onnxruntime session.run)        ${f(inferenceMicros)} us/request`);
  log(`  the same request served by the OIP app      ${f(servedMicros)} us/request (JSON, in-process, no sockets)`);
  log(`  statistics hook, with profile              ${f(statsMicros)} us/request`);
  log(`  statistics hook, no profile (counts only)  ${f(statsWithoutProfileMicros)} us/request`);
  log(`  window close (JSON + SQLite outbox insert)${f(windowCloseMicros)} us per 1,000 predictions`);
  log(`  checkpoint of an open window               ${f(checkpointMicros)} us per second per window`);
  log(`  statistics / inference (session.run)       ${(figures.ratio * 100).toFixed(2).padStart(8)} %  (target < 5%: ${figures.ratio < 0.05 ? 'met' : 'NOT met'})`);
  log(`  statistics / served request               ${(figures.servedRatio * 100).toFixed(2).padStart(8)} %`);
  return figures;
}

if (import.meta.url === `file://${process.argv[1]}`) await benchAgentStats();
