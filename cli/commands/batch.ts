import { existsSync, readFileSync } from 'node:fs';
import { Command } from 'commander';
import type { ModelSummary, ModelVersion } from '../../protocol/index.ts';
import { runBatch } from '../../edge-agent/main.ts';
import { CliError } from '../cli-error.ts';
import { contextFor, type CliIo, type CommandContext } from '../command-context.ts';
import { createProgress } from '../progress.ts';
import { parsePositiveInt } from '../parse-flags.ts';

/**
 * `--model` is a file, or a registry reference `name`, `name:version` or `name@alias` (default alias
 * production) whose fp32 artifact is fetched from the control plane.
 */
async function modelBytes(ctx: CommandContext, ref: string): Promise<string | Uint8Array> {
  if (existsSync(ref)) return ref;
  const m = /^([a-z0-9][a-z0-9._-]*)(?::([A-Za-z0-9._+-]+)|@([a-z][a-z0-9_-]*))?$/.exec(ref);
  if (!m) throw new CliError(`--model ${ref}: no such file, and not a registry reference like vad, vad:5 or vad@production`);
  const [, name = '', version, alias = 'production'] = m;
  const client = ctx.client();
  let resolved = version;
  if (!resolved) {
    const summary = await client.request<ModelSummary>('GET', `/v1/models/${name}`);
    resolved = summary.aliases[alias];
    if (!resolved) throw new CliError(`model ${name} has no alias ${alias}; give a version (${name}:VERSION)`);
  }
  const v = await client.request<ModelVersion>('GET', `/v1/models/${name}/versions/${resolved}`);
  const fp32 = v.variants.find((x) => x.variant === 'fp32');
  if (!fp32) throw new CliError(`${name}:${resolved} has no fp32 variant`);
  return client.download(`/v1/artifacts/${fp32.sha256}`);
}

/** Non-empty lines of a file, for the progress bar's total (0 for stdin: unknown). */
function countRows(path: string): number {
  if (path === '-') return 0;
  return readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() !== '').length;
}

export function batchCommand(io: CliIo): Command {
  return new Command('batch')
    .description('score a JSONL file with a model on this machine (same engine as the agent)')
    .requiredOption('--model <file-or-name>', 'an .onnx file, or name, name:version, name@alias from the registry')
    .requiredOption('--input <file>', 'JSONL rows {"inputs": {name: array}} ("-" for stdin)')
    .requiredOption('--output <file>', 'JSONL outputs ("-" for stdout)')
    .option('--batch-size <n>', 'dynamic batch size for models with a dynamic first dimension', parsePositiveInt, 32)
    .action(async (opts: { model: string; input: string; output: string; batchSize: number }, c: Command) => {
      const ctx = contextFor(c, io);
      if (opts.input !== '-' && !existsSync(opts.input)) throw new CliError(`--input ${opts.input}: no such file`);
      const model = await modelBytes(ctx, opts.model);
      const bar = createProgress({ total: countRows(opts.input), label: 'rows', enabled: io.isTTY && opts.output !== '-', unit: 'rows' });
      const result = await runBatch({
        model, input: opts.input, output: opts.output, maxBatchSize: opts.batchSize,
        onProgress: (p) => bar.update(p.rows),
      });
      bar.stop();
      const line = { rows: result.rows, failed: result.failed, seconds: result.elapsedMs / 1000, rowsPerSecond: Math.round(result.rowsPerSecond) };
      if (ctx.out.json && opts.output !== '-') ctx.out.write(`${JSON.stringify(line)}\n`);
      else io.stderr(`${line.rows} rows (${line.failed} failed) in ${line.seconds.toFixed(2)} s: ${line.rowsPerSecond} rows/s\n`);
      if (result.failed > 0) throw new CliError(`${result.failed} of ${result.rows} rows failed; see the error lines in ${opts.output}`);
    });
}
