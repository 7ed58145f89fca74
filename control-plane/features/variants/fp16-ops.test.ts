import { describe, expect, it } from 'vitest';
import { PROBES, probeFp16Kernel, UNPROBED, type ProbeResult } from './fp16-kernel-probe.ts';
import { FP16_CPU_BLOCK_LIST, FP16_SCHEMA_BLOCK_LIST, OP_INFO } from './fp16-ops.ts';
import { fromFloat16Bits, halfBitsToFloat, floatToHalfBits, toFloat16Bits } from './tensor-data.ts';

describe('the FP16 block lists match what the installed onnxruntime CPU provider runs', () => {
  it('every known operator is probed or needs no probe', () => {
    const probed = new Set(PROBES.map((p) => p.op));
    expect([...OP_INFO.keys()].filter((op) => !probed.has(op) && !UNPROBED.has(op))).toEqual([]);
  });

  it('an operator is on the CPU block list exactly when onnxruntime has no float16 kernel for it', async () => {
    const results: ProbeResult[] = [];
    for (const spec of PROBES) results.push(await probeFp16Kernel(spec));
    expect(results.filter((r) => r.support === 'error')).toEqual([]);
    const withoutKernel = results.filter((r) => r.support !== 'kernel').map((r) => r.op).sort();
    const probedBlockList = FP16_CPU_BLOCK_LIST.filter((op) => !UNPROBED.has(op)).sort();
    expect(withoutKernel).toEqual(probedBlockList);
    expect(results.filter((r) => r.support === 'schema').map((r) => r.op).sort()).toEqual([...FP16_SCHEMA_BLOCK_LIST].sort());
    // The kernels that do exist are the data-movement ones plus a few (LayerNormalization, Clip, comparisons).
    expect(results.filter((r) => r.support === 'kernel').map((r) => r.op)).toEqual(expect.arrayContaining(['Reshape', 'Transpose', 'Concat', 'Gather', 'Slice', 'LayerNormalization']));
  });
});

describe('float16 encoding', () => {
  it('round-trips every finite half value and rounds to nearest even', () => {
    const all = Uint16Array.from({ length: 65536 }, (_, i) => i);
    const finite = Array.from(all).filter((b) => (b & 0x7c00) !== 0x7c00);
    const back = toFloat16Bits(fromFloat16Bits(Uint16Array.from(finite)));
    expect(Array.from(back)).toEqual(finite);
    expect(floatToHalfBits(1)).toBe(0x3c00);
    expect(floatToHalfBits(65504)).toBe(0x7bff);
    expect(floatToHalfBits(65520)).toBe(0x7c00); // halfway to the next step rounds up to infinity
    expect(floatToHalfBits(2049)).toBe(floatToHalfBits(2048)); // tie goes to the even mantissa
    expect(floatToHalfBits(2 ** -25)).toBe(0); // half of the smallest subnormal, tie to even (0)
    expect(halfBitsToFloat(floatToHalfBits(2 ** -24))).toBe(2 ** -24);
    expect(Number.isNaN(halfBitsToFloat(floatToHalfBits(NaN)))).toBe(true);
  });
});
