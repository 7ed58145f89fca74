/**
 * Turns one served request (the OIP hook's tensors) into what a window counts: per row of the
 * batch, the profile's feature values and the primary output's row. The reading itself is the
 * protocol's (`extractFeatureRows`, `outputRows`), so the device sees the same numbers the control
 * plane saw when it built the profile.
 */
import { extractFeatureRows, outputRows, rowsOf, type FeatureValue, type Profile, type TensorView } from '../../protocol/index.ts';
import { DATATYPES, fromHalfBits } from '../inference/datatypes.ts';
import type { Feeds, Tensor } from '../inference/engine.ts';

/** What one request contributes: `rows` predictions, with features and outputs when the profile says how. */
export interface PredictionReading {
  rows: number;
  /**
   * Feature values per row, aligned with the profile's features; null without a profile. Arrays,
   * except through `readPrediction(..., into)`, where a row may be the input tensor itself.
   */
  features: Array<ArrayLike<FeatureValue>> | null;
  /** The primary output's row per row; null without a profile output spec (or that output). */
  outputs: ArrayLike<number>[] | null;
  /** Per row: any floating output holds NaN/±Infinity. Only computed when there is no output spec. */
  nonFinite: boolean[] | null;
}

/**
 * A tensor as the protocol reads it: half floats decoded from their bits, strings (BYTES) left out
 * (no numeric feature can come from them). The view shares the data when no decoding is needed.
 */
export function tensorView(tensor: Tensor): TensorView | null {
  const kind = DATATYPES[tensor.datatype].kind;
  if (kind === 'bytes') return null;
  if (kind !== 'half') return { data: tensor.data as ArrayLike<number> | ArrayLike<bigint>, shape: tensor.shape };
  const bits = tensor.data as Uint16Array;
  const decoded = new Float32Array(bits.length);
  // bfloat16 is the top half of a float32; FP16 needs the IEEE 754 binary16 decoding.
  const scratch = new Float32Array(1);
  const scratchBits = new Uint32Array(scratch.buffer);
  for (let i = 0; i < bits.length; i++) {
    if (tensor.datatype === 'BF16') {
      scratchBits[0] = (bits[i] as number) << 16;
      decoded[i] = scratch[0] as number;
    } else decoded[i] = fromHalfBits(bits[i] as number);
  }
  return { data: decoded, shape: tensor.shape };
}

/**
 * How to read a profile whose features are all single elements (`source.kind: 'element'`), the
 * tabular case: per feature, which input (index into `inputs`) and which element of the row, plus
 * scratch room for one request's tensors (reused: reading allocates only the rows it returns).
 */
interface ElementPlan {
  inputs: string[];
  inputOf: Int32Array;
  index: Int32Array;
  /** The largest element index: a row at least this long has every feature (no null). */
  maxIndex: number;
  /** One input whose first columns are the features, in order: a one-row float tensor is the row. */
  identity: boolean;
  tensors: Array<Tensor | undefined>;
  rowsOf: Int32Array;
  /** One row's values, reused by `readPrediction(..., into)`: numbers only, so V8 keeps them unboxed. */
  scratch: FeatureValue[];
  /** `[scratch]`, or `[the input's data]`: the rows of a one-row request, reused. */
  scratchRows: Array<ArrayLike<FeatureValue>>;
}

const plans = new WeakMap<Profile, ElementPlan | null>();

function elementPlan(profile: Profile): ElementPlan | null {
  const known = plans.get(profile);
  if (known !== undefined) return known;
  const n = profile.features.length;
  let plan: ElementPlan | null = {
    inputs: [], inputOf: new Int32Array(n), index: new Int32Array(n), maxIndex: -1, identity: true, tensors: [], rowsOf: new Int32Array(0),
    scratch: [], scratchRows: [],
  };
  for (const [k, f] of profile.features.entries()) {
    if (f.source.kind !== 'element') {
      plan = null;
      break;
    }
    let i = plan.inputs.indexOf(f.source.input);
    if (i < 0) i = plan.inputs.push(f.source.input) - 1;
    plan.inputOf[k] = i;
    plan.index[k] = f.source.index;
    plan.maxIndex = Math.max(plan.maxIndex, f.source.index);
    if (f.source.index !== k || i !== 0) plan.identity = false;
  }
  if (plan) {
    plan.tensors = new Array(plan.inputs.length).fill(undefined);
    plan.rowsOf = new Int32Array(plan.inputs.length);
    plan.scratch = new Array<number>(n).fill(0.5);
    plan.scratchRows = [plan.scratch];
  }
  plans.set(profile, plan);
  return plan;
}

/**
 * One row of a single-input plan: `index` into the row of `data` at `base`, null beyond the row.
 * Into the plan's scratch row when `reuse` and the row has every feature (the per-request path).
 */
function readRow(plan: ElementPlan, data: ArrayLike<number> | ArrayLike<bigint>, base: number, size: number, reuse: boolean): FeatureValue[] {
  const { index } = plan;
  if (reuse && plan.maxIndex < size) {
    const values = plan.scratch;
    for (let k = 0; k < index.length; k++) values[k] = Number(data[base + index[k]!]);
    return values;
  }
  const values: FeatureValue[] = new Array(index.length);
  for (let k = 0; k < index.length; k++) values[k] = index[k]! < size ? Number(data[base + index[k]!]) : null;
  return values;
}

/**
 * `extractFeatureRows` for an element-only profile, without building views: the same values (a
 * feature whose input is absent, beyond the input's rows or beyond its row is null). Null when a
 * tensor needs decoding (half floats) or is not numeric, which the general path handles.
 */
function readElements(plan: ElementPlan, inputs: Feeds, reuse: boolean): Array<ArrayLike<FeatureValue>> | null {
  const { tensors, rowsOf: rowsPer, inputOf, index } = plan;
  let rows = 0;
  for (let i = 0; i < plan.inputs.length; i++) {
    const name = plan.inputs[i]!;
    const tensor = Object.hasOwn(inputs, name) ? inputs[name] : undefined;
    tensors[i] = undefined;
    rowsPer[i] = 0;
    if (!tensor) continue;
    const kind = DATATYPES[tensor.datatype].kind;
    if (kind === 'half') return null;
    if (kind === 'bytes') continue; // not a view: its features are missing, as in extractFeatureRows
    tensors[i] = tensor;
    rowsPer[i] = tensor.shape.length > 1 ? (tensor.shape[0] ?? 0) : 1;
    if (rowsPer[i]! > rows) rows = rowsPer[i]!;
  }
  if (plan.inputs.length === 1 && rows > 0) {
    // The usual case: every feature is an element of the one input, which has every row.
    const tensor = tensors[0]!;
    tensors[0] = undefined;
    const data = tensor.data as ArrayLike<number> | ArrayLike<bigint>;
    const size = data.length / rows;
    if (reuse && rows === 1 && plan.maxIndex < size) {
      // Feature k is element k of a float row: the row is the tensor's data, nothing to copy.
      const float = plan.identity && DATATYPES[tensor.datatype].kind === 'float';
      plan.scratchRows[0] = float ? (data as ArrayLike<number>) : readRow(plan, data, 0, size, true);
      return plan.scratchRows;
    }
    const out: FeatureValue[][] = new Array(rows);
    for (let r = 0; r < rows; r++) out[r] = readRow(plan, data, r * size, size, false);
    return out;
  }
  const out: FeatureValue[][] = new Array(rows);
  for (let r = 0; r < rows; r++) {
    const values: FeatureValue[] = new Array(index.length);
    for (let k = 0; k < index.length; k++) {
      const i = inputOf[k]!;
      const tensor = tensors[i];
      const tensorRows = rowsPer[i]!;
      if (!tensor || r >= tensorRows) {
        values[k] = null;
        continue;
      }
      const data = tensor.data as ArrayLike<number> | ArrayLike<bigint>;
      const size = data.length / tensorRows;
      values[k] = index[k]! < size ? Number(data[r * size + index[k]!]) : null;
    }
    out[r] = values;
  }
  tensors.fill(undefined); // do not keep the request's tensors alive
  return out;
}

function readFeatures(profile: Profile, inputs: Feeds, reuse: boolean): Array<ArrayLike<FeatureValue>> {
  const plan = elementPlan(profile);
  return (plan && readElements(plan, inputs, reuse)) ?? extractFeatureRows(profile.features, viewsOf(inputs));
}

/** `outputRows`, without a subarray for the one-row request (the row is the whole tensor). */
function rowsOfOutput(view: TensorView, reuse: boolean): ArrayLike<number>[] {
  const data = view.data as ArrayLike<number> & { subarray?: unknown };
  if (rowsOf(view) === 1 && typeof data.subarray === 'function' && typeof data[0] !== 'bigint') {
    if (!reuse) return [data];
    oneOutputRow[0] = data;
    return oneOutputRow;
  }
  return outputRows(view);
}

/** The rows of a one-row request's output, reused by `readPrediction(..., into)`. */
const oneOutputRow: ArrayLike<number>[] = [new Float32Array(0)];

function viewsOf(tensors: Record<string, Tensor>): Record<string, TensorView> {
  const views: Record<string, TensorView> = {};
  for (const [name, tensor] of Object.entries(tensors)) {
    const view = tensorView(tensor);
    if (view) views[name] = view;
  }
  return views;
}

function firstTensor(tensors: Record<string, Tensor> | undefined): Tensor | undefined {
  for (const name in tensors) if (Object.hasOwn(tensors, name)) return tensors[name];
  return undefined;
}

/** Rows of the request: dimension 0 of the first output (or input), one for a scalar or nothing. */
export function requestRows(inputs: Feeds | undefined, outputs: Record<string, Tensor> | undefined): number {
  const first = firstTensor(outputs) ?? firstTensor(inputs);
  return first && first.shape.length > 1 ? (first.shape[0] ?? 1) : 1;
}

/** Per row, whether any floating output of that row is NaN/±Infinity (the guardrails' rule, row by row). */
function nonFiniteRows(outputs: Record<string, Tensor>, rows: number): boolean[] {
  const flags = new Array<boolean>(rows).fill(false);
  for (const tensor of Object.values(outputs)) {
    const kind = DATATYPES[tensor.datatype].kind;
    if (kind !== 'float' && kind !== 'half') continue;
    const view = tensorView(tensor);
    if (!view) continue;
    const data = view.data as ArrayLike<number>;
    const perRow = rowsOf(view) === rows && rows > 0 ? data.length / rows : data.length;
    for (let i = 0; i < data.length; i++) {
      if (!Number.isFinite(data[i] as number)) flags[Math.min(rows - 1, Math.floor(i / Math.max(1, perRow)))] = true;
    }
  }
  return flags;
}

/**
 * Read a request against the version's profile (null: counts, latency and NaN outputs only).
 * With `into`, the reading is written there and returned, and a one-row request's arrays of rows
 * (and its feature row, unless it is the input tensor's own) are reused by the next such call: a
 * per-request hook that keeps nothing of the reading allocates none of them.
 *
 * @example
 * readPrediction({ input: { datatype: 'FP32', shape: [1, 2], data: new Float32Array([1, 2]) } }, outputs, profile)
 */
export function readPrediction(
  inputs: Feeds | undefined,
  outputs: Record<string, Tensor> | undefined,
  profile: Profile | null,
  into?: PredictionReading,
): PredictionReading {
  const reading = into ?? { rows: 0, features: null, outputs: null, nonFinite: null };
  const rows = requestRows(inputs, outputs);
  const spec = profile?.output?.spec;
  const primary = spec && outputs && Object.hasOwn(outputs, spec.tensor) ? outputs[spec.tensor] : undefined;
  // A tensor that needs no decoding is its own view (tensorView would wrap the same data and shape).
  const primaryView = !primary ? null : DATATYPES[primary.datatype].kind === 'float' ? (primary as TensorView) : tensorView(primary);
  reading.rows = rows;
  reading.features = profile && profile.features.length > 0 && inputs ? readFeatures(profile, inputs, into !== undefined) : null;
  reading.outputs = primaryView ? rowsOfOutput(primaryView, into !== undefined) : null;
  reading.nonFinite = !spec && outputs ? nonFiniteRows(outputs, rows) : null;
  return reading;
}
