/**
 * bench:quant — size, CPU latency and agreement of the INT8 and FP16 variants against FP32, for the
 * real Silero VAD v5 model and a generated MLP of 4.2M parameters, in one run of raw onnxruntime-node
 * in-process. Prints figures and whether the targets are met; asserts nothing about timings.
 *
 *   npx tsx bench/quant.ts            (BENCH_THREADS=n for onnxruntime intra-op threads, default 1)
 */
import { createRequire } from 'node:module';
import * as ort from 'onnxruntime-node';
import { buildMlp, loadSileroVad, mlpParameterCount, type MlpOptions } from '../test/fixtures/models/index.ts';
import { runAccuracyGate } from '../control-plane/features/variants/accuracy-gate.ts';
import { convertFp16 } from '../control-plane/features/variants/convert-fp16.ts';
import { generateInputs } from '../control-plane/features/variants/generate-inputs.ts';
import { createOnnxRunner } from '../control-plane/features/variants/onnx-runner.ts';
import { quantizeInt8 } from '../control-plane/features/variants/quantize-int8.ts';
import { compareVadStreams, streamVad, syntheticSpeechChunks } from '../control-plane/features/variants/silero-stream.ts';

const THREADS = Number(process.env.BENCH_THREADS ?? 1);
const MLP: MlpOptions = { inputs: 1024, hidden: [2048, 1024], outputs: 10, seed: 42, softmax: true };
const TARGETS = { int8Size: 0.3, int8Batch32Latency: 0.8, agreement: 0.99 };

interface Variant {
  name: 'fp32' | 'int8' | 'fp16';
  bytes: Uint8Array;
  buildMs: number;
}

interface Row {
  model: string;
  variant: string;
  bytes: number;
  sizeRatio: number;
  buildMs: number;
  latency: Partial<Record<1 | 32, { ms: number; ratio: number }>>;
  agreement?: string;
}

function variants(fp32: Uint8Array): Variant[] {
  const timed = (name: Variant['name'], build: () => Uint8Array): Variant => {
    const start = performance.now();
    const bytes = build();
    return { name, bytes, buildMs: performance.now() - start };
  };
  return [timed('fp32', () => fp32), timed('int8', () => quantizeInt8(fp32).bytes), timed('fp16', () => convertFp16(fp32).bytes)];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** Median latency per variant; runs interleaved so that load from other processes hits all alike. */
async function latencies(models: Variant[], feeds: Record<string, ort.Tensor>, runs: number): Promise<number[] | undefined> {
  const sessions = await Promise.all(models.map((m) => ort.InferenceSession.create(m.bytes, { logSeverityLevel: 3, intraOpNumThreads: THREADS, interOpNumThreads: 1 })));
  try {
    for (const s of sessions) for (let i = 0; i < 10; i++) await s.run(feeds);
  } catch {
    return undefined; // e.g. a batch size the model does not take
  }
  const times: number[][] = sessions.map(() => []);
  for (let r = 0; r < runs; r++) {
    for (const [i, s] of sessions.entries()) {
      const start = performance.now();
      await s.run(feeds);
      times[i]?.push(performance.now() - start);
    }
  }
  await Promise.all(sessions.map((s) => s.release()));
  return times.map(median);
}

async function rowsFor(model: string, built: Variant[], feedsFor: (batch: number) => Record<string, ort.Tensor>, agreement: (v: Variant) => Promise<string>): Promise<Row[]> {
  const fp32 = built[0] as Variant;
  const rows: Row[] = built.map((v) => ({ model, variant: v.name, bytes: v.bytes.length, sizeRatio: v.bytes.length / fp32.bytes.length, buildMs: v.buildMs, latency: {} }));
  for (const batch of [1, 32] as const) {
    const ms = await latencies(built, feedsFor(batch), batch === 1 ? 300 : 60);
    if (!ms) continue;
    rows.forEach((row, i) => (row.latency[batch] = { ms: ms[i] ?? NaN, ratio: (ms[i] ?? NaN) / (ms[0] ?? NaN) }));
  }
  for (const [i, v] of built.entries()) if (i > 0) (rows[i] as Row).agreement = await agreement(v);
  return rows;
}

async function benchSilero(): Promise<Row[]> {
  const fp32 = await loadSileroVad();
  const chunks = syntheticSpeechChunks(90);
  const reference = await streamVad(await createOnnxRunner(fp32), chunks);
  const feedsFor = (batch: number) => ({
    input: new ort.Tensor('float32', new Float32Array(batch * 512).map((_, i) => Math.sin(i / 7) * 0.3), [batch, 512]),
    state: new ort.Tensor('float32', new Float32Array(2 * batch * 128), [2, batch, 128]),
    sr: new ort.Tensor('int64', BigInt64Array.of(16000n), []),
  });
  return rowsFor('silero-vad-v5', variants(fp32), feedsFor, async (v) => {
    const { maxAbsError, decisionAgreement } = compareVadStreams(reference, await streamVad(await createOnnxRunner(v.bytes), chunks));
    return `${pct(decisionAgreement)} speech decisions (max |dp| ${maxAbsError.toFixed(3)})`;
  });
}

async function benchMlp(): Promise<Row[]> {
  const fp32 = buildMlp(MLP);
  const specs = [{ name: 'input', datatype: 'FP32' as const, shape: ['batch', MLP.inputs] }];
  const feedsFor = (batch: number) => ({ input: new ort.Tensor('float32', new Float32Array(batch * MLP.inputs).map((_, i) => Math.sin(i)), [batch, MLP.inputs]) });
  const reference = await createOnnxRunner(fp32, { intraOpNumThreads: THREADS });
  return rowsFor(`mlp-${(mlpParameterCount(MLP) / 1e6).toFixed(1)}M`, variants(fp32), feedsFor, async (v) => {
    const runner = await createOnnxRunner(v.bytes, { intraOpNumThreads: THREADS });
    // Batch 1: each input quantized on its own. Batch 32: DynamicQuantizeLinear takes one scale for
    // the whole batch, so rows share the coarsest row's resolution.
    const one = await runAccuracyGate(reference, runner, generateInputs(specs, 1000, 7));
    const many = await runAccuracyGate(reference, runner, generateInputs(specs, 32, 7, { dynamicDim: 32 }));
    const agree = (r: typeof one) => r.outputs[0]?.classifier?.top1Agreement ?? NaN;
    const margin = Math.max(one.outputs[0]?.classifier?.maxDisagreementMargin ?? 0, many.outputs[0]?.classifier?.maxDisagreementMargin ?? 0);
    return `${pct(agree(one))} top-1 @b1 (n=1000), ${pct(agree(many))} @b32 (n=1024); flips only where fp32's top-2 gap <= ${margin.toFixed(3)}`;
  });
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const mb = (n: number) => `${(n / 1e6).toFixed(2)} MB`;

function printTable(rows: Row[]): void {
  const header = ['model', 'variant', 'size', 'x fp32', 'build', 'b1 ms', 'x fp32', 'b32 ms', 'x fp32', 'agreement with fp32'];
  const cells = rows.map((r) => [
    r.model, r.variant, mb(r.bytes), r.sizeRatio.toFixed(2), `${r.buildMs.toFixed(0)} ms`,
    r.latency[1]?.ms.toFixed(3) ?? 'n/a', r.latency[1]?.ratio.toFixed(2) ?? 'n/a',
    r.latency[32]?.ms.toFixed(3) ?? 'n/a', r.latency[32]?.ratio.toFixed(2) ?? 'n/a', r.agreement ?? '(reference)',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: string[]) => c.map((x, i) => x.padEnd(widths[i] ?? 0)).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const c of cells) console.log(line(c));
}

function printTargets(rows: Row[], mlpAgreement: number): void {
  const find = (model: string, variant: string) => rows.find((r) => r.model.startsWith(model) && r.variant === variant);
  const mlpInt8 = find('mlp', 'int8');
  const vadInt8 = find('silero', 'int8');
  const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
  const b32 = mlpInt8?.latency[32]?.ratio ?? NaN;
  console.log('\ntargets');
  console.log(`  int8 size <= ${TARGETS.int8Size}x fp32, MLP: ${mlpInt8?.sizeRatio.toFixed(2)}x ${verdict((mlpInt8?.sizeRatio ?? 1) <= TARGETS.int8Size)}`);
  console.log(`  int8 size <= ${TARGETS.int8Size}x fp32, Silero VAD: ${vadInt8?.sizeRatio.toFixed(2)}x ${verdict((vadInt8?.sizeRatio ?? 1) <= TARGETS.int8Size)}` +
    ' (its LSTM weights, most of the file, stay float: only MatMul, Gemm and Conv are quantized)');
  console.log(`  int8 CPU latency <= ${TARGETS.int8Batch32Latency}x fp32 at batch 32, MLP: ${b32.toFixed(2)}x ${verdict(b32 <= TARGETS.int8Batch32Latency)}`);
  console.log(`  agreement >= ${pct(TARGETS.agreement)}, int8 MLP top-1 at batch 1: ${pct(mlpAgreement)} ${verdict(mlpAgreement >= TARGETS.agreement)}` +
    ' (random weights give near-uniform softmax outputs: see the top-2 gap in the table)');
  const vadAgreement = Number(/^([\d.]+)%/.exec(vadInt8?.agreement ?? '')?.[1] ?? NaN) / 100;
  console.log(`  agreement >= ${pct(TARGETS.agreement)}, int8 Silero VAD speech decisions: ${pct(vadAgreement)} ${verdict(vadAgreement >= TARGETS.agreement)}`);
}

async function main(): Promise<void> {
  const started = performance.now();
  const version = (createRequire(import.meta.url)('onnxruntime-node/package.json') as { version: string }).version;
  console.log(`bench:quant  onnxruntime-node ${version} CPU, ${THREADS} intra-op thread(s), Node ${process.version}`);
  console.log(`MLP ${MLP.inputs}-${MLP.hidden.join('-')}-${MLP.outputs} (${mlpParameterCount(MLP).toLocaleString('en')} parameters); latencies are medians of interleaved runs\n`);
  const rows = [...(await benchSilero()), ...(await benchMlp())];
  printTable(rows);
  const mlpAgreement = Number(/^([\d.]+)%/.exec(rows.find((r) => r.model.startsWith('mlp') && r.variant === 'int8')?.agreement ?? '')?.[1] ?? NaN) / 100;
  printTargets(rows, mlpAgreement);
  console.log(`\n(${((performance.now() - started) / 1000).toFixed(1)} s)`);
}

await main();
