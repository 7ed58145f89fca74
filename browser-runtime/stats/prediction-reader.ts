/**
 * One served request as a window counts it: per row of the batch, the profile's feature values and
 * the primary output's row — read with the protocol's own functions, as the Node agent and the
 * control plane (building the profile) read them, so every side sees the same numbers.
 */
import { extractFeatureRows, outputRows, type FeatureValue, type Profile, type TensorView } from '../../protocol/index.ts';
import type { Feeds, Tensor } from '../engines/engine.ts';

export interface PredictionReading {
  rows: number;
  /** Feature values per row, aligned with the profile's features; null without a profile. */
  features: FeatureValue[][] | null;
  /** The primary output's row per row; null without a profile output spec (or that output). */
  outputs: ArrayLike<number>[] | null;
  /** Per row: any floating output holds NaN/±Infinity. Only computed when there is no output spec. */
  nonFinite: boolean[] | null;
}

/** IEEE 754 binary16 bits to a number. */
export function fromHalfBits(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exp = (bits >>> 10) & 0x1f;
  const mant = bits & 0x3ff;
  if (exp === 0) return sign * mant * 2 ** -24;
  if (exp === 0x1f) return mant ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * (1 + mant / 1024) * 2 ** (exp - 15);
}

/**
 * A tensor as the protocol reads it. FP16 arrives as a Float16Array where the browser has one, or as
 * its raw bits (Uint16Array) where it does not; strings cannot be features and are left out.
 */
export function tensorView(tensor: Tensor): TensorView | null {
  const data = tensor.data as ArrayLike<unknown>;
  if (tensor.datatype === 'BYTES') return null;
  if (tensor.datatype === 'FP16' && data instanceof Uint16Array) {
    return { data: Float32Array.from(data, fromHalfBits), shape: tensor.shape };
  }
  return { data: data as ArrayLike<number> | ArrayLike<bigint>, shape: tensor.shape };
}

function viewsOf(tensors: Record<string, Tensor>): Record<string, TensorView> {
  const views: Record<string, TensorView> = {};
  for (const [name, tensor] of Object.entries(tensors)) {
    const view = tensorView(tensor);
    if (view) views[name] = view;
  }
  return views;
}

/** Rows of a request: dimension 0 of the first output (or input), one for a scalar or nothing. */
export function requestRows(inputs: Feeds | undefined, outputs: Record<string, Tensor> | undefined): number {
  const first = (outputs && Object.values(outputs)[0]) ?? (inputs && Object.values(inputs)[0]);
  return first && first.shape.length > 1 ? (first.shape[0] ?? 1) : 1;
}

const FLOATS = new Set(['FP16', 'FP32', 'FP64', 'BF16']);

/** Per row, whether any floating output of that row is NaN/±Infinity. */
function nonFiniteRows(outputs: Record<string, Tensor>, rows: number): boolean[] {
  const flags = new Array<boolean>(rows).fill(false);
  for (const tensor of Object.values(outputs)) {
    if (!FLOATS.has(tensor.datatype)) continue;
    const view = tensorView(tensor);
    if (!view) continue;
    const data = view.data as ArrayLike<number>;
    const perRow = rows > 0 ? Math.max(1, data.length / rows) : data.length;
    for (let i = 0; i < data.length; i++) {
      if (!Number.isFinite(data[i] as number)) flags[Math.min(rows - 1, Math.floor(i / perRow))] = true;
    }
  }
  return flags;
}

/** Read a request against the version's profile (null: counts, latency and NaN outputs only). */
export function readPrediction(inputs: Feeds | undefined, outputs: Record<string, Tensor> | undefined, profile: Profile | null): PredictionReading {
  const rows = requestRows(inputs, outputs);
  const features = profile && profile.features.length > 0 && inputs ? extractFeatureRows(profile.features, viewsOf(inputs)) : null;
  const spec = profile?.output?.spec;
  const primary = spec && outputs ? outputs[spec.tensor] : undefined;
  const primaryView = primary ? tensorView(primary) : null;
  return {
    rows,
    features,
    outputs: primaryView ? outputRows(primaryView) : null,
    nonFinite: !spec && outputs ? nonFiniteRows(outputs, rows) : null,
  };
}
