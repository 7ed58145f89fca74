/**
 * INT8 variant: dynamic quantization of MatMul, Gemm and Conv weights into the integer operators
 * onnxruntime's CPU provider runs natively (see int8-patterns.ts for the subgraph and README.md for
 * what onnxruntime 1.30 accepts). Weights are quantized once, here; activations are quantized per
 * call by DynamicQuantizeLinear, so no calibration data is needed. Everything else stays float.
 */
import { assertInputWiring, assertOutputWiring } from './graph-check.ts';
import { createConstantScope, removeUnusedConstants, type ConstantRef, type ConstantScope } from './constant-scope.ts';
import { convPattern, dynamicQuantizeNode, matMulPattern, type Int8Scheme, type PatternContext, type QuantizedActivation, type Rewrite } from './int8-patterns.ts';
import {
  allGraphs,
  attrFloat,
  attrInt,
  createNamer,
  decodeModel,
  defaultOpset,
  encodeModel,
  findExternalTensor,
  isDefaultDomain,
  isQuantizedOp,
  refusal,
  type GraphProto,
  type GraphVisit,
  type ModelProto,
  type NodeProto,
  type VariantResult,
} from './onnx-graph.ts';
import { DataType, floatTensor, readFloats, tensorDims, type TensorProto } from './tensor-data.ts';

const BUILDER = 'quantizeInt8';
/** DynamicQuantizeLinear arrived in opset 11; MatMulInteger and ConvInteger in 10. */
const MIN_OPSET = 11;

export type QuantizableOp = 'MatMul' | 'Gemm' | 'Conv';

export interface QuantizeInt8Options {
  /** Operator types to quantize; default all three. */
  ops?: readonly QuantizableOp[];
  /** One scale per output column / channel (default) instead of one per weight tensor. */
  perChannel?: boolean;
  /** Node names to leave in float. */
  excludeNodes?: readonly string[];
}

export interface QuantizedNode {
  node: string;
  op: string;
  graph: string;
  weight: string;
  weightShape: number[];
  scheme: Int8Scheme;
}

export interface SkippedNode {
  node: string;
  op: string;
  graph: string;
  reason: string;
}

export interface Int8Report {
  quantized: QuantizedNode[];
  skipped: SkippedNode[];
  /** Float weights dropped because nothing reads them any more. */
  removedConstants: number;
  bytesBefore: number;
  bytesAfter: number;
}

type Decision =
  | { skip: string }
  | { rewrite: (ctx: PatternContext) => Rewrite; weight: ConstantRef; extra: ConstantRef[] };

export function quantizeInt8(modelBytes: Uint8Array, options: QuantizeInt8Options = {}): VariantResult<Int8Report> {
  const model = decodeModel(modelBytes, BUILDER);
  const main = model.graph as GraphProto;
  preflight(model);
  const scope = createConstantScope(main);
  const name = createNamer(main);
  const report: Int8Report = { quantized: [], skipped: [], removedConstants: 0, bytesBefore: modelBytes.length, bytesAfter: 0 };
  const replaced: ConstantRef[] = [];
  const settings = { ops: new Set(options.ops ?? ['MatMul', 'Gemm', 'Conv']), perChannel: options.perChannel ?? true, exclude: new Set(options.excludeNodes ?? []), opset: defaultOpset(model) };

  for (const visit of allGraphs(main)) {
    const out: NodeProto[] = [];
    const activations = new Map<string, QuantizedActivation>();
    const ctx: PatternContext = {
      name,
      activation(tensor) {
        const known = activations.get(tensor);
        if (known) return known;
        const q: QuantizedActivation = { q: name(`${tensor}_quantized`), scale: name(`${tensor}_scale`), zeroPoint: name(`${tensor}_zero_point`) };
        out.push(dynamicQuantizeNode(tensor, q, name(`${tensor}_DynamicQuantizeLinear`)));
        activations.set(tensor, q);
        return q;
      },
    };
    for (const node of visit.graph.node ?? []) {
      const decision = decide(node, visit, scope, settings);
      if (!decision) {
        out.push(node);
      } else if ('skip' in decision) {
        report.skipped.push({ node: node.name ?? '', op: node.opType ?? '', graph: visit.path, reason: decision.skip });
        out.push(node);
      } else {
        const rewrite = decision.rewrite(ctx);
        out.push(...rewrite.nodes);
        visit.graph.initializer = [...(visit.graph.initializer ?? []), ...rewrite.initializers];
        replaced.push(decision.weight, ...decision.extra);
        report.quantized.push({
          node: node.name ?? '', op: node.opType ?? '', graph: visit.path, weight: decision.weight.name,
          weightShape: tensorDims(decision.weight.tensor), scheme: rewrite.scheme,
        });
      }
    }
    visit.graph.node = out;
  }
  report.removedConstants = removeUnusedConstants(main, replaced);
  const bytes = encodeModel(model);
  assertOutputWiring(bytes, BUILDER);
  report.bytesAfter = bytes.length;
  return { bytes, report };
}

function preflight(model: ModelProto): void {
  const main = model.graph as GraphProto;
  const external = findExternalTensor(main);
  if (external) {
    throw refusal(BUILDER, `tensor "${external.tensor}" is kept in an external data file; upload one self-contained .onnx file`, external.node, external.path);
  }
  for (const { graph, path } of allGraphs(main)) {
    const quantized = (graph.node ?? []).find(isQuantizedOp);
    if (quantized) throw refusal(BUILDER, 'the model is already quantized; build variants from the float original', quantized, path);
  }
  assertInputWiring(main, BUILDER);
}

interface Settings {
  ops: Set<string>;
  perChannel: boolean;
  exclude: Set<string>;
  opset: number;
}

/** undefined: not a candidate (left alone silently); skip: a candidate left in float, with why. */
function decide(node: NodeProto, visit: GraphVisit, scope: ConstantScope, s: Settings): Decision | undefined {
  const op = node.opType ?? '';
  if (!isDefaultDomain(node.domain)) {
    return /MatMul|Gemm|Conv/.test(op) ? { skip: `operator of domain "${node.domain}" is left as it is` } : undefined;
  }
  if (!s.ops.has(op)) return undefined;
  if (s.exclude.has(node.name ?? '')) return { skip: 'excluded by the options' };
  if (s.opset < MIN_OPSET) return { skip: `opset ${s.opset} has no DynamicQuantizeLinear (needs opset ${MIN_OPSET})` };
  const weight = constantWeight(node, 1, visit.graph, scope);
  if ('skip' in weight) return weight;
  const rank = tensorDims(weight.ref.tensor).length;
  if (op === 'Conv') {
    if (rank < 3) return { skip: `W has rank ${rank}; Conv weights are [M, C, k...]` };
    return decideConv(node, weight.ref, visit, scope, s);
  }
  if (rank !== 2) return { skip: `B has rank ${rank}; only 2-D weights are quantized (per-column scales need [K, N])` };
  return op === 'Gemm' ? decideGemm(node, weight.ref, visit, scope, s) : decideMatMul(node, weight.ref, s);
}

function constantWeight(node: NodeProto, index: number, graph: GraphProto, scope: ConstantScope): { ref: ConstantRef } | { skip: string } {
  const role = node.opType === 'Conv' ? 'W' : 'B';
  const input = node.input?.[index] ?? '';
  const ref = scope.lookup(graph, input);
  if (!ref) return { skip: `${role} ("${input}") is not a constant initializer; it is computed at run time` };
  if (ref.overridable) return { skip: `${role} ("${input}") is also a graph input, so a caller may replace it at run time` };
  if (ref.tensor.dataType !== DataType.FLOAT) return { skip: `${role} ("${input}") is ${DataType[ref.tensor.dataType ?? 0]}, not float32` };
  return { ref };
}

function decideMatMul(node: NodeProto, weight: ConstantRef, s: Settings): Decision {
  return {
    weight, extra: [],
    rewrite: (ctx) => matMulPattern(ctx, { node, activation: node.input?.[0] ?? '', weight: weight.tensor, transposed: false, alpha: 1, perChannel: s.perChannel, output: node.output?.[0] ?? '' }),
  };
}

function decideGemm(node: NodeProto, weight: ConstantRef, visit: GraphVisit, scope: ConstantScope, s: Settings): Decision {
  // Y = alpha * A' * B' + beta * C (ONNX Gemm). A transposed would need a Transpose before the
  // quantizer; rare enough in exported models to leave in float.
  if (attrInt(node, 'transA', 0) !== 0) return { skip: 'transA=1 (transposed activation) is left in float' };
  const alpha = attrFloat(node, 'alpha', 1);
  const beta = attrFloat(node, 'beta', 1);
  const c = node.input?.[2] ?? '';
  const extra: ConstantRef[] = [];
  let bias: { constant: TensorProto } | { tensor: string; beta: number } | undefined;
  if (c) {
    const ref = scope.lookup(visit.graph, c);
    if (ref && !ref.overridable && ref.tensor.dataType === DataType.FLOAT) {
      extra.push(ref);
      bias = { constant: floatTensor(`${c}_times_beta`, tensorDims(ref.tensor), readFloats(ref.tensor).map((v) => v * beta)) };
    } else {
      bias = { tensor: c, beta };
    }
  }
  return {
    weight, extra,
    rewrite: (ctx) => {
      // Name the folded bias through the context so it cannot collide with an existing tensor.
      if (bias && 'constant' in bias) bias.constant.name = ctx.name(bias.constant.name ?? 'bias');
      return matMulPattern(ctx, {
        node, activation: node.input?.[0] ?? '', weight: weight.tensor, transposed: attrInt(node, 'transB', 0) !== 0,
        alpha, ...(bias ? { bias } : {}), perChannel: s.perChannel, output: node.output?.[0] ?? '',
      });
    },
  };
}

function decideConv(node: NodeProto, weight: ConstantRef, visit: GraphVisit, scope: ConstantScope, s: Settings): Decision {
  const b = node.input?.[2] ?? '';
  const extra: ConstantRef[] = [];
  let bias: TensorProto | undefined;
  if (b) {
    const ref = scope.lookup(visit.graph, b);
    const channels = tensorDims(weight.tensor)[0];
    if (!ref || ref.overridable || ref.tensor.dataType !== DataType.FLOAT || tensorDims(ref.tensor).join() !== String(channels)) {
      return { skip: `bias ("${b}") is not a constant float32 vector of ${channels} values` };
    }
    extra.push(ref);
    bias = ref.tensor;
  }
  return {
    weight, extra,
    rewrite: (ctx) => convPattern(ctx, { node, activation: node.input?.[0] ?? '', weight: weight.tensor, ...(bias ? { bias } : {}), perChannel: s.perChannel, output: node.output?.[0] ?? '' }),
  };
}
