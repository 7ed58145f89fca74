/**
 * The integer subgraphs that replace one float MatMul, Gemm or Conv. With A the float activation
 * and W the constant weight:
 *
 *   DynamicQuantizeLinear(A)            -> A_q (uint8), A_scale, A_zp     (shared per activation)
 *   MatMulInteger(A_q, W_q, A_zp, W_zp) -> int32      (ConvInteger for Conv)
 *   Cast(int32 -> float) * (A_scale * W_scale)       (+ bias for Gemm C / Conv B)
 *
 * which is exact algebra: A*W ~= ((A_q - A_zp) * A_scale) * ((W_q - W_zp) * W_scale), and the integer
 * product of the zero-point-shifted terms is what MatMulInteger computes (ONNX operator spec,
 * https://onnx.ai/onnx/operators/onnx__MatMulInteger.html; scale and zero point of the activation
 * per https://onnx.ai/onnx/operators/onnx__DynamicQuantizeLinear.html, uint8 only). W_scale is a
 * vector over output columns / channels, so the last Mul applies a per-column scale; that order
 * (Mul of the two scales first) is the shape onnxruntime fuses into one integer-GEMM kernel.
 */
import { DataType, floatTensor, readFloats, tensorDims, uint8Tensor, type TensorProto } from './tensor-data.ts';
import { makeCast, makeNode, type NodeProto } from './onnx-graph.ts';
import {
  perColumn,
  perLeadingAxis,
  perTensor,
  quantizeAsymmetricUint8,
  quantizeSymmetricUint8,
  transpose2d,
  type QuantizedWeight,
} from './weight-quant.ts';

export type Int8Scheme = 'uint8-per-column' | 'uint8-per-tensor' | 'uint8-symmetric-per-channel';

/** The DynamicQuantizeLinear outputs for one activation. */
export interface QuantizedActivation {
  q: string;
  scale: string;
  zeroPoint: string;
}

export interface PatternContext {
  name: (base: string) => string;
  /** Quantized form of a float activation, created once per graph and reused. */
  activation: (tensor: string) => QuantizedActivation;
}

export interface Rewrite {
  nodes: NodeProto[];
  initializers: TensorProto[];
  scheme: Int8Scheme;
}

function weightTensors(ctx: PatternContext, base: string, dims: number[], w: QuantizedWeight, scaleDims: number[], factor: number) {
  const qName = ctx.name(`${base}_quantized`);
  const zpName = ctx.name(`${base}_zero_point`);
  const scaleName = ctx.name(`${base}_scale`);
  const zpDims = w.zeroPoints.length > 1 ? [w.zeroPoints.length] : [];
  const scales = factor === 1 ? w.scales : w.scales.map((s) => s * factor);
  const tensors: TensorProto[] = [
    uint8Tensor(qName, dims, w.data),
    uint8Tensor(zpName, zpDims, w.zeroPoints),
    floatTensor(scaleName, scales.length > 1 ? scaleDims : [], scales),
  ];
  return { qName, zpName, scaleName, tensors };
}

/** Cast(int32) * (A_scale * W_scale) -> output. */
function rescale(ctx: PatternContext, base: string, integer: string, activationScale: string, weightScale: string, output: string): NodeProto[] {
  const asFloat = ctx.name(`${base}_float`);
  const scale = ctx.name(`${base}_output_scale`);
  return [
    makeCast(integer, asFloat, DataType.FLOAT, ctx.name(`${base}_cast`)),
    makeNode('Mul', [activationScale, weightScale], [scale], ctx.name(`${base}_scale_mul`)),
    makeNode('Mul', [asFloat, scale], [output], ctx.name(`${base}_rescale`)),
  ];
}

export interface MatMulPlan {
  node: NodeProto;
  activation: string;
  /** Float weight laid out as [K, N]. */
  weight: TensorProto;
  transposed: boolean;
  /** Gemm alpha, folded into the weight scale. */
  alpha: number;
  /** Gemm C already multiplied by beta (constant), or a tensor name plus beta (run-time). */
  bias?: { constant: TensorProto } | { tensor: string; beta: number };
  perChannel: boolean;
  output: string;
}

export function matMulPattern(ctx: PatternContext, plan: MatMulPlan): Rewrite {
  const base = plan.node.name || `${plan.node.opType}_${plan.output}`;
  const dims = tensorDims(plan.weight);
  let values = readFloats(plan.weight);
  let [k, n] = dims as [number, number];
  if (plan.transposed) {
    values = transpose2d(values, k, n); // stored [N, K]
    [k, n] = [n, k];
  }
  const w = plan.perChannel ? quantizeAsymmetricUint8(values, n, perColumn(n)) : quantizeAsymmetricUint8(values, 1, perTensor);
  const t = weightTensors(ctx, base, [k, n], w, [n], plan.alpha);
  const a = ctx.activation(plan.activation);
  const integer = ctx.name(`${base}_int32`);
  const product = plan.bias ? ctx.name(`${base}_product`) : plan.output;
  const nodes = [
    makeNode('MatMulInteger', [a.q, t.qName, a.zeroPoint, t.zpName], [integer], ctx.name(`${base}_MatMulInteger`)),
    ...rescale(ctx, base, integer, a.scale, t.scaleName, product),
  ];
  const initializers = t.tensors;
  if (plan.bias && 'constant' in plan.bias) {
    initializers.push(plan.bias.constant);
    nodes.push(makeNode('Add', [product, plan.bias.constant.name ?? ''], [plan.output], ctx.name(`${base}_bias`)));
  } else if (plan.bias) {
    let c = plan.bias.tensor;
    if (plan.bias.beta !== 1) {
      const betaName = ctx.name(`${base}_beta`);
      initializers.push(floatTensor(betaName, [], Float32Array.of(plan.bias.beta)));
      c = ctx.name(`${base}_scaled_c`);
      nodes.push(makeNode('Mul', [plan.bias.tensor, betaName], [c], ctx.name(`${base}_beta_mul`)));
    }
    nodes.push(makeNode('Add', [product, c], [plan.output], ctx.name(`${base}_bias`)));
  }
  return { nodes, initializers, scheme: plan.perChannel ? 'uint8-per-column' : 'uint8-per-tensor' };
}

export interface ConvPlan {
  node: NodeProto;
  activation: string;
  weight: TensorProto;
  bias?: TensorProto;
  perChannel: boolean;
  output: string;
}

/** Attributes ConvInteger shares with Conv (ONNX ConvInteger-10). */
const CONV_ATTRS = new Set(['auto_pad', 'dilations', 'group', 'kernel_shape', 'pads', 'strides']);

export function convPattern(ctx: PatternContext, plan: ConvPlan): Rewrite {
  const base = plan.node.name || `Conv_${plan.output}`;
  const dims = tensorDims(plan.weight);
  const channels = dims[0] as number;
  const values = readFloats(plan.weight);
  const w = plan.perChannel
    ? quantizeSymmetricUint8(values, channels, perLeadingAxis(values.length / channels))
    : quantizeAsymmetricUint8(values, 1, perTensor);
  // [M, 1, 1, ...]: broadcasts over [N, M, spatial...] from the right.
  const channelDims = [channels, ...dims.slice(2).map(() => 1)];
  const t = weightTensors(ctx, base, dims, w, channelDims, 1);
  const a = ctx.activation(plan.activation);
  const integer = ctx.name(`${base}_int32`);
  const scaled = plan.bias ? ctx.name(`${base}_product`) : plan.output;
  const attrs = (plan.node.attribute ?? []).filter((at) => CONV_ATTRS.has(at.name ?? ''));
  const nodes = [
    makeNode('ConvInteger', [a.q, t.qName, a.zeroPoint, t.zpName], [integer], ctx.name(`${base}_ConvInteger`), attrs),
    ...rescale(ctx, base, integer, a.scale, t.scaleName, scaled),
  ];
  const initializers = t.tensors;
  if (plan.bias) {
    const biasName = ctx.name(`${base}_bias_channels`);
    initializers.push(floatTensor(biasName, channelDims, readFloats(plan.bias)));
    nodes.push(makeNode('Add', [scaled, biasName], [plan.output], ctx.name(`${base}_bias`)));
  }
  return { nodes, initializers, scheme: plan.perChannel ? 'uint8-symmetric-per-channel' : 'uint8-per-tensor' };
}

/** The shared DynamicQuantizeLinear node for one activation. */
export function dynamicQuantizeNode(activation: string, out: QuantizedActivation, name: string): NodeProto {
  return makeNode('DynamicQuantizeLinear', [activation], [out.q, out.scale, out.zeroPoint], name);
}

