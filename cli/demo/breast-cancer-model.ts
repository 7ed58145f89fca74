/**
 * The Wisconsin breast cancer data set (UCI, as packaged with scikit-learn; datasets/ in this repository) and a
 * logistic-regression classifier trained on part of it, written as ONNX: standardise (Sub, Div),
 * Gemm, Softmax over [malignant, benign]. A seeded split keeps train and held-out rows the same on
 * every run; the held-out rows are the reference profile's data.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FeatureDeclaration } from '../../protocol/index.ts';
import { mulberry32 } from '../../protocol/stats/index.ts';
import { ElemType, encodeModel, floatTensor, valueInfo } from './onnx-builder.ts';

const BASE = ['radius', 'texture', 'perimeter', 'area', 'smoothness', 'compactness', 'concavity', 'concave_points', 'symmetry', 'fractal_dimension'];
/** Column names per breast_cancer.rst: fields 0-9 are means, 10-19 standard errors, 20-29 "worst". */
export const BREAST_CANCER_COLUMNS = ['mean', 'se', 'worst'].flatMap((group) => BASE.map((b) => `${b}_${group}`));
export const BREAST_CANCER_CLASSES = ['malignant', 'benign'];

export interface LabelledRows {
  x: number[][];
  y: number[];
}

export function datasetPath(file: string): string {
  return fileURLToPath(new URL(`../../datasets/${file}`, import.meta.url));
}

/** All 569 rows (the CSV's first line is a size header, the last column the class). */
export function loadBreastCancer(): LabelledRows {
  const lines = readFileSync(datasetPath('breast_cancer.csv'), 'utf8').trim().split('\n').slice(1);
  const rows = lines.map((l) => l.split(',').map(Number));
  return { x: rows.map((r) => r.slice(0, 30)), y: rows.map((r) => r[30]!) };
}

/** A seeded shuffle split: `trainShare` of the rows to train, the rest held out. */
export function splitRows(data: LabelledRows, trainShare = 0.5, seed = 42): { train: LabelledRows; heldOut: LabelledRows } {
  const random = mulberry32(seed);
  const order = data.x.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const cut = Math.round(order.length * trainShare);
  const pick = (idx: number[]) => ({ x: idx.map((i) => data.x[i]!), y: idx.map((i) => data.y[i]!) });
  return { train: pick(order.slice(0, cut)), heldOut: pick(order.slice(cut)) };
}

export interface LogisticModel {
  mean: number[];
  std: number[];
  weights: number[];
  bias: number;
}

/** Full-batch gradient descent on the standardised features (log loss, small L2): a few hundred steps suffice. */
export function trainLogistic(train: LabelledRows, steps = 300, rate = 0.5): LogisticModel {
  const d = train.x[0]!.length;
  const n = train.x.length;
  const mean = Array.from({ length: d }, (_, j) => train.x.reduce((s, r) => s + r[j]!, 0) / n);
  const std = Array.from({ length: d }, (_, j) => Math.sqrt(train.x.reduce((s, r) => s + (r[j]! - mean[j]!) ** 2, 0) / n) || 1);
  const z = train.x.map((r) => r.map((v, j) => (v - mean[j]!) / std[j]!));
  const weights = new Array<number>(d).fill(0);
  let bias = 0;
  for (let step = 0; step < steps; step++) {
    const gradient = new Array<number>(d).fill(0);
    let gradientBias = 0;
    z.forEach((row, i) => {
      const p = 1 / (1 + Math.exp(-(row.reduce((s, v, j) => s + v * weights[j]!, bias))));
      const error = p - train.y[i]!;
      row.forEach((v, j) => (gradient[j]! += error * v));
      gradientBias += error;
    });
    for (let j = 0; j < d; j++) weights[j]! -= rate * (gradient[j]! / n + 1e-3 * weights[j]!);
    bias -= rate * (gradientBias / n);
  }
  return { mean, std, weights, bias };
}

/**
 * The model as ONNX: input [batch, 30] -> (x - mean) / std -> Gemm to two logits (class 0 gets
 * the negated half) -> Softmax: output [batch, 2] = [P(malignant), P(benign)].
 */
export function logisticOnnx(model: LogisticModel): Uint8Array {
  const d = model.weights.length;
  const w = new Float32Array(d * 2);
  model.weights.forEach((v, j) => {
    w[j * 2] = -v / 2;
    w[j * 2 + 1] = v / 2;
  });
  return encodeModel({
    name: 'breast-cancer-logistic',
    inputs: [valueInfo('input', ElemType.FLOAT, ['batch', d])],
    outputs: [valueInfo('output', ElemType.FLOAT, ['batch', 2])],
    nodes: [
      { op: 'Sub', inputs: ['input', 'mean'], outputs: ['centered'] },
      { op: 'Div', inputs: ['centered', 'std'], outputs: ['standardized'] },
      { op: 'Gemm', inputs: ['standardized', 'w', 'b'], outputs: ['logits'] },
      { op: 'Softmax', inputs: ['logits'], outputs: ['output'], attrs: { axis: -1 } },
    ],
    initializers: [
      floatTensor('mean', [d], Float32Array.from(model.mean)),
      floatTensor('std', [d], Float32Array.from(model.std)),
      floatTensor('w', [d, 2], w),
      floatTensor('b', [2], Float32Array.from([-model.bias / 2, model.bias / 2])),
    ],
  });
}

/** One numeric feature per column, element j of `input`. */
export function breastCancerDeclarations(): FeatureDeclaration[] {
  return BREAST_CANCER_COLUMNS.map((name, index) => ({ name, type: 'numeric', source: { kind: 'element', input: 'input', index } }));
}

/** CSV with a header (the column names, then `target`). */
export function toCsv(rows: LabelledRows): string {
  return `${[...BREAST_CANCER_COLUMNS, 'target'].join(',')}\n${rows.x.map((r, i) => [...r, rows.y[i]].join(',')).join('\n')}\n`;
}

/** Rows with the listed columns moved by `shift` standard deviations (of `reference`). */
export function shiftColumns(rows: LabelledRows, columns: readonly number[], shift: number, reference: LabelledRows): LabelledRows {
  const n = reference.x.length;
  const std = columns.map((j) => {
    const m = reference.x.reduce((s, r) => s + r[j]!, 0) / n;
    return Math.sqrt(reference.x.reduce((s, r) => s + (r[j]! - m) ** 2, 0) / (n - 1));
  });
  return { x: rows.x.map((r) => r.map((v, j) => (columns.includes(j) ? v + shift * std[columns.indexOf(j)]! : v))), y: rows.y };
}
