/**
 * Serving a request: pick the arm (rollout request split), run it, count it in its window, and
 * during a shadow step also run the candidate on the same inputs without returning its output. The
 * split and the shadow comparison follow control-plane/features/rollouts/README.md ("What devices
 * get"): the candidate takes a request when `requestGoesToCandidate(bucket, share)`, the bucket
 * from `requestBucket(rolloutId, stickyValue)` or uniformly random without a sticky value.
 */
import { COHORT_BUCKETS, SHADOW_EVENTS, requestBucket, requestGoesToCandidate, type OipDatatype, type TensorSpec } from '../../protocol/index.ts';
import type { Feeds, Tensor } from '../engines/engine.ts';
import type { PredictionRecord, StatsCollector, WindowIdentity } from '../stats/stats-collector.ts';
import type { ArmSlot, ServedModel } from './served-models.ts';

export interface InferOptions {
  /** Value of the rollout's sticky key for this request (a user or session id): keeps it on one arm. */
  stickyValue?: string;
  /** Your id for the request (for feedback later); one is generated when left out. */
  requestId?: string;
}

export interface InferResult {
  requestId: string;
  model: string;
  version: string;
  variant: string;
  arm: string;
  executionProvider: string;
  latencyMs: number;
  outputs: Record<string, Tensor>;
}

/** An error with a stable code, like the agent's OIP errors. */
export class InferenceError extends Error {
  constructor(readonly code: 'MODEL_UNAVAILABLE' | 'INVALID_INPUT' | 'INFERENCE_FAILED', message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InferenceError';
  }
}

/** Inputs as apps pass them: a typed array with its shape, the datatype optional (taken from the model). */
export type InputTensor = { data: Tensor['data']; shape: number[]; datatype?: OipDatatype };

function datatypeOf(data: unknown): OipDatatype | undefined {
  if (data instanceof Float32Array) return 'FP32';
  if (data instanceof Float64Array) return 'FP64';
  if (data instanceof BigInt64Array) return 'INT64';
  if (data instanceof Int32Array) return 'INT32';
  if (data instanceof Uint8Array) return 'UINT8';
  if (data instanceof Int8Array) return 'INT8';
  return undefined;
}

/** Fill in datatypes from the model's signature; refuse inputs the model does not have. */
export function normalizeFeeds(inputs: Record<string, InputTensor>, specs: readonly TensorSpec[]): Feeds {
  const feeds: Feeds = {};
  for (const [name, input] of Object.entries(inputs)) {
    const spec = specs.find((s) => s.name === name);
    if (specs.length > 0 && !spec) throw new InferenceError('INVALID_INPUT', `the model has no input "${name}" (it has ${specs.map((s) => s.name).join(', ')})`);
    const datatype = input.datatype ?? spec?.datatype ?? datatypeOf(input.data);
    if (!datatype) throw new InferenceError('INVALID_INPUT', `input "${name}": give its datatype`);
    feeds[name] = { datatype, shape: input.shape, data: input.data };
  }
  return feeds;
}

const identityOf = (model: string, arm: ArmSlot): WindowIdentity => ({ model, version: arm.version, variant: arm.variant, arm: arm.arm });

/** Class (argmax, or which side of 0.5 for one score) and the values of a model's first output. */
function firstOutput(outputs: Record<string, Tensor>): { cls: number; values: number[] } | null {
  const first = Object.values(outputs)[0];
  if (!first || first.datatype === 'BYTES') return null;
  const values = Array.from(first.data as ArrayLike<number>, Number);
  if (values.length === 0) return null;
  if (values.length === 1) return { cls: values[0]! > 0.5 ? 1 : 0, values };
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return { cls: best, values };
}

export function createServing(deps: { served(name: string): ServedModel | undefined; stats: StatsCollector; random?: () => number; onError?: (error: unknown) => void }) {
  const random = deps.random ?? Math.random;

  function chooseArm(model: ServedModel, options: InferOptions): { chosen: ArmSlot; shadow: ArmSlot | null } {
    const baseline = model.arms.find((a) => a.arm === 'baseline');
    const candidate = model.arms.find((a) => a.arm === 'candidate');
    if (!baseline || !candidate || !model.rollout) return { chosen: baseline ?? model.arms[0]!, shadow: null };
    const bucket = options.stickyValue !== undefined
      ? requestBucket(model.rollout.id, options.stickyValue)
      : Math.floor(random() * COHORT_BUCKETS);
    const chosen = requestGoesToCandidate(bucket, candidate.requestShare) ? candidate : baseline;
    return { chosen, shadow: model.rollout.shadow && chosen === baseline ? candidate : null };
  }

  /** The shadow arm on the same inputs: counted in its own window, compared, never returned. */
  async function runShadow(model: ServedModel, arm: ArmSlot, feeds: Feeds, served: { outputs: Record<string, Tensor>; latencyMs: number; record: PredictionRecord | null }) {
    const identity = identityOf(model.name, arm);
    const started = performance.now();
    let outputs: Record<string, Tensor>;
    try {
      outputs = await arm.loaded.run(feeds);
    } catch {
      deps.stats.recordPrediction(identity, { inputs: feeds, latencyMs: performance.now() - started, error: true });
      return;
    }
    const latencyMs = performance.now() - started;
    const record = deps.stats.recordPrediction(identity, { inputs: feeds, outputs, latencyMs });
    const a = firstOutput(served.outputs);
    const b = firstOutput(outputs);
    const predictedA = served.record?.rows[0]?.predicted ?? a?.cls;
    const predictedB = record?.rows[0]?.predicted ?? b?.cls;
    if (predictedA !== undefined && predictedB !== undefined) {
      deps.stats.recordEvent(identity, { name: SHADOW_EVENTS.agreement, value: predictedA === predictedB ? 1 : 0 });
    }
    if (a && b && a.values.length === b.values.length) {
      const delta = a.values.reduce((sum, x, i) => sum + Math.abs(x - b.values[i]!), 0) / a.values.length;
      deps.stats.recordEvent(identity, { name: SHADOW_EVENTS.outputDelta, value: delta });
    }
    deps.stats.recordEvent(identity, { name: SHADOW_EVENTS.latencyDeltaMs, value: latencyMs - served.latencyMs });
  }

  return {
    async infer(name: string, inputs: Record<string, InputTensor>, options: InferOptions = {}): Promise<{ result: InferResult; record: PredictionRecord | null }> {
      const model = deps.served(name);
      if (!model) throw new InferenceError('MODEL_UNAVAILABLE', `model "${name}" is not ready in this browser`);
      const { chosen, shadow } = chooseArm(model, options);
      const feeds = normalizeFeeds(inputs, chosen.loaded.inputs);
      const identity = identityOf(name, chosen);
      const started = performance.now();
      let outputs: Record<string, Tensor>;
      try {
        outputs = await chosen.loaded.run(feeds);
      } catch (error) {
        deps.stats.recordPrediction(identity, { inputs: feeds, latencyMs: performance.now() - started, error: true });
        throw new InferenceError('INFERENCE_FAILED', `${name}:${chosen.version} failed: ${(error as Error).message}`, { cause: error });
      }
      const latencyMs = performance.now() - started;
      const record = deps.stats.recordPrediction(identity, { inputs: feeds, outputs, latencyMs });
      if (shadow) void runShadow(model, shadow, feeds, { outputs, latencyMs, record }).catch((e: unknown) => deps.onError?.(e));
      const requestId = options.requestId ?? crypto.randomUUID();
      return {
        result: {
          requestId, model: name, version: chosen.version, variant: chosen.variant, arm: chosen.arm,
          executionProvider: chosen.loaded.executionProvider, latencyMs, outputs,
        },
        record,
      };
    },
  };
}
export type Serving = ReturnType<typeof createServing>;
