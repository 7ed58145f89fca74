import { h } from 'preact';
import { cohortLine, GateStatus, RolloutStateBadge } from '../components/rollout-bits.ts';
import { Code, EmptyState, ErrorNote, Loading } from '../components/ui.ts';
import { useResource } from '../hooks/use-resource.ts';
import { rolloutRelevant } from '../live-filters.ts';
import { isActiveState, stepSummary } from '../rollout-plan-text.ts';
import { href, seg } from '../router.ts';
import { useSession } from '../session.ts';

/** The Overview's "Active rollouts" card: each active rollout's step, state and gate, live. */
export function ActiveRolloutsCard() {
  const { api } = useSession();
  const rollouts = useResource((signal) => api.listRollouts({ signal }), [], { topics: ['rollout', 'device'], when: (c) => rolloutRelevant(c), debounceMs: 300 });
  if (rollouts.error) return h(ErrorNote, { error: rollouts.error, what: 'Could not load rollouts' });
  if (!rollouts.data) return h(Loading, { what: 'rollouts' });
  const active = rollouts.data.filter((r) => isActiveState(r.state));
  if (active.length === 0) {
    return rollouts.data.length === 0
      ? h(EmptyState, { title: 'No rollouts yet' }, h('p', null, 'Start one with ', h(Code, null, 'edgefleet rollout start'), ' or ',
        h('a', { href: href('/rollouts', { new: '1' }) }, 'the form on the Rollouts page'), ' to move a model version through cohorts with gates.'))
      : h(EmptyState, { title: 'No active rollouts' }, h('p', null, `${rollouts.data.length} finished; see `, h('a', { href: href('/rollouts') }, 'all rollouts'), '.'));
  }
  return h('ul', { class: 'card-list', 'aria-label': 'Active rollouts' }, active.map((r) => h('li', { key: r.name },
    h('div', { class: 'event-head' },
      h('a', { href: href(`/rollouts/${seg(r.name)}`) }, r.name), h(RolloutStateBadge, { state: r.state }),
      h('span', { class: 'mono' }, `${r.spec.model} ${r.baselineVersion} → ${r.candidateVersion}`)),
    h('p', { class: 'event-message' }, `${stepSummary(r)} · ${cohortLine(r.cohort)} · gate `, h(GateStatus, { gate: r.gate })))));
}
