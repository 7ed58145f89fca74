/**
 * Test support: does onnxruntime's CPU provider have a float16 kernel for an operator? A one-node
 * FP32 model of the operator goes through convertFp16 with an empty block list, and onnxruntime
 * saves the graph it actually runs: when it lacks the kernel it wraps the node in its own
 * "InsertedPrecisionFreeCast" nodes (its insert-cast transformer), which is what we look for.
 */
import onnxProto from 'onnx-proto';
import { convertFp16 } from './convert-fp16.ts';
import { OP_INFO, outputRule } from './fp16-ops.ts';
import { encodeModel, makeAttr, makeNode, type AttrInput, type ValueInfoProto } from './onnx-graph.ts';
import { optimizedGraph } from './optimized-graph.ts';
import { DataType, floatTensor, type TensorProto } from './tensor-data.ts';

const { onnx } = onnxProto;

/** A probe input: a float graph input of a shape, or a constant (int64, bool or float values). */
export type ProbeInput = number[] | { int64: number[]; dims?: number[] } | { bool: boolean[] } | { float: number[]; dims?: number[] } | { int64Input: number[] } | '';

export interface ProbeSpec {
  op: string;
  inputs: ProbeInput[];
  attrs?: Record<string, AttrInput>;
  outputs?: number;
  opset?: number;
}

const X = [2, 2, 4, 4];
const unary = (op: string, attrs?: Record<string, AttrInput>, opset?: number): ProbeSpec => ({ op, inputs: [X], ...(attrs ? { attrs } : {}), ...(opset ? { opset } : {}) });
const binary = (op: string, attrs?: Record<string, AttrInput>): ProbeSpec => ({ op, inputs: [X, X], ...(attrs ? { attrs } : {}) });
const ints = (values: number[], dims?: number[]) => ({ int64: values, ...(dims ? { dims } : {}) });
const floats = (n: number, dims?: number[]) => ({ float: Array.from({ length: n }, (_, i) => (i % 5) / 10 + 0.5), dims: dims ?? [n] });

/** One probe per operator of OP_INFO that reads or writes float tensors through a typed kernel. */
export const PROBES: readonly ProbeSpec[] = [
  ...`Identity Transpose Flatten Abs Neg Reciprocal Floor Ceil Round Sign Sqrt Exp Log Erf Sin Cos Tan Asin
   Acos Atan Sinh Cosh Asinh Acosh Atanh Relu LeakyRelu Elu Selu Celu Sigmoid HardSigmoid HardSwish Tanh
   Softplus Softsign ThresholdedRelu Shrink Softmax LogSoftmax Hardmax Clip GlobalAveragePool GlobalMaxPool
   GlobalLpPool MeanVarianceNormalization ReduceMean ReduceSum ReduceMax ReduceMin ReduceProd ReduceL1 ReduceL2
   ReduceLogSum ReduceLogSumExp ReduceSumSquare Dropout IsNaN IsInf ArgMax ArgMin NonZero Trilu
   RandomNormalLike RandomUniformLike Bernoulli`.split(/\s+/).filter(Boolean).map((op) => unary(op)),
  unary('Mish', undefined, 18),
  unary('Gelu', undefined, 20),
  unary('LRN', { size: 3 }),
  { op: 'EyeLike', inputs: [[3, 3]] },
  ...'Add Sub Mul Div Pow PRelu Max Min Mean Sum MatMul Equal Less LessOrEqual Greater GreaterOrEqual CastLike'.split(' ').map((op) => binary(op)),
  binary('Mod', { fmod: 1 }),
  binary('Concat', { axis: 0 }),
  { op: 'Where', inputs: [{ bool: [true, false, true, true] }, X, X] },
  { op: 'Reshape', inputs: [X, ints([-1], [1])] },
  { op: 'Squeeze', inputs: [[1, 2, 4, 4], ints([0], [1])] },
  { op: 'Unsqueeze', inputs: [X, ints([0], [1])] },
  { op: 'Split', inputs: [X], attrs: { axis: 0 }, outputs: 2 },
  { op: 'Slice', inputs: [X, ints([0], [1]), ints([1], [1]), ints([0], [1])] },
  { op: 'Gather', inputs: [X, ints([0], [1])] },
  { op: 'GatherElements', inputs: [X, ints(new Array(64).fill(0), X)] },
  { op: 'GatherND', inputs: [X, ints([0], [1, 1])] },
  { op: 'ScatterElements', inputs: [X, ints(new Array(64).fill(0), X), X] },
  { op: 'ScatterND', inputs: [X, ints([0], [1, 1]), [1, 2, 4, 4]] },
  { op: 'Expand', inputs: [X, ints([2, 2, 4, 4], [4])] },
  { op: 'Tile', inputs: [X, ints([1, 1, 1, 2], [4])] },
  { op: 'Pad', inputs: [X, ints([0, 0, 1, 1, 0, 0, 1, 1], [8])] },
  { op: 'DepthToSpace', inputs: [[1, 4, 2, 2]], attrs: { blocksize: 2 } },
  { op: 'SpaceToDepth', inputs: [[1, 1, 4, 4]], attrs: { blocksize: 2 } },
  { op: 'Compress', inputs: [X, { bool: [true, false] }], attrs: { axis: 0 } },
  { op: 'ReverseSequence', inputs: [X, ints([2, 1], [2])], attrs: { batch_axis: 1, time_axis: 0 } },
  { op: 'Gemm', inputs: [[2, 4], floats(12, [4, 3]), floats(3)] },
  { op: 'Conv', inputs: [X, floats(54, [3, 2, 3, 3]), floats(3)], attrs: { kernel_shape: [3, 3] } },
  { op: 'ConvTranspose', inputs: [X, floats(36, [2, 2, 3, 3])], attrs: { kernel_shape: [3, 3] } },
  { op: 'AveragePool', inputs: [X], attrs: { kernel_shape: [2, 2] } },
  { op: 'MaxPool', inputs: [X], attrs: { kernel_shape: [2, 2] } },
  { op: 'LpPool', inputs: [X], attrs: { kernel_shape: [2, 2] } },
  { op: 'BatchNormalization', inputs: [X, floats(2), floats(2), floats(2), floats(2)] },
  { op: 'InstanceNormalization', inputs: [X, floats(2), floats(2)] },
  { op: 'GroupNormalization', inputs: [X, floats(2), floats(2)], attrs: { num_groups: 2 }, opset: 18 },
  { op: 'LayerNormalization', inputs: [X, floats(4), floats(4)] },
  { op: 'Einsum', inputs: [[2, 4], [4, 3]], attrs: { equation: { string: 'ij,jk->ik' } } },
  { op: 'CumSum', inputs: [X, ints([0], [])] },
  { op: 'LSTM', inputs: [[2, 1, 3], floats(24, [1, 8, 3]), floats(16, [1, 8, 2])], attrs: { hidden_size: 2 } },
  { op: 'GRU', inputs: [[2, 1, 3], floats(18, [1, 6, 3]), floats(12, [1, 6, 2])], attrs: { hidden_size: 2 } },
  { op: 'RNN', inputs: [[2, 1, 3], floats(6, [1, 2, 3]), floats(4, [1, 2, 2])], attrs: { hidden_size: 2 } },
  { op: 'TopK', inputs: [X, ints([1], [1])], outputs: 2 },
  { op: 'Unique', inputs: [X] },
  { op: 'Resize', inputs: [[1, 1, 2, 2], '', { float: [1, 1, 2, 2] }] },
  { op: 'Range', inputs: [[], [], []] },
  { op: 'OneHot', inputs: [{ int64Input: [2] }, ints([3], []), [2]] },
  { op: 'ConstantOfShape', inputs: [{ int64Input: [2] }], attrs: { value: { tensor: floatTensor('', [1], Float32Array.of(1.5)) } } },
];

/**
 * Operators of OP_INFO with no probe: they run any element type (Cast, Shape, Size, Constant,
 * If, Loop, Scan), read only booleans (Not, And, Or, Xor), write float32 by attribute (RandomNormal,
 * RandomUniform), or are deprecated (Upsample, replaced by Resize in opset 10; blocked anyway).
 */
export const UNPROBED = new Set(['Cast', 'Shape', 'Size', 'Constant', 'If', 'Loop', 'Scan', 'Not', 'And', 'Or', 'Xor', 'RandomNormal', 'RandomUniform', 'Upsample']);

const vi = (name: string, elemType: number, dims?: number[]): ValueInfoProto => ({
  name,
  type: { tensorType: { elemType, ...(dims ? { shape: { dim: dims.map((d) => ({ dimValue: d })) } } : {}) } },
});

/** The FP32 one-node model of a probe. */
export function probeModel(spec: ProbeSpec): Uint8Array {
  const inputs: ValueInfoProto[] = [];
  const initializers: TensorProto[] = [];
  const names = spec.inputs.map((input, i) => {
    if (input === '') return '';
    const name = `in${i}`;
    if (Array.isArray(input)) inputs.push(vi(name, DataType.FLOAT, input));
    else if ('int64Input' in input) inputs.push(vi(name, DataType.INT64, input.int64Input));
    else if ('int64' in input) initializers.push({ name, dataType: DataType.INT64, dims: input.dims ?? [input.int64.length], int64Data: input.int64 });
    else if ('bool' in input) initializers.push({ name, dataType: DataType.BOOL, dims: [input.bool.length], int32Data: input.bool.map(Number) });
    else initializers.push(floatTensor(name, input.dims ?? [input.float.length], Float32Array.from(input.float)));
    return name;
  });
  const outputNames = Array.from({ length: spec.outputs ?? 1 }, (_, i) => `out${i}`);
  const info = OP_INFO.get(spec.op);
  const outputType = (i: number) => {
    const rule = info ? outputRule(info, i) : 'input0';
    return rule === 'bool' ? DataType.BOOL : rule === 'int64' ? DataType.INT64 : DataType.FLOAT;
  };
  const attrs = Object.entries(spec.attrs ?? {}).map(([k, v]) => makeAttr(k, v));
  const model = onnx.ModelProto.create({
    irVersion: 8,
    opsetImport: [{ domain: '', version: spec.opset ?? 17 }],
    graph: {
      name: `probe_${spec.op}`,
      input: inputs,
      initializer: initializers,
      output: outputNames.map((n, i) => vi(n, outputType(i))),
      node: [makeNode(spec.op, names, outputNames, 'probe', attrs)],
    },
  });
  return encodeModel(model);
}

/**
 * `kernel`: runs in float16 (directly, or as a function body of ops that do); `no-kernel`:
 * onnxruntime inserted its own casts; `schema`: the ONNX schema of the op (at the probed opset)
 * has no float16 type, so the model does not even load; `error`: the probe itself is broken.
 */
export type Fp16Support = 'kernel' | 'no-kernel' | 'schema' | 'error';

export interface ProbeResult {
  op: string;
  support: Fp16Support;
  detail?: string;
}

export async function probeFp16Kernel(spec: ProbeSpec): Promise<ProbeResult> {
  try {
    const { bytes } = convertFp16(probeModel(spec), { blockList: [] });
    // 'disabled' keeps single nodes like Identity or Dropout from being optimized away.
    const graph = await optimizedGraph(bytes, 'disabled');
    if (graph.insertedCasts) return { op: spec.op, support: 'no-kernel' };
    // An op without a kernel but with a function body (LessOrEqual) is inlined into ops that have one.
    return { op: spec.op, support: 'kernel', ...(graph.nodeNames.includes('probe') ? {} : { detail: 'inlined as its function body' }) };
  } catch (error) {
    const detail = (error as Error).message.split('\n')[0] ?? '';
    return { op: spec.op, support: /Type Error: Type 'tensor\(float16\)'/.test(detail) ? 'schema' : 'error', detail };
  }
}
