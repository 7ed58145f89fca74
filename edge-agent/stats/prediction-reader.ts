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
  /** Feature values per row, aligned with the profile's features; null without a profile. */
  features: FeatureValue[][] | null;
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
 * tabular case: per feature, which input (index into `inputs`) and which element of the row.
 */
interface ElementPlan {
  inputs: string[];
  inputOf: Int32Array;
  index: Int32Array;
}

const plans = new WeakMap<Profile, ElementPlan | null>();

function elementPlan(profile: Profile): ElementPlan | null {
  if (plans.has(profile)) return plans.get(profile)!;
  let plan: ElementPlan | null = { inputs: [], inputOf: new Int32Array(profile.features.length), index: new Int32Array(profile.features.length) };
  for (const [k, f] of profile.features.entries()) {
    if (f.source.kind !== 'element') {
      plan = null;
      break;
    }
    let i = plan.inputs.indexOf(f.source.input);
    if (i < 0) i = plan.inputs.push(f.source.input) - 1;
    plan.inputOf[k] = i;
    plan.index[k] = f.source.index;
  }
  plans.set(profile, plan);
  return plan;
}

/**
 * `extractFeatureRows` for an element-only profile, without building views: the same values (a
 * feature whose input is absent, beyond the input's rows or beyond its row is null). Null when a
 * tensor needs decoding (half floats) or is not numeric, which the general path handles.
 */
function readElements(plan: ElementPlan, inputs: Feeds): FeatureValue[][] | null {
  const tensors: Array<Tensor | undefined> = new Array(plan.inputs.length);
  const rowsPer = new Int32Array(plan.inputs.length);
  let rows = 0;
  for (let i = 0; i < plan.inputs.length; i++) {
    const name = plan.inputs[i]!;
    const tensor = Object.hasOwn(inputs, name) ? inputs[name] : undefined;
    if (!tensor) continue;
    const kind = DATATYPES[tensor.datatype].kind;
    if (kind === 'half') return null;
    if (kind === 'bytes') continue; // not a view: its features are missing, as in extractFeatureRows
    tensors[i] = tensor;
    rowsPer[i] = tensor.shape.length > 1 ? (tensor.shape[0] ?? 0) : 1;
    if (rowsPer[i]! > rows) rows = rowsPer[i]!;
  }
  const out: FeatureValue[][] = new Array(rows);
  for (let r = 0; r < rows; r++) {
    const values: FeatureValue[] = new Array(plan.index.length);
    for (let k = 0; k < plan.index.length; k++) {
      const i = plan.inputOf[k]!;
      const tensor = tensors[i];
      const tensorRows = rowsPer[i]!;
      if (!tensor || r >= tensorRows) {
        values[k] = null;
        continue;
      }
      const data = tensor.data as ArrayLike<number> | ArrayLike<bigint>;
      const size = data.length / tensorRows;
      const index = plan.index[k]!;
      values[k] = index < size ? Number(data[r * size + index]) : null;
    }
    out[r] = values;
  }
  return out;
}

function readFeatures(profile: Profile, inputs: Feeds): FeatureValue[][] {
  const plan = elementPlan(profile);
  return (plan && readElements(plan, inputs)) ?? extractFeatureRows(profile.features, viewsOf(inputs));
}

/** `outputRows`, without a subarray for the one-row request (the row is the whole tensor). */
function rowsOfOutput(view: TensorView): ArrayLike<number>[] {
  const data = view.data as ArrayLike<number> & { subarray?: unknown };
  if (rowsOf(view) === 1 && typeof data.subarray === 'function' && typeof data[0] !== 'bigint') return [data];
  return outputRows(view);
}

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
 *
 * @example
 * readPrediction({ input: { datatype: 'FP32', shape: [1, 2], data: new Float32Array([1, 2]) } }, outputs, profile)
 */
export function readPrediction(inputs: Feeds | undefined, outputs: Record<string, Tensor> | undefined, profile: Profile | null): PredictionReading {
  const rows = requestRows(inputs, outputs);
  const features = profile && profile.features.length > 0 && inputs ? readFeatures(profile, inputs) : null;
  const spec = profile?.output?.spec;
  const primary = spec && outputs ? outputs[spec.tensor] : undefined;
  const primaryView = primary ? tensorView(primary) : null;
  return {
    rows,
    features,
    outputs: primaryView ? rowsOfOutput(primaryView) : null,
    nonFinite: !spec && outputs ? nonFiniteRows(outputs, rows) : null,
  };
}
