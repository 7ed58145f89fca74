/**
 * Open Inference Protocol v2 over HTTP/REST (KServe v2 / Triton): health, server and model metadata,
 * readiness, and inference with JSON tensors and the binary tensor data extension. The only file of
 * the inference core that knows hono; errors leave as {"error": "..."} with a status from one table.
 */
import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { InferenceError, PayloadTooLargeError, QueueFullError, type InferenceErrorCode } from './errors.ts';
import type { InferenceMetrics } from './inference-metrics.ts';
import { createInferenceService, type InferenceHook, type InferenceRouter } from './inference.service.ts';
import type { ModelRegistry } from './model-registry.ts';

export interface OipLimits {
  /** Largest request body in bytes (413 above it). Default 64 MiB. */
  maxBodyBytes?: number;
  /** Retry-After seconds on 503. Default 1. */
  retryAfterSeconds?: number;
}

export interface OipAppOptions {
  registry: ModelRegistry;
  metrics?: InferenceMetrics;
  limits?: OipLimits;
  /** Called once per inference request with its id, tensors, latency and error (statistics). */
  onInference?: InferenceHook;
  /** Picks what serves unpinned requests (a rollout's arms); default: the active version. */
  router?: InferenceRouter;
  /** Liveness and readiness of the whole agent; both default to true. */
  health?: { live?: () => boolean; ready?: () => boolean };
  server?: { name: string; version: string };
}

const STATUS: Record<InferenceErrorCode, ContentfulStatusCode> = {
  MODEL_NOT_FOUND: 404,
  INVALID_REQUEST: 400,
  PAYLOAD_TOO_LARGE: 413,
  QUEUE_FULL: 503,
  MODEL_UNAVAILABLE: 503,
  MODEL_LOAD_FAILED: 500,
  INFERENCE_FAILED: 500,
};

export const HEADER_LENGTH = 'Inference-Header-Content-Length';
export const REQUEST_ID = 'X-Request-Id';

export function createOipApp(options: OipAppOptions): Hono {
  const service = createInferenceService({
    registry: options.registry,
    ...(options.metrics ? { metrics: options.metrics } : {}),
    ...(options.onInference ? { onInference: options.onInference } : {}),
    ...(options.router ? { router: options.router } : {}),
    ...(options.server ? { server: options.server } : {}),
  });
  const maxBodyBytes = options.limits?.maxBodyBytes ?? 64 * 1024 * 1024;
  const retryAfter = String(options.limits?.retryAfterSeconds ?? 1);
  const app = new Hono();

  const fail = (c: Context, error: InferenceError, requestId?: string) => {
    if (error.code === 'QUEUE_FULL' || error.code === 'MODEL_UNAVAILABLE') {
      c.header('Retry-After', error instanceof QueueFullError ? String(error.retryAfterSeconds) : retryAfter);
    }
    if (requestId) c.header(REQUEST_ID, requestId);
    return c.json({ error: error.message }, STATUS[error.code]);
  };

  const guard = (c: Context, fn: () => Response) => {
    try {
      return fn();
    } catch (error) {
      if (error instanceof InferenceError) return fail(c, error);
      throw error;
    }
  };

  // Health: the status code is the answer, the body is empty (KServe v2 "Health"); 4xx means false.
  const health = (check?: () => boolean) => (c: Context) => c.body(null, check === undefined || check() ? 200 : 400);
  app.get('/v2/health/live', health(options.health?.live));
  app.get('/v2/health/ready', health(options.health?.ready));
  app.get('/v2', (c) => c.json(service.serverMetadata()));

  const metadata = (c: Context) => guard(c, () => c.json(service.modelMetadata(c.req.param('name') as string, c.req.param('version'))));
  app.get('/v2/models/:name', metadata);
  app.get('/v2/models/:name/versions/:version', metadata);

  const ready = (c: Context) =>
    guard(c, () => c.body(null, service.modelReady(c.req.param('name') as string, c.req.param('version')) ? 200 : 400));
  app.get('/v2/models/:name/ready', ready);
  app.get('/v2/models/:name/versions/:version/ready', ready);

  const tooLarge = (c: Context, version: string | undefined) => {
    const error = new PayloadTooLargeError(maxBodyBytes);
    return fail(c, error, service.rejected(c.req.param('name') ?? '', version, error));
  };

  const infer = async (c: Context) => {
    const receivedAt = performance.now();
    const model = c.req.param('name') as string;
    const version = c.req.param('version');
    const rawLength = c.req.header(HEADER_LENGTH);
    const headerLength = rawLength === undefined ? undefined : /^\d+$/.test(rawLength) ? Number(rawLength) : Number.NaN;
    const body = await readBody(c, maxBodyBytes);
    if (!body) return tooLarge(c, version);
    const outcome = await service.infer({
      model,
      ...(version !== undefined ? { version } : {}),
      body,
      ...(headerLength !== undefined ? { headerLength } : {}),
      receivedAt,
      header: (name) => c.req.header(name),
    });
    if (!outcome.ok) return fail(c, outcome.error, outcome.requestId);
    c.header(REQUEST_ID, outcome.requestId);
    if (outcome.headerLength === undefined) {
      c.header('Content-Type', 'application/json');
    } else {
      // Binary tensor extension: JSON header length in its own header, tensors follow the JSON.
      c.header('Content-Type', 'application/octet-stream');
      c.header(HEADER_LENGTH, String(outcome.headerLength));
    }
    return c.body(outcome.body as Uint8Array<ArrayBuffer>, 200);
  };
  app.post('/v2/models/:name/infer', infer);
  app.post('/v2/models/:name/versions/:version/infer', infer);

  app.notFound((c) => c.json({ error: `no route for ${c.req.method} ${c.req.path}` }, 404));
  app.onError((error, c) => c.json({ error: error instanceof Error ? error.message : 'internal error' }, 500));
  return app;
}

/**
 * The request body, or undefined when it is over the limit. With a Content-Length (every OIP client
 * sends one) the limit is checked before reading and the body is read through @hono/node-server's
 * buffered fast path; hono's bodyLimit middleware touches `req.raw.body`, which forces a full web
 * Request and stream per request and cost more than the inference itself on small models. Chunked
 * bodies are streamed and cut off at the limit.
 */
async function readBody(c: Context, maxBytes: number): Promise<Uint8Array | undefined> {
  const declared = c.req.header('content-length');
  if (declared !== undefined && c.req.header('transfer-encoding') === undefined) {
    if (Number(declared) > maxBytes) return undefined;
    return new Uint8Array(await c.req.arrayBuffer());
  }
  const reader = c.req.raw.body?.getReader();
  if (!reader) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
