import onnxProto from 'onnx-proto';
import { afterAll, describe, expect, it } from 'vitest';
import { buildBrokenModel, buildConv, buildMlp, CONV_SHAPE, loadSileroVad } from '../../../test/fixtures/models/index.ts';
import { runAccuracyGate, type AccuracyGateResult } from './accuracy-gate.ts';
import { generateInputs } from './generate-inputs.ts';
import { createOnnxRunner, type OnnxRunner } from './onnx-runner.ts';
import { optimizedGraph } from './optimized-graph.ts';
import { quantizeInt8 } from './quantize-int8.ts';
import { compareVadStreams, streamVad, syntheticSpeechChunks } from './silero-stream.ts';
import { DataType } from './tensor-data.ts';
import { buildExternalDataModel, buildGemmModel, buildMatMulModel, buildTestModel, node, randomTensor, vi } from './variant-test-models.ts';
import type { Feeds } from './variant-tensors.ts';
import type { TensorSpec } from '../../../protocol/index.ts';

const runners: OnnxRunner[] = [];
afterAll(async () => Promise.all(runners.map((r) => r.release())));

async function compare(reference: Uint8Array, variant: Uint8Array, inputs: Feeds[]): Promise<AccuracyGateResult> {
  const [a, b] = await Promise.all([createOnnxRunner(reference), createOnnxRunner(variant)]);
  runners.push(a, b);
  return runAccuracyGate(a, b, inputs, { maxAbsError: Infinity });
}

const maxError = (r: AccuracyGateResult, output: string) => r.outputs.find((o) => o.output === output)?.maxAbsError ?? NaN;
/** Max error over the largest reference magnitude: for outputs with no natural scale. */
const relativeError = (r: AccuracyGateResult, output: string) => {
  const o = r.outputs.find((x) => x.output === output);
  return o ? o.maxAbsError / o.referenceMaxAbs : NaN;
};
const opsOf = (bytes: Uint8Array) => (onnxProto.onnx.ModelProto.decode(bytes).graph?.node ?? []).map((n) => n.opType);
const fp32 = (name: string, shape: TensorSpec['shape']): TensorSpec => ({ name, datatype: 'FP32', shape });

describe('quantizeInt8', () => {
  it('turns every Gemm of an MLP into DynamicQuantizeLinear + MatMulInteger that onnxruntime fuses into its integer kernel', async () => {
    const mlp = buildMlp({ inputs: 32, hidden: [64, 32], outputs: 10, seed: 3, softmax: true });
    const { bytes, report } = quantizeInt8(mlp);
    expect(report.quantized.map((q) => [q.node, q.scheme])).toEqual([['gemm_0', 'uint8-per-column'], ['gemm_2', 'uint8-per-column'], ['gemm_4', 'uint8-per-column']]);
    expect(report.skipped).toEqual([]);
    expect(report.removedConstants).toBe(6); // three float weights and three biases
    expect(opsOf(bytes)).not.toContain('Gemm');
    expect(opsOf(bytes).filter((op) => op === 'MatMulInteger')).toHaveLength(3);
    expect((await optimizedGraph(bytes, 'all')).ops.filter((op) => op === 'DynamicQuantizeMatMul@com.microsoft')).toHaveLength(3);
    const result = await compare(mlp, bytes, generateInputs([fp32('input', ['batch', 32])], 20, 1, { dynamicDim: 8 }));
    expect(maxError(result, 'output')).toBeLessThan(0.02); // softmax probabilities
  });

  it('shrinks an MLP with big weights to at most 0.3x of FP32', () => {
    const mlp = buildMlp({ inputs: 256, hidden: [512, 512], outputs: 10, seed: 4 });
    const { bytes, report } = quantizeInt8(mlp);
    expect(bytes.length / mlp.length).toBeLessThanOrEqual(0.3);
    expect(report.bytesAfter).toBe(bytes.length);
  });

  const gemmCases: [string, Parameters<typeof buildGemmModel>[0], boolean][] = [
    ['transB, alpha and beta with a constant C', { transB: true, alpha: 0.5, beta: 2 }, true],
    ['a run-time C scaled by beta', { runtimeC: true, beta: 0.25 }, true],
    ['per-tensor scales', { transB: true }, false],
  ];
  it.each(gemmCases)('Gemm with %s stays within bound', async (_label, options, perChannel) => {
    const model = buildGemmModel(options);
    const { bytes, report } = quantizeInt8(model, { perChannel });
    expect(report.quantized).toHaveLength(1);
    const specs = [fp32('x', ['batch', 16]), ...('runtimeC' in options ? [fp32('c', [8])] : [])];
    const result = await compare(model, bytes, generateInputs(specs, 10, 2, { dynamicDim: 4 }));
    expect(relativeError(result, 'y')).toBeLessThan(0.02);
  });

  it('leaves a Gemm with transA and a MatMul with a run-time B in float, saying why', async () => {
    expect(quantizeInt8(buildGemmModel({ transA: true })).report.skipped).toEqual([
      { node: 'Gemm_y', op: 'Gemm', graph: 'main', reason: 'transA=1 (transposed activation) is left in float' },
    ]);
    const model = buildMatMulModel();
    const { bytes, report } = quantizeInt8(model);
    expect(report.quantized.map((q) => q.node)).toEqual(['MatMul_h']); // 3-D activation [batch, 3, 16]
    expect(report.skipped).toEqual([{ node: 'MatMul_y', op: 'MatMul', graph: 'main', reason: 'B ("z") is not a constant initializer; it is computed at run time' }]);
    const result = await compare(model, bytes, generateInputs([fp32('x', ['batch', 3, 16]), fp32('z', [8, 4])], 10, 3, { dynamicDim: 2 }));
    expect(relativeError(result, 'y')).toBeLessThan(0.02);
  });

  it('quantizes nothing below opset 11, where DynamicQuantizeLinear does not exist yet', () => {
    const model = buildTestModel({
      opset: 10,
      inputs: [vi('x', DataType.FLOAT, [1, 16])],
      outputs: [vi('y', DataType.FLOAT, [1, 8])],
      initializers: [randomTensor('w', [16, 8], 1)],
      nodes: [node('MatMul', ['x', 'w'], ['y'])],
    });
    expect(quantizeInt8(model).report).toMatchObject({ quantized: [], skipped: [{ node: 'MatMul_y', reason: 'opset 10 has no DynamicQuantizeLinear (needs opset 11)' }] });
  });

  it.each([true, false])('quantizes the Conv and the Gemm of a small conv model (perChannel %s)', async (perChannel) => {
    const conv = buildConv();
    const { bytes, report } = quantizeInt8(conv, { perChannel });
    expect(report.quantized.map((q) => `${q.op}:${q.scheme}`)).toEqual(
      perChannel ? ['Conv:uint8-symmetric-per-channel', 'Gemm:uint8-per-column'] : ['Conv:uint8-per-tensor', 'Gemm:uint8-per-tensor'],
    );
    expect(opsOf(bytes)).toContain('ConvInteger');
    const { channels, size } = CONV_SHAPE;
    const result = await compare(conv, bytes, generateInputs([fp32('image', ['batch', channels, size, size])], 10, 4, { dynamicDim: 2 }));
    expect(maxError(result, 'logits')).toBeLessThan(0.02);
  });

  it('quantizes the Convs inside the If branches of Silero VAD v5, keeps its LSTMs in float, and stays within bound', async () => {
    const vad = await loadSileroVad();
    const { bytes, report } = quantizeInt8(vad);
    // 6 Convs (STFT, 4 encoder layers, decoder head) in each sample-rate branch; weights are Constant nodes there.
    expect(report.quantized).toHaveLength(12);
    expect(report.quantized.every((q) => /^main\/If_0\.(then|else)_branch$/.test(q.graph) && q.scheme === 'uint8-symmetric-per-channel')).toBe(true);
    expect(opsOf(bytes)).toContain('If');
    expect(bytes.length / vad.length).toBeLessThan(0.7); // the LSTM weights, most of the file, stay float
    const [a, b] = await Promise.all([createOnnxRunner(vad), createOnnxRunner(bytes)]);
    runners.push(a, b);
    // 36 chunks (1.2 s) of synthetic speech and silence, state carried over: errors must not pile up.
    const chunks = syntheticSpeechChunks(36);
    const reference = await streamVad(a, chunks);
    expect(Math.max(...reference)).toBeGreaterThan(0.9); // the stream does contain speech
    const { maxAbsError, decisionAgreement } = compareVadStreams(reference, await streamVad(b, chunks));
    expect(maxAbsError).toBeLessThan(0.08);
    expect(decisionAgreement).toBe(1);
  });

  describe('refuses graphs it cannot handle, naming the node', () => {
    it('weights in an external data file', () => {
      expect(() => quantizeInt8(buildExternalDataModel())).toThrow(/tensor "w" is kept in an external data file/);
    });

    it('an already quantized model', () => {
      const once = quantizeInt8(buildMlp({ inputs: 8, hidden: [8], outputs: 2, seed: 1 })).bytes;
      expect(() => quantizeInt8(once)).toThrow(expect.objectContaining({
        code: 'INVALID_ONNX',
        message: expect.stringMatching(/at node "input_DynamicQuantizeLinear" \(DynamicQuantizeLinear\) in graph main: the model is already quantized/),
      }));
    });

    it('a node reading a tensor nothing produces, and bytes that are not ONNX', () => {
      expect(() => quantizeInt8(buildBrokenModel('invalid-graph'))).toThrow(/at node "add_0" \(Add\) in graph main: input "missing" is produced by nothing/);
      expect(() => quantizeInt8(buildBrokenModel('garbage'))).toThrow(expect.objectContaining({ code: 'INVALID_ONNX' }));
    });
  });
});
