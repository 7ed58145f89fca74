/**
 * The models and data of the rollout end-to-end test: a two-class linear softmax classifier on four
 * features (built with the fixtures' ONNX builder), a known "teacher" rule the labels come from, and
 * three versions with known behaviour against it:
 *
 * | version | weights | vs. v1 (measured on 20k rows) |
 * | --- | --- | --- |
 * | 1 | teacher + e | — (accuracy 0.93 on labels with 5% noise) |
 * | 2 (good) | teacher − e | top-1 agreement 0.97, mean abs difference 0.03, same accuracy |
 * | 3 (bad) | teacher + e, logits shifted +3 | agreement 0.74, difference 0.25, accuracy 0.71 |
 *
 * v1 and v2 are mirror images around the teacher, so neither is more accurate than the other.
 */
import type { ProfileRequest } from '../../protocol/index.ts';
import { createPrng, ElemType, encodeModel, floatTensor, valueInfo } from '../fixtures/models/index.ts';

export const MODEL = 'clf';
export const CLASSES = ['neg', 'pos'] as const;
export const WIDTH = 4;

const TEACHER = [1, -1, 0.8, -0.6];
const NOISE = [0.05, 0.03, -0.04, 0.03];
/** Logit scale: probabilities about as sharp as a trained classifier's. */
const SCALE = 4;

function linearSoftmax(weights: number[], shift: number): Uint8Array {
  // Column 0 is the "neg" logit (always 0), column 1 the "pos" logit: scale * (x . w) + shift.
  const w = new Float32Array(WIDTH * 2);
  weights.forEach((v, k) => (w[k * 2 + 1] = SCALE * v));
  return encodeModel({
    name: 'clf',
    inputs: [valueInfo('input', ElemType.FLOAT, ['batch', WIDTH])],
    outputs: [valueInfo('output', ElemType.FLOAT, ['batch', 2])],
    nodes: [
      { op: 'Gemm', inputs: ['input', 'w', 'b'], outputs: ['logits'] },
      { op: 'Softmax', inputs: ['logits'], outputs: ['output'], attrs: { axis: -1 } },
    ],
    initializers: [floatTensor('w', [WIDTH, 2], w), floatTensor('b', [2], new Float32Array([0, shift]))],
  });
}

export const modelV1 = () => linearSoftmax(TEACHER.map((t, k) => t + NOISE[k]!), 0);
export const modelV2Good = () => linearSoftmax(TEACHER.map((t, k) => t - NOISE[k]!), 0);
export const modelV3Bad = () => linearSoftmax(TEACHER.map((t, k) => t + NOISE[k]!), 3);

/** Feature rows, each column uniform on [-1, 1). */
export function rows(n: number, seed: number): number[][] {
  const next = createPrng(seed);
  return Array.from({ length: n }, () => Array.from({ length: WIDTH }, () => Math.fround(2 * next() - 1)));
}

/** The true class of a row: what labels are drawn from. */
export function teacher(row: readonly number[]): (typeof CLASSES)[number] {
  return row.reduce((sum, v, k) => sum + v * TEACHER[k]!, 0) > 0 ? 'pos' : 'neg';
}

/** `POST /v1/models/clf/versions/{v}/profile`: four numeric features, the softmax output as classes. */
export function profileRequest(): ProfileRequest {
  const data = rows(300, 99);
  const header = [...Array.from({ length: WIDTH }, (_, k) => `f${k}`), 'label'].join(',');
  const lines = data.map((r) => [...r, teacher(r)].join(','));
  return {
    features: Array.from({ length: WIDTH }, (_, k) => ({
      name: `f${k}`, type: 'numeric' as const, source: { kind: 'element' as const, input: 'input', index: k }, expectations: { min: -1, max: 1 },
    })),
    output: { tensor: 'output', task: 'classification', classes: [...CLASSES], transform: 'none' },
    labelColumn: 'label',
    format: 'csv',
    dataset: `${header}\n${lines.join('\n')}\n`,
    bins: 10,
  };
}
