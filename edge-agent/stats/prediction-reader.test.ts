import { describe, expect, it } from 'vitest';
import { buildProfile, extractFeatureRows, outputRows, type FeatureDeclaration, type Profile } from '../../protocol/index.ts';
import { toHalfBits } from '../inference/datatypes.ts';
import type { Feeds } from '../inference/engine.ts';
import { readPrediction, tensorView } from './prediction-reader.ts';
import { fp32, tabularProfile } from './test-support.ts';

/** A profile whose only job is to carry declarations (reading does not look at the reference counts). */
function declaring(features: FeatureDeclaration[]): Profile {
  const rows = [features.map(() => 1), features.map(() => 2)];
  return buildProfile(rows, features, null, null, { model: 'm', version: '1', createdAt: '2026-01-01T00:00:00.000Z', bins: 2 });
}

describe('prediction reader', () => {
  it('maps tabular columns onto input positions, row by row, and reads the primary output', () => {
    const { profile } = tabularProfile();
    const reading = readPrediction(
      { x: fp32([2, 3], [1, 2, 0, 9, 8, 1]) },
      { y: fp32([2, 3], [0.1, 0.8, 0.1, 0.7, 0.2, 0.1]), extra: fp32([2, 1], [5, 6]) },
      profile,
    );
    expect(reading.rows).toBe(2);
    // Float32 storage: 1, 2 and 9, 8 are exact; the mean feature is over the row's three elements.
    expect(reading.features).toEqual([
      [1, 2, 0, 1],
      [9, 8, 1, 6],
    ]);
    expect(reading.outputs?.map((r) => Array.from(r, (v) => Math.round(v * 10) / 10))).toEqual([
      [0.1, 0.8, 0.1],
      [0.7, 0.2, 0.1],
    ]);
    expect(reading.nonFinite).toBeNull(); // the output spec reads NaN itself
  });

  it('summarises a tensor per row or per channel: mean, std, min, max, RMS', () => {
    const channel = (stat: 'mean' | 'std' | 'min' | 'max' | 'rms', c: number): FeatureDeclaration => ({
      name: `${stat}${c}`, type: 'numeric', source: { kind: 'tensor', input: 'img', stat, channelAxis: 0, channel: c },
    });
    const profile = declaring([
      channel('mean', 0), channel('std', 0), channel('min', 1), channel('max', 1), channel('rms', 1),
      { name: 'all', type: 'numeric', source: { kind: 'tensor', input: 'img', stat: 'mean' } },
    ]);
    // One row of 2 channels x 2 pixels: channel 0 = [1, 3], channel 1 = [-2, 2].
    const reading = readPrediction({ img: fp32([1, 2, 2], [1, 3, -2, 2]) }, undefined, profile);
    expect(reading.features).toEqual([[2, 1, -2, 2, 2, 1]]);
  });

  it('decodes half floats and leaves strings out', () => {
    const half = { datatype: 'FP16' as const, shape: [1, 2], data: Uint16Array.from([toHalfBits(1.5), toHalfBits(-2)]) };
    expect(Array.from(tensorView(half)!.data as Float32Array)).toEqual([1.5, -2]);
    expect(tensorView({ datatype: 'BYTES', shape: [1], data: ['a'] })).toBeNull();
    const profile = declaring([{ name: 'h', type: 'numeric', source: { kind: 'element', input: 'h', index: 1 } }]);
    expect(readPrediction({ h: half }, undefined, profile).features).toEqual([[-2]]);
  });

  it('without a profile: no features, NaN/Infinity flagged per row of any floating output', () => {
    const reading = readPrediction({ x: fp32([3, 2], [1, 2, 3, 4, 5, 6]) }, { y: fp32([3, 2], [0, 1, NaN, 1, 2, Infinity]) }, null);
    expect(reading).toMatchObject({ rows: 3, features: null, outputs: null, nonFinite: [false, true, true] });
  });

  it('reads element-only profiles without views, to the same values as extractFeatureRows', () => {
    const element = (input: string, index: number, k: number): FeatureDeclaration => ({ name: `f${k}`, type: 'numeric', source: { kind: 'element', input, index } });
    // Two inputs of different batch sizes, an index beyond a row, an input that may be absent, int64 and bytes tensors.
    const profile = declaring([element('x', 0, 0), element('x', 2, 1), element('x', 5, 2), element('y', 1, 3), element('z', 0, 4), element('s', 0, 5)]);
    const requests: Feeds[] = [
      { x: fp32([2, 3], [1, 2, 3, 4, 5, 6]), y: fp32([3, 2], [7, 8, 9, 10, 11, 12]) },
      { x: fp32([1, 3], [1, NaN, -0]), z: { datatype: 'INT64', shape: [1, 1], data: BigInt64Array.from([42n]) } },
      { x: fp32([3], [1, 2, 3]), s: { datatype: 'BYTES', shape: [1], data: ['a'] } },
      { y: fp32([0, 2], []) },
      {},
    ];
    for (const inputs of requests) {
      const views = Object.fromEntries(Object.entries(inputs).flatMap(([name, t]) => (tensorView(t) ? [[name, tensorView(t)!]] : [])));
      expect(readPrediction(inputs, undefined, profile).features).toStrictEqual(extractFeatureRows(profile.features, views));
    }
    expect(readPrediction(requests[0], undefined, profile).features).toStrictEqual([[1, 3, null, 8, null, null], [4, 6, null, 10, null, null], [null, null, null, 12, null, null]]);
    // One input (the tabular case has its own path): present, batched, absent, bytes, empty.
    const single = declaring([element('x', 0, 0), element('x', 2, 1), element('x', 3, 2)]);
    const singles: Feeds[] = [
      { x: fp32([2, 3], [1, 2, 3, 4, 5, 6]) },
      { x: fp32([3], [7, 8, 9]) },
      { x: { datatype: 'INT64', shape: [1, 3], data: BigInt64Array.from([1n, 2n, 3n]) } },
      { x: { datatype: 'BYTES', shape: [1], data: ['a'] } },
      { x: fp32([0, 3], []) },
      {},
    ];
    for (const inputs of singles) {
      const views = Object.fromEntries(Object.entries(inputs).flatMap(([name, t]) => (tensorView(t) ? [[name, tensorView(t)!]] : [])));
      expect(readPrediction(inputs, undefined, single).features).toStrictEqual(extractFeatureRows(single.features, views));
    }
  });

  it('hands the one-row output over as it is, and splits a batch like outputRows', () => {
    const { profile } = tabularProfile();
    const one = fp32([1, 3], [0.1, 0.8, 0.1]);
    expect(readPrediction({ x: fp32([1, 3], [1, 2, 0]) }, { y: one }, profile).outputs).toEqual([one.data]);
    const batch = fp32([2, 3], [0.1, 0.8, 0.1, 0.7, 0.2, 0.1]);
    expect(readPrediction({ x: fp32([2, 3], [1, 2, 0, 9, 8, 1]) }, { y: batch }, profile).outputs).toEqual(outputRows({ data: batch.data as Float32Array, shape: batch.shape }));
  });

  it('a feature whose input is missing from the request is missing, not an error', () => {
    const { profile } = tabularProfile();
    const reading = readPrediction({ other: fp32([1, 1], [1]) }, undefined, profile);
    expect(reading.features).toEqual([]);
  });
});
