import { createReadStream, statSync } from 'node:fs';
import { Command, Option } from 'commander';
import type { ModelSummary, ModelVersion } from '../../protocol/index.ts';
import { CliError } from '../cli-error.ts';
import { contextFor, type CliIo } from '../command-context.ts';
import { formatBytes, printRecord, printTable } from '../output.ts';
import { createProgress } from '../progress.ts';
import type { VariantJob } from '../../control-plane/features/variants/variant-schemas.ts';
import { gateLines, jobLines, VARIANT_HEAD, variantRows } from './variant-table.ts';

/** Stream a file as a request body, reporting bytes sent, so large models don't sit in memory. */
function fileBody(path: string, onBytes: (n: number) => void): ReadableStream<Uint8Array> {
  const stream = createReadStream(path);
  let sent = 0;
  return new ReadableStream({
    start(controller) {
      stream.on('data', (chunk) => {
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
        sent += bytes.length;
        onBytes(sent);
        controller.enqueue(new Uint8Array(bytes));
      });
      stream.on('end', () => controller.close());
      stream.on('error', (err) => controller.error(err));
    },
    cancel: () => void stream.destroy(),
  });
}

function splitRef(ref: string): { name: string; version?: string } {
  const i = ref.indexOf(':');
  return i < 0 ? { name: ref } : { name: ref.slice(0, i), version: ref.slice(i + 1) };
}

export function modelsCommand(io: CliIo): Command {
  const cmd = new Command('models').description('model registry');
  cmd
    .command('push <file>')
    .description('upload an ONNX file as a new immutable version')
    .requiredOption('--name <name>', 'model name')
    .requiredOption('--version <version>', 'version to create')
    .addOption(new Option('--variant <variant>', 'variant of this file').choices(['fp32', 'fp16', 'int8']).default('fp32'))
    .action(async (file: string, opts: { name: string; version: string; variant: string }, c: Command) => {
      const ctx = contextFor(c, io);
      let size: number;
      try {
        size = statSync(file).size;
      } catch {
        throw new CliError(`cannot read ${file}: no such file`);
      }
      const bar = createProgress({ total: size, label: 'upload', enabled: io.isTTY && !ctx.out.json, unit: 'bytes' });
      const path = opts.variant === 'fp32'
        ? `/v1/models/${encodeURIComponent(opts.name)}/versions/${encodeURIComponent(opts.version)}`
        : `/v1/models/${encodeURIComponent(opts.name)}/versions/${encodeURIComponent(opts.version)}/variants/${opts.variant}`;
      try {
        const v = await ctx.client().request<ModelVersion>('POST', path, {
          body: fileBody(file, (n) => bar.update(n)), contentType: 'application/octet-stream',
        });
        bar.stop();
        const variant = v.variants.find((x) => x.variant === opts.variant);
        printRecord(ctx.out, v, [
          ['model', `${v.name}:${v.version}`], ['variant', opts.variant], ['sha256', variant?.sha256],
          ['size', variant ? formatBytes(variant.size) : '-'], ['opset', v.opset],
          ['inputs', v.inputs.map((t) => `${t.name} ${t.datatype}[${t.shape.join(',')}]`).join('; ')],
          ['outputs', v.outputs.map((t) => `${t.name} ${t.datatype}[${t.shape.join(',')}]`).join('; ')],
        ]);
      } finally {
        bar.stop();
      }
    });
  cmd
    .command('list')
    .description('list models with their versions and aliases')
    .action(async (_o: unknown, c: Command) => {
      const ctx = contextFor(c, io);
      const { models } = await ctx.client().request<{ models: ModelSummary[] }>('GET', '/v1/models');
      printTable(ctx.out, models, ['NAME', 'VERSIONS', 'ALIASES', 'UPDATED'], models.map((m) => [
        m.name, m.versions.join(', '), Object.entries(m.aliases).map(([a, v]) => `${a}->${v}`).join(', '), m.updatedAt,
      ]));
    });
  cmd
    .command('show <ref>')
    .description('NAME shows the model; NAME:VERSION shows the version with its variants')
    .action(async (ref: string, _o: unknown, c: Command) => {
      const ctx = contextFor(c, io);
      const { name, version } = splitRef(ref);
      if (!version) {
        const m = await ctx.client().request<ModelSummary>('GET', `/v1/models/${encodeURIComponent(name)}`);
        printRecord(ctx.out, m, [['name', m.name], ['versions', m.versions.join(', ')], ['aliases', m.aliases], ['updated', m.updatedAt]]);
        return;
      }
      const path = `/v1/models/${encodeURIComponent(name)}/versions/${encodeURIComponent(version)}`;
      const v = await ctx.client().request<ModelVersion>('GET', path);
      // allow404: a control plane without the variants feature has no jobs route.
      const jobs = (await ctx.client().request<{ jobs: VariantJob[] } | undefined>('GET', `${path}/jobs`, { allow404: true }))?.jobs ?? [];
      if (ctx.out.json) {
        ctx.out.write(`${JSON.stringify({ ...v, jobs }, null, 2)}\n`);
        return;
      }
      printRecord(ctx.out, v, [
        ['model', `${v.name}:${v.version}`], ['created', v.createdAt], ['aliases', v.aliases.join(', ')], ['opset', v.opset],
        ['producer', v.producer],
        ['inputs', v.inputs.map((t) => `${t.name} ${t.datatype}[${t.shape.join(',')}]`).join('; ')],
        ['outputs', v.outputs.map((t) => `${t.name} ${t.datatype}[${t.shape.join(',')}]`).join('; ')],
      ]);
      printTable(ctx.out, v.variants, VARIANT_HEAD, variantRows(v.variants));
      for (const line of gateLines(v.variants)) ctx.out.write(`gate  ${line}\n`);
      for (const line of jobLines(jobs.filter((j) => j.status !== 'done' || Object.values(j.results).some((r) => r?.status !== 'ready')))) {
        ctx.out.write(`job   ${line}\n`);
      }
    });
  cmd
    .command('alias <name> <version> <alias>')
    .description('point ALIAS (production, candidate, ...) at VERSION')
    .action(async (name: string, version: string, alias: string, _o: unknown, c: Command) => {
      const ctx = contextFor(c, io);
      const res = await ctx.client().request<unknown>('PUT', `/v1/models/${encodeURIComponent(name)}/aliases/${encodeURIComponent(alias)}`, { json: { version } });
      if (ctx.out.json) ctx.out.write(`${JSON.stringify(res ?? { name, alias, version })}\n`);
      else ctx.out.write(`${name}@${alias} -> ${version}\n`);
    });
  return cmd;
}
