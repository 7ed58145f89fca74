/**
 * One job, start to end: for each of its variants, build it from FP32 (kind `build`) or take the
 * stored file (kind `gate`), run the accuracy gate against FP32 on the version's evaluation set or
 * on generated inputs, and settle the variant as ready, rejected or failed. A variant whose row is
 * `building` always leaves this function settled, so nothing stays half-done but the job itself.
 */
import { EdgefleetError, type ModelVersion, type VariantInfo } from '../../../protocol/index.ts';
import { runAccuracyGate } from './accuracy-gate.ts';
import { parseEvaluationSet } from './evaluation-set.ts';
import { generateInputs } from './generate-inputs.ts';
import { buildVariant } from './variant-builders.ts';
import { failureEvidence, gateEvidence, gateOptions, type GateInputSource } from './variant-evidence.ts';
import type { GateRuntime, GatedVariant, LoadedRunner, VariantCatalog } from './variant-ports.ts';
import type { EvaluationSetInfo, GateSettings, VariantJob, VariantOutcome } from './variant-schemas.ts';
import type { Feeds, ModelRunner } from './variant-tensors.ts';

/** Seed of generated gate inputs: fixed, so a re-gate of the same files gives the same evidence. */
export const GATE_SEED = 7;

/** Thrown out of a gate run when the control plane stops; the job goes back to the queue. */
export class JobAborted extends Error {
  constructor() {
    super('stopped');
    this.name = 'JobAborted';
  }
}

export interface JobRun {
  job: VariantJob;
  catalog: VariantCatalog;
  runtime: GateRuntime;
  gate: GateSettings;
  evaluationSet: EvaluationSetInfo | undefined;
  /** Generated inputs when there is no evaluation set. */
  samples: number;
  progress(fraction: number, step: string): void;
  record(variant: GatedVariant, outcome: VariantOutcome): void;
  aborted(): boolean;
  now(): Date;
}

interface Shared {
  version: ModelVersion;
  fp32Bytes: Uint8Array;
  reference: LoadedRunner;
  feeds: Feeds[];
  labels: number[] | null;
  source: GateInputSource;
}

const FINAL = new Set(['ready', 'rejected']);

export async function runVariantJob(run: JobRun): Promise<void> {
  const { job } = run;
  const todo = job.variants.filter((v): v is GatedVariant => v !== 'fp32');
  let shared: Promise<Shared> | undefined;
  const setup = () => (shared ??= loadShared(run));
  try {
    for (const [i, variant] of todo.entries()) {
      if (job.results[variant]) continue; // decided by an earlier attempt of this job
      const step = (fraction: number, what: string) => run.progress((i + fraction) / todo.length, `${variant}: ${what}`);
      run.record(variant, await processVariant(run, variant, setup, step));
    }
  } finally {
    if (shared) await shared.then((s) => s.reference.release(), () => undefined);
  }
}

async function loadShared(run: JobRun): Promise<Shared> {
  const version = run.catalog.version(run.job.name, run.job.version);
  if (!version) throw new Error('the version was deleted');
  const fp32 = version.variants.find((v) => v.variant === 'fp32' && v.status === 'ready');
  if (!fp32) throw new Error('the version has no ready fp32 variant to build from and gate against');
  const fp32Bytes = await run.catalog.readBlob(fp32.sha256);
  const inputs = await gateInputs(run, version);
  return { version, fp32Bytes, reference: await run.runtime.load(fp32Bytes), ...inputs };
}

async function gateInputs(run: JobRun, version: ModelVersion): Promise<Pick<Shared, 'feeds' | 'labels' | 'source'>> {
  const set = run.evaluationSet;
  if (set) {
    const parsed = parseEvaluationSet(new TextDecoder().decode(await run.catalog.readBlob(set.sha256)), version.inputs);
    return { feeds: parsed.feeds, labels: parsed.labels, source: { source: 'evaluation-set', sha256: set.sha256, samples: parsed.rows, labelled: parsed.labels !== null } };
  }
  try {
    const feeds = generateInputs(version.inputs, run.samples, GATE_SEED);
    return { feeds, labels: null, source: { source: 'generated', seed: GATE_SEED, samples: run.samples } };
  } catch (err) {
    throw new Error(`${(err as Error).message}; upload an evaluation set for this version`, { cause: err });
  }
}

type Step = (fraction: number, what: string) => void;

async function processVariant(run: JobRun, variant: GatedVariant, setup: () => Promise<Shared>, step: Step): Promise<VariantOutcome> {
  const { job, catalog } = run;
  const at = () => run.now().toISOString();
  let bytes: Uint8Array;
  let build: Record<string, unknown>;
  let sha256: string;
  if (job.kind === 'build') {
    const existing = catalog.version(job.name, job.version)?.variants.find((v) => v.variant === variant);
    if (existing && FINAL.has(existing.status)) return { status: existing.status as 'ready', summary: 'already decided', sha256: existing.sha256 };
    // A row this job did not stage is a variant pushed from elsewhere: its own gate job judges it.
    if (existing && existing.evidence?.['job'] !== job.id) return { status: 'skipped', summary: 'a variant pushed from elsewhere is there' };
    step(0, 'build');
    try {
      const shared = await setup();
      const built = buildVariant(variant, shared.fp32Bytes);
      if ('skip' in built) return { status: 'skipped', summary: built.skip };
      bytes = built.bytes;
      build = built.build;
      ({ sha256 } = await catalog.stageVariant({ name: job.name, version: job.version, variant, bytes, job: job.id, build }));
    } catch (err) {
      // Pushed from elsewhere while this one was being built: that file is gated by its own job.
      if (err instanceof EdgefleetError && err.code === 'VERSION_EXISTS') return { status: 'skipped', summary: 'a variant pushed from elsewhere is there' };
      return { status: 'failed', summary: `build: ${(err as Error).message}` };
    }
  } else {
    const row = catalog.version(job.name, job.version)?.variants.find((v) => v.variant === variant);
    if (!row) return { status: 'skipped', summary: 'no such variant (deleted, or its build skipped or failed it)' };
    bytes = await catalog.readBlob(row.sha256);
    build = previousBuild(row);
    sha256 = row.sha256;
  }
  return gateAndSettle(run, { variant, bytes, sha256, build, setup, step, at });
}

/** A re-gate keeps what the build recorded; a file pushed from elsewhere says so. */
function previousBuild(row: VariantInfo): Record<string, unknown> {
  const build = row.evidence?.['build'];
  return build && typeof build === 'object' ? (build as Record<string, unknown>) : { source: 'pushed' };
}

async function gateAndSettle(
  run: JobRun,
  v: { variant: GatedVariant; bytes: Uint8Array; sha256: string; build: Record<string, unknown>; setup: () => Promise<Shared>; step: Step; at: () => string },
): Promise<VariantOutcome> {
  const { job, catalog } = run;
  const settle = (status: 'ready' | 'rejected' | 'failed', evidence: Record<string, unknown>) =>
    catalog.settleVariant({ name: job.name, version: job.version, variant: v.variant, bytes: v.bytes, status, evidence });
  const { sha256 } = v;
  let runner: LoadedRunner | undefined;
  try {
    const shared = await v.setup();
    v.step(0.1, 'load');
    runner = await run.runtime.load(v.bytes);
    const counted = countingRunner(runner, shared.feeds.length, run, v.step);
    const result = await runAccuracyGate(shared.reference, counted, shared.feeds, gateOptions(run.gate, shared.labels));
    const evidence = gateEvidence({
      result, gate: run.gate, inputs: shared.source, bytes: v.bytes.length, fp32Bytes: shared.fp32Bytes.length,
      build: v.build, runtime: run.runtime.label, at: v.at(),
    });
    const status = result.pass ? 'ready' : 'rejected';
    settle(status, evidence);
    return { status, summary: result.summary, sha256 };
  } catch (err) {
    if (err instanceof JobAborted) throw err;
    const evidence = failureEvidence('gate', err, v.build, v.at(), generatedHint(run));
    settle('failed', evidence);
    return { status: 'failed', summary: evidence['error'] as string, sha256 };
  } finally {
    await runner?.release();
  }
}

/** Random inputs cannot be right for every model (Silero VAD wants 512 samples and sr 16000). */
const generatedHint = (run: JobRun) =>
  run.evaluationSet ? undefined : 'the gate ran on inputs generated from the input specs (dynamic dimensions as 1); upload an evaluation set of real inputs';

/** The variant's runner, reporting progress about every 5% of the gate and stopping when asked. */
function countingRunner(runner: ModelRunner, total: number, run: JobRun, step: Step): ModelRunner {
  const every = Math.max(1, Math.floor(total / 20));
  let done = 0;
  return {
    async run(feeds) {
      if (run.aborted()) throw new JobAborted();
      const out = await runner.run(feeds);
      done++;
      if (done % every === 0) step(0.1 + (0.9 * done) / total, `gate ${done}/${total}`);
      return out;
    },
  };
}
