/**
 * Tensor elements to and from the two OIP wire forms: JSON arrays (KServe v2 "Tensor Data") and the
 * binary tensor extension (little-endian, row-major, no padding; BOOL one byte; BYTES each element a
 * 4-byte little-endian length then its bytes). Errors are InvalidRequestError naming the tensor.
 */
import { DATATYPES, fromHalfBits, toHalfBits, type OipDatatype, type TensorData } from './datatypes.ts';
import { InvalidRequestError } from './errors.ts';

/** Sentinels that parseJsonAllowingNonFinite() puts where the text had bare NaN / Infinity. */
export const NON_FINITE_SENTINELS: Record<string, number> = {
  '\u0000NaN': Number.NaN,
  '\u0000Infinity': Number.POSITIVE_INFINITY,
  '\u0000-Infinity': Number.NEGATIVE_INFINITY,
};

/**
 * Flattens OIP JSON tensor data into typed storage. The spec allows the natural nested form or a
 * flat row-major array; both are accepted.
 */
export function decodeJsonData(name: string, datatype: OipDatatype, raw: unknown, count: number): TensorData {
  if (!Array.isArray(raw)) throw new InvalidRequestError(`input '${name}': "data" must be an array`);
  const values: unknown[] = raw.length > 0 && Array.isArray(raw[0]) ? raw.flat(Number.POSITIVE_INFINITY) : raw;
  if (values.length !== count) {
    throw new InvalidRequestError(`input '${name}': shape needs ${count} elements, "data" has ${values.length}`);
  }
  const info = DATATYPES[datatype];
  if (info.kind === 'bytes') {
    return values.map((v, i) => {
      if (typeof v !== 'string') throw badElement(name, datatype, i, v);
      return v;
    });
  }
  const out = new info.array!(count);
  const fail = (i: number, v: unknown) => badElement(name, datatype, i, v);
  switch (info.kind) {
    case 'bool':
      for (let i = 0; i < count; i++) {
        const v = values[i];
        if (typeof v === 'boolean') out[i] = v ? 1 : 0;
        else throw fail(i, v);
      }
      break;
    case 'float':
    case 'half':
      for (let i = 0; i < count; i++) {
        let v = values[i];
        if (typeof v === 'string' && Object.hasOwn(NON_FINITE_SENTINELS, v)) v = NON_FINITE_SENTINELS[v];
        if (typeof v !== 'number') throw fail(i, v);
        out[i] = info.kind === 'half' ? toHalfBits(v) : v;
      }
      break;
    case 'int': {
      const [lo, hi] = info.range!;
      for (let i = 0; i < count; i++) {
        const v = values[i];
        if (typeof v !== 'number' || !Number.isInteger(v) || v < lo || v > hi) throw fail(i, v);
        out[i] = v;
      }
      break;
    }
    case 'bigint':
      for (let i = 0; i < count; i++) {
        const v = values[i];
        if (typeof v !== 'number' || !Number.isInteger(v) || (datatype === 'UINT64' && v < 0)) throw fail(i, v);
        out[i] = BigInt(v);
      }
      break;
  }
  return out;
}

function badElement(name: string, datatype: OipDatatype, index: number, value: unknown): InvalidRequestError {
  const shown = typeof value === 'string' ? JSON.stringify(value) : Array.isArray(value) ? 'an array' : String(value);
  return new InvalidRequestError(`input '${name}': element ${index} (${shown}) is not a valid ${datatype} value`);
}

/**
 * JSON text of the elements. Typed-array join is exact for 64-bit integers (no Number rounding) and
 * writes NaN / Infinity / -Infinity as bare literals, the form Triton emits and its clients parse.
 */
export function encodeJsonData(datatype: OipDatatype, data: TensorData): string {
  const kind = DATATYPES[datatype].kind;
  if (kind === 'bytes') return JSON.stringify(data).slice(1, -1);
  if (kind === 'bool') return Array.from(data as Uint8Array, (v) => (v ? 'true' : 'false')).join(',');
  if (kind === 'half') return Array.from(data as Uint16Array, fromHalfBits).join(',');
  return (data as Exclude<TensorData, string[]>).join(',');
}

/** Bytes a tensor occupies in the binary extension (needs the data for BYTES). */
export function binaryByteLength(datatype: OipDatatype, data: TensorData): number {
  const size = DATATYPES[datatype].size;
  if (size > 0) return data.length * size;
  let total = 0;
  for (const s of data as string[]) total += 4 + Buffer.byteLength(s, 'utf8');
  return total;
}

export function decodeBinaryData(name: string, datatype: OipDatatype, bytes: Uint8Array, count: number): TensorData {
  const info = DATATYPES[datatype];
  if (info.kind === 'bytes') return decodeBytesElements(name, bytes, count);
  const expected = count * info.size;
  if (bytes.byteLength !== expected) {
    throw new InvalidRequestError(
      `input '${name}': binary_data_size is ${bytes.byteLength} bytes, shape and ${datatype} need ${expected}`,
    );
  }
  const ctor = info.array!;
  // A view needs element alignment; tensors after the JSON header usually are not aligned, so copy.
  if (bytes.byteOffset % info.size === 0) return new ctor(bytes.buffer as ArrayBuffer, bytes.byteOffset, count);
  const copy = new Uint8Array(expected);
  copy.set(bytes);
  return new ctor(copy.buffer, 0, count);
}

function decodeBytesElements(name: string, bytes: Uint8Array, count: number): string[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: string[] = [];
  let offset = 0;
  const decoder = new TextDecoder();
  while (offset < bytes.byteLength) {
    if (offset + 4 > bytes.byteLength) throw new InvalidRequestError(`input '${name}': truncated BYTES element length`);
    const length = view.getUint32(offset, true);
    offset += 4;
    if (offset + length > bytes.byteLength) throw new InvalidRequestError(`input '${name}': truncated BYTES element`);
    out.push(decoder.decode(bytes.subarray(offset, offset + length)));
    offset += length;
  }
  if (out.length !== count) {
    throw new InvalidRequestError(`input '${name}': shape needs ${count} BYTES elements, binary data has ${out.length}`);
  }
  return out;
}

/** Little-endian bytes of the tensor for the binary extension (zero-copy for numeric data). */
export function encodeBinaryData(datatype: OipDatatype, data: TensorData): Uint8Array {
  if (DATATYPES[datatype].kind !== 'bytes') {
    const typed = data as Exclude<TensorData, string[]>;
    return new Uint8Array(typed.buffer, typed.byteOffset, typed.byteLength);
  }
  const parts: Uint8Array[] = [];
  for (const s of data as string[]) {
    const encoded = Buffer.from(s, 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32LE(encoded.byteLength, 0);
    parts.push(length, encoded);
  }
  return Buffer.concat(parts);
}

/**
 * JSON.parse that also accepts bare NaN, Infinity and -Infinity, which Triton clients send for
 * non-finite floats. Only falls back to the slower scan when plain parsing fails.
 */
export function parseJsonAllowingNonFinite(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    if (!/NaN|Infinity/.test(text)) throw error;
  }
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (inString) {
      out += ch;
      if (ch === '\\') out += text[++i] ?? '';
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    const token = text.startsWith('-Infinity', i) ? '-Infinity' : text.startsWith('Infinity', i) ? 'Infinity' : text.startsWith('NaN', i) ? 'NaN' : '';
    if (token) {
      out += JSON.stringify(`\u0000${token}`);
      i += token.length - 1;
    } else {
      out += ch;
    }
  }
  return JSON.parse(out);
}
