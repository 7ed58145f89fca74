import { Command, Option } from 'commander';
import type { CreatedToken, TokenInfo } from '../../protocol/index.ts';
import { contextFor, type CliIo } from '../command-context.ts';
import { printRecord, printTable } from '../output.ts';
import { parseDuration, parseLabels, parsePositiveInt } from '../parse-flags.ts';

export function tokensCommand(io: CliIo): Command {
  const cmd = new Command('tokens').description('API and enrollment tokens');
  cmd
    .command('create')
    .description('create a token; its secret is shown once')
    .addOption(new Option('--role <role>', 'what the token may do').choices(['admin', 'viewer', 'enroll']).makeOptionMandatory())
    .option('--name <name>', 'a note saying what it is for')
    .option('--labels <k=v,...>', 'labels stamped on devices enrolled with it (enroll only)', parseLabels)
    .option('--uses <n>', 'how many devices may enroll with it (enroll only)', parsePositiveInt)
    .option('--ttl <duration>', 'lifetime, e.g. 24h or 7d', parseDuration)
    .action(async (opts: { role: string; name?: string; labels?: Record<string, string>; uses?: number; ttl?: number }, c: Command) => {
      const ctx = contextFor(c, io);
      const created = await ctx.client().request<CreatedToken>('POST', '/v1/tokens', {
        json: { role: opts.role, name: opts.name, labels: opts.labels, uses: opts.uses, ttlSeconds: opts.ttl },
      });
      printRecord(ctx.out, created, [
        ['id', created.id], ['role', created.role], ['token', created.token],
        ['expires', created.expiresAt ?? 'never'], ['uses left', created.usesLeft ?? 'unlimited'], ['labels', created.labels],
      ]);
    });
  cmd
    .command('list')
    .description('list tokens (never their secrets)')
    .action(async (_opts: unknown, c: Command) => {
      const ctx = contextFor(c, io);
      const { tokens } = await ctx.client().request<{ tokens: TokenInfo[] }>('GET', '/v1/tokens');
      printTable(ctx.out, tokens, ['ID', 'ROLE', 'NAME', 'USES LEFT', 'EXPIRES', 'REVOKED'],
        tokens.map((t) => [t.id, t.role, t.name, t.usesLeft ?? 'unlimited', t.expiresAt ?? 'never', t.revokedAt ?? '']));
    });
  cmd
    .command('revoke <id>')
    .description('revoke a token')
    .action(async (id: string, _opts: unknown, c: Command) => {
      const ctx = contextFor(c, io);
      await ctx.client().request('DELETE', `/v1/tokens/${encodeURIComponent(id)}`);
      if (!ctx.out.json) ctx.out.write(`revoked ${id}\n`);
      else ctx.out.write(`${JSON.stringify({ revoked: id })}\n`);
    });
  return cmd;
}
