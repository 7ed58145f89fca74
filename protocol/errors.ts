import { z } from 'zod';

/**
 * Stable error codes. Clients branch on these, never on messages; a code, once shipped, keeps its
 * meaning. The HTTP status for each lives here too so every part maps errors the same way.
 *
 * @example
 * throw new EdgefleetError('NOT_FOUND', 'model "vad" has no version "2"');
 */
export const errorCodes = {
  VALIDATION_FAILED: 400,
  INVALID_ONNX: 400,
  BAD_SELECTOR: 400,
  INVALID_CONFIG: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  VERSION_EXISTS: 409,
  VERSION_IN_USE: 409,
  CONFLICT: 409,
  TOKEN_EXPIRED: 401,
  TOKEN_EXHAUSTED: 401,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RANGE_NOT_SATISFIABLE: 416,
  INTEGRITY_FAILED: 422,
  SIGNATURE_INVALID: 422,
  UNAVAILABLE: 503,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof errorCodes;
export const errorCodeSchema = z.enum(Object.keys(errorCodes) as [ErrorCode, ...ErrorCode[]]);

/** The one error body every REST endpoint of the control plane answers with. */
export const errorBodySchema = z.object({
  error: z.object({
    code: errorCodeSchema,
    message: z.string(),
    requestId: z.string().optional(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

/**
 * An error with a stable code. Services throw it; one mapper per server turns it into a status and
 * the error body.
 *
 * @example
 * new EdgefleetError('VERSION_EXISTS', 'vad:1 already exists', { details: { name: 'vad' } })
 */
export class EdgefleetError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, options: { cause?: unknown; details?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'EdgefleetError';
    this.code = code;
    this.details = options.details;
  }

  get status(): number {
    return errorCodes[this.code];
  }
}

/**
 * One sentence naming each failing field of a zod error, e.g. `spec.selector: Required`.
 *
 * @example
 * describeZodError(schema.safeParse(x).error) // "name: Invalid input: expected string"
 */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}

/**
 * Parse or throw a VALIDATION_FAILED error that names the fields.
 *
 * @example
 * const body = parseOrThrow(enrollRequestSchema, await c.req.json(), 'enrollment body');
 */
export function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown, what: string): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new EdgefleetError('VALIDATION_FAILED', `invalid ${what}: ${describeZodError(result.error)}`, {
      details: result.error.issues,
    });
  }
  return result.data;
}
