/**
 * JSONL rows for batch scoring. A row is either named tensors, `{"inputs": {"x": [[0.1, 0.2]]}}`
 * (shape from the nesting, datatype from the model; one leading batch dimension of 1 is added when
 * the data has one dimension fewer than the model input), or an OIP v2 inference request,
 * `{"inputs": [{"name", "shape", "datatype", "data"}]}`. Each row's output line has the same form:
 * `{"outputs": {"y": [[...]]}}` or an OIP v2 inference response. Non-finite floats are written as
 * bare NaN / Infinity, as the OIP server does (Triton's form).
 */
import { DATATYPES, elementCount, fromHalfBits, isOipDatatype, type TensorData } from '../inference/datatypes.ts';
import type { Feeds, Tensor } from '../inference/engine.ts';
import { InvalidRequestError } from '../inference/errors.ts';
import { encodeInferResponse, parseInferRequest, type ModelSignature, type RequestedOutput } from '../inference/oip-codec.ts';
import { checkInputHeader, checkInputSet } from '../inference/oip-validation.ts';
import { decodeJsonData, parseJsonAllowingNonFinite } from '../inference/tensor-codec.ts';

export interface ParsedRow {
  style: 'named' | 'oip';
  feeds: Feeds;
  id?: string;
  /** OIP rows: the outputs asked for (all when the row names none). */
  outputs?: RequestedOutput[];
  /** Named rows: true when a batch dimension of 1 was added, so it is removed from the outputs. */
  batched?: boolean;
}

export function parseRow(line: string, model: ModelSignature): ParsedRow {
  let raw: unknown;
  try {
    raw = parseJsonAllowingNonFinite(line);
  } catch {
    throw new InvalidRequestError('row is not valid JSON');
  }
  const inputs = (raw as { inputs?: unknown } | null)?.inputs;
  if (Array.isArray(inputs)) {
    const request = parseInferRequest(Buffer.from(line, 'utf8'), undefined, model);
    // Batch output is JSON lines: binary tensor data has no place in them.
    const outputs = request.outputs.map((o) => ({ ...o, binary: false }));
    return { style: 'oip', feeds: request.inputs, outputs, ...(request.id !== undefined ? { id: request.id } : {}) };
  }
  if (inputs === null || typeof inputs !== 'object') throw new InvalidRequestError('row needs "inputs": an object of named tensors or an OIP inputs array');
  const id = (raw as { id?: unknown }).id;
  return { style: 'named', ...namedFeeds(inputs as Record<string, unknown>, model), ...(typeof id === 'string' ? { id } : {}) };
}

function namedFeeds(inputs: Record<string, unknown>, model: ModelSignature): { feeds: Feeds; batched: boolean } {
  checkInputSet(model.name, model.inputs, Object.keys(inputs));
  const feeds: Feeds = {};
  let batched = false;
  for (const [name, value] of Object.entries(inputs)) {
    const meta = model.inputs.find((m) => m.name === name);
    if (!meta) throw new InvalidRequestError(`unexpected input '${name}'`);
    let shape = inferShape(value);
    let data: unknown = Array.isArray(value) ? value : [value];
    if (shape.length === meta.shape.length - 1 && (meta.shape[0] === -1 || meta.shape[0] === 1)) {
      shape = [1, ...shape];
      data = [data];
      batched = true;
    }
    checkInputHeader(model.name, model.inputs, { name, datatype: meta.datatype, shape });
    feeds[name] = { datatype: meta.datatype, shape, data: decodeJsonData(name, meta.datatype, data, elementCount(shape)) };
  }
  return { feeds, batched };
}

/** Dimensions of a nested array, read along the first element at each level (decoding checks the count). */
export function inferShape(value: unknown): number[] {
  const shape: number[] = [];
  let current = value;
  while (Array.isArray(current)) {
    shape.push(current.length);
    current = current[0];
  }
  return shape;
}

export function formatRow(row: ParsedRow, tensors: Record<string, Tensor>, model: { name: string; version: string }): string {
  if (row.style === 'oip') {
    const { body } = encodeInferResponse({
      modelName: model.name,
      modelVersion: model.version,
      ...(row.id !== undefined ? { id: row.id } : {}),
      outputs: row.outputs ?? Object.keys(tensors).map((name) => ({ name, binary: false })),
      tensors,
    });
    return Buffer.from(body).toString('utf8');
  }
  const parts = Object.entries(tensors).map(([name, tensor]) => {
    const shape = row.batched && tensor.shape[0] === 1 ? tensor.shape.slice(1) : tensor.shape;
    return `${JSON.stringify(name)}:${nest(shape, elementStrings(tensor))}`;
  });
  const id = row.id !== undefined ? `"id":${JSON.stringify(row.id)},` : '';
  return `{${id}"outputs":{${parts.join(',')}}}`;
}

function elementStrings(tensor: Tensor): string[] {
  if (!isOipDatatype(tensor.datatype)) return [];
  const kind = DATATYPES[tensor.datatype].kind;
  const data: TensorData = tensor.data;
  if (kind === 'bytes') return (data as string[]).map((s) => JSON.stringify(s));
  if (kind === 'bool') return Array.from(data as Uint8Array, (v) => (v ? 'true' : 'false'));
  if (kind === 'half') return Array.from(data as Uint16Array, (v) => String(fromHalfBits(v)));
  return Array.from(data as ArrayLike<number | bigint>, (v) => String(v));
}

function nest(shape: readonly number[], values: readonly string[]): string {
  if (shape.length === 0) return values[0] ?? 'null';
  let index = 0;
  const build = (depth: number): string => {
    const size = shape[depth] as number;
    const items: string[] = [];
    for (let i = 0; i < size; i++) items.push(depth === shape.length - 1 ? (values[index++] ?? 'null') : build(depth + 1));
    return `[${items.join(',')}]`;
  };
  return build(0);
}
