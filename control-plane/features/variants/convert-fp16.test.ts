import onnxProto from 'onnx-proto';
import { afterAll, describe, expect, it } from 'vitest';
import { buildConv, buildMlp, CONV_SHAPE, loadSileroVad } from '../../../test/fixtures/models/index.ts';
import type { TensorSpec } from '../../../protocol/index.ts';
import { runAccuracyGate, type AccuracyGateResult } from './accuracy-gate.ts';
import { convertFp16 } from './convert-fp16.ts';
import { FP16_SCHEMA_BLOCK_LIST } from './fp16-ops.ts';
import { generateInputs } from './generate-inputs.ts';
import { allGraphs, type GraphProto } from './onnx-graph.ts';
import { createOnnxRunner, type OnnxRunner } from './onnx-runner.ts';
import { optimizedGraph } from './optimized-graph.ts';
import { quantizeInt8 } from './quantize-int8.ts';
import { compareVadStreams, streamVad, syntheticSpeechChunks } from './silero-stream.ts';
import { DataType } from './tensor-data.ts';
import { buildCastAndBigConstantModel, buildCustomOpInIfModel, buildExternalDataModel, buildUnknownOpInLoopModel } from './variant-test-models.ts';
import type { Feeds } from './variant-tensors.ts';

const runners: OnnxRunner[] = [];
afterAll(async () => Promise.all(runners.map((r) => r.release())));

async function load(bytes: Uint8Array): Promise<OnnxRunner> {
  const runner = await createOnnxRunner(bytes);
  runners.push(runner);
  return runner;
}

async function compare(reference: Uint8Array, variant: Uint8Array, inputs: Feeds[]): Promise<AccuracyGateResult> {
  return runAccuracyGate(await load(reference), await load(variant), inputs, { maxAbsError: Infinity });
}

const maxError = (r: AccuracyGateResult, output: string) => r.outputs.find((o) => o.output === output)?.maxAbsError ?? NaN;
const fp32 = (name: string, shape: TensorSpec['shape']): TensorSpec => ({ name, datatype: 'FP32', shape });

function tensorTypes(bytes: Uint8Array) {
  const model = onnxProto.onnx.ModelProto.decode(bytes);
  const main = model.graph as GraphProto;
  const initializers = allGraphs(main).flatMap(({ graph }) => graph.initializer ?? []);
  return {
    inputs: (main.input ?? []).map((v) => v.type?.tensorType?.elemType),
    outputs: (main.output ?? []).map((v) => v.type?.tensorType?.elemType),
    floatInitializers: initializers.filter((t) => t.dataType === DataType.FLOAT).length,
    halfInitializers: initializers.filter((t) => t.dataType === DataType.FLOAT16).length,
  };
}

describe('convertFp16', () => {
  it('stores an MLP in half precision with FP32 inputs and outputs, and onnxruntime needs no casts of its own', async () => {
    const mlp = buildMlp({ inputs: 32, hidden: [64, 32], outputs: 10, seed: 3, softmax: true });
    const { bytes, report } = convertFp16(mlp);
    expect(tensorTypes(bytes)).toEqual({ inputs: [DataType.FLOAT], outputs: [DataType.FLOAT], floatInitializers: 0, halfInitializers: 6 });
    expect(bytes.length / mlp.length).toBeLessThan(0.55);
    // Gemm, Relu and Softmax have no float16 CPU kernel: kept in FP32 behind explicit Casts.
    expect(report.keptFp32).toEqual({ Gemm: 3, Relu: 2, Softmax: 1 });
    expect((await optimizedGraph(bytes, 'disabled')).insertedCasts).toBe(false);
    const result = await compare(mlp, bytes, generateInputs([fp32('input', ['batch', 32])], 10, 1, { dynamicDim: 8 }));
    expect(maxError(result, 'output')).toBeLessThan(1e-3);
  });

  it('converts the conv model and keeps its output FP32', async () => {
    const conv = buildConv();
    const { bytes } = convertFp16(conv);
    expect((await optimizedGraph(bytes, 'disabled')).insertedCasts).toBe(false);
    const { channels, size } = CONV_SHAPE;
    const result = await compare(conv, bytes, generateInputs([fp32('image', ['batch', channels, size, size])], 10, 2, { dynamicDim: 2 }));
    expect(maxError(result, 'logits')).toBeLessThan(1e-3);
  });

  it('with only the schema block list (a GPU variant) runs everything it can in float16; onnxruntime CPU inserts its own casts', async () => {
    const mlp = buildMlp({ inputs: 32, hidden: [64], outputs: 10, seed: 5, softmax: true });
    const { bytes, report } = convertFp16(mlp, { blockList: FP16_SCHEMA_BLOCK_LIST });
    expect(report.keptFp32).toEqual({});
    expect(report.castsInserted).toBe(2); // input to FP16, output back to FP32
    expect((await optimizedGraph(bytes, 'disabled')).insertedCasts).toBe(true);
    const result = await compare(mlp, bytes, generateInputs([fp32('input', ['batch', 32])], 10, 3, { dynamicDim: 4 }));
    expect(maxError(result, 'output')).toBeLessThan(2e-3);
  });

  it('converts Silero VAD v5 through its If branches and tracks the FP32 model over a stream', async () => {
    const vad = await loadSileroVad();
    const { bytes, report } = convertFp16(vad);
    expect(bytes.length / vad.length).toBeLessThan(0.55);
    expect(report.keptFp32).toMatchObject({ Conv: 12, LSTM: 4 });
    expect(tensorTypes(bytes).outputs).toEqual([DataType.FLOAT, DataType.FLOAT]);
    expect((await optimizedGraph(bytes, 'disabled')).insertedCasts).toBe(false);
    const chunks = syntheticSpeechChunks(36);
    const reference = await streamVad(await load(vad), chunks);
    const { maxAbsError, decisionAgreement } = compareVadStreams(reference, await streamVad(await load(bytes), chunks));
    expect(maxAbsError).toBeLessThan(0.01);
    expect(decisionAgreement).toBe(1);
  });

  it('keeps a Cast to float read only by FP32 operators in FP32, and a constant beyond the float16 range', async () => {
    const model = buildCastAndBigConstantModel();
    const { bytes, report } = convertFp16(model);
    expect(report.outOfRangeTensors).toEqual(['big']);
    const runner = await load(bytes);
    const { y } = await runner.run({ n: { datatype: 'INT64', shape: [1], data: BigInt64Array.of(4097n) } });
    // 4097 is not a float16 (it would round to 4096), and 1e6 would be infinity.
    expect(Array.from(y?.data as Float32Array)).toEqual([1_004_097]);
  });

  describe('refuses graphs it cannot handle, naming the node', () => {
    it('an operator of a custom domain inside an If branch', () => {
      expect(() => convertFp16(buildCustomOpInIfModel())).toThrow(expect.objectContaining({
        code: 'INVALID_ONNX',
        message: expect.stringMatching(/at node "FancyActivation_t" \(FancyActivation\) in graph main\/If_y\.then_branch: operator FancyActivation of domain "com\.example" is not one convertFp16 knows/),
      }));
    });

    it('an operator it has no type rule for inside a Loop body', () => {
      expect(() => convertFp16(buildUnknownOpInLoopModel())).toThrow(/at node "SequenceEmpty_seq" \(SequenceEmpty\) in graph main\/Loop_y\.body/);
    });

    it('external data, an already quantized model, an already float16 model', () => {
      expect(() => convertFp16(buildExternalDataModel())).toThrow(/tensor "w" is kept in an external data file/);
      const mlp = buildMlp({ inputs: 8, hidden: [8], outputs: 2, seed: 1 });
      expect(() => convertFp16(quantizeInt8(mlp).bytes)).toThrow(/\(DynamicQuantizeLinear\) in graph main: the model is already quantized/);
      expect(() => convertFp16(convertFp16(mlp).bytes)).toThrow(/tensor "w0" is already float16/);
    });
  });
});
