import { afterAll, describe, expect, it } from 'vitest';
import { buildMlp, buildNanModel } from '../../../test/fixtures/models/index.ts';
import type { TensorSpec } from '../../../protocol/index.ts';
import { runAccuracyGate } from './accuracy-gate.ts';
import { generateInputs } from './generate-inputs.ts';
import { createOnnxRunner, type OnnxRunner } from './onnx-runner.ts';
import { quantizeInt8 } from './quantize-int8.ts';
import { buildPassThroughModel, scrambleWeights } from './variant-test-models.ts';

const runners: OnnxRunner[] = [];
afterAll(async () => Promise.all(runners.map((r) => r.release())));
async function load(bytes: Uint8Array): Promise<OnnxRunner> {
  const runner = await createOnnxRunner(bytes);
  runners.push(runner);
  return runner;
}

// One hidden layer: random deeper MLPs have near-uniform softmax outputs whose top-2 gaps are the
// size of int8 noise, so their agreement sits at 0.989-0.995 (see README.md in this folder).
const CLASSIFIER = { inputs: 128, hidden: [512], outputs: 10, seed: 1, softmax: true };
const classifierInput: TensorSpec[] = [{ name: 'input', datatype: 'FP32', shape: ['batch', 128] }];

describe('generateInputs', () => {
  const specs: TensorSpec[] = [
    { name: 'a', datatype: 'FP32', shape: ['batch', 3] },
    { name: 'b', datatype: 'INT64', shape: [2] },
    { name: 'c', datatype: 'FP16', shape: [-1] },
    { name: 'd', datatype: 'BOOL', shape: [] },
  ];

  it('draws seeded tensors shaped from the metadata, dynamic dimensions as asked', () => {
    const first = generateInputs(specs, 3, 7, { dynamicDim: 5 });
    expect(generateInputs(specs, 3, 7, { dynamicDim: 5 })).toEqual(first);
    expect(generateInputs(specs, 3, 8, { dynamicDim: 5 })).not.toEqual(first);
    const [sample] = first;
    expect(sample?.a).toMatchObject({ datatype: 'FP32', shape: [5, 3] });
    expect(sample?.a?.data).toBeInstanceOf(Float32Array);
    expect(sample?.b).toMatchObject({ datatype: 'INT64', shape: [2] });
    expect(sample?.b?.data).toBeInstanceOf(BigInt64Array);
    expect(sample?.c).toMatchObject({ datatype: 'FP16', shape: [5] });
    expect(sample?.c?.data).toBeInstanceOf(Uint16Array);
    expect(sample?.d?.shape).toEqual([]);
  });

  it('uses fixed values where given and refuses to invent strings', () => {
    const sr = { datatype: 'INT64' as const, shape: [], data: BigInt64Array.of(16000n) };
    expect(generateInputs([{ name: 'sr', datatype: 'INT64', shape: [] }], 2, 1, { fixed: { sr } }).map((f) => f.sr)).toEqual([sr, sr]);
    expect(() => generateInputs([{ name: 's', datatype: 'BYTES', shape: [1] }], 1, 1)).toThrow(/cannot generate values for string input "s"/);
  });
});

describe('runAccuracyGate', () => {
  it('passes the INT8 variant of an MLP classifier: top-1 agreement >= 0.99 over 1000 generated inputs', async () => {
    const fp32 = buildMlp(CLASSIFIER);
    const inputs = generateInputs(classifierInput, 1000, 42);
    const reference = await load(fp32);
    const result = await runAccuracyGate(reference, await load(quantizeInt8(fp32).bytes), inputs);
    expect(result.pass).toBe(true);
    expect(result.samples).toBe(1000);
    const [output] = result.outputs;
    expect(output?.classifier?.rows).toBe(1000);
    expect(output?.classifier?.top1Agreement).toBeGreaterThanOrEqual(0.99);
    expect(output?.classifier?.maxDisagreementMargin).toBeLessThan(0.02); // only near-ties flipped
    expect(result.checks.map((c) => `${c.check}:${c.pass}`)).toEqual(['finite:true', 'top1-agreement:true']);
  });

  it('fails a variant whose weights were scrambled, with the evidence', async () => {
    const fp32 = buildMlp(CLASSIFIER);
    const inputs = generateInputs(classifierInput, 200, 43);
    const reference = await load(fp32);
    // Labels: what the FP32 model predicts, so its accuracy is 1 and the variant's is its agreement.
    const labels = (await Promise.all(inputs.map((f) => reference.run(f)))).map((out) => {
      const p = Array.from(out.output?.data as Float32Array);
      return p.indexOf(Math.max(...p));
    });
    const result = await runAccuracyGate(reference, await load(scrambleWeights(fp32, 'w0')), inputs, { labels: { values: labels } });
    expect(result.pass).toBe(false);
    expect(result.summary).toMatch(/^failed top1-agreement on "output": 0\.\d+ against 0\.9900$/);
    const evidence = result.outputs[0]?.classifier;
    expect(evidence?.top1Agreement).toBeLessThan(0.9);
    expect(evidence?.disagreements).toBeGreaterThan(20);
    expect(evidence?.referenceAccuracy).toBe(1);
    expect(evidence?.variantAccuracy).toBe(evidence?.top1Agreement);
    expect(result.checks.find((c) => c.check === 'accuracy-drop')?.pass).toBe(false);
    expect(result.outputs[0]?.maxAbsError).toBeGreaterThan(0.1);
  });

  it('fails closed: no applicable criterion, a differently shaped output, NaN where the reference is finite', async () => {
    const regression = buildMlp({ inputs: 4, hidden: [8], outputs: 1, seed: 2 });
    const inputs = generateInputs([{ name: 'input', datatype: 'FP32', shape: ['batch', 4] }], 5, 1);
    const ref = await load(regression);
    const unbounded = await runAccuracyGate(ref, ref, inputs);
    expect(unbounded).toMatchObject({ pass: false, summary: 'no criterion applies: no classifier-shaped output and no error bound configured' });
    expect((await runAccuracyGate(ref, ref, inputs, { maxAbsError: 1e-6 })).pass).toBe(true);

    const wider = await load(buildMlp({ inputs: 4, hidden: [8], outputs: 2, seed: 2 }));
    const shape = await runAccuracyGate(ref, wider, inputs, { maxAbsError: 1 });
    expect(shape.pass).toBe(false);
    expect(shape.checks).toContainEqual({ check: 'shape', output: 'output', value: 1, threshold: 0, pass: false });

    const xs = generateInputs([{ name: 'x', datatype: 'FP32', shape: ['batch', 4] }], 3, 1);
    const nan = await runAccuracyGate(await load(buildPassThroughModel(false)), await load(buildNanModel()), xs, { maxAbsError: 1 });
    expect(nan.pass).toBe(false);
    expect(nan.outputs[0]?.nonFiniteMismatches).toBe(12);
  });

  it('reads FP16 outputs as numbers', async () => {
    const xs = generateInputs([{ name: 'x', datatype: 'FP32', shape: ['batch', 4] }], 5, 3, { dynamicDim: 2 });
    const result = await runAccuracyGate(await load(buildPassThroughModel(false)), await load(buildPassThroughModel(true)), xs, { maxAbsError: 5e-3 });
    expect(result.pass).toBe(true);
    expect(result.outputs[0]?.maxAbsError).toBeGreaterThan(0); // float16 rounding is there
  });
});
