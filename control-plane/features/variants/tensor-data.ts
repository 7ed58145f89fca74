/**
 * Reading and writing ONNX TensorProto payloads: float32 weights in, float32 / float16 / 8-bit
 * tensors out. Every tensor this folder writes uses raw_data (little-endian), which is what
 * onnxruntime reads fastest and what keeps the protobuf small.
 */
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;
export const DataType = onnx.TensorProto.DataType;
export type TensorProto = onnxProto.onnx.ITensorProto;

/** protobufjs hands out int64 fields as Long objects (or numbers when Long is absent). */
export type IntLike = number | { toNumber(): number } | null | undefined;
export const toInt = (v: IntLike): number =>
  v === null || v === undefined ? 0 : typeof v === 'number' ? v : v.toNumber();

export function tensorDims(t: TensorProto): number[] {
  return (t.dims ?? []).map((d) => toInt(d as IntLike));
}

export function elementCount(dims: readonly number[]): number {
  return dims.reduce((a, b) => a * b, 1);
}

/** A copy of the bytes: decoded raw_data is a view into the whole model buffer, often unaligned. */
function alignedCopy(bytes: Uint8Array): ArrayBuffer {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return copy.buffer;
}

/** Float32 values of a FLOAT tensor, from raw_data or float_data. */
export function readFloats(t: TensorProto): Float32Array {
  if (t.dataType !== DataType.FLOAT) throw new Error(`tensor ${t.name ?? ''} is not float32`);
  const count = elementCount(tensorDims(t));
  if (t.rawData && t.rawData.length > 0) {
    if (t.rawData.length !== count * 4) throw new Error(`tensor ${t.name ?? ''}: raw_data holds ${t.rawData.length} bytes for ${count} floats`);
    return new Float32Array(alignedCopy(t.rawData));
  }
  const values = Float32Array.from(t.floatData ?? []);
  if (values.length !== count) throw new Error(`tensor ${t.name ?? ''}: ${values.length} floats for ${count} elements`);
  return values;
}

function rawTensor(name: string, dataType: number, dims: readonly number[], data: ArrayBufferView): TensorProto {
  return { name, dataType, dims: [...dims], rawData: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}

export const floatTensor = (name: string, dims: readonly number[], data: Float32Array) => rawTensor(name, DataType.FLOAT, dims, data);
export const uint8Tensor = (name: string, dims: readonly number[], data: Uint8Array) => rawTensor(name, DataType.UINT8, dims, data);
export const float16Tensor = (name: string, dims: readonly number[], bits: Uint16Array) => rawTensor(name, DataType.FLOAT16, dims, bits);

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/**
 * IEEE 754 binary32 -> binary16 bits, round to nearest, ties to even (what numpy's astype and
 * onnxruntime's Cast do), overflow to infinity, NaN kept quiet.
 */
export function floatToHalfBits(value: number): number {
  f32[0] = value;
  const x = u32[0] as number;
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  let mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant !== 0 ? 0x200 : 0);
  const e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    // Subnormal half: value = m * 2^-24, so m = (1.mant * 2^23) >> (14 - e).
    if (e < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - e;
    let half = mant >>> shift;
    const rem = mant & ((1 << shift) - 1);
    const mid = 1 << (shift - 1);
    if (rem > mid || (rem === mid && (half & 1) === 1)) half++;
    return sign | half;
  }
  let half = (e << 10) | (mant >>> 13);
  const rem = mant & 0x1fff;
  // A carry out of the mantissa bumps the exponent, which is the right rounding (up to infinity).
  if (rem > 0x1000 || (rem === 0x1000 && (half & 1) === 1)) half++;
  return sign | half;
}

export function halfBitsToFloat(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exp = (bits >>> 10) & 0x1f;
  const mant = bits & 0x3ff;
  if (exp === 0) return sign * mant * 2 ** -24;
  if (exp === 0x1f) return mant === 0 ? sign * Infinity : NaN;
  return sign * (1 + mant / 1024) * 2 ** (exp - 15);
}

export function toFloat16Bits(values: Float32Array): Uint16Array {
  const out = new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = floatToHalfBits(values[i] as number);
  return out;
}

export function fromFloat16Bits(bits: Uint16Array): Float32Array {
  const out = new Float32Array(bits.length);
  for (let i = 0; i < bits.length; i++) out[i] = halfBitsToFloat(bits[i] as number);
  return out;
}
