/**
 * The engine contract between the inference core and a runtime (onnxruntime-node here,
 * onnxruntime-web in the browser runtime). Services depend on this file only, never on a runtime.
 */
import type { OipDatatype, TensorData } from './datatypes.ts';

export type { OipDatatype, TensorData } from './datatypes.ts';

/** A tensor in OIP terms: datatype name, concrete shape, row-major elements. */
export interface Tensor {
  datatype: OipDatatype;
  shape: number[];
  data: TensorData;
}

/** Input or output description; -1 marks a dynamic (symbolic) dimension, as in OIP model metadata. */
export interface TensorMetadata {
  name: string;
  datatype: OipDatatype;
  shape: number[];
}

export type Feeds = Record<string, Tensor>;

export interface WarmupResult {
  ok: boolean;
  ms: number;
  /** Why the generated warm-up failed; the model still loaded (see LoadOptions.warmup). */
  error?: string;
}

export interface LoadedModel {
  readonly inputs: readonly TensorMetadata[];
  readonly outputs: readonly TensorMetadata[];
  /** The execution provider that actually runs the model, after any fallback (e.g. "cpu"). */
  readonly executionProvider: string;
  /** Session creation plus warm-up, for the load-duration metric. */
  readonly loadMs: number;
  readonly warmup: WarmupResult;
  /** Runs once; `outputNames` limits what is computed and returned (all outputs when omitted). */
  run(feeds: Feeds, outputNames?: readonly string[]): Promise<Record<string, Tensor>>;
  dispose(): Promise<void>;
}

export interface LoadOptions {
  /**
   * "auto" (default) runs once on zeros shaped from the metadata, symbolic dims as 1; a failure there
   * is reported in LoadedModel.warmup, not thrown, because some models (Silero VAD needs 512
   * samples and a real sample rate) cannot run on a generic input. Explicit feeds must succeed.
   */
  warmup?: 'auto' | 'off' | { feeds: Feeds };
}

export interface InferenceEngine {
  load(bytes: Uint8Array, options?: LoadOptions): Promise<LoadedModel>;
}
