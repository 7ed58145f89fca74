import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { RolloutView } from '../protocol.ts';
import { ActiveRolloutsCard } from '../cards/active-rollouts-card.ts';
import { cohortLine, GateStatus, RolloutStateBadge } from '../components/rollout-bits.ts';
import { Code, EmptyState, ErrorNote, Loading, PageHeader, ReadOnlyNote, RelTime, Section, TableWrap } from '../components/ui.ts';
import { RolloutForm } from '../forms/rollout-form.ts';
import { useResource, useTicker } from '../hooks/use-resource.ts';
import { rolloutRelevant } from '../live-filters.ts';
import { isActiveState, stepSummary, targetLabel } from '../rollout-plan-text.ts';
import { href, replaceQuery, seg } from '../router.ts';
import { useSession } from '../session.ts';
import { definePage, type PageProps } from './page-registry.ts';

function RolloutRows(props: { rollouts: RolloutView[]; now: number }) {
  return h('tbody', null, props.rollouts.map((r) => h('tr', { key: r.name },
    h('td', null, h('a', { href: href(`/rollouts/${seg(r.name)}`) }, r.name), r.spec.description ? h('span', { class: 'cell-sub' }, r.spec.description) : null),
    h('td', null, h('span', { class: 'mono' }, r.spec.model), h('span', { class: 'cell-sub' }, `${r.baselineVersion} → ${r.candidateVersion}`)),
    h('td', { class: 'hide-narrow' }, targetLabel(r.spec)),
    h('td', null, stepSummary(r)),
    h('td', null, h(RolloutStateBadge, { state: r.state })),
    h('td', null, cohortLine(r.cohort)),
    h('td', null, isActiveState(r.state) ? h(GateStatus, { gate: r.gate }) : h('span', { class: 'muted' }, 'finished ', h(RelTime, { iso: r.finishedAt, now: props.now }))),
    h('td', { class: 'hide-narrow' }, h(RelTime, { iso: r.updatedAt, now: props.now })))));
}

const headings = ['Rollout', 'Model', 'Target', 'Progress', 'State', 'Cohort', 'Gate', 'Updated'];

function Rollouts(props: PageProps) {
  const { api, canWrite } = useSession();
  const now = useTicker();
  const wantForm = props.query.get('new') === '1';
  const [formOpen, setFormOpen] = useState(wantForm);
  // A link to `#/rollouts?new=1` while already on this page opens the form too.
  useEffect(() => {
    if (wantForm) setFormOpen(true);
  }, [wantForm]);
  const data = useResource(async (signal) => {
    const [rollouts, models, fleets, devices] = await Promise.all([
      api.listRollouts({ signal }), api.listModels({ signal }), api.listFleets({ signal }), api.listDevices('', { signal })]);
    return { rollouts, models, fleets, devices };
  }, [], { topics: ['rollout', 'model', 'fleet', 'device'], when: (c) => c.topic !== 'device' || rolloutRelevant(c), debounceMs: 300 });
  const open = (value: boolean) => {
    setFormOpen(value);
    replaceQuery('/rollouts', { new: value ? '1' : undefined });
  };
  const d = data.data;
  // Newest first, active ones on top: those are what an admin acts on.
  const sorted = d ? [...d.rollouts].sort((a, b) => Number(isActiveState(b.state)) - Number(isActiveState(a.state)) || b.createdAt.localeCompare(a.createdAt)) : [];
  const startButton = formOpen ? null : h('button', {
    type: 'button', class: 'primary', disabled: !canWrite, 'aria-describedby': canWrite ? undefined : 'rollouts-read-only', onClick: () => open(true),
  }, 'Start a rollout');

  return h('div', null,
    h(PageHeader, { title: 'Rollouts', subtitle: 'Staged rollouts move a candidate version through cohorts; gates decide each step on evidence.' }, startButton),
    canWrite ? null : h(ReadOnlyNote, { id: 'rollouts-read-only', what: 'Starting and steering rollouts needs an admin token.' }),
    h(ErrorNote, { error: data.error, what: 'Could not load rollouts' }),
    !d ? h(Loading, { what: 'rollouts' }) : [
      formOpen ? h(Section, { key: 'form', id: 'start', title: 'Start a rollout' },
        d.models.length === 0
          ? h(EmptyState, { title: 'No models to roll out' }, h('p', null, 'Push a model with two versions on the ', h('a', { href: href('/models') }, 'Models page'), ' first.'))
          : h(RolloutForm, { models: d.models, fleets: d.fleets, devices: d.devices, onCancel: () => open(false) })) : null,
      h(Section, { key: 'list', id: 'rollout-list', title: 'All rollouts' },
        sorted.length === 0
          ? h(EmptyState, { title: 'No rollouts yet' }, h('p', null, 'Start one with ', h(Code, null, 'edgefleet rollout start'),
            ' or the Start a rollout button: pick a model, a baseline alias and a candidate version, and the gates take it from there.'))
          : h(TableWrap, { label: 'Rollouts' }, h('table', null,
            h('thead', null, h('tr', null, headings.map((t) => h('th', { key: t, scope: 'col', class: t === 'Target' || t === 'Updated' ? 'hide-narrow' : undefined }, t)))),
            h(RolloutRows, { rollouts: sorted, now })))),
    ]);
}

export const page = definePage({
  id: 'rollouts',
  path: '/rollouts',
  title: 'Rollouts',
  nav: { label: 'Rollouts', order: 40 },
  component: Rollouts,
  overviewCards: { rollouts: ActiveRolloutsCard },
});
