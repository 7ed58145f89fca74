/**
 * ModelRunner over onnxruntime-node (CPU), for the registry's background job, tests and benches.
 * An adapter: the accuracy gate itself only sees the ModelRunner interface.
 */
import * as ort from 'onnxruntime-node';
import type { OipDatatype } from '../../../protocol/index.ts';
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
