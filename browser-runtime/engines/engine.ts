/**
 * The engine contract of the browser runtime, the counterpart of the Node agent's
 * (edge-agent/inference/engine.ts): the sync and serving code depend on this file only, never on
 * onnxruntime-web or web-llm. Tensors are in Open Inference Protocol terms, as everywhere else.
 */
import type { Manifest, OipDatatype, TensorSpec } from '../../protocol/index.ts';

export type TensorData =
  | Float32Array | Float64Array | Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array
  | BigInt64Array | BigUint64Array | number[] | string[];

/** A tensor: datatype, concrete shape, row-major elements. FP16 data is either a Float16Array or the raw bits. */
export interface Tensor {
  datatype: OipDatatype;
  shape: number[];
  data: TensorData | ArrayLike<number>;
}

export type Feeds = Record<string, Tensor>;

export interface LoadedModel {
  readonly kind: Manifest['kind'];
  readonly inputs: readonly TensorSpec[];
  readonly outputs: readonly TensorSpec[];
  /** What actually runs it after any fallback: `webgpu`, `wasm`, `webllm-webgpu`. */
  readonly executionProvider: string;
  /** Why the preferred provider was not used, when it was not. */
  readonly fallbackReason?: string;
  readonly loadMs: number;
  run(feeds: Feeds): Promise<Record<string, Tensor>>;
  dispose(): Promise<void>;
}

/** What an engine loads: the verified artifact and the signed manifest it came with. */
export interface ModelSource {
  manifest: Manifest;
  bytes: Uint8Array<ArrayBuffer>;
}

export interface ModelEngine {
  readonly kind: Manifest['kind'];
  load(source: ModelSource): Promise<LoadedModel>;
}

/** A load that failed in the engine (not a verification failure): reported as `model.load_failed`. */
export class ModelLoadError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ModelLoadError';
  }
}
