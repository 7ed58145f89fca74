/**
 * The registry's recipe per variant: which builder, with which options, and what of its report
 * goes into the variant's evidence. The CLI's `edgefleet quantize` calls the same builders.
 */
import type { Variant } from '../../../protocol/index.ts';
import { convertFp16, type Fp16Report } from './convert-fp16.ts';
import { FP16_SCHEMA_BLOCK_LIST } from './fp16-ops.ts';
import { quantizeInt8, type Int8Report } from './quantize-int8.ts';

export type BuiltVariant =
  | { bytes: Uint8Array; build: Record<string, unknown> }
  /** The builder had nothing to change; publishing a copy of FP32 under another name would only mislead. */
  | { skip: string };

/**
 * Build `variant` from the FP32 file. Throws the builders' INVALID_ONNX refusal (naming the node)
 * for models they cannot handle.
 *
 * fp16 is built for the devices that get it (CUDA, WebGPU with shader-f16: see choose-variant.ts),
 * so only operators with no float16 schema stay FP32 (FP16_SCHEMA_BLOCK_LIST). The gate runs it on
 * the control plane's CPU, where onnxruntime inserts casts around kernels it lacks: the numbers are
 * those of float16 storage and float16 activations, which is what the GPU computes too.
 */
export function buildVariant(variant: Exclude<Variant, 'fp32'>, fp32: Uint8Array): BuiltVariant {
  if (variant === 'int8') {
    const { bytes, report } = quantizeInt8(fp32);
    if (report.quantized.length === 0) return { skip: `nothing to quantize: ${skippedReason(report)}` };
    return { bytes, build: int8Evidence(report) };
  }
  const { bytes, report } = convertFp16(fp32, { blockList: FP16_SCHEMA_BLOCK_LIST });
  if (report.convertedTensors === 0) return { skip: 'nothing to convert: the model has no float weights or constants' };
  return { bytes, build: fp16Evidence(report) };
}

function skippedReason(report: Int8Report): string {
  const first = report.skipped[0];
  return first
    ? `${report.skipped.length} MatMul/Gemm/Conv node(s) left in float, e.g. "${first.node}" (${first.op}): ${first.reason}`
    : 'the model has no MatMul, Gemm or Conv node';
}

export function int8Evidence(report: Int8Report): Record<string, unknown> {
  return {
    builder: 'quantizeInt8',
    scheme: 'dynamic, uint8 weights, per-channel scales',
    quantizedNodes: report.quantized.length,
    skippedNodes: report.skipped.map((s) => ({ node: s.node, op: s.op, reason: s.reason })),
    removedConstants: report.removedConstants,
  };
}

export function fp16Evidence(report: Fp16Report): Record<string, unknown> {
  return {
    builder: 'convertFp16',
    target: 'gpu',
    blockList: report.blockList,
    keptFp32: report.keptFp32,
    convertedTensors: report.convertedTensors,
    castsInserted: report.castsInserted,
    outOfRangeTensors: report.outOfRangeTensors,
  };
}
