import * as ort from 'onnxruntime-web';
import type { OipDatatype } from '../../protocol/index.ts';
import { ModelLoadError, type Feeds, type LoadedModel, type ModelEngine, type Tensor, type TensorData } from './engine.ts';

/** OIP datatype -> onnxruntime tensor type; BYTES (strings) are not served by this engine. */
const ORT_TYPES: Partial<Record<OipDatatype, ort.Tensor.Type>> = {
  BOOL: 'bool', UINT8: 'uint8', INT8: 'int8', UINT16: 'uint16', INT16: 'int16', UINT32: 'uint32', INT32: 'int32',
  UINT64: 'uint64', INT64: 'int64', FP16: 'float16', FP32: 'float32', FP64: 'float64',
};
const OIP_TYPES = Object.fromEntries(Object.entries(ORT_TYPES).map(([oip, t]) => [t, oip])) as Record<string, OipDatatype>;

/** onnxruntime-web's version, for the capability report. */
export const ORT_WEB_VERSION: string = ort.env.versions.web ?? ort.env.versions.common;

export interface OrtWebOptions {
  /** Where onnxruntime-web's .wasm/.mjs files are served (`<control plane>/runtime/ort/`); never a CDN. */
  wasmBase: string;
  /**
   * WASM threads. Multi-threading needs SharedArrayBuffer, i.e. a cross-origin-isolated page
   * (COOP/COEP headers); without it onnxruntime falls back to one thread and warns. Default 1.
   */
  numThreads?: number;
}

/** Global onnxruntime-web settings; call once before the first load. */
export function configureOrtWeb(options: OrtWebOptions): void {
  ort.env.wasm.wasmPaths = options.wasmBase;
  ort.env.wasm.numThreads = options.numThreads ?? 1;
  ort.env.logLevel = 'error';
}

function toOrtTensor(name: string, tensor: Tensor): ort.Tensor {
  const type = ORT_TYPES[tensor.datatype];
  if (!type) throw new Error(`input ${name}: datatype ${tensor.datatype} is not supported by onnxruntime-web`);
  let data = tensor.data as TensorData;
  // Plain arrays from app code become the typed array onnxruntime expects.
  if (Array.isArray(data)) {
    if (type === 'int64') data = BigInt64Array.from(data as number[], (x) => BigInt(x));
    else if (type === 'uint64') data = BigUint64Array.from(data as number[], (x) => BigInt(x));
    else if (type === 'bool') data = Uint8Array.from(data as number[], (x) => (x ? 1 : 0));
    else data = new (typedArrayOf(type))(data as number[]);
  }
  return new ort.Tensor(type, data as ort.Tensor.DataType, tensor.shape);
}

function typedArrayOf(type: ort.Tensor.Type): new (values: number[]) => TensorData {
  switch (type) {
    case 'float64': return Float64Array;
    case 'int8': return Int8Array;
    case 'uint8': return Uint8Array;
    case 'int16': return Int16Array;
    case 'uint16': return Uint16Array;
    case 'int32': return Int32Array;
    case 'uint32': return Uint32Array;
    default: return Float32Array;
  }
}

function fromOrtTensor(tensor: ort.Tensor): Tensor {
  const datatype = OIP_TYPES[tensor.type];
  if (!datatype) throw new Error(`output type ${tensor.type} is not supported`);
  return { datatype, shape: [...tensor.dims], data: tensor.data as TensorData };
}

/**
 * onnxruntime-web behind the engine contract. `provider` is what the capability probe allowed:
 * `webgpu` loads on WebGPU (kernels it lacks run on the CPU inside onnxruntime) and falls back to
 * WASM when the session cannot be created there; `wasm` uses the CPU only.
 */
export function createOrtWebEngine(options: { provider: 'webgpu' | 'wasm' }): ModelEngine {
  async function create(bytes: Uint8Array, provider: 'webgpu' | 'wasm'): Promise<ort.InferenceSession> {
    return ort.InferenceSession.create(bytes, { executionProviders: [provider], graphOptimizationLevel: 'all' });
  }

  return {
    kind: 'onnx',
    async load({ manifest, bytes }): Promise<LoadedModel> {
      const started = performance.now();
      let session: ort.InferenceSession;
      let provider: 'webgpu' | 'wasm' = options.provider;
      let fallbackReason: string | undefined;
      try {
        session = await create(bytes, provider);
      } catch (error) {
        if (provider !== 'webgpu') throw new ModelLoadError(`onnxruntime-web could not load ${manifest.name}:${manifest.version}: ${(error as Error).message}`, { cause: error });
        fallbackReason = `WebGPU session failed (${(error as Error).message}); running on WASM`;
        provider = 'wasm';
        try {
          session = await create(bytes, provider);
        } catch (again) {
          throw new ModelLoadError(`onnxruntime-web could not load ${manifest.name}:${manifest.version}: ${(again as Error).message}`, { cause: again });
        }
      }
      // One run at a time per session: onnxruntime-web does not allow concurrent runs on one session.
      let queue: Promise<unknown> = Promise.resolve();
      return {
        kind: 'onnx',
        inputs: manifest.inputs,
        outputs: manifest.outputs,
        executionProvider: provider,
        ...(fallbackReason ? { fallbackReason } : {}),
        loadMs: Math.round(performance.now() - started),
        run(feeds: Feeds) {
          const result = queue.then(async () => {
            const ortFeeds: Record<string, ort.Tensor> = {};
            for (const [name, tensor] of Object.entries(feeds)) ortFeeds[name] = toOrtTensor(name, tensor);
            const outputs = await session.run(ortFeeds);
            const out: Record<string, Tensor> = {};
            for (const [name, tensor] of Object.entries(outputs)) out[name] = fromOrtTensor(tensor);
            return out;
          });
          queue = result.catch(() => undefined);
          return result;
        },
        dispose: () => session.release(),
      };
    },
  };
}
