import type { OipDatatype } from '../../../protocol/index.ts';
import { floatToHalfBits } from './tensor-data.ts';
import type { NumericData } from './variant-tensors.ts';

const INT_RANGE: Partial<Record<OipDatatype, [number, number]>> = {
  INT8: [-128, 127], UINT8: [0, 255], INT16: [-32768, 32767], UINT16: [0, 65535],
  INT32: [-(2 ** 31), 2 ** 31 - 1], UINT32: [0, 2 ** 32 - 1],
  INT64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER], UINT64: [0, Number.MAX_SAFE_INTEGER],
};

/**
 * JSON values -> the typed array onnxruntime takes for `datatype`, or a string saying which value
 * does not fit (a fraction for an integer type, 300 for UINT8, a boolean for a float).
 */
export function toTypedData(values: ReadonlyArray<number | boolean>, datatype: OipDatatype): NumericData | string {
  if (datatype === 'BOOL') {
    const bad = values.findIndex((v) => typeof v !== 'boolean' && v !== 0 && v !== 1);
    return bad >= 0 ? `value ${bad} (${String(values[bad])}) is not a boolean` : Uint8Array.from(values, (v) => (v === true || v === 1 ? 1 : 0));
  }
  const bool = values.findIndex((v) => typeof v === 'boolean');
  if (bool >= 0) return `value ${bool} is a boolean, the input is ${datatype}`;
  const numbers = values as readonly number[];
  const range = INT_RANGE[datatype];
  if (range) {
    const bad = numbers.findIndex((v) => !Number.isInteger(v) || v < range[0] || v > range[1]);
    if (bad >= 0) return `value ${bad} (${numbers[bad]}) is not an integer in ${datatype}'s range`;
  }
  switch (datatype) {
    case 'FP32': return Float32Array.from(numbers);
    case 'FP64': return Float64Array.from(numbers);
    case 'FP16': return Uint16Array.from(numbers, floatToHalfBits);
    case 'INT8': return Int8Array.from(numbers);
    case 'UINT8': return Uint8Array.from(numbers);
    case 'INT16': return Int16Array.from(numbers);
    case 'UINT16': return Uint16Array.from(numbers);
    case 'INT32': return Int32Array.from(numbers);
    case 'UINT32': return Uint32Array.from(numbers);
    case 'INT64': return BigInt64Array.from(numbers, (v) => BigInt(v));
    case 'UINT64': return BigUint64Array.from(numbers, (v) => BigInt(v));
    default: return `${datatype} inputs are not supported in evaluation sets`;
  }
}
