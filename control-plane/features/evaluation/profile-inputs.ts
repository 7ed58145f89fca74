/**
 * Turning reference rows into the model's input tensors: each `element` feature's column fills its
 * position of its input, or a JSONL row carries a whole input as a flat array under the input's
 * name (images, audio: what tensor-summary features read). Pure; errors name the row and column.
 */
import { EdgefleetError, type FeatureDeclaration, type OipDatatype, type TensorSpec } from '../../../protocol/index.ts';
import { cellName, numericCell, type Dataset, type DatasetRow } from './dataset-parser.ts';
import type { RunnerTensor } from './model-runner.ts';

const SUPPORTED: ReadonlySet<OipDatatype> = new Set(['FP32', 'FP64', 'INT32', 'INT64']);

/** A model input as the rows fill it. */
export interface InputPlan {
  spec: TensorSpec;
  /** Elements per row (the shape without the batch dimension). */
  rowSize: number;
  /** The batch dimension is dynamic; otherwise it is 1 and rows run one at a time. */
  dynamicBatch: boolean;
  /** Column filling each element, or undefined where the row must carry the whole input. */
  columns: Array<string | undefined>;
}

function invalid(message: string): EdgefleetError {
  return new EdgefleetError('VALIDATION_FAILED', message);
}

/** Check the declarations against the model's inputs and say how each input is filled. */
export function planInputs(features: readonly FeatureDeclaration[], inputs: readonly TensorSpec[]): InputPlan[] {
  const names = inputs.map((i) => i.name);
  for (const f of features) {
    if (!names.includes(f.source.input)) {
      throw invalid(`feature "${f.name}" reads input "${f.source.input}"; the model's inputs are ${names.map((n) => `"${n}"`).join(', ')}`);
    }
  }
  return inputs.map((spec) => {
    if (!SUPPORTED.has(spec.datatype)) throw invalid(`input "${spec.name}" is ${spec.datatype}; profiles support FP32, FP64, INT32 and INT64 inputs`);
    const [batch, ...rest] = spec.shape;
    const dynamicBatch = typeof batch === 'string' || batch === -1;
    if (spec.shape.length < 2 || (!dynamicBatch && batch !== 1) || rest.some((d) => typeof d !== 'number' || d < 1)) {
      throw invalid(`input "${spec.name}" has shape [${spec.shape.join(', ')}]; profiles need [batch, fixed dims...]`);
    }
    const rowSize = (rest as number[]).reduce((a, b) => a * b, 1);
    const columns = new Array<string | undefined>(rowSize).fill(undefined);
    for (const f of features) {
      if (f.source.kind !== 'element' || f.source.input !== spec.name) continue;
      if (f.source.index >= rowSize) throw invalid(`feature "${f.name}" reads element ${f.source.index} of "${spec.name}", which has ${rowSize} per row`);
      columns[f.source.index] = f.name;
    }
    return { spec, rowSize, dynamicBatch, columns };
  });
}

function checkInteger(value: number, row: DatasetRow, column: string, datatype: OipDatatype): void {
  if ((datatype === 'INT32' || datatype === 'INT64') && !Number.isInteger(value)) {
    throw invalid(`${cellName(row, column)}: ${Number.isNaN(value) ? 'a missing value' : value} cannot go into the ${datatype} input`);
  }
}

/** One row's values for an input: from its columns, or its whole-input array. */
function rowValues(plan: InputPlan, row: DatasetRow): number[] {
  const whole = row.values.get(plan.spec.name);
  if (Array.isArray(whole)) {
    if (whole.length !== plan.rowSize) throw invalid(`${cellName(row, plan.spec.name)}: ${whole.length} values, the input takes ${plan.rowSize}`);
    return whole.map((v, i) => {
      if (v === null) return NaN;
      if (typeof v !== 'number') throw invalid(`${cellName(row, plan.spec.name)}: element ${i} is not a number`);
      return v;
    });
  }
  return plan.columns.map((column, i) => {
    if (column === undefined) {
      throw invalid(`row ${row.row} (line ${row.line}): element ${i} of input "${plan.spec.name}" has no feature column; declare one or send the input as an array in JSONL`);
    }
    const value = numericCell(row, column);
    checkInteger(value, row, column, plan.spec.datatype);
    return value;
  });
}

function allocate(datatype: OipDatatype, length: number): RunnerTensor['data'] {
  switch (datatype) {
    case 'FP64': return new Float64Array(length);
    case 'INT32': return new Int32Array(length);
    case 'INT64': return new BigInt64Array(length);
    default: return new Float32Array(length);
  }
}

/**
 * The tensors for `rows` (a slice of the data set), batch dimension = number of rows.
 *
 * @example
 * buildBatch(planInputs(features, version.inputs), dataset.rows.slice(0, 256))
 */
export function buildBatch(plans: readonly InputPlan[], rows: readonly DatasetRow[]): Record<string, RunnerTensor> {
  const tensors: Record<string, RunnerTensor> = {};
  for (const plan of plans) {
    const data = allocate(plan.spec.datatype, rows.length * plan.rowSize);
    rows.forEach((row, r) => {
      const values = rowValues(plan, row);
      for (let i = 0; i < values.length; i++) {
        if (data instanceof BigInt64Array) data[r * plan.rowSize + i] = BigInt(values[i]!);
        else data[r * plan.rowSize + i] = values[i]!;
      }
    });
    const dims = plan.spec.shape.slice(1) as number[];
    tensors[plan.spec.name] = { datatype: plan.spec.datatype, shape: [rows.length, ...dims], data };
  }
  return tensors;
}

/**
 * Check, before the model runs, that every element feature has its column (or its input arrives
 * whole, JSONL) and that the label column exists when one is named.
 */
export function assertColumns(dataset: Dataset, features: readonly FeatureDeclaration[]): void {
  const columns = new Set(dataset.columns);
  for (const f of features) {
    if (f.source.kind === 'element' && !columns.has(f.name) && !columns.has(f.source.input)) {
      throw invalid(`column "${f.name}" is not in the data set (columns: ${dataset.columns.slice(0, 20).join(', ')})`);
    }
  }
}

/** Check the label column exists when one is named (before the model runs for minutes). */
export function assertLabelColumn(dataset: Dataset, column: string | undefined): void {
  if (column === undefined || dataset.rows.length === 0) return;
  if (!dataset.columns.includes(column)) throw invalid(`label column "${column}" is not in the data set (columns: ${dataset.columns.slice(0, 20).join(', ')})`);
}
