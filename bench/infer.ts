/**
 * Inference benchmark (npm run bench:infer): Silero VAD and the ~1M-parameter MLP, each through
 *   raw          in-process onnxruntime session.run (the physical limit),
 *   json         the OIP server over real HTTP with JSON tensors,
 *   binary       the OIP server with the binary tensor extension both ways,
 *   binary+batch the same with dynamic batching (MLP only: Silero's state input is [2,batch,128],
 *                so its first dim is not the batch dim and it cannot be batched),
 * at concurrency 1, 8 and 64, each HTTP path with two keep-alive clients: fetch (undici, what the
 * brief names) and node:http with a keep-alive Agent (lighter, so the server's own cost shows more
 * clearly). Prints figures and ratios to raw and whether the two targets are met; never asserts.
 */
import { fork } from 'node:child_process';
import http from 'node:http';
import { availableParallelism, loadavg } from 'node:os';
import * as ort from 'onnxruntime-node';
import { encodeClientRequest } from '../edge-agent/inference/oip-client.ts';
import { buildBenchMlp, loadSileroVad, mlpParameterCount, BENCH_MLP_OPTIONS } from '../test/fixtures/models/index.ts';
import { BATCHING, ENGINE_CONFIG, MLP_WIDTH, mlpInput, VAD_WARMUP } from './infer-setup.ts';

const WARMUP_MS = 250;
const MEASURE_MS = 1500;
const CONCURRENCY = [1, 8, 64];
const INPUTS = 16;

type Path = 'raw' | 'json' | 'binary' | 'binary+batch' | 'http floor';
type Client = 'in-process' | 'fetch' | 'node:http';
interface Cell {
  model: string;
  path: Path;
  client: Client;
  concurrency: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

/** `concurrency` loops calling `once` back to back; latencies are taken only inside the window. */
async function load(concurrency: number, once: (i: number) => Promise<boolean>): Promise<Omit<Cell, 'model' | 'path' | 'client' | 'concurrency'>> {
  const latencies: number[] = [];
  let errors = 0;
  const start = performance.now();
  const measureFrom = start + WARMUP_MS;
  const end = measureFrom + MEASURE_MS;
  let counter = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (;;) {
        const t0 = performance.now();
        if (t0 >= end) return;
        const ok = await once(counter++);
        const t1 = performance.now();
        if (t0 >= measureFrom && t1 <= end) {
          if (ok) latencies.push(t1 - t0);
          else errors++;
        }
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return { rps: latencies.length / (MEASURE_MS / 1000), p50: percentile(latencies, 50), p99: percentile(latencies, 99), errors };
}

interface Workload {
  model: string;
  session: ort.InferenceSession;
  rawFeeds: Record<string, ort.Tensor>[];
  json: Uint8Array<ArrayBuffer>[];
  binary: { body: Uint8Array<ArrayBuffer>; headers: Record<string, string> }[];
  batchedModel?: string;
}

async function workloads(): Promise<Workload[]> {
  const options = { intraOpNumThreads: ENGINE_CONFIG.intraOpNumThreads ?? 1, graphOptimizationLevel: 'all' as const };
  const mlpInputs = Array.from({ length: INPUTS }, (_, i) => mlpInput(i));
  const mlpTensor = (data: Float32Array) => ({ datatype: 'FP32' as const, shape: [1, MLP_WIDTH], data });
  const vadInputs = Array.from({ length: INPUTS }, (_, k) => ({
    ...VAD_WARMUP,
    input: { datatype: 'FP32' as const, shape: [1, 512], data: new Float32Array(512).map((_, i) => 0.3 * Math.sin((i + k * 31) / 6)) },
  }));
  const toOrt = (feeds: typeof VAD_WARMUP) =>
    Object.fromEntries(Object.entries(feeds).map(([name, t]) => [name, new ort.Tensor(t.datatype === 'INT64' ? 'int64' : 'float32', t.data as Float32Array, t.shape)]));
  return [
    {
      model: 'mlp',
      session: await ort.InferenceSession.create(buildBenchMlp(), options),
      rawFeeds: mlpInputs.map((data) => ({ input: new ort.Tensor('float32', data, [1, MLP_WIDTH]) })),
      json: mlpInputs.map((data) => encodeClientRequest({ inputs: [{ name: 'input', tensor: mlpTensor(data), binary: false }] }).body),
      binary: mlpInputs.map((data) => encodeClientRequest({ inputs: [{ name: 'input', tensor: mlpTensor(data) }], binaryOutputs: true })),
      batchedModel: 'mlp-batched',
    },
    {
      model: 'vad',
      session: await ort.InferenceSession.create(await loadSileroVad(), options),
      rawFeeds: vadInputs.map(toOrt),
      json: vadInputs.map((feeds) => encodeClientRequest({ inputs: Object.entries(feeds).map(([name, tensor]) => ({ name, tensor, binary: false })) }).body),
      binary: vadInputs.map((feeds) => encodeClientRequest({ inputs: Object.entries(feeds).map(([name, tensor]) => ({ name, tensor })), binaryOutputs: true })),
    },
  ];
}

function startServer(): Promise<{ base: string; stop: () => void }> {
  const child = fork(new URL('./infer-server.ts', import.meta.url), { execArgv: process.execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`server exited early (${code})`)));
    child.once('message', (message) => {
      const { port } = message as { port: number };
      resolve({ base: `http://127.0.0.1:${port}`, stop: () => child.send('stop') });
    });
  });
}

type Post = (url: string, body: Uint8Array<ArrayBuffer>, headers: Record<string, string>) => Promise<boolean>;

const postFetch: Post = async (url, body, headers) => {
  const res = await fetch(url, { method: 'POST', body, headers });
  await res.arrayBuffer();
  return res.status === 200;
};

const agent = new http.Agent({ keepAlive: true, maxSockets: 128 });
const postHttp: Post = (url, body, headers) =>
  new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent, headers: { ...headers, 'Content-Length': body.byteLength } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode === 200));
    });
    req.on('error', reject);
    req.end(body);
  });

/** GET /v2/health/live: an HTTP round trip through the same server with no inference work at all. */
const getHttp = (url: string): Promise<boolean> =>
  new Promise((resolve, reject) => {
    http
      .get(url, { agent }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode === 200));
      })
      .on('error', reject);
  });

const fixed = (n: number, digits = 3) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');

function printTable(cells: Cell[]): void {
  const header = ['model', 'path', 'client', 'conc', 'req/s', 'p50 ms', 'p99 ms', 'req/s vs raw', 'p50 vs raw', 'p99 vs raw', 'errors'];
  const rows = cells.map((c) => {
    const raw = cells.find((r) => r.model === c.model && r.path === 'raw' && r.concurrency === c.concurrency)!;
    return [c.model, c.path, c.client, String(c.concurrency), c.rps.toFixed(0), fixed(c.p50), fixed(c.p99), `${fixed(c.rps / raw.rps, 2)}x`, `${fixed(c.p50 / raw.p50, 2)}x`, `${fixed(c.p99 / raw.p99, 2)}x`, String(c.errors)];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (r: string[]) => r.map((v, i) => (i < 3 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

async function main(): Promise<void> {
  console.log(
    `bench:infer  node ${process.version}, onnxruntime-node ${ort.env.versions.node}, ${availableParallelism()} cores, ` +
      `intra-op threads ${ENGINE_CONFIG.intraOpNumThreads}, MLP ${BENCH_MLP_OPTIONS.inputs}->${BENCH_MLP_OPTIONS.hidden.join('->')}->${BENCH_MLP_OPTIONS.outputs} ` +
      `(${mlpParameterCount(BENCH_MLP_OPTIONS)} params), batching maxBatchSize ${BATCHING.maxBatchSize} delay ${BATCHING.maxQueueDelayMicroseconds} us, ` +
      `${MEASURE_MS} ms per cell after ${WARMUP_MS} ms warm-up\n`,
  );
  const [loads, server] = await Promise.all([workloads(), startServer()]);
  const cells: Cell[] = [];
  try {
    for (const w of loads) {
      const url = (model: string) => `${server.base}/v2/models/${model}/infer`;
      const json = { 'Content-Type': 'application/json' };
      const paths: [Path, Client, (i: number) => Promise<boolean>][] = [['raw', 'in-process', async (i) => (await w.session.run(w.rawFeeds[i % INPUTS]!), true)]];
      if (w.batchedModel) paths.push(['http floor', 'node:http', () => getHttp(`${server.base}/v2/health/live`)]);
      for (const [client, post] of [['fetch', postFetch], ['node:http', postHttp]] as const) {
        paths.push(['json', client, (i) => post(url(w.model), w.json[i % INPUTS]!, json)]);
        paths.push(['binary', client, (i) => post(url(w.model), w.binary[i % INPUTS]!.body, w.binary[i % INPUTS]!.headers)]);
        const batched = w.batchedModel;
        if (batched) paths.push(['binary+batch', client, (i) => post(url(batched), w.binary[i % INPUTS]!.body, w.binary[i % INPUTS]!.headers)]);
      }
      for (const [path, client, once] of paths) {
        for (const concurrency of CONCURRENCY) {
          cells.push({ model: w.model, path, client, concurrency, ...(await load(concurrency, once)) });
        }
      }
    }
    const metrics = await (await fetch(`${server.base}/metrics`)).text();
    const count = (name: string) => Number(new RegExp(`${name}\\{model="mlp-batched",version="1"\\} (\\d+)`).exec(metrics)?.[1]);
    printTable(cells);
    const samples = count('edgefleet_inference_count_total');
    const executions = count('edgefleet_inference_execution_count_total');
    console.log(`\nmlp-batched: ${samples} samples in ${executions} executions, mean batch ${fixed(samples / executions, 1)}`);
  } finally {
    server.stop();
    await Promise.all(loads.map((w) => w.session.release()));
  }
  const get = (path: Path, client: Client, concurrency: number) =>
    cells.find((c) => c.model === 'mlp' && c.path === path && c.client === client && c.concurrency === concurrency)!;
  console.log('\ntargets (MLP):');
  for (const client of ['fetch', 'node:http'] as const) {
    const added = get('binary', client, 1).p50 - get('raw', 'in-process', 1).p50;
    const gain = get('binary+batch', client, 64).rps / get('raw', 'in-process', 64).rps;
    const overServer = get('binary+batch', client, 64).rps / get('binary', client, 64).rps;
    console.log(`  [${client}] concurrency 1, binary adds < 0.300 ms p50 over raw: adds ${fixed(added)} ms -> ${added < 0.3 ? 'MET' : 'NOT MET'}`);
    console.log(`  [${client}] concurrency 64, batching >= 1.5x raw unbatched req/s: ${fixed(gain, 2)}x -> ${gain >= 1.5 ? 'MET' : 'NOT MET'}` +
      ` (for reference: ${fixed(overServer, 2)}x the unbatched OIP binary path)`);
  }
  const floor = get('http floor', 'node:http', 64).rps;
  console.log(`  HTTP ceiling here: ${floor.toFixed(0)} req/s for an empty GET at concurrency 64; 1.5x raw would need ${(1.5 * get('raw', 'in-process', 64).rps).toFixed(0)} req/s`);
  console.log(`\nload average at the end: ${loadavg().map((l) => l.toFixed(2)).join(' ')} (other work on this machine skews every figure)`);
}

await main();
