import { Command } from 'commander';
import type { ExperimentReport, MetricEvidence } from '../../protocol/index.ts';
import { contextFor, type CliIo } from '../command-context.ts';
import { printTable } from '../output.ts';

const num = (x: number | null, digits = 4) =>
  x === null ? '-' : x === 0 || (Math.abs(x) >= 1e-3 && Math.abs(x) < 1e6) ? Number(x.toPrecision(digits)).toString() : x.toExponential(2);
const interval = (i: [number | null, number | null] | null) => (i ? `[${num(i[0], 3)}, ${num(i[1], 3)}]` : '');
const pct = (x: number | null) => (x === null ? '-' : `${(100 * x).toFixed(1)}%`);

function verdict(m: MetricEvidence): string {
  return m.passed === null ? 'n/a' : m.passed ? 'ok' : 'BROKEN';
}

/** One row per metric: both arms, the difference and lift with intervals, the p-values, power. */
function row(m: MetricEvidence): Array<string | number> {
  const liftCi = m.liftInterval ? ` [${pct(m.liftInterval[0])}, ${pct(m.liftInterval[1])}]` : '';
  const lift = m.lift === null ? '-' : `${pct(m.lift)}${liftCi}`;
  return [
    m.metric, m.kind, `${num(m.baseline.value)} (n ${m.baseline.n})`, `${num(m.candidate.value)} (n ${m.candidate.n})`,
    `${num(m.difference)} ${interval(m.differenceInterval)}`.trim(), lift, num(m.pValue, 3), num(m.sequentialP, 3), num(m.adjustedP, 3),
    num(m.perDevice?.pValue ?? null, 3), num(m.threshold), m.power === null ? '-' : pct(m.power), num(m.minimumDetectableEffect, 3), verdict(m),
  ];
}

/** `edgefleet experiment report ROLLOUT`: the current step's A/B comparison as a table. */
export function experimentCommand(io: CliIo): Command {
  const cmd = new Command('experiment').description('A/B comparisons of rollout arms');
  cmd
    .command('report <rollout>')
    .description('per metric and arm: n, value, difference and lift with CIs, fixed and sequential p-values, power, MDE, SRM')
    .action(async (rollout: string, _opts: unknown, c: Command) => {
      const ctx = contextFor(c, io);
      const report = await ctx.client().request<ExperimentReport>('GET', `/v1/rollouts/${encodeURIComponent(rollout)}/experiment`);
      if (ctx.out.json) {
        ctx.out.write(`${JSON.stringify(report, null, 2)}\n`);
        return;
      }
      const arms = report.arms.map((a) => `${a.arm} ${a.version}: ${a.predictions} predictions, ${a.labels} labels, ${a.devices} devices`).join('; ');
      const srm = report.srm
        ? `SRM (${report.srm.unit}): ${report.srm.observed.join(':')} vs planned ${report.srm.expectedShares.join(':')}, p ${num(report.srm.pValue, 3)}${report.srm.mismatch ? ' MISMATCH' : ''}`
        : 'SRM: not checked (too few units or no concurrent baseline)';
      ctx.out.write(`${report.rollout} step ${report.step} (${report.stepKind}) ${report.since} .. ${report.until}\n${arms}\n${srm}\n` +
        `alpha ${report.alpha}, ${report.correction === 'holm' ? 'Holm' : 'Benjamini-Hochberg'} across comparisons; sequential p-values are always valid\n`);
      printTable(ctx.out, report, [
        'METRIC', 'KIND', 'BASELINE', 'CANDIDATE', 'DIFF [CI]', 'LIFT [CI]', 'P', 'SEQ P', 'ADJ P', 'DEVICE P', 'LIMIT', 'POWER', 'MDE', 'GATE',
      ], report.metrics.map(row));
    });
  return cmd;
}
