import { Command } from 'commander';
import type { Device } from '../../protocol/index.ts';
import { contextFor, type CliIo } from '../command-context.ts';
import { printRecord, printTable } from '../output.ts';

function labelText(labels: Record<string, string>): string {
  return Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(',');
}

function modelsText(reported: unknown): string {
  const models = (reported as { models?: Array<{ name: string; version: string | null; variant: string | null; status: string }> } | null)?.models ?? [];
  return models.map((m) => `${m.name}:${m.version ?? '-'}${m.variant ? `/${m.variant}` : ''} (${m.status})`).join(' ');
}

export function devicesCommand(io: CliIo): Command {
  const cmd = new Command('devices').description('enrolled devices');
  cmd
    .command('list')
    .description('list devices, optionally filtered by a label selector')
    .option('--selector <selector>', 'label selector, e.g. "site=berlin,tier in (gpu,cpu),!canary"')
    .action(async (opts: { selector?: string }, c: Command) => {
      const ctx = contextFor(c, io);
      const q = opts.selector ? `?selector=${encodeURIComponent(opts.selector)}` : '';
      const { devices } = await ctx.client().request<{ devices: Device[] }>('GET', `/v1/devices${q}`);
      printTable(ctx.out, devices, ['ID', 'NAME', 'PRESENCE', 'LAST SEEN', 'LABELS', 'MODELS'],
        devices.map((d) => [d.id, d.name, d.presence, d.lastSeenAt, labelText(d.labels), modelsText(d.reported)]));
    });
  cmd
    .command('show <id>')
    .description('one device with its capabilities and reported state')
    .action(async (id: string, _opts: unknown, c: Command) => {
      const ctx = contextFor(c, io);
      const d = await ctx.client().request<Device>('GET', `/v1/devices/${encodeURIComponent(id)}`);
      printRecord(ctx.out, d, [
        ['id', d.id], ['name', d.name], ['presence', d.presence], ['last seen', d.lastSeenAt], ['enrolled', d.enrolledAt],
        ['labels', labelText(d.labels)], ['cpu', `${d.capabilities.cpu.model} x${d.capabilities.cpu.cores}`],
        ['runtime', `${d.capabilities.runtime.name} ${d.capabilities.runtime.version}`],
        ['providers', d.capabilities.executionProviders.join(', ')], ['models', modelsText(d.reported)],
      ]);
    });
  return cmd;
}
