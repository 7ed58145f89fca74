import { describe, expect, it } from 'vitest';
import { EdgefleetError, type TensorSpec } from '../../../protocol/index.ts';
import { parseEvaluationSet } from './evaluation-set.ts';

const features: TensorSpec[] = [{ name: 'input', datatype: 'FP32', shape: ['batch', 4] }];
const vad: TensorSpec[] = [
  { name: 'input', datatype: 'FP32', shape: [1, 2] },
  { name: 'sr', datatype: 'INT64', shape: [] },
];

const jsonl = (...rows: unknown[]) => rows.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n');

function refusal(text: string, specs = features): string {
  try {
    parseEvaluationSet(text, specs);
  } catch (err) {
    expect(err).toBeInstanceOf(EdgefleetError);
    expect((err as EdgefleetError).code).toBe('VALIDATION_FAILED');
    return (err as Error).message;
  }
  throw new Error('expected a refusal');
}

describe('parseEvaluationSet', () => {
  it('turns flat and nested rows into feeds, with one label per row', () => {
    const set = parseEvaluationSet(jsonl(
      { inputs: { input: [5.1, 3.5, 1.4, 0.2] }, label: 0 },
      '',
      { inputs: { input: [[6.3, 3.3, 6.0, 2.5], [5.9, 3.0, 4.2, 1.5]] }, label: [2, 1], id: 'two rows' },
    ), features);
    expect(set.rows).toBe(2);
    expect(set.labels).toEqual([0, 2, 1]);
    expect(set.feeds[0]?.['input']).toMatchObject({ datatype: 'FP32', shape: [1, 4] });
    expect(Array.from(set.feeds[1]?.['input']?.data as Float32Array)).toHaveLength(8);
    expect(set.feeds[1]?.['input']?.shape).toEqual([2, 4]);
  });

  it('converts integer and scalar inputs to their types and leaves labels out when there are none', () => {
    const set = parseEvaluationSet(jsonl({ inputs: { input: [[0.5, -0.5]], sr: 16000 } }), vad);
    expect(set.labels).toBeNull();
    expect(set.feeds[0]?.['sr']).toEqual({ datatype: 'INT64', shape: [], data: BigInt64Array.of(16000n) });
  });

  it.each([
    ['bad JSON', jsonl({ inputs: { input: [1, 2, 3, 4] } }, '{"inputs": '), /^evaluation set line 2: not JSON/],
    ['a missing input', jsonl({ inputs: {} }), /line 1: input "input" is missing/],
    ['an unknown input', jsonl({ inputs: { input: [1, 2, 3, 4], extra: [1] } }), /line 1: "extra" is not an input of the model/],
    ['the wrong number of values', jsonl({ inputs: { input: [1, 2, 3, 4, 5] } }), /line 1: input "input" \(FP32\[batch,4\]\): has 5 values, not a multiple of 4/],
    ['a string value', jsonl({ inputs: { input: ['a', 2, 3, 4] } }), /line 1: input "input" .*expected a number/],
    ['ragged rows', jsonl({ inputs: { input: [[1, 2, 3, 4], [1, 2]] } }), /ragged/],
    ['a typo in a key', jsonl({ inputs: { input: [1, 2, 3, 4] }, labels: 1 }), /line 1: unknown key "labels"/],
    ['a fractional label', jsonl({ inputs: { input: [1, 2, 3, 4] }, label: 0.5 }), /line 1: "label" must be a class index/],
    ['too few labels for the rows', jsonl({ inputs: { input: [[1, 2, 3, 4], [1, 2, 3, 4]] }, label: 1 }), /line 1: "label" has 1 value\(s\) for 2 row\(s\)/],
    ['labels on some rows only', jsonl({ inputs: { input: [1, 2, 3, 4] }, label: 1 }, { inputs: { input: [1, 2, 3, 4] } }), /line 2: has no label but earlier rows do/],
    ['no rows', '\n\n', /no rows/],
  ])('refuses %s, naming the line', (_, text, message) => {
    expect(refusal(text)).toMatch(message);
  });

  it('refuses integers that do not fit the input type', () => {
    expect(refusal(jsonl({ inputs: { input: [[0, 0]], sr: 1.5 } }), vad)).toMatch(/line 1: input "sr" \(INT64\[\]\): value 0 \(1.5\) is not an integer/);
  });
});
