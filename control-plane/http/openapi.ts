import { z } from 'zod';
import { errorBodySchema } from '../../protocol/index.ts';

export type Access = 'public' | 'viewer' | 'admin' | 'device';

/** One documented operation. The table of them lives in `api-operations.ts`. */
export interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI path template: `/v1/models/{name}`. */
  path: string;
  summary: string;
  tag: string;
  /** The least privileged caller allowed. */
  access: Access;
  body?: z.ZodType | 'octet-stream';
  query?: z.ZodObject;
  response?: z.ZodType | 'octet-stream' | 'text';
  status?: number;
  errors?: number[];
}

const toSchema = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { target: 'openapi-3.0', io, unrepresentable: 'any' }) as Record<string, unknown>;

function describeAccess(access: Access): string {
  switch (access) {
    case 'public': return 'No token needed.';
    case 'viewer': return 'Any API token (viewer or admin).';
    case 'admin': return 'Admin token.';
    case 'device': return 'Admin or viewer token, or the device credential of the device concerned.';
  }
}

function operationObject(op: Operation): Record<string, unknown> {
  const params = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
  if (op.query) {
    for (const [name, schema] of Object.entries(op.query.shape)) {
      params.push({ name, in: 'query', required: !(schema as z.ZodType).safeParse(undefined).success, schema: toSchema(schema as z.ZodType, 'input') as { type: string } });
    }
  }
  const ok = String(op.status ?? 200);
  const content = op.response === undefined ? undefined
    : op.response === 'octet-stream' ? { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } }
    : op.response === 'text' ? { 'text/plain': { schema: { type: 'string' } } }
    : { 'application/json': { schema: toSchema(op.response, 'output') } };
  const responses: Record<string, unknown> = { [ok]: { description: 'Success', ...(content ? { content } : {}) } };
  const errors = new Set([...(op.errors ?? []), ...(op.access === 'public' ? [] : [401, 403]), ...(op.body ? [400] : [])]);
  for (const status of [...errors].sort()) {
    responses[String(status)] = { description: 'Error', content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } } };
  }
  const out: Record<string, unknown> = {
    summary: op.summary,
    description: describeAccess(op.access),
    tags: [op.tag],
    parameters: params,
    responses,
  };
  if (op.access === 'public') out.security = [];
  if (op.body) {
    out.requestBody = {
      required: true,
      content: op.body === 'octet-stream'
        ? { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } }
        : { 'application/json': { schema: toSchema(op.body, 'input') } },
    };
  }
  return out;
}

/** The OpenAPI 3 document, generated from the same zod schemas the routes validate with. */
export function buildOpenApiDocument(operations: readonly Operation[], info: { version: string }): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    paths[op.path] ??= {};
    (paths[op.path] as Record<string, unknown>)[op.method] = operationObject(op);
  }
  return {
    openapi: '3.0.3',
    info: { title: 'edgefleet control plane API', version: info.version },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'API token (efa_...) or device credential (efd_...)' } },
      schemas: { ErrorBody: toSchema(errorBodySchema, 'output') },
    },
    security: [{ bearer: [] }],
    paths,
  };
}
