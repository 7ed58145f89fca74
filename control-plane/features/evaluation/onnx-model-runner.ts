/**
 * `OpenModel` over onnxruntime-node on the CPU, for building reference profiles. The runtime is
 * imported on first use, not at module load: nothing happens at import time, and a control plane
 * that never builds a profile never loads the native addon.
 */
import type { OipDatatype } from '../../../protocol/index.ts';
import type { ModelSession, OpenModel, RunnerOutput } from './model-runner.ts';

type Ort = typeof import('onnxruntime-node');

const ORT_TYPE: Partial<Record<OipDatatype, 'float32' | 'float64' | 'int32' | 'int64'>> = {
  FP32: 'float32', FP64: 'float64', INT32: 'int32', INT64: 'int64',
};

let runtime: Promise<Ort> | undefined;

export const openOnnxModel: OpenModel = async (onnx) => {
  const ort = await (runtime ??= import('onnxruntime-node'));
  // One intra-op thread: profile builds share the control plane's cores with ingest.
  const session = await ort.InferenceSession.create(onnx, { logSeverityLevel: 3, intraOpNumThreads: 1 });
  const model: ModelSession = {
    async run(feeds) {
      const ortFeeds: Record<string, InstanceType<Ort['Tensor']>> = {};
      for (const [name, t] of Object.entries(feeds)) {
        const type = ORT_TYPE[t.datatype];
        if (!type) throw new Error(`unsupported input datatype ${t.datatype}`);
        ortFeeds[name] = new ort.Tensor(type, t.data, t.shape);
      }
      const results = await session.run(ortFeeds);
      const out: Record<string, RunnerOutput> = {};
      for (const [name, t] of Object.entries(results)) out[name] = { shape: [...t.dims], data: t.data as ArrayLike<number> };
      return out;
    },
    close: () => session.release(),
  };
  return model;
};
