/**
 * OIP tensor datatypes (KServe v2 protocol, "Tensor Data Types") and how each is held in memory.
 * One table drives JSON decoding, the binary tensor extension and the onnxruntime mapping, so a
 * datatype cannot be half supported.
 */

export const OIP_DATATYPES = [
  'BOOL',
  'UINT8',
  'UINT16',
  'UINT32',
  'UINT64',
  'INT8',
  'INT16',
  'INT32',
  'INT64',
  'FP16',
  'FP32',
  'FP64',
  'BYTES',
  'BF16',
] as const;

export type OipDatatype = (typeof OIP_DATATYPES)[number];

/** Element storage: FP16 is raw IEEE half bits in a Uint16Array, BOOL is 0/1 bytes, BYTES is strings. */
export type TensorData =
  | Uint8Array
  | Uint16Array
  | Uint32Array
  | BigUint64Array
  | Int8Array
  | Int16Array
  | Int32Array
  | BigInt64Array
  | Float32Array
  | Float64Array
  | string[];

type NumericArrayCtor =
  | Uint8ArrayConstructor
  | Uint16ArrayConstructor
  | Uint32ArrayConstructor
  | BigUint64ArrayConstructor
  | Int8ArrayConstructor
  | Int16ArrayConstructor
  | Int32ArrayConstructor
  | BigInt64ArrayConstructor
  | Float32ArrayConstructor
  | Float64ArrayConstructor;

export interface DatatypeInfo {
  /** Bytes per element in the binary tensor extension; 0 for BYTES (length-prefixed, variable). */
  size: number;
  /** Typed array holding the elements; undefined for BYTES (string[]). */
  array?: NumericArrayCtor;
  /** Inclusive integer range for JSON validation of 8/16/32-bit integers. */
  range?: [number, number];
  kind: 'bool' | 'int' | 'bigint' | 'float' | 'half' | 'bytes';
}

export const DATATYPES: Record<OipDatatype, DatatypeInfo> = {
  BOOL: { size: 1, array: Uint8Array, kind: 'bool' },
  UINT8: { size: 1, array: Uint8Array, kind: 'int', range: [0, 255] },
  UINT16: { size: 2, array: Uint16Array, kind: 'int', range: [0, 65535] },
  UINT32: { size: 4, array: Uint32Array, kind: 'int', range: [0, 4294967295] },
  UINT64: { size: 8, array: BigUint64Array, kind: 'bigint' },
  INT8: { size: 1, array: Int8Array, kind: 'int', range: [-128, 127] },
  INT16: { size: 2, array: Int16Array, kind: 'int', range: [-32768, 32767] },
  INT32: { size: 4, array: Int32Array, kind: 'int', range: [-2147483648, 2147483647] },
  INT64: { size: 8, array: BigInt64Array, kind: 'bigint' },
  FP16: { size: 2, array: Uint16Array, kind: 'half' },
  FP32: { size: 4, array: Float32Array, kind: 'float' },
  FP64: { size: 8, array: Float64Array, kind: 'float' },
  BYTES: { size: 0, kind: 'bytes' },
  // BF16 is an OIP datatype but onnxruntime-node has no JS tensor type for it; kept so requests
  // naming it get a clear "model expects ..." error instead of "unknown datatype".
  BF16: { size: 2, array: Uint16Array, kind: 'half' },
};

export function isOipDatatype(value: string): value is OipDatatype {
  return Object.hasOwn(DATATYPES, value);
}

/** Allocates zeroed storage for `count` elements of a datatype. */
export function allocate(datatype: OipDatatype, count: number): TensorData {
  const ctor = DATATYPES[datatype].array;
  return ctor ? new ctor(count) : new Array<string>(count).fill('');
}

export function elementCount(shape: readonly number[]): number {
  let count = 1;
  for (const d of shape) count *= d;
  return count;
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** float -> IEEE 754 half bits, round to nearest even; NaN and infinities preserved. */
export function toHalfBits(value: number): number {
  f32[0] = value;
  const x = u32[0] as number;
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  let mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  const e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - e;
    let half = mant >>> shift;
    const rest = mant & ((1 << shift) - 1);
    const mid = 1 << (shift - 1);
    if (rest > mid || (rest === mid && (half & 1))) half++;
    return sign | half;
  }
  let half = (e << 10) | (mant >>> 13);
  const rest = mant & 0x1fff;
  if (rest > 0x1000 || (rest === 0x1000 && (half & 1))) half++;
  return sign | half;
}

/** IEEE 754 half bits -> float. */
export function fromHalfBits(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exp = (bits >>> 10) & 0x1f;
  const mant = bits & 0x3ff;
  if (exp === 0) return sign * mant * 2 ** -24;
  if (exp === 0x1f) return mant ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * (1 + mant / 1024) * 2 ** (exp - 15);
}
