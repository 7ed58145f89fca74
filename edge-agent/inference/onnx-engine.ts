/**
 * onnxruntime-node adapter for the InferenceEngine contract: session options from config, execution
 * provider fallback, metadata in OIP terms, tensor conversion and warm-up.
 */
import * as ort from 'onnxruntime-node';
import { z } from 'zod';
import { allocate, elementCount, type OipDatatype } from './datatypes.ts';
import type { Feeds, InferenceEngine, LoadedModel, LoadOptions, Tensor, TensorMetadata, WarmupResult } from './engine.ts';
import { errorMessage, ModelLoadError } from './errors.ts';
import { createProviderDetector, type ProviderDetector, type ProviderProbe } from './execution-providers.ts';

export const onnxEngineConfigSchema = z.object({
  /** Preference order, e.g. ["cuda", "cpu"]; unavailable ones are skipped and reported. */
  executionProviders: z.array(z.string().min(1)).default(['cpu']),
  graphOptimizationLevel: z.enum(['disabled', 'basic', 'extended', 'all']).default('all'),
  /** 0 lets onnxruntime choose (one thread per physical core). */
  intraOpNumThreads: z.number().int().min(0).default(0),
  /** onnxruntime's own log: 0 verbose .. 3 error (default) .. 4 fatal. Failures reach callers as errors either way. */
  logSeverityLevel: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).default(3),
});

export type OnnxEngineConfig = z.infer<typeof onnxEngineConfigSchema>;

const TO_ORT: Record<OipDatatype, ort.Tensor.Type | undefined> = {
  BOOL: 'bool',
  UINT8: 'uint8',
  UINT16: 'uint16',
  UINT32: 'uint32',
  UINT64: 'uint64',
  INT8: 'int8',
  INT16: 'int16',
  INT32: 'int32',
  INT64: 'int64',
  FP16: 'float16',
  FP32: 'float32',
  FP64: 'float64',
  BYTES: 'string',
  BF16: undefined,
};

const FROM_ORT = new Map<string, OipDatatype>(
  Object.entries(TO_ORT).flatMap(([oip, ortType]) => (ortType ? [[ortType, oip as OipDatatype]] : [])),
);

export interface OnnxEngine extends InferenceEngine {
  /** Providers probed so far, for the agent's status report ("cuda requested, running on cpu"). */
  providers(): Promise<ProviderProbe[]>;
}

export function createOnnxEngine(config: Partial<OnnxEngineConfig> = {}, deps: { detector?: ProviderDetector } = {}): OnnxEngine {
  const settings = onnxEngineConfigSchema.parse(config);
  const detector = deps.detector ?? createProviderDetector();
  return {
    providers: () => Promise.all([...new Set([...settings.executionProviders, 'cpu'])].map((p) => detector.probe(p))),
    async load(bytes, options) {
      const started = performance.now();
      const { session, provider } = await createSession(bytes, settings, detector);
      let inputs: TensorMetadata[];
      let outputs: TensorMetadata[];
      try {
        inputs = session.inputMetadata.map(toMetadata);
        outputs = session.outputMetadata.map(toMetadata);
      } catch (error) {
        await session.release();
        throw new ModelLoadError(`unsupported model: ${errorMessage(error)}`, error);
      }
      const model = createLoadedModel(session, inputs, outputs, provider);
      const warmup = await runWarmup(model, options?.warmup ?? 'auto');
      return Object.assign(model, { warmup, loadMs: performance.now() - started });
    },
  };
}

async function createSession(bytes: Uint8Array, settings: OnnxEngineConfig, detector: ProviderDetector) {
  const selection = await detector.select(settings.executionProviders);
  const base: ort.InferenceSession.SessionOptions = {
    graphOptimizationLevel: settings.graphOptimizationLevel,
    logSeverityLevel: settings.logSeverityLevel,
    ...(settings.intraOpNumThreads > 0 ? { intraOpNumThreads: settings.intraOpNumThreads } : {}),
  };
  // A provider can pass the probe and still reject a particular model; walk down the list to cpu.
  let lastError: unknown;
  for (let i = 0; i < selection.providers.length; i++) {
    const providers = selection.providers.slice(i);
    try {
      const session = await ort.InferenceSession.create(bytes, { ...base, executionProviders: providers });
      return { session, provider: providers[0] as string };
    } catch (error) {
      lastError = error;
    }
  }
  throw new ModelLoadError(`failed to load ONNX model: ${errorMessage(lastError)}`, lastError);
}

function toMetadata(meta: ort.InferenceSession.ValueMetadata): TensorMetadata {
  if (!meta.isTensor) throw new Error(`'${meta.name}' is not a tensor (sequences and maps are not served)`);
  const datatype = FROM_ORT.get(meta.type);
  if (!datatype) throw new Error(`'${meta.name}' has element type ${meta.type}, which OIP cannot carry`);
  return { name: meta.name, datatype, shape: meta.shape.map((d) => (typeof d === 'number' ? d : -1)) };
}

function toOrtTensor(tensor: Tensor): ort.Tensor {
  const type = TO_ORT[tensor.datatype];
  if (!type) throw new Error(`datatype ${tensor.datatype} is not supported by onnxruntime-node`);
  return new ort.Tensor(type, tensor.data as ort.Tensor.DataType, tensor.shape);
}

function fromOrtValue(name: string, value: ort.OnnxValue): Tensor {
  const tensor = value as ort.Tensor;
  const datatype = FROM_ORT.get(tensor.type);
  if (!datatype) throw new Error(`output '${name}' has element type ${tensor.type}, which OIP cannot carry`);
  let data = tensor.data as Tensor['data'];
  // Runtimes with a native Float16Array return it; OIP FP16 is carried as raw bits.
  if (datatype === 'FP16' && !(data instanceof Uint16Array)) {
    const raw = data as unknown as ArrayBufferView;
    data = new Uint16Array(raw.buffer, raw.byteOffset, raw.byteLength / 2);
  }
  return { datatype, shape: [...tensor.dims], data };
}

function createLoadedModel(
  session: ort.InferenceSession,
  inputs: TensorMetadata[],
  outputs: TensorMetadata[],
  executionProvider: string,
): LoadedModel {
  let disposed = false;
  return {
    inputs,
    outputs,
    executionProvider,
    loadMs: 0,
    warmup: { ok: true, ms: 0 },
    async run(feeds, outputNames) {
      if (disposed) throw new Error('model was disposed');
      const ortFeeds: Record<string, ort.Tensor> = {};
      for (const [name, tensor] of Object.entries(feeds)) ortFeeds[name] = toOrtTensor(tensor);
      const result = outputNames ? await session.run(ortFeeds, [...outputNames]) : await session.run(ortFeeds);
      const out: Record<string, Tensor> = {};
      for (const [name, value] of Object.entries(result)) out[name] = fromOrtValue(name, value);
      return out;
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      await session.release();
    },
  };
}

/** Zeros shaped from the metadata, symbolic dims as 1. */
export function generateWarmupFeeds(inputs: readonly TensorMetadata[]): Feeds {
  const feeds: Feeds = {};
  for (const input of inputs) {
    const shape = input.shape.map((d) => (d < 0 ? 1 : d));
    feeds[input.name] = { datatype: input.datatype, shape, data: allocate(input.datatype, elementCount(shape)) };
  }
  return feeds;
}

async function runWarmup(model: LoadedModel, warmup: NonNullable<LoadOptions['warmup']>): Promise<WarmupResult> {
  if (warmup === 'off') return { ok: true, ms: 0 };
  const started = performance.now();
  const feeds = warmup === 'auto' ? generateWarmupFeeds(model.inputs) : warmup.feeds;
  try {
    await model.run(feeds);
    return { ok: true, ms: performance.now() - started };
  } catch (error) {
    if (warmup !== 'auto') {
      await model.dispose();
      throw new ModelLoadError(`warm-up failed: ${errorMessage(error)}`, error);
    }
    return { ok: false, ms: performance.now() - started, error: errorMessage(error) };
  }
}
