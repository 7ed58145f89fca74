import { h } from 'preact';
import { DriftedBadge } from '../components/drift-table.ts';
import { EmptyState, ErrorNote, Loading } from '../components/ui.ts';
import { reportKey } from '../drift-data.ts';
import { useResource } from '../hooks/use-resource.ts';
import { evaluationRelevant } from '../live-filters.ts';
import { href } from '../router.ts';
import { useSession } from '../session.ts';
import { formatNumber } from '../stats-format.ts';

/** The Overview's "Fleet drift" card: every model version with data in the last hour, drifted first. */
export function FleetDriftCard() {
  const { api } = useSession();
  const reports = useResource((signal) => api.drift({ since: '1h' }, { signal }), [], {
    topics: ['evaluation', 'model'], when: (c) => evaluationRelevant(c), debounceMs: 1000, maxWaitMs: 10_000,
  });
  if (reports.error) return h(ErrorNote, { error: reports.error, what: 'Could not load drift' });
  if (!reports.data) return h(Loading, { what: 'drift' });
  if (reports.data.length === 0) {
    return h(EmptyState, { title: 'No drift data yet' }, h('p', null, 'Devices send feature and prediction summaries once a model with a reference profile runs on them; see ',
      h('a', { href: href('/drift') }, 'Drift & quality'), '.'));
  }
  const sorted = [...reports.data].sort((a, b) => Number(b.drifted) - Number(a.drifted) || b.driftedShare - a.driftedShare);
  return h('ul', { class: 'card-list', 'aria-label': 'Drift by model version' }, sorted.slice(0, 6).map((r) => h('li', { key: reportKey(r) },
    h('div', { class: 'event-head' },
      h('a', { href: href('/drift', { version: reportKey(r) }) }, reportKey(r)), h(DriftedBadge, { drifted: r.drifted }),
      h('span', { class: 'muted' }, `${r.driftedFeatures.length} of ${r.features.length} features, ${formatNumber(r.predictions)} predictions, last hour`)),
    r.driftedFeatures.length > 0 ? h('p', { class: 'event-message mono' }, r.driftedFeatures.slice(0, 5).join(', '), r.driftedFeatures.length > 5 ? ', …' : '') : null)));
}
