import { Command } from 'commander';
import { applyDocuments } from '../apply/apply-documents.ts';
import { loadDocuments } from '../apply/load-documents.ts';
import { contextFor, type CliIo } from '../command-context.ts';

const show = (v: unknown) => (v === undefined ? '(none)' : JSON.stringify(v));

export function applyCommand(io: CliIo): Command {
  return new Command('apply')
    .description('apply Fleet, ModelAssignment and Rollout documents from a YAML file or folder (idempotent)')
    .requiredOption('-f, --filename <path>', 'YAML file or folder of YAML files')
    .option('--dry-run', 'show what would change without changing anything')
    .action(async (opts: { filename: string; dryRun?: boolean }, c: Command) => {
      const ctx = contextFor(c, io);
      const docs = loadDocuments(opts.filename);
      const results = await applyDocuments(ctx.client(), docs, Boolean(opts.dryRun));
      if (ctx.out.json) {
        ctx.out.write(`${JSON.stringify({ dryRun: Boolean(opts.dryRun), results }, null, 2)}\n`);
        return;
      }
      const suffix = opts.dryRun ? ' (dry run)' : '';
      for (const r of results) {
        ctx.out.write(`${r.kind.toLowerCase()}/${r.name} ${r.action}${suffix}\n`);
        if (opts.dryRun) for (const [field, a, b] of r.changes) ctx.out.write(`  ${field}: ${show(a)} -> ${show(b)}\n`);
      }
    });
}
