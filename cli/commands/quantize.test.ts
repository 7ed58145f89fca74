import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildBrokenModel, buildMlp, MLP_INPUT, MLP_OUTPUT } from '../../test/fixtures/models/index.ts';
import { runEdgefleet } from '../../test/helpers/cli-runner.ts';
import { createTempDir } from '../../test/helpers/temp-dir.ts';

describe('edgefleet quantize', () => {
  let dir: ReturnType<typeof createTempDir>;
  let input: string;
  beforeEach(() => {
    dir = createTempDir('ef-quantize-');
    input = join(dir.path, 'mlp.onnx');
    writeFileSync(input, buildMlp({ inputs: 16, hidden: [64], outputs: 4, seed: 3, softmax: true }));
  });
  afterEach(() => dir.remove());

  it('writes an INT8 variant that onnxruntime loads and prints what it quantized', async () => {
    const output = join(dir.path, 'mlp.int8.onnx');
    const res = await runEdgefleet(['quantize', input, '--int8', '-o', output]);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(new RegExp(`^int8 variant written to ${output}\n`));
    expect(res.stdout).toMatch(/size +\d+\.\d KiB -> \d+\.\d KiB \(0\.\d+x\)/);
    expect(res.stdout).toMatch(/quantized +2 node\(s\)\n +\S+ Gemm weight w0 \[16x64\] uint8-per-column/);
    expect(res.stdout).toMatch(/skipped +0 node\(s\)/);
    const session = await ort.InferenceSession.create(readFileSync(output));
    const out = await session.run({ [MLP_INPUT]: new ort.Tensor('float32', new Float32Array(16).fill(0.5), [1, 16]) });
    expect(out[MLP_OUTPUT]?.dims).toEqual([1, 4]);
    await session.release();
    expect(readdirSync(dir.path).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('reports FP16 as JSON, with the block list of the chosen target', async () => {
    const output = join(dir.path, 'mlp.fp16.onnx');
    const res = await runEdgefleet(['--json', 'quantize', input, '--fp16', '-o', output]);
    expect(res.code).toBe(0);
    const summary = res.json<{ variant: string; bytesAfter: number; ratio: number; report: { blockList: string[]; convertedTensors: number } }>();
    expect(summary).toMatchObject({ variant: 'fp16', report: { blockList: ['Celu', 'IsInf', 'Range'], convertedTensors: 4 } });
    expect(summary.ratio).toBeLessThan(0.6);
    expect(readFileSync(output).length).toBe(summary.bytesAfter);
    const cpu = await runEdgefleet(['--json', 'quantize', input, '--fp16', '--target', 'cpu', '-o', output]);
    expect(cpu.json<{ report: { blockList: string[] } }>().report.blockList).toContain('MatMul');
  });

  it.each([
    ['a missing file', (d: string) => ['quantize', join(d, 'nope.onnx'), '--int8', '-o', join(d, 'o.onnx')], 1, /^edgefleet: cannot read .*nope\.onnx: no such file\n$/],
    ['a file that is not ONNX', (d: string) => ['quantize', join(d, 'garbage.onnx'), '--int8', '-o', join(d, 'o.onnx')], 1, /^edgefleet: cannot quantize .*garbage\.onnx: .+\n$/],
    ['both --int8 and --fp16', (d: string) => ['quantize', join(d, 'mlp.onnx'), '--int8', '--fp16', '-o', join(d, 'o.onnx')], 2, /^edgefleet: choose one of --int8 or --fp16\n$/],
    ['an output folder that does not exist', (d: string) => ['quantize', join(d, 'mlp.onnx'), '--int8', '-o', join(d, 'no', 'o.onnx')], 1, /^edgefleet: cannot write .*o\.onnx: no such directory\n$/],
  ])('refuses %s with one line on stderr', async (_, args, code, message) => {
    writeFileSync(join(dir.path, 'garbage.onnx'), buildBrokenModel('garbage'));
    const res = await runEdgefleet(args(dir.path));
    expect(res.code).toBe(code);
    expect(res.stderr).toMatch(message);
    expect(res.stdout).toBe('');
    expect(readdirSync(dir.path).sort()).toEqual(['garbage.onnx', 'mlp.onnx']);
  });
});
