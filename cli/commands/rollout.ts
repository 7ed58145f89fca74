import { Command, InvalidArgumentError } from 'commander';
import {
  describeZodError,
  rolloutSpecSchema,
  type RolloutDecision,
  type RolloutSpec,
  type RolloutStep,
  type RolloutView,
} from '../../protocol/index.ts';
import { loadDocuments } from '../apply/load-documents.ts';
import { CliError } from '../cli-error.ts';
import { contextFor, type CliIo } from '../command-context.ts';
import { parsePositiveInt } from '../parse-flags.ts';
import { printRecord, printTable } from '../output.ts';

/**
 * One step from the `--steps` list: `shadow[:SHARE]`, `canary:DEVICE[/REQUEST][@STICKYKEY]`,
 * `pause[:DURATION]`, `promote[:ALIAS]`.
 */
function parseStep(text: string): RolloutStep {
  const [kind = '', arg] = text.trim().split(/:(.*)/s, 2);
  const share = (s: string) => {
    const n = Number(s);
    if (s === '' || !Number.isFinite(n)) throw new InvalidArgumentError(`"${s}" is not a share in percent`);
    return n;
  };
  switch (kind) {
    case 'shadow':
      return { shadow: { deviceShare: arg ? share(arg) : 100 } };
    case 'canary': {
      const m = /^([\d.]+)(?:\/([\d.]+))?(?:@(.+))?$/.exec(arg ?? '');
      if (!m) throw new InvalidArgumentError(`"${text}": write canary:DEVICE_SHARE[/REQUEST_SHARE][@STICKY_KEY], e.g. canary:10/50@user`);
      return { canary: { deviceShare: share(m[1]!), requestShare: m[2] ? share(m[2]) : 100, ...(m[3] ? { stickyKey: m[3] } : {}) } };
    }
    case 'pause':
      return { pause: arg ? { duration: arg } : {} };
    case 'promote':
      return { promote: arg ? { alias: arg } : {} };
    default:
      throw new InvalidArgumentError(`"${text}" is not a step: shadow, canary:N, pause[:DURATION], promote`);
  }
}

export function parseStepList(text: string): RolloutStep[] {
  return text.split(',').filter((s) => s.trim() !== '').map(parseStep);
}

interface StartOptions {
  filename?: string;
  model?: string;
  fleet?: string;
  selector?: string;
  baselineAlias?: string;
  baselineVersion?: string;
  candidate?: string;
  steps?: RolloutStep[];
  minSamples?: number;
  minDevices?: number;
}

/** The plan from a YAML file (the Rollout document named NAME, or the only one) or from flags. */
function planFrom(name: string | undefined, opts: StartOptions): { name: string; spec: RolloutSpec } {
  if (opts.filename) {
    const rollouts = loadDocuments(opts.filename).map((d) => d.doc).filter((d) => d.kind === 'Rollout');
    const doc = name ? rollouts.find((d) => d.metadata.name === name) : rollouts.length === 1 ? rollouts[0] : undefined;
    if (!doc || doc.kind !== 'Rollout') throw new CliError(`${opts.filename}: no Rollout document${name ? ` named ${name}` : ' (or several: name one)'}`);
    return { name: doc.metadata.name, spec: doc.spec };
  }
  if (!name) throw new CliError('give the rollout a NAME, or -f FILE');
  const gates = {
    ...(opts.minSamples !== undefined ? { minSamples: opts.minSamples } : {}),
    ...(opts.minDevices !== undefined ? { minDevices: opts.minDevices } : {}),
  };
  const raw = {
    model: opts.model,
    ...(opts.fleet !== undefined ? { fleet: opts.fleet } : { selector: opts.selector ?? '' }),
    baseline: opts.baselineVersion !== undefined ? { version: opts.baselineVersion } : { alias: opts.baselineAlias ?? 'production' },
    candidate: { version: opts.candidate },
    steps: opts.steps ?? parseStepList('shadow,canary:10,canary:50,canary:100,promote'),
    ...(Object.keys(gates).length > 0 ? { gates } : {}),
  };
  const parsed = rolloutSpecSchema.safeParse(raw);
  if (!parsed.success) throw new CliError(`invalid rollout: ${describeZodError(parsed.error)}`);
  return { name, spec: parsed.data };
}

const stepText = (v: RolloutView) => `${v.step} (${v.stepKind}) of ${v.spec.steps.length}`;

function printStatus(out: Parameters<typeof printRecord>[0], v: RolloutView): void {
  const c = v.cohort;
  printRecord(out, v, [
    ['name', v.name], ['state', v.state], ['model', `${v.spec.model} ${v.baselineVersion} -> ${v.candidateVersion}`],
    ['target', v.spec.fleet !== undefined ? `fleet ${v.spec.fleet}` : `selector "${v.spec.selector}"`],
    ['step', stepText(v)], ['step since', v.stepStartedAt],
    ['devices', `${c.cohort} in cohort of ${c.target}; applied ${c.applied}, pending ${c.pending}, offline ${c.offline}, timed out ${c.timedOut}, failed ${c.failed}`],
    ['gate', v.gate ? `${v.gate.decision}: ${v.gate.reason}` : '-'],
    ['finished', v.finishedAt],
  ]);
}

/** `edgefleet rollout ...`: start, watch and steer staged rollouts. */
export function rolloutCommand(io: CliIo): Command {
  const cmd = new Command('rollout').description('staged rollouts: shadow, canaries, gates, promotion');
  cmd
    .command('start [name]')
    .description('start a rollout from a YAML Rollout document (-f) or from flags')
    .option('-f, --filename <path>', 'YAML file or folder holding the Rollout document')
    .option('--model <name>', 'model to roll out')
    .option('--fleet <name>', 'target fleet')
    .option('--selector <selector>', 'target label selector (instead of --fleet)')
    .option('--baseline-alias <alias>', 'baseline alias, moved to the candidate on promotion (default production)')
    .option('--baseline-version <version>', 'baseline version (instead of an alias)')
    .option('--candidate <version>', 'candidate version')
    .option('--steps <list>', 'e.g. "shadow,canary:10,canary:50/50@user,pause:1h,canary:100,promote"', parseStepList)
    .option('--min-samples <n>', 'predictions per arm before a gate decides', parsePositiveInt)
    .option('--min-devices <n>', 'devices per arm before a gate decides', parsePositiveInt)
    .action(async (name: string | undefined, opts: StartOptions, c: Command) => {
      const ctx = contextFor(c, io);
      const plan = planFrom(name, opts);
      printStatus(ctx.out, await ctx.client().request<RolloutView>('POST', '/v1/rollouts', { json: plan }));
    });
  cmd
    .command('list')
    .description('every rollout with its state and step')
    .action(async (_opts: unknown, c: Command) => {
      const ctx = contextFor(c, io);
      const { rollouts } = await ctx.client().request<{ rollouts: RolloutView[] }>('GET', '/v1/rollouts');
      printTable(ctx.out, { rollouts }, ['NAME', 'MODEL', 'VERSIONS', 'STATE', 'STEP', 'COHORT', 'GATE'], rollouts.map((v) => [
        v.name, v.spec.model, `${v.baselineVersion} -> ${v.candidateVersion}`, v.state, stepText(v), `${v.cohort.cohort}/${v.cohort.target}`,
        v.gate ? `${v.gate.decision}: ${v.gate.reason.slice(0, 60)}` : null,
      ]));
    });
  cmd
    .command('status <name>')
    .description('step, cohort, devices applied/offline, gate status')
    .action(async (name: string, _opts: unknown, c: Command) => {
      const ctx = contextFor(c, io);
      printStatus(ctx.out, await ctx.client().request<RolloutView>('GET', `/v1/rollouts/${encodeURIComponent(name)}`));
    });
  cmd
    .command('decisions <name>')
    .description('the decision log, oldest first, with the metric behind each rollback')
    .action(async (name: string, _opts: unknown, c: Command) => {
      const ctx = contextFor(c, io);
      const path = `/v1/rollouts/${encodeURIComponent(name)}/decisions?limit=1000`;
      const { decisions } = await ctx.client().request<{ decisions: RolloutDecision[] }>('GET', path);
      printTable(ctx.out, { decisions }, ['AT', 'STEP', 'DECISION', 'BY', 'METRIC', 'REASON'],
        [...decisions].reverse().map((d) => [d.at, d.step, d.decision, d.actor, d.metric, d.reason]));
    });
  const actions = [
    ['pause', 'pause: devices keep the current step, gates stop'],
    ['resume', 'resume a paused rollout (ends a pause step without duration)'],
    ['abort', 'abort: every device back on the baseline'],
    ['promote', 'promote now: move the alias to the candidate'],
  ] as const;
  for (const [verb, what] of actions) {
    cmd
      .command(`${verb} <name>`)
      .description(what)
      .action(async (name: string, _opts: unknown, c: Command) => {
        const ctx = contextFor(c, io);
        printStatus(ctx.out, await ctx.client().request<RolloutView>('POST', `/v1/rollouts/${encodeURIComponent(name)}/${verb}`));
      });
  }
  return cmd;
}
