import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Command, Option } from 'commander';
import { convertFp16, type Fp16Report } from '../../control-plane/features/variants/convert-fp16.ts';
import { FP16_CPU_BLOCK_LIST, FP16_SCHEMA_BLOCK_LIST } from '../../control-plane/features/variants/fp16-ops.ts';
import { quantizeInt8, type Int8Report } from '../../control-plane/features/variants/quantize-int8.ts';
import { EdgefleetError } from '../../protocol/index.ts';
import { CliError } from '../cli-error.ts';
import { contextFor, type CliIo } from '../command-context.ts';
import { formatBytes } from '../output.ts';

interface QuantizeOptions {
  int8?: boolean;
  fp16?: boolean;
  output: string;
  target: 'gpu' | 'cpu';
}

/**
 * `edgefleet quantize IN.onnx --int8|--fp16 -o OUT.onnx`: the registry's builders, run locally, so
 * a variant can be inspected (or pushed with `models push --variant`) before the control plane
 * builds its own. No accuracy gate here: the registry gates what it ships.
 */
export function quantizeCommand(io: CliIo): Command {
  return new Command('quantize')
    .description('build an INT8 or FP16 variant of an FP32 ONNX file (the same builders the registry runs)')
    .argument('<in>', 'FP32 ONNX file')
    .option('--int8', 'dynamic INT8: MatMul, Gemm and Conv weights to uint8, integer kernels')
    .option('--fp16', 'FP16 weights and compute, FP32 inputs and outputs')
    .addOption(new Option('--target <target>', 'for --fp16: gpu keeps FP32 only where ONNX has no float16 (what the registry builds); cpu also where onnxruntime\'s CPU lacks kernels').choices(['gpu', 'cpu']).default('gpu'))
    .requiredOption('-o, --output <file>', 'where to write the variant (written to a temporary file, then renamed)')
    .action((input: string, opts: QuantizeOptions, c: Command) => {
      const ctx = contextFor(c, io);
      if (Boolean(opts.int8) === Boolean(opts.fp16)) throw new CliError('choose one of --int8 or --fp16', 2);
      const bytes = readModel(input);
      const variant = opts.int8 ? 'int8' : 'fp16';
      const built = build(input, bytes, opts);
      writeAtomically(opts.output, built.bytes);
      const summary = { variant, input, output: opts.output, bytesBefore: bytes.length, bytesAfter: built.bytes.length, ratio: ratio(built.bytes.length, bytes.length), report: built.report };
      if (ctx.out.json) ctx.out.write(`${JSON.stringify(summary, null, 2)}\n`);
      else ctx.out.write(describe(summary, opts.target));
    });
}

function readModel(path: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(path));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CliError(`cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (err as Error).message}`);
  }
}

function build(input: string, bytes: Uint8Array, opts: QuantizeOptions): { bytes: Uint8Array; report: Int8Report | Fp16Report } {
  try {
    if (opts.int8) return quantizeInt8(bytes);
    return convertFp16(bytes, { blockList: opts.target === 'gpu' ? FP16_SCHEMA_BLOCK_LIST : FP16_CPU_BLOCK_LIST });
  } catch (err) {
    if (err instanceof EdgefleetError) throw new CliError(`cannot quantize ${input}: ${err.message}`);
    throw err;
  }
}

/** Whole file or nothing: a reader (or an interrupted run) never sees half a model under the name. */
function writeAtomically(path: string, bytes: Uint8Array): void {
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(tmp, bytes);
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw new CliError(`cannot write ${path}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such directory' : (err as Error).message}`);
  }
}

const ratio = (after: number, before: number) => Math.round((after / before) * 1000) / 1000;

interface Summary {
  variant: string;
  output: string;
  bytesBefore: number;
  bytesAfter: number;
  ratio: number;
  report: Int8Report | Fp16Report;
}

function describe(s: Summary, target: string): string {
  const lines = [
    `${s.variant} variant written to ${s.output}${s.variant === 'fp16' ? ` (target ${target})` : ''}`,
    `size       ${formatBytes(s.bytesBefore)} -> ${formatBytes(s.bytesAfter)} (${s.ratio}x)`,
  ];
  if ('quantized' in s.report) {
    const r = s.report;
    lines.push(`quantized  ${r.quantized.length} node(s)`);
    for (const q of r.quantized) lines.push(`  ${q.node || '(unnamed)'} ${q.op} weight ${q.weight} [${q.weightShape.join('x')}] ${q.scheme}${q.graph === 'main' ? '' : ` in ${q.graph}`}`);
    lines.push(`skipped    ${r.skipped.length} node(s)`);
    for (const k of r.skipped) lines.push(`  ${k.node || '(unnamed)'} ${k.op}: ${k.reason}`);
  } else {
    const r = s.report;
    const kept = Object.entries(r.keptFp32).map(([op, n]) => `${op} x${n}`).join(', ');
    lines.push(`converted  ${r.convertedTensors} tensor(s) to float16, ${r.castsInserted} cast(s) inserted`);
    lines.push(`kept FP32  ${kept || 'none'}`);
    if (r.outOfRangeTensors.length > 0) lines.push(`FP32 (beyond +-65504)  ${r.outOfRangeTensors.join(', ')}`);
  }
  return `${lines.join('\n')}\n`;
}
