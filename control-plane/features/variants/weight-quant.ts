/**
 * Linear 8-bit quantization of constant weights: w ~= (q - zero_point) * scale, one scale per
 * channel or one for the whole tensor.
 *
 * Weights are always uint8, because the activation is uint8 (DynamicQuantizeLinear) and x86 CPUs
 * without VNNI multiply uint8 x int8 pairs into saturating 16-bit sums (onnxruntime's "x86/64 U8S8
 * Gemm Precision Fix" note), which silently corrupts results; uint8 x uint8 has no such limit. Two
 * schemes, because onnxruntime's CPU kernels accept different things (checked against
 * onnxruntime-node 1.30, see README.md in this folder):
 * - asymmetric: [min(0, w), max(0, w)] maps onto [0, 255], so 0.0 stays exact (the quantization
 *   formula of the ONNX QuantizeLinear / DynamicQuantizeLinear specs). MatMulInteger takes a
 *   per-column b_zero_point, so MatMul and Gemm get a (scale, zero point) pair per column.
 * - symmetric with zero point 128: ConvInteger accepts only a scalar w_zero_point, so per-channel
 *   Conv scales need one zero point shared by all channels; [-max|w|, max|w|] maps onto [1, 255].
 */
export interface QuantizedWeight {
  data: Uint8Array;
  /** One per channel (or a single value for per-tensor). */
  scales: Float32Array;
  /** One per channel, or a single one shared by all. */
  zeroPoints: Uint8Array;
}

/** Channel of flat element i: column of a [K, N] matrix, or output channel of a Conv weight. */
export type ChannelOf = (index: number) => number;

export const perColumn = (columns: number): ChannelOf => (i) => i % columns;
export const perLeadingAxis = (elementsPerChannel: number): ChannelOf => (i) => Math.floor(i / elementsPerChannel);
export const perTensor: ChannelOf = () => 0;

function channelRanges(values: Float32Array, channels: number, channelOf: ChannelOf) {
  const min = new Float32Array(channels); // starts at 0: the range always includes 0
  const max = new Float32Array(channels);
  for (let i = 0; i < values.length; i++) {
    const c = channelOf(i);
    const v = values[i] as number;
    if (v < (min[c] as number)) min[c] = v;
    if (v > (max[c] as number)) max[c] = v;
  }
  return { min, max };
}

const clamp = (v: number, lo: number, hi: number) => (v < lo ? lo : v > hi ? hi : v);

export function quantizeAsymmetricUint8(values: Float32Array, channels: number, channelOf: ChannelOf): QuantizedWeight {
  const { min, max } = channelRanges(values, channels, channelOf);
  const scales = new Float32Array(channels);
  const zeroPoints = new Uint8Array(channels);
  for (let c = 0; c < channels; c++) {
    const range = (max[c] as number) - (min[c] as number);
    // An all-zero channel: any scale reproduces it exactly; 1 avoids dividing by zero.
    const scale = range > 0 ? range / 255 : 1;
    scales[c] = scale;
    zeroPoints[c] = clamp(Math.round(-(min[c] as number) / scale), 0, 255);
  }
  const data = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const c = channelOf(i);
    data[i] = clamp(Math.round((values[i] as number) / (scales[c] as number)) + (zeroPoints[c] as number), 0, 255);
  }
  return { data, scales, zeroPoints };
}

/** Zero point of the symmetric uint8 scheme: the middle of [0, 255]; codes use [1, 255]. */
export const SYMMETRIC_ZERO_POINT = 128;

export function quantizeSymmetricUint8(values: Float32Array, channels: number, channelOf: ChannelOf): QuantizedWeight {
  const { min, max } = channelRanges(values, channels, channelOf);
  const scales = new Float32Array(channels);
  for (let c = 0; c < channels; c++) {
    const absMax = Math.max(-(min[c] as number), max[c] as number);
    scales[c] = absMax > 0 ? absMax / 127 : 1;
  }
  const data = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const c = channelOf(i);
    data[i] = clamp(Math.round((values[i] as number) / (scales[c] as number)), -127, 127) + SYMMETRIC_ZERO_POINT;
  }
  return { data, scales, zeroPoints: Uint8Array.of(SYMMETRIC_ZERO_POINT) };
}

/** [rows, cols] row-major -> [cols, rows]: Gemm with transB=1 stores B as [N, K]. */
export function transpose2d(values: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(values.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = values[r * cols + c] as number;
  return out;
}
