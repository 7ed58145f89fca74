import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterEach, describe, expect, it } from 'vitest';
import { buildMlp, buildNanModel, loadSileroVad, MLP_INPUT, MLP_OUTPUT, uniformFloats, createPrng } from '../../test/fixtures/models/index.ts';
import { createTempDir } from '../../test/helpers/temp-dir.ts';
import { runBatch, type BatchProgress } from './run-batch.ts';

describe('runBatch', () => {
  const dirs: Array<{ path: string; remove: () => void }> = [];
  const temp = () => {
    const d = createTempDir('ef-batch-');
    dirs.push(d);
    return d.path;
  };
  afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

  it('scores named-tensor rows in order, equal to a direct onnxruntime run, and reports progress', async () => {
    const dir = temp();
    const model = buildMlp({ inputs: 8, hidden: [16], outputs: 3, seed: 7 });
    writeFileSync(join(dir, 'mlp.onnx'), model);
    const next = createPrng(3);
    const rows = Array.from({ length: 200 }, () => Array.from(uniformFloats(next, 8, 1)));
    writeFileSync(join(dir, 'in.jsonl'), `${rows.map((r) => JSON.stringify({ inputs: { [MLP_INPUT]: r } })).join('\n')}\n\n`);
    const progress: BatchProgress[] = [];
    const result = await runBatch({ model: join(dir, 'mlp.onnx'), input: join(dir, 'in.jsonl'), output: join(dir, 'out.jsonl'), onProgress: (p) => progress.push(p), progressIntervalMs: 0 });
    expect(result).toMatchObject({ rows: 200, failed: 0, done: true });
    expect(result.rowsPerSecond).toBeGreaterThan(0);
    expect(progress.at(-1)?.done).toBe(true);
    expect(progress.length).toBeGreaterThan(1);

    const lines = readFileSync(join(dir, 'out.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { outputs: Record<string, number[]> });
    expect(lines).toHaveLength(200);
    const session = await ort.InferenceSession.create(model);
    const direct = await session.run({ [MLP_INPUT]: new ort.Tensor('float32', Float32Array.from(rows.flat()), [200, 8]) });
    const expected = direct[MLP_OUTPUT]?.data as Float32Array;
    lines.forEach((line, i) => {
      expect(line.outputs[MLP_OUTPUT]).toHaveLength(3);
      line.outputs[MLP_OUTPUT]?.forEach((v, j) => expect(v).toBeCloseTo(expected[i * 3 + j] as number, 5));
    });
    await session.release();
  });

  it('takes OIP-style rows, writes an error line for a bad row and keeps going', async () => {
    const dir = temp();
    const good = { id: 'a', inputs: [{ name: 'x', shape: [1, 4], datatype: 'FP32', data: [1, 2, 3, 4] }] };
    const bad = { inputs: [{ name: 'x', shape: [1, 3], datatype: 'FP32', data: [1, 2, 3] }] };
    writeFileSync(join(dir, 'in.jsonl'), [good, bad, 'not json', good].map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n'));
    const result = await runBatch({ model: buildNanModel(), input: join(dir, 'in.jsonl'), output: join(dir, 'out.jsonl') });
    expect(result).toMatchObject({ rows: 4, failed: 2 });
    const lines = readFileSync(join(dir, 'out.jsonl'), 'utf8').trim().split('\n');
    expect(lines[0]).toContain('"id":"a"');
    expect(lines[0]).toContain('"data":[NaN,NaN,NaN,NaN]');
    expect(JSON.parse(lines[1] as string)).toEqual({ error: expect.stringMatching(/dimension 1 must be 4/) });
    expect(JSON.parse(lines[2] as string)).toEqual({ error: 'row is not valid JSON' });
  });

  it('runs a real model with several inputs (Silero VAD) from named rows', async () => {
    const dir = temp();
    const row = { inputs: { input: Array.from({ length: 512 }, (_, i) => Math.sin(i / 10) * 0.1), state: [[Array(128).fill(0)], [Array(128).fill(0)]], sr: 16000 } };
    writeFileSync(join(dir, 'in.jsonl'), `${JSON.stringify(row)}\n`);
    const result = await runBatch({ model: await loadSileroVad(), input: join(dir, 'in.jsonl'), output: join(dir, 'out.jsonl') });
    expect(result.failed).toBe(0);
    const out = JSON.parse(readFileSync(join(dir, 'out.jsonl'), 'utf8')) as { outputs: { output: number[]; stateN: number[][][] } };
    expect(out.outputs.stateN).toHaveLength(2);
    expect(out.outputs.output[0]).toBeGreaterThanOrEqual(0);
    expect(out.outputs.output[0]).toBeLessThanOrEqual(1);
  });
});
