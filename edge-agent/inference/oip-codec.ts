/**
 * The OIP v2 inference request and response bodies (KServe v2 "Inference Request/Response JSON
 * Object") including the binary tensor data extension: when the Inference-Header-Content-Length
 * header is present the body is that many bytes of JSON followed by the binary tensors, in the order
 * their inputs appear in the JSON, each `binary_data_size` bytes long.
 */
import { z } from 'zod';
import { elementCount, isOipDatatype } from './datatypes.ts';
import type { Feeds, Tensor, TensorMetadata } from './engine.ts';
import { InvalidRequestError } from './errors.ts';
import { checkInputHeader, checkInputSet, checkOutputName } from './oip-validation.ts';
import { decodeBinaryData, decodeJsonData, encodeBinaryData, encodeJsonData, parseJsonAllowingNonFinite } from './tensor-codec.ts';

const parametersSchema = z.record(z.string(), z.unknown());

const inferRequestSchema = z.object({
  id: z.string().optional(),
  parameters: parametersSchema.optional(),
  inputs: z
    .array(
      z.object({
        name: z.string(),
        shape: z.array(z.number().int().nonnegative()),
        datatype: z.string(),
        parameters: parametersSchema.optional(),
        // Tensor data is checked element by element while decoding; a schema walk would double the cost.
        data: z.unknown().optional(),
      }),
    )
    .min(1),
  outputs: z.array(z.object({ name: z.string(), parameters: parametersSchema.optional() })).optional(),
});

export interface ModelSignature {
  name: string;
  inputs: readonly TensorMetadata[];
  outputs: readonly TensorMetadata[];
}

export interface RequestedOutput {
  name: string;
  binary: boolean;
}

export interface ParsedInferRequest {
  id?: string;
  parameters: Record<string, unknown>;
  inputs: Feeds;
  outputs: RequestedOutput[];
  /** True when the client named its outputs (only those are computed). */
  outputsSelected: boolean;
}

function schemaError(error: z.ZodError): InvalidRequestError {
  const issue = error.issues[0];
  const path = issue?.path.length ? issue.path.join('.') : 'body';
  return new InvalidRequestError(`invalid inference request: ${path}: ${issue?.message ?? 'malformed'}`);
}

function readBinarySize(name: string, parameters: Record<string, unknown> | undefined): number | undefined {
  const size = parameters?.['binary_data_size'];
  if (size === undefined) return undefined;
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 0) {
    throw new InvalidRequestError(`input '${name}': binary_data_size must be a non-negative integer`);
  }
  return size;
}

function readFlag(parameters: Record<string, unknown> | undefined, key: string): boolean | undefined {
  const value = parameters?.[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw new InvalidRequestError(`parameter '${key}' must be a boolean`);
  return value;
}

/** Splits, parses and validates a request body against the model signature. */
export function parseInferRequest(body: Uint8Array, headerLength: number | undefined, model: ModelSignature): ParsedInferRequest {
  const jsonLength = headerLength ?? body.byteLength;
  if (!Number.isInteger(jsonLength) || jsonLength < 0 || jsonLength > body.byteLength) {
    throw new InvalidRequestError(`Inference-Header-Content-Length ${headerLength} does not fit a body of ${body.byteLength} bytes`);
  }
  let raw: unknown;
  try {
    raw = parseJsonAllowingNonFinite(Buffer.from(body.buffer, body.byteOffset, jsonLength).toString('utf8'));
  } catch {
    throw new InvalidRequestError('request body is not valid JSON');
  }
  const parsed = inferRequestSchema.safeParse(raw);
  if (!parsed.success) throw schemaError(parsed.error);
  const request = parsed.data;
  const metas = request.inputs.map((input) => {
    if (!isOipDatatype(input.datatype)) {
      throw new InvalidRequestError(`input '${input.name}': unknown datatype '${input.datatype}'`);
    }
    return checkInputHeader(model.name, model.inputs, input);
  });
  checkInputSet(model.name, model.inputs, request.inputs.map((i) => i.name));

  const binary = body.subarray(jsonLength);
  let offset = 0;
  const inputs: Feeds = {};
  for (const [index, input] of request.inputs.entries()) {
    const meta = metas[index] as TensorMetadata;
    const count = elementCount(input.shape);
    const size = readBinarySize(input.name, input.parameters);
    let tensor: Tensor;
    if (size !== undefined) {
      if (input.data !== undefined) throw new InvalidRequestError(`input '${input.name}': has both binary_data_size and "data"`);
      if (offset + size > binary.byteLength) {
        throw new InvalidRequestError(`input '${input.name}': binary_data_size ${size} runs past the end of the body`);
      }
      tensor = { datatype: meta.datatype, shape: input.shape, data: decodeBinaryData(input.name, meta.datatype, binary.subarray(offset, offset + size), count) };
      offset += size;
    } else {
      if (input.data === undefined) throw new InvalidRequestError(`input '${input.name}': needs "data" or binary_data_size`);
      tensor = { datatype: meta.datatype, shape: input.shape, data: decodeJsonData(input.name, meta.datatype, input.data, count) };
    }
    inputs[input.name] = tensor;
  }
  if (offset !== binary.byteLength) {
    throw new InvalidRequestError(`body has ${binary.byteLength} bytes of binary data, inputs declare ${offset}`);
  }

  // binary_data_output sets the default; an output's own binary_data overrides it (binary extension).
  const allBinary = readFlag(request.parameters, 'binary_data_output') ?? false;
  const outputs = (request.outputs ?? model.outputs.map((m) => ({ name: m.name, parameters: undefined }))).map((o) => {
    checkOutputName(model.name, model.outputs, o.name);
    if (o.parameters?.['classification'] !== undefined) {
      throw new InvalidRequestError(`output '${o.name}': the classification extension is not supported`);
    }
    return { name: o.name, binary: readFlag(o.parameters, 'binary_data') ?? allBinary };
  });
  return {
    ...(request.id !== undefined ? { id: request.id } : {}),
    parameters: request.parameters ?? {},
    inputs,
    outputs,
    outputsSelected: request.outputs !== undefined,
  };
}

export interface EncodedResponse {
  /** JSON header, then the binary tensors; `headerLength` is set only when binary data follows. */
  body: Uint8Array;
  headerLength?: number;
}

export interface ResponseFields {
  modelName: string;
  modelVersion: string;
  id?: string;
  outputs: readonly RequestedOutput[];
  tensors: Record<string, Tensor>;
}

/** Builds the response body; JSON is assembled by hand so tensor data is written in one join. */
export function encodeInferResponse(fields: ResponseFields): EncodedResponse {
  const chunks: Uint8Array[] = [];
  const parts = fields.outputs.map(({ name, binary }) => {
    const tensor = fields.tensors[name];
    if (!tensor) throw new Error(`output '${name}' was not produced`);
    const head = `{"name":${JSON.stringify(name)},"datatype":"${tensor.datatype}","shape":[${tensor.shape.join(',')}]`;
    if (!binary) return `${head},"data":[${encodeJsonData(tensor.datatype, tensor.data)}]}`;
    const bytes = encodeBinaryData(tensor.datatype, tensor.data);
    chunks.push(bytes);
    return `${head},"parameters":{"binary_data_size":${bytes.byteLength}}}`;
  });
  const id = fields.id !== undefined ? `,"id":${JSON.stringify(fields.id)}` : '';
  const json = `{"model_name":${JSON.stringify(fields.modelName)},"model_version":${JSON.stringify(fields.modelVersion)}${id},"outputs":[${parts.join(',')}]}`;
  if (chunks.length === 0) return { body: Buffer.from(json, 'utf8') };
  const header = Buffer.from(json, 'utf8');
  return { body: Buffer.concat([header, ...chunks]), headerLength: header.byteLength };
}
