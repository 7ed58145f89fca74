/**
 * Test support: small graphs the shared fixtures (test/fixtures/models) do not cover, built with the
 * same onnx-proto classes: Gemm attribute variants, MatMul on a run-time B, 3-D activations, If and
 * Loop bodies with operators the builders must refuse, external data, large constants.
 */
import onnxProto from 'onnx-proto';
import { createPrng } from './generate-inputs.ts';
import { encodeModel, makeAttr, makeNode, type AttrInput, type GraphProto, type NodeProto, type ValueInfoProto } from './onnx-graph.ts';
import { DataType, floatTensor, readFloats, type TensorProto } from './tensor-data.ts';

const { onnx } = onnxProto;

export const vi = (name: string, elemType: number, dims: (number | string)[]): ValueInfoProto => ({
  name,
  type: { tensorType: { elemType, shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) } } },
});

export const node = (op: string, inputs: string[], outputs: string[], attrs: Record<string, AttrInput> = {}, domain = ''): NodeProto => ({
  ...makeNode(op, inputs, outputs, `${op}_${outputs[0] ?? ''}`, Object.entries(attrs).map(([k, v]) => makeAttr(k, v))),
  domain,
});

export function randomTensor(name: string, dims: number[], seed: number, limit = 0.5): TensorProto {
  const next = createPrng(seed);
  const n = dims.reduce((a, b) => a * b, 1);
  return floatTensor(name, dims, Float32Array.from({ length: n }, () => (next() * 2 - 1) * limit));
}

export interface TestGraph {
  inputs: ValueInfoProto[];
  outputs: ValueInfoProto[];
  nodes: NodeProto[];
  initializers?: TensorProto[];
  opset?: number;
  /** Extra opset imports, e.g. { 'com.example': 1 }. */
  domains?: Record<string, number>;
}

export function buildTestModel(spec: TestGraph): Uint8Array {
  const graph: GraphProto = { name: 'test', input: spec.inputs, output: spec.outputs, node: spec.nodes, initializer: spec.initializers ?? [] };
  const imports = [{ domain: '', version: spec.opset ?? 13 }, ...Object.entries(spec.domains ?? {}).map(([domain, version]) => ({ domain, version }))];
  return encodeModel(onnx.ModelProto.create({ irVersion: 8, producerName: 'edgefleet-variant-tests', opsetImport: imports, graph }));
}

/** Y = alpha * X * B' + beta * C with X [batch, 16], B' [16, 8]; C constant or a second input. */
export function buildGemmModel(options: { transA?: boolean; transB?: boolean; alpha?: number; beta?: number; runtimeC?: boolean }): Uint8Array {
  const { transA = false, transB = false, alpha = 1, beta = 1, runtimeC = false } = options;
  const inputs = [vi('x', DataType.FLOAT, transA ? [16, 'batch'] : ['batch', 16])];
  if (runtimeC) inputs.push(vi('c', DataType.FLOAT, [8]));
  return buildTestModel({
    inputs,
    outputs: [vi('y', DataType.FLOAT, ['batch', 8])],
    initializers: [randomTensor('b', transB ? [8, 16] : [16, 8], 5), ...(runtimeC ? [] : [randomTensor('c', [8], 6)])],
    nodes: [node('Gemm', ['x', 'b', 'c'], ['y'], { transA: transA ? 1 : 0, transB: transB ? 1 : 0, alpha: { float: alpha }, beta: { float: beta } })],
  });
}

/**
 * x [batch, 3, 16] @ w [16, 8] (a 3-D activation), then @ z where z is the second input (a B
 * computed at run time, left in float).
 */
export function buildMatMulModel(): Uint8Array {
  return buildTestModel({
    inputs: [vi('x', DataType.FLOAT, ['batch', 3, 16]), vi('z', DataType.FLOAT, [8, 4])],
    outputs: [vi('y', DataType.FLOAT, ['batch', 3, 4])],
    initializers: [randomTensor('w', [16, 8], 7)],
    nodes: [node('MatMul', ['x', 'w'], ['h']), node('MatMul', ['h', 'z'], ['y'])],
  });
}

/** An If whose then-branch runs an operator of a custom domain: convertFp16 cannot type it. */
export function buildCustomOpInIfModel(): Uint8Array {
  const branch = (name: string, nodes: NodeProto[], out: string): GraphProto => ({ name, node: nodes, output: [vi(out, DataType.FLOAT, [1, 4])] });
  return buildTestModel({
    inputs: [vi('x', DataType.FLOAT, [1, 4]), vi('flag', DataType.BOOL, [])],
    outputs: [vi('y', DataType.FLOAT, [1, 4])],
    domains: { 'com.example': 1 },
    nodes: [
      node('If', ['flag'], ['y'], {
        then_branch: { graph: branch('then', [node('FancyActivation', ['x'], ['t'], {}, 'com.example')], 't') },
        else_branch: { graph: branch('else', [node('Relu', ['x'], ['e'])], 'e') },
      }),
    ],
  });
}

/** A Loop whose body uses an operator convertFp16 has no rule for (SequenceEmpty makes a sequence). */
export function buildUnknownOpInLoopModel(): Uint8Array {
  const body: GraphProto = {
    name: 'body',
    input: [vi('i', DataType.INT64, []), vi('cond_in', DataType.BOOL, []), vi('acc_in', DataType.FLOAT, [1, 4])],
    output: [vi('cond_out', DataType.BOOL, []), vi('acc_out', DataType.FLOAT, [1, 4])],
    node: [node('Identity', ['cond_in'], ['cond_out']), node('SequenceEmpty', [], ['seq']), node('Relu', ['acc_in'], ['acc_out'])],
  };
  return buildTestModel({
    inputs: [vi('x', DataType.FLOAT, [1, 4]), vi('n', DataType.INT64, [])],
    outputs: [vi('y', DataType.FLOAT, [1, 4])],
    nodes: [node('Loop', ['n', '', 'x'], ['y'], { body: { graph: body } })],
  });
}

/** A MatMul whose weight lives in an external data file. */
export function buildExternalDataModel(): Uint8Array {
  const weight: TensorProto = {
    name: 'w', dims: [4, 4], dataType: DataType.FLOAT, dataLocation: onnx.TensorProto.DataLocation.EXTERNAL,
    externalData: [{ key: 'location', value: 'weights.bin' }],
  };
  return buildTestModel({
    inputs: [vi('x', DataType.FLOAT, [1, 4])],
    outputs: [vi('y', DataType.FLOAT, [1, 4])],
    initializers: [weight],
    nodes: [node('MatMul', ['x', 'w'], ['y'])],
  });
}

/**
 * y = Cast(n -> float) * 1 + big: an int64 count made float and read only by blocked operators
 * (must stay exact, not pass through float16), and a constant beyond the float16 range.
 */
export function buildCastAndBigConstantModel(): Uint8Array {
  return buildTestModel({
    inputs: [vi('n', DataType.INT64, [1])],
    outputs: [vi('y', DataType.FLOAT, [1])],
    initializers: [floatTensor('one', [1], Float32Array.of(1)), floatTensor('big', [1], Float32Array.of(1e6))],
    nodes: [node('Cast', ['n'], ['nf'], { to: DataType.FLOAT }), node('Mul', ['nf', 'one'], ['m']), node('Add', ['m', 'big'], ['y'])],
  });
}

/** The same model with one float initializer's values shuffled: a variant that went badly wrong. */
export function scrambleWeights(bytes: Uint8Array, initializer: string, seed = 1): Uint8Array {
  const model = onnx.ModelProto.decode(bytes);
  const tensor = (model.graph?.initializer ?? []).find((t) => t.name === initializer);
  if (!tensor) throw new Error(`no initializer ${initializer}`);
  const values = readFloats(tensor);
  const next = createPrng(seed);
  for (let i = values.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [values[i], values[j]] = [values[j] as number, values[i] as number];
  }
  Object.assign(tensor, floatTensor(initializer, [...(tensor.dims ?? []).map(Number)], values), { floatData: [] });
  return encodeModel(model);
}

/** y = x, or y = Cast(x -> float16) when `half`: the same values, FP16 on the wire. */
export function buildPassThroughModel(half: boolean): Uint8Array {
  return buildTestModel({
    inputs: [vi('x', DataType.FLOAT, ['batch', 4])],
    outputs: [vi('y', half ? DataType.FLOAT16 : DataType.FLOAT, ['batch', 4])],
    nodes: [half ? node('Cast', ['x'], ['y'], { to: DataType.FLOAT16 }) : node('Identity', ['x'], ['y'])],
  });
}
