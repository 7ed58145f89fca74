/** Settings shared by the benchmark driver and the server process, so both sides run the same models. */
import type { Feeds } from '../edge-agent/inference/engine.ts';
import type { OnnxEngineConfig } from '../edge-agent/inference/onnx-engine.ts';
import type { BatchingConfig } from '../edge-agent/inference/model-registry.ts';

/**
 * One intra-op thread for the raw baseline and the server alike: on a 2-core box the load generator
 * needs the other core, and onnxruntime's spinning pool threads would otherwise steal it.
 */
export const ENGINE_CONFIG: Partial<OnnxEngineConfig> = { intraOpNumThreads: 1, graphOptimizationLevel: 'all' };

export const BATCHING: BatchingConfig = { maxBatchSize: 64, maxQueueDelayMicroseconds: 500 };

export const MLP_WIDTH = 256;

export function mlpInput(seed: number): Float32Array {
  return new Float32Array(MLP_WIDTH).map((_, i) => Math.sin(seed * 13.7 + i * 0.11));
}

export const VAD_WARMUP: Feeds = {
  input: { datatype: 'FP32', shape: [1, 512], data: new Float32Array(512).map((_, i) => 0.2 * Math.sin(i / 7)) },
  state: { datatype: 'FP32', shape: [2, 1, 128], data: new Float32Array(256) },
  sr: { datatype: 'INT64', shape: [], data: BigInt64Array.from([16000n]) },
};
