/**
 * What a shadow run tells about the candidate, pure: the served answer and the candidate's answer to
 * the same inputs compared row by row, and the prediction plus `SHADOW_EVENTS` business events the
 * candidate arm's window counts for it (control-plane/features/rollouts/README.md, "What devices get").
 */
import { SHADOW_EVENTS } from '../../protocol/index.ts';
import { fromHalfBits } from '../inference/datatypes.ts';
import type { Tensor } from '../inference/engine.ts';
import type { InferenceError } from '../inference/errors.ts';
import type { InferenceEvent, ServedRequest } from '../inference/inference.service.ts';

/** Outputs that are not classifier-shaped agree when every element is within `absolute + relative * |served|`. */
export interface Tolerance {
  absolute: number;
  relative: number;
}

export const DEFAULT_TOLERANCE: Tolerance = { absolute: 1e-3, relative: 1e-2 };

/** One row (one prediction) of a compared request. */
export interface RowComparison {
  agree: boolean;
  /** Mean |candidate - served| over the row's elements; NaN when not comparable or not finite. */
  delta: number;
}

/** A finished shadow run: the served request, the candidate's answer (or its error) and the comparison. */
export interface ShadowOutcome {
  served: ServedRequest;
  /** The candidate version that ran. */
  version: string;
  /** Time in the candidate's queue and run, measured like the served request's `runMs`. */
  runMs: number;
  outputs?: Record<string, Tensor>;
  error?: InferenceError;
  rows: RowComparison[];
}

export interface BusinessEvent {
  name: string;
  value: number;
}

const FLOATS = new Set(['FP16', 'FP32', 'FP64']);

function numbers(tensor: Tensor): number[] | null {
  const { data } = tensor;
  if (Array.isArray(data)) return null; // BYTES: compared for equality only
  if (tensor.datatype === 'FP16') return Array.from(data as Uint16Array, fromHalfBits);
  return Array.from(data as ArrayLike<number | bigint>, Number);
}

function rowsOf(tensor: Tensor): number {
  return tensor.shape.length >= 2 ? Math.max(0, tensor.shape[0]!) : 1;
}

/** The output both answers are compared on: the first served output the candidate also returned. */
export function primaryOutput(served: Record<string, Tensor>, candidate: Record<string, Tensor>): { name: string; served: Tensor; candidate: Tensor } | undefined {
  for (const [name, tensor] of Object.entries(served)) {
    const other = candidate[name];
    if (other) return { name, served: tensor, candidate: other };
  }
  return undefined;
}

const argmax = (values: number[], from: number, width: number): number => {
  let best = -1;
  for (let k = 0; k < width; k++) {
    const v = values[from + k]!;
    if (Number.isNaN(v)) return -1; // a NaN score has no top class
    if (best < 0 || v > values[from + best]!) best = k;
  }
  return best;
};

/**
 * Compare the served answer with the candidate's, per row. Classifier-shaped outputs (floats,
 * `[rows, K]` with K >= 2) agree when their top-1 classes are the same; anything else agrees when
 * every element is within the tolerance. `delta` is the mean absolute difference of the row's
 * elements (for two softmax classes, the difference of either probability).
 *
 * @example
 * compareOutputs({ y: { datatype: 'FP32', shape: [1, 2], data: new Float32Array([0.3, 0.7]) } },
 *   { y: { datatype: 'FP32', shape: [1, 2], data: new Float32Array([0.4, 0.6]) } }) // [{ agree: true, delta: 0.1 }]
 */
export function compareOutputs(served: Record<string, Tensor>, candidate: Record<string, Tensor>, tolerance: Tolerance = DEFAULT_TOLERANCE): RowComparison[] {
  const pair = primaryOutput(served, candidate);
  if (!pair) return [];
  const rows = rowsOf(pair.served);
  const disagree = () => Array.from({ length: rows }, () => ({ agree: false, delta: NaN }));
  const sameShape = pair.served.shape.length === pair.candidate.shape.length && pair.served.shape.every((d, i) => d === pair.candidate.shape[i]);
  if (!sameShape) return disagree();
  const a = numbers(pair.served);
  const b = numbers(pair.candidate);
  if (!a || !b) {
    const x = pair.served.data as string[];
    const y = pair.candidate.data as string[];
    const width = rows > 0 ? x.length / rows : 0;
    return Array.from({ length: rows }, (_, r) => ({ agree: x.slice(r * width, (r + 1) * width).every((v, k) => v === y[r * width + k]), delta: NaN }));
  }
  const width = rows > 0 ? a.length / rows : 0;
  const classifier = FLOATS.has(pair.served.datatype) && pair.served.shape.length === 2 && width >= 2;
  const out: RowComparison[] = [];
  for (let r = 0; r < rows; r++) {
    const from = r * width;
    let sum = 0;
    let within = true;
    for (let k = 0; k < width; k++) {
      const diff = Math.abs(b[from + k]! - a[from + k]!);
      sum += diff;
      if (!(diff <= tolerance.absolute + tolerance.relative * Math.abs(a[from + k]!))) within = false;
    }
    const top = classifier ? argmax(a, from, width) : 0;
    const agree = classifier ? top >= 0 && top === argmax(b, from, width) : within;
    out.push({ agree, delta: width > 0 ? sum / width : NaN });
  }
  return out;
}

/**
 * What the candidate arm's window counts for one shadow run: the candidate's prediction (or error)
 * and, per compared row, agreement (1/0), |output difference| and the latency difference in ms.
 */
export function shadowRecord(outcome: ShadowOutcome): { event: InferenceEvent; business: BusinessEvent[] } {
  const { served } = outcome;
  // The client never waited for the candidate, so its latency is estimated as the served request's
  // time outside the model plus the candidate's own time in it: what the request would have taken
  // had the candidate served it, comparable with the baseline's end-to-end latency.
  const latencyMs = Math.max(0, served.latencyMs - served.runMs + outcome.runMs);
  const event: InferenceEvent = {
    requestId: served.requestId,
    model: served.model,
    version: outcome.version,
    inputs: served.inputs,
    latencyMs,
    runMs: outcome.runMs,
    ...(outcome.outputs ? { outputs: outcome.outputs } : {}),
    ...(outcome.error ? { error: outcome.error } : {}),
  };
  const business: BusinessEvent[] = [];
  const latencyDelta = outcome.runMs - served.runMs;
  for (const row of outcome.rows) {
    business.push({ name: SHADOW_EVENTS.agreement, value: row.agree ? 1 : 0 });
    if (Number.isFinite(row.delta)) business.push({ name: SHADOW_EVENTS.outputDelta, value: row.delta });
    if (Number.isFinite(latencyDelta)) business.push({ name: SHADOW_EVENTS.latencyDeltaMs, value: latencyDelta });
  }
  return { event, business };
}
