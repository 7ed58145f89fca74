/**
 * Typed errors of the inference core. Each has a stable code; the OIP server maps codes to HTTP
 * statuses in one place (oip-server.ts). The codes belong in `protocol/` once the shared error-code
 * table lands there; until then they live here.
 */

export type InferenceErrorCode =
  | 'MODEL_NOT_FOUND'
  | 'INVALID_REQUEST'
  | 'PAYLOAD_TOO_LARGE'
  | 'QUEUE_FULL'
  | 'MODEL_UNAVAILABLE'
  | 'MODEL_LOAD_FAILED'
  | 'INFERENCE_FAILED';

export class InferenceError extends Error {
  readonly code: InferenceErrorCode;
  constructor(code: InferenceErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

export class ModelNotFoundError extends InferenceError {
  constructor(message: string) {
    super('MODEL_NOT_FOUND', message);
  }
}

/** The request does not match the OIP schema or the model's metadata (HTTP 400). */
export class InvalidRequestError extends InferenceError {
  constructor(message: string) {
    super('INVALID_REQUEST', message);
  }
}

export class PayloadTooLargeError extends InferenceError {
  constructor(limitBytes: number) {
    super('PAYLOAD_TOO_LARGE', `request body exceeds the limit of ${limitBytes} bytes`);
  }
}

/** The model's scheduling queue is at capacity; the client should retry later (HTTP 503). */
export class QueueFullError extends InferenceError {
  readonly retryAfterSeconds: number;
  constructor(model: string, capacity: number, retryAfterSeconds = 1) {
    super('QUEUE_FULL', `model '${model}' queue is full (${capacity} requests waiting)`);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** The model version was retired while the request waited (only after a forced unload). */
export class ModelUnavailableError extends InferenceError {
  constructor(message: string) {
    super('MODEL_UNAVAILABLE', message);
  }
}

export class ModelLoadError extends InferenceError {
  constructor(message: string, cause?: unknown) {
    super('MODEL_LOAD_FAILED', message, { cause });
  }
}

export class InferenceFailedError extends InferenceError {
  constructor(message: string, cause?: unknown) {
    super('INFERENCE_FAILED', message, { cause });
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
