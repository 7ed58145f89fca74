import type { RolloutSpec, RolloutState, RolloutStep, RolloutView } from './protocol.ts';

/**
 * Rollout steps as one line of text, the syntax of `edgefleet rollout start --steps`
 * (cli/commands/rollout.ts): `shadow[:DEVICE%]`, `canary:DEVICE%[/REQUEST%][@STICKY_KEY]`,
 * `pause[:DURATION]`, `promote[:ALIAS]`, comma-separated. The form and the CLI read the same plans,
 * so an admin can paste one into the other. Pure, unit-tested in Node.
 */

/** Parse a step list; the error names the step that is wrong, in words. */
export function parseSteps(text: string): { steps: RolloutStep[] } | { error: string } {
  const steps: RolloutStep[] = [];
  for (const raw of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const step = parseStep(raw);
    if (typeof step === 'string') return { error: step };
    steps.push(step);
  }
  if (steps.length === 0) return { error: 'give at least one step, e.g. shadow,canary:10,canary:100,promote' };
  return { steps };
}

function share(text: string): number | null {
  const n = Number(text);
  return text !== '' && Number.isFinite(n) ? n : null;
}

function parseStep(text: string): RolloutStep | string {
  const colon = text.indexOf(':');
  const kind = colon < 0 ? text : text.slice(0, colon);
  const arg = colon < 0 ? undefined : text.slice(colon + 1);
  switch (kind) {
    case 'shadow': {
      const s = arg === undefined ? 100 : share(arg);
      return s === null ? `"${text}": shadow takes a device share in percent, e.g. shadow:50` : { shadow: { deviceShare: s } };
    }
    case 'canary': {
      const m = /^([\d.]+)(?:\/([\d.]+))?(?:@(.+))?$/.exec(arg ?? '');
      const device = m ? share(m[1]!) : null;
      const request = m?.[2] !== undefined ? share(m[2]) : 100;
      if (!m || device === null || request === null) return `"${text}": write canary:DEVICE%[/REQUEST%][@KEY], e.g. canary:10 or canary:50/20`;
      return { canary: { deviceShare: device, requestShare: request, ...(m[3] ? { stickyKey: m[3] } : {}) } };
    }
    case 'pause':
      return { pause: arg ? { duration: arg } : {} };
    case 'promote':
      return { promote: arg ? { alias: arg } : {} };
    default:
      return `"${text}" is not a step: use shadow, canary:N, pause[:DURATION] or promote`;
  }
}

/** The inverse of parseSteps, for prefilling the form from a template or an existing plan. */
export function formatSteps(steps: readonly RolloutStep[]): string {
  return steps.map((s) => {
    if ('shadow' in s) return s.shadow.deviceShare === 100 ? 'shadow' : `shadow:${s.shadow.deviceShare}`;
    if ('canary' in s) {
      const c = s.canary;
      return `canary:${c.deviceShare}${c.requestShare !== 100 ? `/${c.requestShare}` : ''}${c.stickyKey ? `@${c.stickyKey}` : ''}`;
    }
    if ('pause' in s) return s.pause.duration ? `pause:${s.pause.duration}` : 'pause';
    return s.promote.alias ? `promote:${s.promote.alias}` : 'promote';
  }).join(',');
}

/** Plans the form offers; the first is the default (the CLI's default plan). */
export const ROLLOUT_TEMPLATES: ReadonlyArray<{ id: string; label: string; steps: string }> = [
  { id: 'standard', label: 'Shadow, canary 10% → 50% → 100%, promote', steps: 'shadow,canary:10,canary:50,canary:100,promote' },
  { id: 'canary', label: 'Canary 10% → 50% → 100%, promote (no shadow)', steps: 'canary:10,canary:50,canary:100,promote' },
  { id: 'split', label: 'Request split 50/50 on every device, pause for review, promote', steps: 'canary:100/50,pause,canary:100,promote' },
  { id: 'shadow', label: 'Shadow only: compare, change nothing', steps: 'shadow' },
];

/**
 * One step in words.
 *
 * @example describeStep({ canary: { deviceShare: 10, requestShare: 100 } }, spec) // 'Canary on 10% of devices'
 */
export function describeStep(step: RolloutStep, spec: Pick<RolloutSpec, 'baseline'>): string {
  if ('shadow' in step) return `Shadow on ${step.shadow.deviceShare}% of devices (candidate answers are not served)`;
  if ('canary' in step) {
    const c = step.canary;
    const requests = c.requestShare === 100 ? '' : `, ${c.requestShare}% of their requests${c.stickyKey ? ` (sticky on ${c.stickyKey})` : ''}`;
    return `Canary on ${c.deviceShare}% of devices${requests}`;
  }
  if ('pause' in step) return step.pause.duration ? `Pause for ${step.pause.duration}` : 'Pause until an admin resumes';
  const alias = step.promote.alias ?? spec.baseline.alias;
  return `Promote: move alias ${alias ?? '(none)'} to the candidate`;
}

export const isActiveState = (state: RolloutState) => state === 'running' || state === 'paused' || state === 'promoting';

/** Which operator actions make sense in a state (the API answers 409 to the others). */
export function allowedActions(state: RolloutState): Array<'pause' | 'resume' | 'promote' | 'abort'> {
  if (state === 'running') return ['pause', 'promote', 'abort'];
  if (state === 'paused') return ['resume', 'promote', 'abort'];
  if (state === 'promoting') return ['abort'];
  return [];
}

/** `Step 2 of 5: canary` — or how it ended, for a finished rollout. */
export function stepSummary(view: Pick<RolloutView, 'step' | 'stepKind' | 'spec' | 'state'>): string {
  const total = view.spec.steps.length;
  if (view.stepKind === 'end') return `all ${total} steps done`;
  return `step ${Math.min(view.step + 1, total)} of ${total}: ${view.stepKind}`;
}

/** `fleet edge` or `selector site=lab` (an empty selector reaches every device). */
export function targetLabel(spec: Pick<RolloutSpec, 'fleet' | 'selector'>): string {
  if (spec.fleet !== undefined) return `fleet ${spec.fleet}`;
  return spec.selector ? `selector ${spec.selector}` : 'every device';
}
