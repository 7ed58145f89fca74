/**
 * A version's evaluation set: JSONL, one example per line, `{"inputs": {...}, "label"?: ...}`,
 * checked against the version's input specs and turned into the accuracy gate's feeds. Every error
 * names the line, so a 400 says exactly which row to fix.
 *
 * Inputs are nested arrays (or a scalar) of numbers (booleans for BOOL). A flat array is accepted
 * where only one dimension is dynamic: `[5.1, 3.5, 1.4, 0.2]` for `FP32[batch, 4]` is one row.
 * `label` is a class index, or one per row when an example holds several rows (a batch).
 */
import { EdgefleetError, type TensorSpec } from '../../../protocol/index.ts';
import { toTypedData } from './evaluation-values.ts';
import type { Feeds, VariantTensor } from './variant-tensors.ts';

/** Enough for a tight gate; more only makes every gate run slower. */
export const MAX_EVALUATION_ROWS = 10_000;

export interface EvaluationSet {
  feeds: Feeds[];
  /** One class index per classifier row, in order; null when the set has no labels. */
  labels: number[] | null;
  rows: number;
}

const ROW_KEYS = new Set(['inputs', 'label', 'id']);

const fail = (line: number, message: string) =>
  new EdgefleetError('VALIDATION_FAILED', `evaluation set line ${line}: ${message}`, { details: { line } });

export function parseEvaluationSet(text: string, inputs: readonly TensorSpec[]): EvaluationSet {
  const feeds: Feeds[] = [];
  const labels: number[] = [];
  let labelledRows = 0;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = (lines[i] as string).trim();
    if (raw === '') continue;
    const line = i + 1;
    if (feeds.length === MAX_EVALUATION_ROWS) throw fail(line, `more than ${MAX_EVALUATION_ROWS} rows; send a sample`);
    const row = parseRow(raw, line);
    const feed = toFeeds(row.inputs, inputs, line);
    feeds.push(feed);
    if (row.label !== undefined) {
      if (labelledRows !== feeds.length - 1) throw fail(line, 'has a label but earlier rows do not; label every row or none');
      labels.push(...checkLabel(row.label, leadingDim(feed, inputs), line));
      labelledRows++;
    } else if (labelledRows > 0) {
      throw fail(line, 'has no label but earlier rows do; label every row or none');
    }
  }
  if (feeds.length === 0) throw new EdgefleetError('VALIDATION_FAILED', 'the evaluation set has no rows (one JSON object per line)');
  return { feeds, labels: labelledRows > 0 ? labels : null, rows: feeds.length };
}

function parseRow(raw: string, line: number): { inputs: Record<string, unknown>; label?: unknown } {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (err) {
    throw fail(line, `not JSON: ${(err as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw fail(line, 'each line must be a JSON object');
  const row = value as Record<string, unknown>;
  const unknown = Object.keys(row).find((k) => !ROW_KEYS.has(k));
  if (unknown !== undefined) throw fail(line, `unknown key "${unknown}" (a row has "inputs", and optionally "label" and "id")`);
  const rowInputs = row['inputs'];
  if (rowInputs === null || typeof rowInputs !== 'object' || Array.isArray(rowInputs)) {
    throw fail(line, '"inputs" must be an object of input name -> values');
  }
  return { inputs: rowInputs as Record<string, unknown>, ...(row['label'] !== undefined ? { label: row['label'] } : {}) };
}

function toFeeds(values: Record<string, unknown>, specs: readonly TensorSpec[], line: number): Feeds {
  const known = new Set(specs.map((s) => s.name));
  const extra = Object.keys(values).find((k) => !known.has(k));
  if (extra !== undefined) throw fail(line, `"${extra}" is not an input of the model (inputs: ${[...known].join(', ')})`);
  const feed: Feeds = {};
  for (const spec of specs) {
    if (!(spec.name in values)) throw fail(line, `input "${spec.name}" is missing`);
    feed[spec.name] = toTensor(values[spec.name], spec, line);
  }
  return feed;
}

function toTensor(value: unknown, spec: TensorSpec, line: number): VariantTensor {
  const what = `input "${spec.name}" (${spec.datatype}[${spec.shape.join(',')}])`;
  if (spec.datatype === 'BYTES') throw fail(line, `${what}: string inputs are not supported in evaluation sets`);
  const nested = flatten(value);
  if (typeof nested === 'string') throw fail(line, `${what}: ${nested}`);
  const shape = resolveShape(nested.shape, nested.values.length, spec);
  if (typeof shape === 'string') throw fail(line, `${what}: ${shape}`);
  const data = toTypedData(nested.values, spec.datatype);
  if (typeof data === 'string') throw fail(line, `${what}: ${data}`);
  return { datatype: spec.datatype, shape, data };
}

type Leaf = number | boolean;

/** Nested arrays -> row-major values and the nesting's shape; a string says what is wrong. */
function flatten(value: unknown): { values: Leaf[]; shape: number[] } | string {
  if (typeof value === 'number' || typeof value === 'boolean') return { values: [value], shape: [] };
  if (!Array.isArray(value)) return `expected a number or nested arrays of numbers, got ${value === null ? 'null' : typeof value}`;
  if (value.length === 0) return 'an empty array';
  const parts = value.map(flatten);
  const bad = parts.find((p): p is string => typeof p === 'string');
  if (bad !== undefined) return bad;
  const first = (parts[0] as { shape: number[] }).shape.join(',');
  if (parts.some((p) => (p as { shape: number[] }).shape.join(',') !== first)) return 'ragged nested arrays (rows of different lengths)';
  const inner = (parts[0] as { shape: number[] }).shape;
  return { values: parts.flatMap((p) => (p as { values: Leaf[] }).values), shape: [value.length, ...inner] };
}

/**
 * The concrete shape: the nesting's when it has the spec's rank and agrees with its fixed dims;
 * otherwise the fixed dims with the single dynamic one filled from the value count.
 */
function resolveShape(nested: number[], count: number, spec: TensorSpec): number[] | string {
  const fixed = (d: TensorSpec['shape'][number]) => typeof d === 'number' && d > 0;
  if (nested.length === spec.shape.length && spec.shape.every((d, i) => !fixed(d) || d === nested[i])) return nested;
  const staticCount = spec.shape.reduce<number>((n, d) => (fixed(d) ? n * (d as number) : n), 1);
  const dynamic = spec.shape.filter((d) => !fixed(d)).length;
  if (dynamic === 0) {
    return count === staticCount ? spec.shape.map(Number) : `has ${count} values, the input takes ${staticCount}`;
  }
  if (dynamic > 1) return `has shape [${nested.join(',')}]; with several dynamic dimensions give nested arrays of rank ${spec.shape.length}`;
  if (count % staticCount !== 0) return `has ${count} values, not a multiple of ${staticCount}`;
  return spec.shape.map((d) => (fixed(d) ? (d as number) : count / staticCount));
}

/** Rows in this example: the first input's leading dimension (1 for a scalar input). */
function leadingDim(feed: Feeds, specs: readonly TensorSpec[]): number {
  const first = specs[0] && feed[specs[0].name];
  return first?.shape[0] ?? 1;
}

function checkLabel(label: unknown, rows: number, line: number): number[] {
  const values = Array.isArray(label) ? label : [label];
  if (!values.every((v) => Number.isInteger(v) && (v as number) >= 0)) {
    throw fail(line, '"label" must be a class index (an integer >= 0) or an array of them');
  }
  if (values.length !== rows) throw fail(line, `"label" has ${values.length} value(s) for ${rows} row(s)`);
  return values as number[];
}
