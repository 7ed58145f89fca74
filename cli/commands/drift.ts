import { Command, InvalidArgumentError } from 'commander';
import { durationSchema, type DriftReport, type FeatureDrift } from '../../protocol/index.ts';
import { CliError } from '../cli-error.ts';
import { contextFor, type CliIo } from '../command-context.ts';
import { printTable } from '../output.ts';

interface ReportOptions {
  model: string;
  version?: string;
  variant?: string;
  arm?: string;
  selector?: string;
  since: string;
  alpha?: string;
  failOnDrift?: boolean;
}

function sinceArgument(text: string): string {
  if (durationSchema.safeParse(text).success || !Number.isNaN(Date.parse(text))) return text;
  throw new InvalidArgumentError(`"${text}" is not a duration like 15m, 1h or 7d, or an ISO time`);
}

const fixed = (x: number | null, digits = 4) => (x === null ? '-' : Math.abs(x) >= 1e-3 || x === 0 ? x.toFixed(digits) : x.toExponential(2));

/** The p-value (BH-adjusted) for tests that have one, else the distance score. */
function pOrScore(f: FeatureDrift): string {
  if (f.pValue !== null) return `p ${fixed(f.adjustedP ?? f.pValue)}`;
  return f.statistic === null ? '-' : `score ${fixed(f.statistic)}`;
}

function thresholdText(f: FeatureDrift): string {
  switch (f.thresholdSource) {
    case 'alpha': return `p < ${f.threshold} (BH)`;
    case 'null-simulation': return `${fixed(f.threshold)} (null q99)`;
    case 'history': return `${fixed(f.threshold)} (history, ${f.historyWindows} windows)`;
    case 'none': return '-';
  }
}

const driftedText = (d: boolean | null) => (d === null ? '-' : d ? 'yes' : 'no');

function headline(r: DriftReport): string {
  const scope = [r.variant, r.arm, r.selector].filter(Boolean).join(', ');
  return `${r.model}:${r.version}${scope ? ` (${scope})` : ''}  ${r.since} .. ${r.until}  ${r.predictions} predictions, ${r.devices} device${r.devices === 1 ? '' : 's'}, ` +
    `profile ${r.profile.slice(0, 12)}\n${r.drifted ? 'DRIFTED' : 'no drift'}: ${r.reason}\n`;
}

/** `edgefleet drift report`: the per-feature drift table of `GET /v1/evaluation/drift`. */
export function driftCommand(io: CliIo): Command {
  const cmd = new Command('drift').description('input and prediction drift against the reference profile');
  cmd
    .command('report')
    .description('per-feature drift of a model over a recent window (test, statistic, p-value or score, threshold, verdict)')
    .requiredOption('--model <name>', 'model name')
    .option('--version <version>', 'one version (default: every version with summaries in the window)')
    .option('--variant <variant>', 'only this variant (fp32, fp16, int8)')
    .option('--arm <arm>', 'only this rollout arm')
    .option('--selector <selector>', 'only devices matching this label selector')
    .option('--since <duration>', 'window: a duration back from now (15m, 1h, 7d) or an ISO time', sinceArgument, '1h')
    .option('--alpha <alpha>', 'level for the BH-adjusted p-values (default 0.01)')
    .option('--fail-on-drift', 'exit with code 3 when a report says drifted (for CI and scripts)')
    .action(async (opts: ReportOptions, c: Command) => {
      const ctx = contextFor(c, io);
      const query = new URLSearchParams({ model: opts.model, since: opts.since });
      for (const key of ['version', 'variant', 'arm', 'selector', 'alpha'] as const) if (opts[key] !== undefined) query.set(key, opts[key]!);
      const { reports } = await ctx.client().request<{ reports: DriftReport[] }>('GET', `/v1/evaluation/drift?${query}`);
      if (ctx.out.json) ctx.out.write(`${JSON.stringify({ reports }, null, 2)}\n`);
      else if (reports.length === 0) ctx.out.write(`no summaries with a reference profile for ${opts.model} since ${opts.since}\n`);
      for (const r of ctx.out.json ? [] : reports) {
        ctx.out.write(headline(r));
        const rows = [...r.features, ...r.output].map((f) => [
          f.feature, f.test, fixed(f.statistic), pOrScore(f), thresholdText(f), driftedText(f.drifted),
        ]);
        printTable(ctx.out, r, ['FEATURE', 'TEST', 'STATISTIC', 'P-VALUE / SCORE', 'THRESHOLD', 'DRIFTED'], rows);
      }
      if (opts.failOnDrift && reports.some((r) => r.drifted)) throw new CliError('drift detected', 3);
    });
  return cmd;
}
