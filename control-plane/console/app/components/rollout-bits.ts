import { h } from 'preact';
import type { CohortCounts, RolloutView } from '../protocol.ts';
import { describeStep } from '../rollout-plan-text.ts';
import { Badge, RelTime, type Tone } from './ui.ts';

// Pieces of a rollout that the list, the detail page and the Overview card all show.

const stateTone: Record<string, Tone> = {
  running: 'info', paused: 'warn', promoting: 'info', promoted: 'ok', completed: 'ok', rolled_back: 'bad', aborted: 'muted',
};
export function RolloutStateBadge(props: { state: string }) {
  return h(Badge, { tone: stateTone[props.state] ?? 'muted' }, props.state.replace('_', ' '));
}

const decisionTone: Record<string, Tone> = {
  advance: 'ok', promote: 'ok', complete: 'ok', hold: 'warn', rollback: 'bad', abort: 'bad', pause: 'warn',
  resume: 'info', start: 'info', update: 'info',
};
export function DecisionBadge(props: { decision: string }) {
  return h(Badge, { tone: decisionTone[props.decision] ?? 'muted' }, props.decision);
}

/** Codes of a hold (control-plane/features/rollouts/gate.ts) in a few words. */
const holdWords: Record<string, string> = {
  not_enough_data: 'waiting for data', srm: 'sample ratio mismatch', pending_devices: 'devices applying',
  min_duration: 'minimum duration', guardrail: 'guardrail', harm: 'harm', passed: 'passed',
};

/** The latest gate verdict: a badge for what it decided and why, and when. */
export function GateStatus(props: { gate: RolloutView['gate']; now?: number; full?: boolean }) {
  const g = props.gate;
  if (!g) return h('span', { class: 'muted' }, 'not evaluated yet');
  const what = g.decision === 'hold' && g.code ? `hold: ${holdWords[g.code] ?? g.code}` : g.decision;
  return h('span', { class: 'gate-status' },
    h(Badge, { tone: decisionTone[g.decision] ?? 'muted', title: g.reason }, what),
    props.full ? [' ', h('span', { key: 'r' }, g.reason), ' ', h('span', { key: 't', class: 'muted' }, '(', h(RelTime, { iso: g.at, now: props.now }), ')')] : null);
}

/** `3 of 4 applied · cohort 4 of 10` in one line for tables. */
export function cohortLine(c: CohortCounts): string {
  return `${c.applied}/${c.cohort} applied · cohort ${c.cohort} of ${c.target}`;
}

/** Cohort counts as figures, with a bar of applied devices; offline and failed devices stand out. */
export function CohortFigures(props: { cohort: CohortCounts }) {
  const c = props.cohort;
  const item = (value: number, label: string, tone?: Tone) =>
    h('div', { class: `figure${tone && value > 0 ? ` figure-${tone}` : ''}` }, h('span', { class: 'figure-value' }, value), h('span', { class: 'figure-label' }, label));
  return h('div', null,
    h('div', { class: 'figures' },
      item(c.target, 'devices in target'), item(c.cohort, 'in this step\'s cohort'), item(c.applied, 'applied'),
      item(c.pending, 'still applying', 'warn'), item(c.offline, 'offline', 'warn'), item(c.timedOut, 'timed out', 'warn'), item(c.failed, 'failed', 'bad')),
    h('div', { class: 'meter' },
      h('progress', { max: Math.max(1, c.cohort), value: c.applied, 'aria-label': 'Cohort devices that applied this step' }),
      h('span', { class: 'hint' }, c.cohort === 0 ? 'No device is in this step\'s cohort.' : `${c.applied} of ${c.cohort} cohort devices run this step.`)));
}

/** The plan's steps with the current one marked; done steps are ticked. */
export function StepList(props: { view: RolloutView }) {
  const v = props.view;
  const finished = v.stepKind === 'end' || !['running', 'paused', 'promoting'].includes(v.state);
  return h('ol', { class: 'rollout-steps', 'aria-label': 'Steps' }, v.spec.steps.map((step, i) => {
    const status = i < v.step || (v.stepKind === 'end' && i <= v.step) ? 'done' : i === v.step && !finished ? 'current' : i === v.step ? 'stopped' : 'upcoming';
    return h('li', { key: i, class: `rollout-step step-${status}`, 'aria-current': status === 'current' ? 'step' : undefined },
      h('span', { class: 'step-marker', 'aria-hidden': 'true' }, status === 'done' ? '✓' : String(i + 1)),
      h('span', { class: 'step-text' }, describeStep(step, v.spec)),
      h('span', { class: 'step-status' }, status === 'current' ? (v.state === 'paused' ? 'current, paused' : 'current') : status === 'stopped' ? `stopped here (${v.state.replace('_', ' ')})` : status));
  }));
}
