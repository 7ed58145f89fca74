/**
 * Tensors as the accuracy gate and its runners exchange them: an Open Inference Protocol datatype,
 * a concrete shape and row-major elements (FP16 as raw half bits). The same shape as the edge
 * agent's engine tensors, so an engine's LoadedModel can serve as a ModelRunner unchanged.
 */
import type { OipDatatype } from '../../../protocol/index.ts';
import { halfBitsToFloat } from './tensor-data.ts';

export type NumericData =
  | Float32Array
  | Float64Array
  | Uint16Array
  | Uint8Array
  | Int8Array
  | Int16Array
  | Uint32Array
  | Int32Array
  | BigInt64Array
  | BigUint64Array;

export interface VariantTensor {
  datatype: OipDatatype;
  shape: number[];
  data: NumericData | string[];
}

export type Feeds = Record<string, VariantTensor>;

/** Runs one model; the service gets these from an engine, so it never imports onnxruntime. */
export interface ModelRunner {
  run(feeds: Feeds): Promise<Record<string, VariantTensor>>;
}

/** Element i as a JS number (FP16 decoded, integers converted); NaN for strings. */
export function elementAt(t: VariantTensor, i: number): number {
  const v = t.data[i];
  if (t.datatype === 'FP16') return halfBitsToFloat(v as number);
  return typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : NaN;
}
