import onnxProto from 'onnx-proto';
import { describe, expect, it } from 'vitest';
import { EdgefleetError } from '../../../protocol/index.ts';
import {
  ElemType,
  buildBrokenModel,
  buildConv,
  buildMlp,
  buildUnsupportedIdentityModel,
  encodeModel,
  floatTensor,
  loadSileroVad,
  valueInfo,
} from '../../../test/fixtures/models/index.ts';
import { inspectOnnx } from './onnx-inspect.ts';

const { onnx } = onnxProto;

function reasonOf(bytes: Uint8Array): string {
  try {
    inspectOnnx(bytes);
  } catch (err) {
    expect(err).toBeInstanceOf(EdgefleetError);
    expect((err as EdgefleetError).code).toBe('INVALID_ONNX');
    return (err as EdgefleetError).message;
  }
  throw new Error('expected INVALID_ONNX');
}

const identityGraph = {
  name: 'g',
  inputs: [valueInfo('x', ElemType.FLOAT, ['batch', 2])],
  outputs: [valueInfo('y', ElemType.FLOAT, ['batch', 2])],
  nodes: [{ op: 'Identity', inputs: ['x'], outputs: ['y'] }],
};

describe('inspectOnnx', () => {
  it('reads the real Silero VAD v5 interface as the file declares it', async () => {
    const summary = inspectOnnx(await loadSileroVad());
    // The file declares no dim_param names: its unknown dims have neither value nor param, so -1.
    // (ARCHITECTURE.md's "[1,512]" and "[2,1,128]" are what callers send, not what the graph says.)
    expect(summary.inputs).toEqual([
      { name: 'input', datatype: 'FP32', shape: [-1, -1] },
      { name: 'state', datatype: 'FP32', shape: [2, -1, 128] },
      { name: 'sr', datatype: 'INT64', shape: [] },
    ]);
    expect(summary.outputs).toEqual([
      { name: 'output', datatype: 'FP32', shape: [-1, 1] },
      { name: 'stateN', datatype: 'FP32', shape: [-1, -1, -1] },
    ]);
    expect(summary.opset).toBe(16);
    expect(summary.irVersion).toBe(8);
    expect(summary.producerName).toBe('spox');
    expect(summary.producerVersion).toBeUndefined();
  });

  it('keeps symbolic dims as names and leaves initializers out of the inputs', () => {
    const mlp = inspectOnnx(buildMlp({ inputs: 4, hidden: [8], outputs: 3, seed: 1 }));
    expect(mlp.inputs).toEqual([{ name: 'input', datatype: 'FP32', shape: ['batch', 4] }]);
    expect(mlp.outputs).toEqual([{ name: 'output', datatype: 'FP32', shape: ['batch', 3] }]);
    // IR < 4 style: weights listed as graph inputs too. They are not what a caller sends.
    const legacy = encodeModel({
      ...identityGraph,
      inputs: [...identityGraph.inputs, valueInfo('w', ElemType.FLOAT, [2])],
      initializers: [floatTensor('w', [2], new Float32Array([1, 2]))],
    });
    expect(inspectOnnx(legacy).inputs.map((i) => i.name)).toEqual(['x']);
    expect(inspectOnnx(buildConv()).inputs[0]?.shape).toHaveLength(4);
  });

  it.each([
    ['empty', new Uint8Array(0), /empty/],
    ['garbage', buildBrokenModel('garbage'), /protobuf decoding failed/],
    ['truncated', buildBrokenModel('truncated'), /truncated or not ONNX/],
    ['random bytes', new Uint8Array(Array.from({ length: 64 }, (_, i) => (i * 37 + 11) % 256)), /./],
  ])('refuses %s bytes with INVALID_ONNX', (_, bytes, reason) => {
    expect(reasonOf(bytes)).toMatch(reason);
  });

  it('refuses well-formed protobuf that is not a usable model, saying what is missing', () => {
    const encode = (m: onnxProto.onnx.IModelProto) => onnx.ModelProto.encode(onnx.ModelProto.create(m)).finish();
    const graph = onnx.ModelProto.decode(encodeModel(identityGraph)).graph as onnxProto.onnx.IGraphProto;
    const opsetImport = [{ domain: '', version: 13 }];
    expect(reasonOf(encode({ irVersion: 8, opsetImport }))).toMatch(/no graph/);
    expect(reasonOf(encode({ opsetImport, graph }))).toMatch(/ir_version/);
    expect(reasonOf(encode({ irVersion: 8, graph }))).toMatch(/opset_import is missing/);
    expect(reasonOf(encode({ irVersion: 8, graph, opsetImport: [{ domain: 'com.example', version: 1 }] }))).toMatch(/default ONNX domain/);
    expect(reasonOf(encode({ irVersion: 8, opsetImport, graph: { ...graph, input: [] } }))).toMatch(/no inputs/);
    expect(reasonOf(encode({ irVersion: 8, opsetImport, graph: { ...graph, output: [] } }))).toMatch(/no outputs/);
    const noShape = { name: 'x', type: { tensorType: { elemType: ElemType.FLOAT } } };
    expect(reasonOf(encode({ irVersion: 8, opsetImport, graph: { ...graph, input: [noShape] } }))).toMatch(/unknown rank/);
  });

  it('refuses models whose weights live in external data files', () => {
    const external = {
      name: 'w', dims: [2], dataType: ElemType.FLOAT,
      dataLocation: onnx.TensorProto.DataLocation.EXTERNAL,
      externalData: [{ key: 'location', value: 'weights.bin' }],
    };
    const bytes = encodeModel({ ...identityGraph, initializers: [external] });
    expect(reasonOf(bytes)).toMatch(/external data/);
  });

  it('refuses tensor types the Open Inference Protocol cannot carry', () => {
    expect(reasonOf(buildUnsupportedIdentityModel('BF16'))).toMatch(/input "x" has element type BFLOAT16/);
  });
});
