import { h } from 'preact';
import { ApiError } from '../api/api-client.ts';
import type { RolloutAction } from '../api/rollout-endpoints.ts';
import { DecisionLog } from '../components/decision-log.ts';
import { CohortFigures, GateStatus, RolloutStateBadge, StepList } from '../components/rollout-bits.ts';
import { DoneNote, EmptyState, ErrorNote, Facts, Loading, PageHeader, ReadOnlyNote, RelTime, Section } from '../components/ui.ts';
import { ConfirmButton } from '../forms/form-bits.ts';
import { formatNumber } from '../stats-format.ts';
import { useAction, useResource, useTicker } from '../hooks/use-resource.ts';
import { rolloutRelevant } from '../live-filters.ts';
import { allowedActions, isActiveState, stepSummary, targetLabel } from '../rollout-plan-text.ts';
import type { RolloutView } from '../protocol.ts';
import { href, seg } from '../router.ts';
import { useSession } from '../session.ts';
import { definePage, type PageProps } from './page-registry.ts';

const actionWords: Record<RolloutAction, { label: string; done: string }> = {
  pause: { label: 'Pause', done: 'Paused: devices keep the current step until resumed.' },
  resume: { label: 'Resume', done: 'Resumed: the gates decide again.' },
  promote: { label: 'Promote now', done: 'Promoted: the alias now points at the candidate.' },
  abort: { label: 'Abort', done: 'Aborted: every device is back on its baseline.' },
};

/** Pause, resume, promote and abort, as the state allows; viewers see them disabled with the reason. */
function Controls(props: { view: RolloutView; onAct: (a: RolloutAction) => void; busy: boolean }) {
  const { canWrite } = useSession();
  const v = props.view;
  const actions = allowedActions(v.state);
  if (actions.length === 0) {
    return h('p', { class: 'muted' }, `This rollout is ${v.state.replace('_', ' ')}; there is nothing left to steer. Start a new rollout to try again.`);
  }
  const reason = canWrite ? undefined : 'rollout-read-only';
  const disabled = !canWrite || props.busy;
  return h('div', null,
    h('div', { class: 'row-actions controls' }, actions.map((a) => a === 'abort' || a === 'promote'
      ? h(ConfirmButton, {
        key: a, label: actionWords[a].label, confirmLabel: a === 'abort' ? `Abort ${v.name}? Press again` : `Promote ${v.candidateVersion}? Press again`,
        disabled, describedBy: reason, onConfirm: () => props.onAct(a),
      })
      : h('button', { key: a, type: 'button', class: a === 'resume' ? 'primary' : undefined, disabled, 'aria-describedby': reason, onClick: () => props.onAct(a) },
        actionWords[a].label))),
    canWrite ? null : h(ReadOnlyNote, { id: 'rollout-read-only', what: 'Pausing, resuming, promoting and aborting rollouts needs an admin token.' }));
}

function Overview(props: { view: RolloutView; now: number }) {
  const v = props.view;
  const total = v.spec.steps.length;
  const done = v.stepKind === 'end' ? total : v.step;
  return h('div', null,
    h(Facts, { items: [
      ['Model', h('a', { href: href(`/models/${seg(v.spec.model)}`) }, v.spec.model)],
      ['Baseline', `${v.baselineVersion}${v.spec.baseline.alias ? ` (alias ${v.spec.baseline.alias})` : ''}`],
      ['Candidate', v.candidateVersion],
      ['Devices', targetLabel(v.spec)],
      ['Gates', `${formatNumber(v.spec.gates?.minSamples ?? 500)} predictions per arm${v.spec.gates?.minDuration ? `, at least ${v.spec.gates.minDuration} per step` : ''}`],
      ['Started', h(RelTime, { iso: v.createdAt, now: props.now })],
      ['This step since', h(RelTime, { iso: v.stepStartedAt, now: props.now })],
    ] }),
    h('div', { class: 'meter mt' },
      h('progress', { max: total, value: done, 'aria-label': 'Steps done' }),
      h('span', { class: 'hint' }, `${done} of ${total} steps done`)),
    h(StepList, { view: v }));
}

function RolloutDetail(props: PageProps) {
  const { api } = useSession();
  const name = props.params.name ?? '';
  const now = useTicker();
  const data = useResource(async (signal) => {
    const [view, decisions] = await Promise.all([api.getRollout(name, { signal }), api.rolloutDecisions(name, 100, { signal })]);
    return { view, decisions };
  }, [name], { topics: ['rollout', 'device'], when: (c) => rolloutRelevant(c, name), debounceMs: 200 });
  const act = useAction(async (action: RolloutAction) => {
    await api.actOnRollout(name, action);
    data.reload();
    return actionWords[action].done;
  });

  if (data.error instanceof ApiError && data.error.status === 404) {
    return h('div', null, h(PageHeader, { title: 'Rollout not found' }),
      h(EmptyState, { title: `No rollout named ${name}` }, h('p', null, h('a', { href: href('/rollouts') }, 'Back to rollouts'))));
  }
  const d = data.data;
  const v = d?.view;
  return h('div', null,
    h(PageHeader, {
      title: name,
      subtitle: v ? [h(RolloutStateBadge, { key: 's', state: v.state }), ` ${v.spec.model} ${v.baselineVersion} → ${v.candidateVersion} on ${targetLabel(v.spec)}, ${stepSummary(v)}`] : null,
    },
    h('a', { href: href('/experiments', { rollout: name }) }, 'Experiment report'), ' ', h('a', { href: href('/rollouts') }, 'All rollouts')),
    h(ErrorNote, { error: data.error, what: 'Could not load the rollout' }),
    !d || !v ? h(Loading, { what: 'the rollout' }) : [
      h(Section, { key: 'controls', id: 'controls', title: 'Controls' },
        h(Controls, { view: v, busy: act.busy, onAct: (a) => void act.run(a) }),
        h(ErrorNote, { error: act.error, what: 'Not done' }),
        h(DoneNote, { message: act.done })),
      h('div', { key: 'grid', class: 'grid' },
        h(Section, { id: 'progress', title: 'Progress' }, h(Overview, { view: v, now })),
        h('div', null,
          h(Section, { id: 'gate', title: 'Gate status' },
            isActiveState(v.state) ? h('p', null, h(GateStatus, { gate: v.gate, now, full: true }))
              : h('p', null, `Finished `, h(RelTime, { iso: v.finishedAt, now }), '; the last decision below says why.')),
          h(Section, { id: 'cohort', title: 'Cohort' }, h(CohortFigures, { cohort: v.cohort })))),
      h(Section, { key: 'decisions', id: 'decisions', title: 'Decision log' }, h(DecisionLog, { decisions: d.decisions, now })),
    ]);
}

export const page = definePage({
  id: 'rollout',
  path: '/rollouts/:name',
  title: (p) => `Rollout ${p.name ?? ''}`,
  navParent: '/rollouts',
  component: RolloutDetail,
});
