/**
 * Reading features and outputs off tensors, the same way on the control plane (building a profile)
 * and on devices (counting a window), so both see the same numbers. Pure; no I/O.
 */
import type { Expectations, FeatureDeclaration, OutputSpec, TensorStat } from './profile.ts';

/** A feature value: a number (NaN is missing), a category string, or null (missing). */
export type FeatureValue = number | string | null;

/** A tensor as the agent or the control plane holds it: flat row-major data and its shape. */
export interface TensorView {
  data: ArrayLike<number> | ArrayLike<bigint>;
  shape: readonly number[];
}

/** Rows in a tensor: dimension 0 is the batch, a 0- or 1-d tensor is one row. */
export function rowsOf(tensor: TensorView): number {
  return tensor.shape.length > 1 ? (tensor.shape[0] ?? 0) : 1;
}

/** Elements per row. */
function rowSizeOf(tensor: TensorView): number {
  const rows = rowsOf(tensor);
  return rows === 0 ? 0 : tensor.data.length / rows;
}

function element(tensor: TensorView, i: number): number {
  return Number(tensor.data[i]);
}

/** The statistic of one row's elements (optionally one channel's), skipping NaN. */
function tensorStatistic(tensor: TensorView, row: number, stat: TensorStat, channelAxis?: number, channel?: number): number {
  const size = rowSizeOf(tensor);
  const base = row * size;
  const dims = tensor.shape.length > 1 ? tensor.shape.slice(1) : tensor.shape;
  // inner: elements per step of the channel axis; elements with (i / inner) % axisLength === channel are in the channel.
  let inner = 1;
  let axisLength = 1;
  if (channelAxis !== undefined) {
    axisLength = dims[channelAxis] ?? 0;
    for (let d = channelAxis + 1; d < dims.length; d++) inner *= dims[d]!;
  }
  let n = 0, sum = 0, sumSquares = 0, min = Infinity, max = -Infinity;
  for (let i = 0; i < size; i++) {
    if (channelAxis !== undefined && Math.floor(i / inner) % axisLength !== channel) continue;
    const x = element(tensor, base + i);
    if (Number.isNaN(x)) continue;
    n++;
    sum += x;
    sumSquares += x * x;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  if (n === 0) return NaN;
  const mean = sum / n;
  switch (stat) {
    case 'mean': return mean;
    case 'rms': return Math.sqrt(sumSquares / n);
    case 'min': return min;
    case 'max': return max;
    // Population std; rows are small enough that the one-pass form does not lose precision that matters here.
    case 'std': return Math.sqrt(Math.max(0, sumSquares / n - mean * mean));
  }
}

/**
 * The declared features of every row of a batch: one array per row, aligned with `features`.
 * A feature whose input is absent, or whose index is beyond the row, is missing (null).
 *
 * @example
 * extractFeatureRows([{ name: 'a', type: 'numeric', source: { kind: 'element', input: 'x', index: 1 } }],
 *   { x: { data: new Float32Array([1, 2, 3, 4]), shape: [2, 2] } }) // [[2], [4]]
 */
export function extractFeatureRows(features: readonly FeatureDeclaration[], inputs: Record<string, TensorView>): FeatureValue[][] {
  let rows = 0;
  for (const f of features) {
    const t = inputs[f.source.input];
    if (t) rows = Math.max(rows, rowsOf(t));
  }
  const out: FeatureValue[][] = [];
  for (let r = 0; r < rows; r++) {
    const values: FeatureValue[] = new Array(features.length);
    for (let k = 0; k < features.length; k++) {
      const { source } = features[k]!;
      const t = Object.hasOwn(inputs, source.input) ? inputs[source.input] : undefined;
      if (!t || r >= rowsOf(t)) values[k] = null;
      else if (source.kind === 'element') {
        values[k] = source.index < rowSizeOf(t) ? element(t, r * rowSizeOf(t) + source.index) : null;
      } else values[k] = tensorStatistic(t, r, source.stat, source.channelAxis, source.channel);
    }
    out.push(values);
  }
  return out;
}

/** True for null, undefined and NaN: the value is missing. */
export function isMissing(value: FeatureValue | undefined): boolean {
  return value === null || value === undefined || (typeof value === 'number' && Number.isNaN(value));
}

/**
 * Whether a value breaks its feature's expectations: missing when missing is not allowed, a
 * non-number for a numeric feature, outside [min, max], or a category outside `allowed` (pass a
 * Set of it on hot paths).
 *
 * @example
 * violatesExpectations('numeric', { min: 0 }, -1) // true
 */
export function violatesExpectations(
  type: FeatureDeclaration['type'],
  expectations: Expectations | undefined,
  value: FeatureValue | undefined,
  allowed?: ReadonlySet<string>,
): boolean {
  if (isMissing(value)) return expectations?.missingAllowed === false;
  if (type === 'numeric' && typeof value !== 'number') return true;
  if (!expectations) return false;
  if (typeof value === 'number') {
    if (expectations.min !== undefined && value < expectations.min) return true;
    if (expectations.max !== undefined && value > expectations.max) return true;
  }
  if (type === 'categorical' && expectations.allowed) {
    const key = String(value);
    return allowed ? !allowed.has(key) : !expectations.allowed.includes(key);
  }
  return false;
}

/** What one row of output says. */
export interface OutputReading {
  /** The row held NaN or ±Infinity: nothing else is meaningful. */
  nan: boolean;
  /** Confidence of the predicted class (classification; for one column, P(classes[1])) or the prediction (regression). */
  score: number;
  /** Predicted class index into `spec.classes`; -1 for regression. */
  predicted: number;
  /** Probability of the predicted class (what a reliability diagram bins); NaN for regression. */
  confidence: number;
  /** Entropy of the class probabilities in nats (classification); NaN for regression. */
  entropy: number;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/**
 * A class score as a probability (before softmax's normalisation). A module function, not a
 * closure per call: under tsx every closure created on the request path also pays a `__name`
 * defineProperty (measured ~0.5 us per request with 10 classes, most of interpretOutput).
 */
function probabilityOf(transform: OutputSpec['transform'], v: number, top: number): number {
  return transform === 'sigmoid' ? sigmoid(v) : transform === 'softmax' ? Math.exp(v - top) : v;
}

function entropyOf(probabilities: readonly number[]): number {
  let h = 0;
  for (const p of probabilities) if (p > 0) h -= p * Math.log(p);
  return h;
}

/**
 * Read one row of the primary output per its spec.
 *
 * @example
 * interpretOutput({ tensor: 'y', task: 'classification', classes: ['a', 'b'], transform: 'none' }, [0.2, 0.8])
 * // { nan: false, score: 0.8, predicted: 1, confidence: 0.8, entropy: 0.5004 }
 */
export function interpretOutput(spec: OutputSpec, row: ArrayLike<number>): OutputReading {
  for (let i = 0; i < row.length; i++) {
    if (!Number.isFinite(row[i]!)) return { nan: true, score: NaN, predicted: -1, confidence: NaN, entropy: NaN };
  }
  if (row.length === 0) return { nan: true, score: NaN, predicted: -1, confidence: NaN, entropy: NaN };
  if (spec.task === 'regression') return { nan: false, score: row[0]!, predicted: -1, confidence: NaN, entropy: NaN };
  if (row.length === 1) {
    const p = spec.transform === 'sigmoid' ? sigmoid(row[0]!) : row[0]!;
    return { nan: false, score: p, predicted: p >= 0.5 ? 1 : 0, confidence: Math.max(p, 1 - p), entropy: entropyOf([p, 1 - p]) };
  }
  // One pass for the argmax (every transform is monotone), one for the normaliser and the entropy;
  // no arrays allocated: this runs per request on the agent.
  let predicted = 0;
  for (let k = 1; k < row.length; k++) if (row[k]! > row[predicted]!) predicted = k;
  const top = row[predicted]!;
  const transform = spec.transform;
  let sum = 0;
  for (let k = 0; k < row.length; k++) sum += probabilityOf(transform, row[k]!, top);
  // Softmax divides by the sum; 'none' and 'sigmoid' take the values as they are (as before).
  const scale = spec.transform === 'softmax' ? 1 / sum : 1;
  let entropy = 0;
  for (let k = 0; k < row.length; k++) {
    const p = probabilityOf(transform, row[k]!, top) * scale;
    if (p > 0) entropy -= p * Math.log(p);
  }
  const confidence = probabilityOf(transform, top, top) * scale;
  return { nan: false, score: confidence, predicted, confidence, entropy };
}

/**
 * The rows of an output tensor (views, not copies, for typed arrays).
 *
 * @example
 * outputRows({ data: new Float32Array([0.1, 0.9, 0.7, 0.3]), shape: [2, 2] }) // [[0.1, 0.9], [0.7, 0.3]]
 */
export function outputRows(tensor: TensorView): ArrayLike<number>[] {
  const rows = rowsOf(tensor);
  const size = rowSizeOf(tensor);
  const out: ArrayLike<number>[] = [];
  const data = tensor.data as ArrayLike<number> & { subarray?: (a: number, b: number) => ArrayLike<number> };
  const numeric = typeof data[0] !== 'bigint';
  for (let r = 0; r < rows; r++) {
    if (numeric && typeof data.subarray === 'function') out.push(data.subarray(r * size, (r + 1) * size));
    else out.push(Array.from({ length: size }, (_, i) => Number(tensor.data[r * size + i])));
  }
  return out;
}

/**
 * The class index of a label or prediction: its position in `classes` by name, else a whole number
 * in [0, K) read as the index itself (data sets often label classes 0..K-1); -1 when neither.
 *
 * @example
 * classIndexOf(['malignant', 'benign'], 'benign') // 1
 * classIndexOf(['malignant', 'benign'], 0) // 0
 */
export function classIndexOf(classes: readonly string[], label: string | number | null | undefined): number {
  if (label === null || label === undefined || (typeof label === 'number' && Number.isNaN(label))) return -1;
  const key = String(label);
  const named = classes.indexOf(key);
  if (named >= 0) return named;
  const index = typeof label === 'number' ? label : key.trim() === '' ? NaN : Number(key);
  return Number.isInteger(index) && index >= 0 && index < classes.length ? index : -1;
}
