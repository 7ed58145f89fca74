import type { z } from 'zod';
import { describeZodError, errorBodySchema } from '../protocol.ts';

/** An API failure in words: the protocol error body's message, its stable code and request id. */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly requestId: string | undefined;

  constructor(code: string, message: string, status: number, requestId?: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.requestId = requestId;
  }
}

export interface ApiClient {
  /** JSON in, JSON out, parsed with `schema` when given (every inbound boundary is validated). */
  request<S extends z.ZodType>(method: string, path: string, options?: { json?: unknown; schema?: S; signal?: AbortSignal }): Promise<z.infer<S>>;
  /** Raw bytes as `application/octet-stream`, with upload progress (fetch cannot report it). */
  upload<S extends z.ZodType>(path: string, body: Blob, options: { schema: S; onProgress?: (loaded: number, total: number) => void }): Promise<z.infer<S>>;
}

/** Turn a non-2xx answer into an ApiError carrying the server's own words. */
function errorFrom(status: number, statusText: string, text: string): ApiError {
  try {
    const parsed = errorBodySchema.safeParse(JSON.parse(text));
    if (parsed.success) {
      const { code, message, requestId } = parsed.data.error;
      return new ApiError(code, message, status, requestId);
    }
  } catch {
    // not JSON: a proxy page or an empty body; fall through to the status line
  }
  return new ApiError('HTTP_ERROR', `the control plane answered ${status} ${statusText}`.trim(), status);
}

function parseBody<S extends z.ZodType>(schema: S | undefined, value: unknown, what: string): z.infer<S> {
  if (!schema) return value as z.infer<S>;
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new ApiError('INVALID_RESPONSE', `unexpected answer from ${what}: ${describeZodError(parsed.error)}`, 200);
  }
  return parsed.data;
}

/**
 * The REST client of the console. `onUnauthenticated` runs on a 401 (the token was revoked or
 * expired while signed in), so the console can send the user back to the sign-in form.
 */
export function createApiClient(options: { token: string; baseUrl?: string; onUnauthenticated?: (message: string) => void }): ApiClient {
  const base = options.baseUrl ?? '';
  const auth = `Bearer ${options.token}`;
  const fail = (err: ApiError): never => {
    if (err.status === 401) options.onUnauthenticated?.(err.message);
    throw err;
  };

  return {
    async request(method, path, { json, schema, signal } = {}) {
      const headers: Record<string, string> = { authorization: auth, accept: 'application/json' };
      if (json !== undefined) headers['content-type'] = 'application/json';
      let res: Response;
      try {
        res = await fetch(`${base}${path}`, { method, headers, body: json === undefined ? null : JSON.stringify(json), signal: signal ?? null });
      } catch (err) {
        if ((err as Error).name === 'AbortError') throw err;
        throw new ApiError('NETWORK', `cannot reach the control plane (${(err as Error).message})`, 0);
      }
      const text = await res.text();
      if (!res.ok) return fail(errorFrom(res.status, res.statusText, text));
      return parseBody(schema, text ? JSON.parse(text) : null, `${method} ${path}`);
    },

    upload(path, body, { schema, onProgress }) {
      return new Promise((resolve, reject) => {
        const xhr = new XMLHttpRequest();
        xhr.open('POST', `${base}${path}`);
        xhr.setRequestHeader('authorization', auth);
        xhr.setRequestHeader('content-type', 'application/octet-stream');
        xhr.upload.onprogress = (e) => onProgress?.(e.loaded, e.lengthComputable ? e.total : body.size);
        xhr.onerror = () => reject(new ApiError('NETWORK', 'the upload did not reach the control plane', 0));
        xhr.onload = () => {
          try {
            if (xhr.status < 200 || xhr.status >= 300) fail(errorFrom(xhr.status, xhr.statusText, xhr.responseText));
            resolve(parseBody(schema, JSON.parse(xhr.responseText), `POST ${path}`));
          } catch (err) {
            reject(err);
          }
        };
        xhr.send(body);
      });
    },
  };
}

/** Any thrown value in words, for an error note. */
export function describeError(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
