/**
 * Client side of the binary tensor extension: builds request bodies and reads response bodies. Used
 * by the tests and the benchmark, and usable by any Node app on the device that calls the local API.
 */
import { fromHalfBits } from './datatypes.ts';
import type { Tensor } from './engine.ts';
import { binaryByteLength, encodeBinaryData, NON_FINITE_SENTINELS, parseJsonAllowingNonFinite } from './tensor-codec.ts';

export interface ClientInput {
  name: string;
  tensor: Tensor;
  /** Send this tensor as binary after the JSON (default) or inline as JSON "data". */
  binary?: boolean;
}

export interface ClientRequest {
  id?: string;
  inputs: ClientInput[];
  outputs?: { name: string; binary?: boolean }[];
  /** Request-level binary_data_output. */
  binaryOutputs?: boolean;
  parameters?: Record<string, unknown>;
}

export interface EncodedRequest {
  body: Uint8Array<ArrayBuffer>;
  headers: Record<string, string>;
}

// JSON has no 64-bit integers, booleans are 0/1 bytes in memory and FP16 is held as raw bits.
const jsonValues = (tensor: Tensor): unknown[] =>
  Array.from(tensor.data as ArrayLike<unknown>, (v) =>
    typeof v === 'bigint' ? Number(v) : tensor.datatype === 'BOOL' ? Boolean(v) : tensor.datatype === 'FP16' ? fromHalfBits(v as number) : v,
  );

export function encodeClientRequest(request: ClientRequest): EncodedRequest {
  const chunks: Uint8Array[] = [];
  const inputs = request.inputs.map(({ name, tensor, binary = true }) => {
    const base = { name, datatype: tensor.datatype, shape: tensor.shape };
    if (!binary) return { ...base, data: jsonValues(tensor) };
    chunks.push(encodeBinaryData(tensor.datatype, tensor.data));
    return { ...base, parameters: { binary_data_size: binaryByteLength(tensor.datatype, tensor.data) } };
  });
  const parameters = { ...request.parameters, ...(request.binaryOutputs !== undefined ? { binary_data_output: request.binaryOutputs } : {}) };
  const json = JSON.stringify({
    ...(request.id !== undefined ? { id: request.id } : {}),
    ...(Object.keys(parameters).length > 0 ? { parameters } : {}),
    inputs,
    ...(request.outputs
      ? { outputs: request.outputs.map((o) => ({ name: o.name, ...(o.binary !== undefined ? { parameters: { binary_data: o.binary } } : {}) })) }
      : {}),
  });
  const header = Buffer.from(json, 'utf8');
  if (chunks.length === 0) return { body: header, headers: { 'Content-Type': 'application/json' } };
  return {
    body: Buffer.concat([header, ...chunks]),
    headers: { 'Content-Type': 'application/octet-stream', 'Inference-Header-Content-Length': String(header.byteLength) },
  };
}

export interface DecodedOutput {
  name: string;
  datatype: string;
  shape: number[];
  /** JSON "data" as sent, when the output came as JSON. */
  data?: unknown[];
  /** The output's bytes, when it came as binary. */
  bytes?: Uint8Array;
}

export interface DecodedResponse {
  model_name: string;
  model_version?: string;
  id?: string;
  outputs: DecodedOutput[];
}

/** Splits a response body into its JSON header and the binary outputs (in output order). */
export function decodeClientResponse(body: Uint8Array, headerLength: string | null | undefined): DecodedResponse {
  const length = headerLength ? Number(headerLength) : body.byteLength;
  // Float outputs may hold bare NaN / Infinity literals (as Triton writes them); read them back as numbers.
  const json = parseJsonAllowingNonFinite(Buffer.from(body.buffer, body.byteOffset, length).toString('utf8')) as {
    outputs: (DecodedOutput & { parameters?: { binary_data_size?: number } })[];
  } & Omit<DecodedResponse, 'outputs'>;
  let offset = length;
  const outputs = json.outputs.map(({ parameters, ...output }) => {
    const size = parameters?.binary_data_size;
    if (size === undefined) {
      const data = output.data?.map((v) => (typeof v === 'string' && Object.hasOwn(NON_FINITE_SENTINELS, v) ? NON_FINITE_SENTINELS[v] : v));
      return { ...output, ...(data ? { data } : {}) };
    }
    const bytes = body.subarray(offset, offset + size);
    offset += size;
    return { ...output, bytes };
  });
  return { ...json, outputs };
}
