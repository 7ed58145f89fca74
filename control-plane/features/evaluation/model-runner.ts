import type { OipDatatype } from '../../../protocol/index.ts';

/** An input tensor for a run: flat row-major data and its shape. */
export interface RunnerTensor {
  datatype: OipDatatype;
  shape: number[];
  data: Float32Array | Float64Array | Int32Array | BigInt64Array;
}

/** An output tensor as the runtime returns it. */
export interface RunnerOutput {
  shape: readonly number[];
  data: ArrayLike<number> | ArrayLike<bigint>;
}

/** A loaded model. */
export interface ModelSession {
  run(feeds: Record<string, RunnerTensor>): Promise<Record<string, RunnerOutput>>;
  close(): Promise<void>;
}

/**
 * Loads ONNX bytes for a run over reference rows. The evaluation services see only this; the
 * onnxruntime adapter (`onnx-model-runner.ts`) is wired in by the composition root.
 */
export type OpenModel = (onnx: Uint8Array) => Promise<ModelSession>;
