/**
 * What convertFp16 knows about each ONNX operator: the element type of its outputs (so it can tell
 * which tensors are float and may change precision) and which float inputs must stay float32.
 * An operator missing here is refused: converting it blind could hand it a type it rejects.
 */

/**
 * How an output's element type follows from the node: `input0` same as input 0 (most ops), `input1`
 * / `input2` same as that input, `bool` / `int64` fixed, `fp32` always float32 (kept in FP32 by the
 * converter), `cast` the `to` attribute, `constant` the value attribute, `dtype` the dtype attribute
 * (else input 0, else float32), `subgraph` from the body or branch outputs.
 */
export type OutputRule = 'input0' | 'input1' | 'input2' | 'bool' | 'int64' | 'fp32' | 'cast' | 'constant' | 'dtype' | 'subgraph';

export interface OpInfo {
  /** Rule per output index; the last one repeats for further outputs. */
  outputs: readonly OutputRule[];
  /** Float inputs whose type is fixed to float32 by the operator schema, whatever T is. */
  fp32Inputs?: readonly number[];
}

const same: OpInfo = { outputs: ['input0'] };
const toBool: OpInfo = { outputs: ['bool'] };
const toInt64: OpInfo = { outputs: ['int64'] };

const group = (names: string, info: OpInfo) => names.split(/\s+/).filter(Boolean).map((n) => [n, info] as const);

export const OP_INFO: ReadonlyMap<string, OpInfo> = new Map<string, OpInfo>([
  // Data movement: copy elements, never compute with them.
  ...group(
    `Identity Reshape Transpose Squeeze Unsqueeze Concat Split Slice Gather GatherElements GatherND
     ScatterElements ScatterND Expand Tile Flatten Pad DepthToSpace SpaceToDepth Compress ReverseSequence Trilu`,
    same,
  ),
  // Elementwise and numeric: same type in, same type out.
  ...group(
    `Abs Neg Reciprocal Floor Ceil Round Sign Sqrt Exp Log Erf Sin Cos Tan Asin Acos Atan Sinh Cosh Asinh
     Acosh Atanh Relu LeakyRelu Elu Selu Celu Sigmoid HardSigmoid HardSwish Tanh Softplus Softsign Gelu Mish
     ThresholdedRelu Shrink Softmax LogSoftmax Hardmax Add Sub Mul Div Pow Mod PRelu Max Min Mean Sum Clip
     MatMul Gemm Conv ConvTranspose AveragePool GlobalAveragePool GlobalMaxPool LpPool GlobalLpPool
     BatchNormalization InstanceNormalization GroupNormalization LRN MeanVarianceNormalization Einsum CumSum
     LSTM GRU RNN ReduceMean ReduceSum ReduceMax ReduceMin ReduceProd ReduceL1 ReduceL2 ReduceLogSum
     ReduceLogSumExp ReduceSumSquare Range`,
    same,
  ),
  ...group('Equal Less LessOrEqual Greater GreaterOrEqual Not And Or Xor IsNaN IsInf', toBool),
  ...group('Shape Size ArgMax ArgMin NonZero', toInt64),
  ['Dropout', { outputs: ['input0', 'bool'] }],
  ['MaxPool', { outputs: ['input0', 'int64'] }],
  ['TopK', { outputs: ['input0', 'int64'] }],
  ['Unique', { outputs: ['input0', 'int64'] }],
  // Mean and inverse standard deviation come out in stash_type, float32 by default.
  ['LayerNormalization', { outputs: ['input0', 'fp32'] }],
  ['Resize', { outputs: ['input0'], fp32Inputs: [2] }],
  ['Upsample', { outputs: ['input0'], fp32Inputs: [1] }],
  ['Where', { outputs: ['input1'] }],
  ['OneHot', { outputs: ['input2'] }],
  ['CastLike', { outputs: ['input1'] }],
  ['Cast', { outputs: ['cast'] }],
  ['Constant', { outputs: ['constant'] }],
  ['ConstantOfShape', { outputs: ['constant'] }],
  ...group('EyeLike RandomNormal RandomUniform RandomNormalLike RandomUniformLike Bernoulli', { outputs: ['dtype'] }),
  ...group('If Loop Scan', { outputs: ['subgraph'] }),
]);

/**
 * Operators that onnxruntime-node 1.30's CPU provider has no float16 kernel for (x86-64 build),
 * found by probing: a one-node float16 model of each, loaded with its optimized graph saved, shows
 * whether onnxruntime had to insert its own "InsertedPrecisionFreeCast" nodes around it
 * (fp16-ops.test.ts re-checks the list against the installed onnxruntime). convertFp16 keeps these in
 * FP32 between explicit Casts by default. Only operators with float inputs or outputs matter here;
 * comparisons and shape ops that merely read a float tensor need no entry when they have a kernel.
 */
export const FP16_CPU_BLOCK_LIST: readonly string[] = [
  // No float16 kernel: onnxruntime inserts casts around these (the probe's "no-kernel").
  'Abs', 'Acos', 'Acosh', 'Add', 'Asin', 'Asinh', 'Atan', 'Atanh', 'AveragePool', 'BatchNormalization',
  'Bernoulli', 'Ceil', 'Conv', 'ConvTranspose', 'Cos', 'Cosh', 'CumSum', 'DepthToSpace', 'Div', 'Dropout',
  'Einsum', 'Elu', 'Erf', 'Exp', 'EyeLike', 'Floor', 'GRU', 'Gelu', 'Gemm', 'GlobalAveragePool',
  'GlobalLpPool', 'GlobalMaxPool', 'GroupNormalization', 'HardSigmoid', 'HardSwish', 'Hardmax',
  'InstanceNormalization', 'LRN', 'LSTM', 'LeakyRelu', 'Log', 'LogSoftmax', 'LpPool', 'MatMul', 'MaxPool',
  'Mean', 'MeanVarianceNormalization', 'Mish', 'Mul', 'Neg', 'OneHot', 'PRelu', 'Pad', 'Pow', 'RNN',
  'RandomNormalLike', 'RandomUniformLike', 'Reciprocal', 'ReduceL1', 'ReduceL2', 'ReduceLogSum',
  'ReduceLogSumExp', 'ReduceMax', 'ReduceMean', 'ReduceMin', 'ReduceProd', 'ReduceSum', 'ReduceSumSquare',
  'Relu', 'Resize', 'Selu', 'Sigmoid', 'Sin', 'Sinh', 'Softmax', 'Softplus', 'Softsign', 'SpaceToDepth',
  'Sqrt', 'Sub', 'Sum', 'Tan', 'Tanh', 'ThresholdedRelu', 'Tile', 'TopK', 'Trilu', 'Unique', 'Where',
  // The ONNX schema itself has no float16 (Celu-12, IsInf-10, Range-11); Upsample is deprecated.
  'Celu', 'IsInf', 'Range', 'Upsample',
];

/**
 * The shortest usable block list: operators whose ONNX schema has no float16 type (at the opsets
 * exporters use), which no runtime can run in half precision. A variant for GPU or WebGPU devices
 * can pass this as `blockList`; onnxruntime's CPU provider still runs it by inserting its own casts.
 */
export const FP16_SCHEMA_BLOCK_LIST: readonly string[] = ['Celu', 'IsInf', 'Range'];

/** The rule for output `index` of an operator. */
export function outputRule(info: OpInfo, index: number): OutputRule {
  return info.outputs[Math.min(index, info.outputs.length - 1)] as OutputRule;
}
