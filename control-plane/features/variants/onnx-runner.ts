/**
 * ModelRunner over onnxruntime-node (CPU), for the registry's background job, tests and benches.
 * An adapter: the accuracy gate itself only sees the ModelRunner interface.
 */
import * as ort from 'onnxruntime-node';
import type { OipDatatype } from '../../../protocol/index.ts';
import type { GateRuntime } from './variant-ports.ts';
import type { Feeds, ModelRunner, VariantTensor } from './variant-tensors.ts';

const ORT_TYPE: Record<OipDatatype, ort.Tensor.Type> = {
  BOOL: 'bool', UINT8: 'uint8', UINT16: 'uint16', UINT32: 'uint32', UINT64: 'uint64', INT8: 'int8', INT16: 'int16',
  INT32: 'int32', INT64: 'int64', FP16: 'float16', FP32: 'float32', FP64: 'float64', BYTES: 'string',
};
const OIP_TYPE = new Map(Object.entries(ORT_TYPE).map(([oip, t]) => [t, oip as OipDatatype]));

export interface OnnxRunner extends ModelRunner {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  release(): Promise<void>;
}

export async function createOnnxRunner(bytes: Uint8Array, options: ort.InferenceSession.SessionOptions = {}): Promise<OnnxRunner> {
  const session = await ort.InferenceSession.create(bytes, { logSeverityLevel: 3, ...options });
  return {
    inputNames: session.inputNames,
    outputNames: session.outputNames,
    async run(feeds: Feeds) {
      const ortFeeds: Record<string, ort.Tensor> = {};
      for (const [name, t] of Object.entries(feeds)) ortFeeds[name] = new ort.Tensor(ORT_TYPE[t.datatype], t.data as ort.Tensor.DataType, t.shape);
      const results = await session.run(ortFeeds);
      const out: Record<string, VariantTensor> = {};
      for (const [name, t] of Object.entries(results)) {
        out[name] = { datatype: OIP_TYPE.get(t.type) ?? 'FP32', shape: [...t.dims], data: t.data as VariantTensor['data'] };
      }
      return out;
    },
    release: () => session.release(),
  };
}

/**
 * The accuracy gate's runtime on the control plane: CPU, one thread per session, so a gate running
 * in the background leaves the other core(s) to the API and ingest.
 */
export function createOnnxGateRuntime(): GateRuntime {
  return {
    label: `onnxruntime-node ${ort.env.versions.node ?? ort.env.versions.common} cpu`,
    // Fatal only: a model that fails on gate inputs is reported in the variant's evidence, not the log.
    load: (bytes) => createOnnxRunner(bytes, { executionProviders: ['cpu'], intraOpNumThreads: 1, interOpNumThreads: 1, logSeverityLevel: 4 }),
  };
}
