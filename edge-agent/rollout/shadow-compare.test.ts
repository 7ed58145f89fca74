import { describe, expect, it } from 'vitest';
import { SHADOW_EVENTS } from '../../protocol/index.ts';
import { toHalfBits } from '../inference/datatypes.ts';
import type { Tensor } from '../inference/engine.ts';
import { InferenceFailedError } from '../inference/errors.ts';
import type { ServedRequest } from '../inference/inference.service.ts';
import { compareOutputs, primaryOutput, shadowRecord } from './shadow-compare.ts';

const fp32 = (shape: number[], values: number[]): Tensor => ({ datatype: 'FP32', shape, data: new Float32Array(values) });

describe('shadow comparison', () => {
  it('compares classifier-shaped outputs by their top-1 class, row by row, with the mean absolute difference', () => {
    const served = { probs: fp32([3, 2], [0.3, 0.7, 0.9, 0.1, 0.5, 0.5]) };
    const candidate = { probs: fp32([3, 2], [0.4, 0.6, 0.2, 0.8, 0.5, 0.5]) };
    const rows = compareOutputs(served, candidate);
    expect(rows.map((r) => r.agree)).toEqual([true, false, true]);
    expect(rows[0]!.delta).toBeCloseTo(0.1, 6);
    expect(rows[1]!.delta).toBeCloseTo(0.7, 6);
    expect(rows[2]!.delta).toBe(0);
  });

  it('compares other outputs within a tolerance (absolute + relative to the served value)', () => {
    const served = { y: fp32([2, 1], [10, 1]) };
    const candidate = { y: fp32([2, 1], [10.05, 1.5]) };
    expect(compareOutputs(served, candidate).map((r) => r.agree)).toEqual([true, false]);
    expect(compareOutputs(served, candidate, { absolute: 1, relative: 0 }).map((r) => r.agree)).toEqual([true, true]);
    // A single-row tensor without a batch dimension is one row.
    expect(compareOutputs({ y: fp32([3], [1, 2, 3]) }, { y: fp32([3], [1, 2, 3]) })).toEqual([{ agree: true, delta: 0 }]);
  });

  it('reads FP16 bits and integer outputs as numbers; NaN scores and other shapes never agree', () => {
    const half = (values: number[]): Tensor => ({ datatype: 'FP16', shape: [1, 2], data: Uint16Array.from(values, toHalfBits) });
    expect(compareOutputs({ p: half([0.25, 0.75]) }, { p: half([0.375, 0.625]) })).toEqual([{ agree: true, delta: 0.125 }]);
    const ints = (v: bigint[]): Tensor => ({ datatype: 'INT64', shape: [2, 1], data: BigInt64Array.from(v) });
    expect(compareOutputs({ label: ints([1n, 0n]) }, { label: ints([1n, 1n]) }).map((r) => r.agree)).toEqual([true, false]);
    expect(compareOutputs({ p: fp32([1, 2], [NaN, 1]) }, { p: fp32([1, 2], [0, 1]) })[0]!.agree).toBe(false);
    expect(compareOutputs({ p: fp32([1, 2], [0, 1]) }, { p: fp32([1, 3], [0, 1, 0]) })).toEqual([{ agree: false, delta: NaN }]);
  });

  it('compares on the first served output the candidate also has', () => {
    const served = { a: fp32([1, 2], [0, 1]), b: fp32([1, 1], [5]) };
    expect(primaryOutput(served, { b: fp32([1, 1], [5]) })?.name).toBe('b');
    expect(primaryOutput(served, { c: fp32([1, 1], [5]) })).toBeUndefined();
    expect(compareOutputs(served, { c: fp32([1, 1], [5]) })).toEqual([]);
  });

  it('turns an outcome into the candidate prediction and the SHADOW_EVENTS, latency estimated as if the candidate had served', () => {
    const served: ServedRequest = {
      requestId: 'r1', model: 'm', version: '1', inputs: { x: fp32([2, 2], [1, 2, 3, 4]) },
      outputs: { p: fp32([2, 2], [0.3, 0.7, 0.6, 0.4]) }, latencyMs: 5, runMs: 1,
    };
    const outputs = { p: fp32([2, 2], [0.2, 0.8, 0.3, 0.7]) };
    const { event, business } = shadowRecord({ served, version: '2', runMs: 3, outputs, rows: compareOutputs(served.outputs, outputs) });
    expect(event).toMatchObject({ requestId: 'r1', model: 'm', version: '2', latencyMs: 7, runMs: 3, outputs });
    expect(event.inputs).toBe(served.inputs);
    const byName = (name: string) => business.filter((b) => b.name === name).map((b) => Number(b.value.toFixed(6)));
    expect(byName(SHADOW_EVENTS.agreement)).toEqual([1, 0]);
    expect(byName(SHADOW_EVENTS.outputDelta)).toEqual([0.1, 0.3]);
    expect(byName(SHADOW_EVENTS.latencyDeltaMs)).toEqual([2, 2]);

    const failed = shadowRecord({ served, version: '2', runMs: 0.5, error: new InferenceFailedError('boom'), rows: [] });
    expect(failed.event.error?.code).toBe('INFERENCE_FAILED');
    expect(failed.business).toEqual([]);
  });
});
