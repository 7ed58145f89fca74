/**
 * The OIP operations without HTTP: metadata, readiness and inference against the model registry.
 * The server file turns these into routes; this file knows nothing of hono.
 */
import { randomUUID } from 'node:crypto';
import type { Feeds, Tensor, TensorMetadata } from './engine.ts';
import { errorMessage, InferenceError, InferenceFailedError, ModelNotFoundError } from './errors.ts';
import { failureReason, type InferenceMetrics } from './inference-metrics.ts';
import type { ModelLease, ModelRegistry } from './model-registry.ts';
import { encodeInferResponse, parseInferRequest } from './oip-codec.ts';

/** What the statistics hook sees for every inference request, successful or not. */
export interface InferenceEvent {
  requestId: string;
  model: string;
  /** Version that served it; "" when the model or version was not found. */
  version: string;
  /** Undefined when the request failed before its tensors were decoded. */
  inputs?: Feeds;
  outputs?: Record<string, Tensor>;
  parameters?: Record<string, unknown>;
  latencyMs: number;
  error?: InferenceError;
}

export type InferenceHook = (event: InferenceEvent) => void;

export interface ServerMetadata {
  name: string;
  version: string;
  extensions: string[];
}

export interface ModelMetadata {
  name: string;
  versions: string[];
  platform: string;
  inputs: TensorMetadata[];
  outputs: TensorMetadata[];
}

export type InferOutcome =
  | { ok: true; requestId: string; body: Uint8Array; headerLength?: number }
  | { ok: false; requestId: string; error: InferenceError };

export interface InferenceServiceOptions {
  registry: ModelRegistry;
  metrics?: InferenceMetrics;
  onInference?: InferenceHook;
  server?: { name: string; version: string };
  generateId?: () => string;
  now?: () => number;
}

export interface InferenceService {
  serverMetadata(): ServerMetadata;
  modelMetadata(name: string, version?: string): ModelMetadata;
  modelReady(name: string, version?: string): boolean;
  infer(request: { model: string; version?: string; body: Uint8Array; headerLength?: number; receivedAt?: number }): Promise<InferOutcome>;
  /** For failures caught before infer() (e.g. the body limit): counts them and tells the hook. */
  rejected(model: string, version: string | undefined, error: InferenceError, receivedAt?: number): string;
}

export function createInferenceService(options: InferenceServiceOptions): InferenceService {
  const { registry, metrics, onInference } = options;
  const now = options.now ?? (() => performance.now());
  const generateId = options.generateId ?? randomUUID;
  const server = options.server ?? { name: 'edgefleet-edge-agent', version: '0.1.0' };

  const notFound = (name: string, version?: string): ModelNotFoundError => {
    const described = registry.describe(name);
    if (!described) return new ModelNotFoundError(`unknown model '${name}'`);
    return new ModelNotFoundError(`model '${name}' has no version '${version}' loaded; loaded versions: ${described.versions.join(', ')}`);
  };

  const withLease = <T>(name: string, version: string | undefined, fn: (lease: ModelLease) => T): T => {
    const lease = registry.acquire(name, version);
    if (!lease) throw notFound(name, version);
    try {
      return fn(lease);
    } finally {
      lease.release();
    }
  };

  const report = (event: InferenceEvent): void => {
    const known = event.version !== '';
    if (event.error) metrics?.requestFailed(known ? event.model : '', event.version, failureReason(event.error.code));
    else metrics?.requestSucceeded(event.model, event.version);
    try {
      onInference?.(event);
    } catch {
      // A statistics hook must never fail a request that already has its answer.
    }
  };

  const rejected = (model: string, version: string | undefined, error: InferenceError, receivedAt?: number): string => {
    const requestId = generateId();
    const lease = registry.acquire(model, version);
    const servedVersion = lease?.version ?? '';
    lease?.release();
    report({ requestId, model, version: servedVersion, latencyMs: receivedAt === undefined ? 0 : now() - receivedAt, error });
    return requestId;
  };

  return {
    serverMetadata: () => ({ name: server.name, version: server.version, extensions: ['binary_tensor_data'] }),
    modelMetadata(name, version) {
      return withLease(name, version, (lease) => ({
        name,
        versions: registry.describe(name)?.versions ?? [lease.version],
        platform: 'onnxruntime_onnx',
        inputs: lease.model.inputs.map((m) => ({ ...m, shape: [...m.shape] })),
        outputs: lease.model.outputs.map((m) => ({ ...m, shape: [...m.shape] })),
      }));
    },
    modelReady(name, version) {
      return withLease(name, version, () => true);
    },
    async infer({ model, version, body, headerLength, receivedAt }) {
      const started = receivedAt ?? now();
      const lease = registry.acquire(model, version);
      if (!lease) {
        const error = notFound(model, version);
        return { ok: false, requestId: rejected(model, version, error, started), error };
      }
      let requestId: string | undefined;
      let inputs: Feeds | undefined;
      let parameters: Record<string, unknown> | undefined;
      try {
        const request = parseInferRequest(body, headerLength, { name: model, inputs: lease.model.inputs, outputs: lease.model.outputs });
        requestId = request.id ?? generateId();
        inputs = request.inputs;
        parameters = request.parameters;
        const outputNames = request.outputsSelected ? request.outputs.map((o) => o.name) : undefined;
        const tensors = await lease.run(request.inputs, outputNames);
        const encoded = encodeInferResponse({
          modelName: model,
          modelVersion: lease.version,
          ...(request.id !== undefined ? { id: request.id } : {}),
          outputs: request.outputs,
          tensors,
        });
        report({ requestId, model, version: lease.version, inputs, outputs: tensors, parameters, latencyMs: now() - started });
        return { ok: true, requestId, ...encoded };
      } catch (caught) {
        const error = caught instanceof InferenceError ? caught : new InferenceFailedError(errorMessage(caught), caught);
        requestId ??= generateId();
        report({
          requestId,
          model,
          version: lease.version,
          ...(inputs ? { inputs } : {}),
          ...(parameters ? { parameters } : {}),
          latencyMs: now() - started,
          error,
        });
        return { ok: false, requestId, error };
      } finally {
        lease.release();
      }
    },
    rejected,
  };
}
