import { describe, expect, it } from 'vitest';
import { fromHalfBits, toHalfBits } from './datatypes.ts';
import { InvalidRequestError } from './errors.ts';
import { decodeBinaryData, decodeJsonData, encodeBinaryData, encodeJsonData, parseJsonAllowingNonFinite } from './tensor-codec.ts';

describe('FP16 conversion', () => {
  it('round-trips every half value (NaN stays NaN)', () => {
    for (let bits = 0; bits < 0x10000; bits++) {
      const value = fromHalfBits(bits);
      if (Number.isNaN(value)) expect(Number.isNaN(fromHalfBits(toHalfBits(value)))).toBe(true);
      else expect(toHalfBits(value)).toBe(bits);
    }
  });

  it('rounds to nearest even, overflows to infinity, underflows through subnormals', () => {
    expect(toHalfBits(1 + 2 ** -11)).toBe(0x3c00); // tie -> even
    expect(toHalfBits(1 + 3 * 2 ** -11)).toBe(0x3c02); // tie -> even (up)
    expect(toHalfBits(65520)).toBe(0x7c00);
    expect(toHalfBits(2 ** -24)).toBe(0x0001);
    expect(toHalfBits(2 ** -26)).toBe(0x0000);
    expect(toHalfBits(-0)).toBe(0x8000);
  });
});

describe('JSON tensor data', () => {
  it('checks integer ranges and types per datatype', () => {
    expect(Array.from(decodeJsonData('a', 'INT8', [-128, 127], 2) as Int8Array)).toEqual([-128, 127]);
    expect(() => decodeJsonData('a', 'INT8', [128], 1)).toThrow(InvalidRequestError);
    expect(() => decodeJsonData('a', 'UINT8', [1.5], 1)).toThrow(/element 0 \(1.5\) is not a valid UINT8/);
    expect(() => decodeJsonData('a', 'UINT64', [-1], 1)).toThrow(InvalidRequestError);
    expect(() => decodeJsonData('a', 'BOOL', [1], 1)).toThrow(/not a valid BOOL/);
    expect(() => decodeJsonData('a', 'BYTES', [1], 1)).toThrow(/not a valid BYTES/);
    expect(() => decodeJsonData('a', 'FP32', 'nope', 1)).toThrow(/"data" must be an array/);
  });

  it('writes 64-bit integers exactly and booleans as true/false', () => {
    expect(encodeJsonData('INT64', BigInt64Array.from([2n ** 62n + 1n, -5n]))).toBe('4611686018427387905,-5');
    expect(encodeJsonData('BOOL', Uint8Array.from([1, 0]))).toBe('true,false');
    expect(encodeJsonData('BYTES', ['a"b', 'c'])).toBe('"a\\"b","c"');
    expect(encodeJsonData('FP16', Uint16Array.from([0x3c00, 0x7e00]))).toBe('1,NaN');
  });

  it('parses bare NaN and Infinity outside strings only', () => {
    const parsed = parseJsonAllowingNonFinite('{"s":"NaN Infinity \\" NaN","d":[NaN,-Infinity,Infinity,1]}') as { s: string; d: unknown[] };
    expect(parsed.s).toBe('NaN Infinity " NaN');
    const data = decodeJsonData('d', 'FP64', parsed.d, 4) as Float64Array;
    expect(Array.from(data)).toEqual([Number.NaN, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, 1]);
    expect(() => parseJsonAllowingNonFinite('{"a": nope}')).toThrow(SyntaxError);
  });
});

describe('binary tensor data', () => {
  it('decodes tensors that start at an unaligned offset', () => {
    const bytes = new Uint8Array(1 + 16);
    new DataView(bytes.buffer).setFloat64(1, 3.25, true);
    new DataView(bytes.buffer).setFloat64(9, -1, true);
    expect(Array.from(decodeBinaryData('a', 'FP64', bytes.subarray(1), 2) as Float64Array)).toEqual([3.25, -1]);
  });

  it('round-trips BYTES with multi-byte characters', () => {
    const encoded = encodeBinaryData('BYTES', ['héllo', '', '✓']);
    expect(encoded.byteLength).toBe(4 + 6 + 4 + 4 + 3);
    expect(decodeBinaryData('a', 'BYTES', encoded, 3)).toEqual(['héllo', '', '✓']);
    expect(() => decodeBinaryData('a', 'BYTES', encoded, 2)).toThrow(/shape needs 2 BYTES elements, binary data has 3/);
  });
});
