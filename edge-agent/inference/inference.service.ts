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
  /** Time spent in the model's queue and run (the part another version of the model would change). */
  runMs?: number;
  error?: InferenceError;
}

export type InferenceHook = (event: InferenceEvent) => void;

/** What a router may read of a request to pick what serves it. */
export interface RouteRequest {
  model: string;
  requestId: string;
  parameters?: Record<string, unknown>;
  /** An HTTP request header, case-insensitive; undefined when absent. */
  header(name: string): string | undefined;
}

/** An answered request, for work that runs after the answer (a rollout's shadow). */
export interface ServedRequest {
  requestId: string;
  model: string;
  version: string;
  inputs: Feeds;
  outputs: Record<string, Tensor>;
  /** The outputs the client asked for; undefined: all of them. */
  outputNames?: readonly string[];
  latencyMs: number;
  runMs: number;
}

/**
 * Picks what serves a request the client did not pin to a version (a rollout's arms) and finds
 * versions the registry does not hold. The service stays ignorant of rollouts: without a router
 * every request goes to the registry's active version, as before.
 */
export interface InferenceRouter {
  /** Another lease than the active one for this request, or undefined to keep the active one. */
  route(request: RouteRequest, active: ModelLease): ModelLease | undefined;
  /** A pinned version outside the registry (a rollout candidate). */
  acquire(model: string, version: string): ModelLease | undefined;
  /** Called once the answer is built; must return at once and never throw. */
  served(request: ServedRequest): void;
}

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
  router?: InferenceRouter;
  server?: { name: string; version: string };
  generateId?: () => string;
  now?: () => number;
  /** A router that threw; the request is served by the active version. */
  onRouterError?: (error: unknown) => void;
}

export interface InferRequest {
  model: string;
  version?: string;
  body: Uint8Array;
  headerLength?: number;
  receivedAt?: number;
  /** Request headers, for routers that key on one (e.g. a rollout's sticky key). */
  header?: (name: string) => string | undefined;
}

export interface InferenceService {
  serverMetadata(): ServerMetadata;
  modelMetadata(name: string, version?: string): ModelMetadata;
  modelReady(name: string, version?: string): boolean;
  infer(request: InferRequest): Promise<InferOutcome>;
  /** For failures caught before infer() (e.g. the body limit): counts them and tells the hook. */
  rejected(model: string, version: string | undefined, error: InferenceError, receivedAt?: number): string;
}

export function createInferenceService(options: InferenceServiceOptions): InferenceService {
  const { registry, metrics, onInference, router } = options;
  const now = options.now ?? (() => performance.now());
  const generateId = options.generateId ?? randomUUID;
  const server = options.server ?? { name: 'edgefleet-edge-agent', version: '0.1.0' };

  const notFound = (name: string, version?: string): ModelNotFoundError => {
    const described = registry.describe(name);
    if (!described) return new ModelNotFoundError(`unknown model '${name}'`);
    return new ModelNotFoundError(`model '${name}' has no version '${version}' loaded; loaded versions: ${described.versions.join(', ')}`);
  };

  const acquire = (name: string, version: string | undefined): ModelLease | undefined =>
    registry.acquire(name, version) ?? (version !== undefined ? router?.acquire(name, version) : undefined);

  const withLease = <T>(name: string, version: string | undefined, fn: (lease: ModelLease) => T): T => {
    const lease = acquire(name, version);
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
    const lease = acquire(model, version);
    const servedVersion = lease?.version ?? '';
    lease?.release();
    report({ requestId, model, version: servedVersion, latencyMs: receivedAt === undefined ? 0 : now() - receivedAt, error });
    return requestId;
  };

  /**
   * The lease the router picks for a request, else the active one. The request was decoded and
   * checked against the active version's inputs, so a routed version with other inputs cannot take it.
   */
  const reroute = (active: ModelLease, request: RouteRequest): ModelLease => {
    let routed: ModelLease | undefined;
    try {
      routed = router?.route(request, active);
    } catch (error) {
      options.onRouterError?.(error);
    }
    if (!routed || routed === active) return active;
    if (!sameInputs(routed.model.inputs, active.model.inputs)) {
      routed.release();
      return active;
    }
    active.release();
    return routed;
  };

  const afterServed = (request: ServedRequest): void => {
    try {
      router?.served(request);
    } catch (error) {
      // Work after the answer (a shadow) must never cost the request its answer.
      options.onRouterError?.(error);
    }
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
    async infer({ model, version, body, headerLength, receivedAt, header }) {
      const started = receivedAt ?? now();
      let lease = acquire(model, version);
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
        // Only unpinned requests take part in an experiment: a client that names a version gets it.
        if (version === undefined && router) lease = reroute(lease, { model, requestId, ...(parameters ? { parameters } : {}), header: header ?? noHeader });
        const outputNames = request.outputsSelected ? request.outputs.map((o) => o.name) : undefined;
        const runStarted = now();
        const tensors = await lease.run(request.inputs, outputNames);
        const runMs = now() - runStarted;
        const encoded = encodeInferResponse({
          modelName: model,
          modelVersion: lease.version,
          ...(request.id !== undefined ? { id: request.id } : {}),
          outputs: request.outputs,
          tensors,
        });
        const latencyMs = now() - started;
        report({ requestId, model, version: lease.version, inputs, outputs: tensors, parameters, latencyMs, runMs });
        if (version === undefined) afterServed({ requestId, model, version: lease.version, inputs, outputs: tensors, ...(outputNames ? { outputNames } : {}), latencyMs, runMs });
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

const noHeader = (): undefined => undefined;

/** Same input names, datatypes and shapes, in order: a request checked against one fits the other. */
export function sameInputs(a: readonly TensorMetadata[], b: readonly TensorMetadata[]): boolean {
  return a.length === b.length && a.every((m, i) => {
    const o = b[i]!;
    return m.name === o.name && m.datatype === o.datatype && m.shape.length === o.shape.length && m.shape.every((d, k) => d === o.shape[k]);
  });
}
