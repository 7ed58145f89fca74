import { DATATYPES } from '../inference/datatypes.ts';
import type { Tensor } from '../inference/engine.ts';

/**
 * True when any floating-point output holds NaN or ±Infinity. FP16 (and BF16) arrive as raw bits:
 * an all-ones exponent is non-finite (IEEE 754 binary16: exponent 0x1f; bfloat16: 0xff).
 */
export function hasNonFinite(outputs: Record<string, Tensor>): boolean {
  for (const tensor of Object.values(outputs)) {
    const kind = DATATYPES[tensor.datatype].kind;
    if (kind === 'float') {
      const data = tensor.data as Float32Array | Float64Array;
      for (let i = 0; i < data.length; i++) if (!Number.isFinite(data[i] as number)) return true;
    } else if (kind === 'half') {
      const data = tensor.data as Uint16Array;
      const mask = tensor.datatype === 'BF16' ? 0x7f80 : 0x7c00;
      for (let i = 0; i < data.length; i++) if (((data[i] as number) & mask) === mask) return true;
    }
  }
  return false;
}
