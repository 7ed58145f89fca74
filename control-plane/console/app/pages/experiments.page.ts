import { h } from 'preact';
import { useState } from 'preact/hooks';
import type { ExperimentReport, RolloutView } from '../protocol.ts';
import { MetricsTable, plotRows, SrmStatus } from '../components/evidence-table.ts';
import { IntervalPlot } from '../components/interval-plot.ts';
import { Code, EmptyState, ErrorNote, Field, Loading, PageHeader, Section, TableWrap, valueOf } from '../components/ui.ts';
import { useResource } from '../hooks/use-resource.ts';
import { evaluationRelevant, rolloutRelevant } from '../live-filters.ts';
import { isActiveState } from '../rollout-plan-text.ts';
import { href, replaceQuery, seg } from '../router.ts';
import { useSession } from '../session.ts';
import { formatNumber } from '../stats-format.ts';
import { definePage, type PageProps } from './page-registry.ts';

/** The rollout to show first: the one asked for, else an active one, else the newest. */
function pick(rollouts: readonly RolloutView[], wanted: string): string {
  if (rollouts.some((r) => r.name === wanted)) return wanted;
  const newest = [...rollouts].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (newest.find((r) => isActiveState(r.state)) ?? newest[0])?.name ?? '';
}

function Arms(props: { report: ExperimentReport }) {
  return h(TableWrap, { label: 'Arms' }, h('table', null,
    h('thead', null, h('tr', null, ['Arm', 'Version', 'Devices', 'Predictions', 'Labels'].map((t) => h('th', { key: t, scope: 'col', class: ['Arm', 'Version'].includes(t) ? undefined : 'num' }, t)))),
    h('tbody', null, props.report.arms.map((a) => h('tr', { key: a.arm },
      h('th', { scope: 'row' }, a.arm), h('td', { class: 'mono' }, a.version), h('td', { class: 'num' }, a.devices),
      h('td', { class: 'num' }, formatNumber(a.predictions)), h('td', { class: 'num' }, formatNumber(a.labels)))))));
}

function Report(props: { rollout: RolloutView }) {
  const { api } = useSession();
  const r = props.rollout;
  const report = useResource((signal) => api.rolloutExperiment(r.name, { signal }), [r.name], {
    topics: ['rollout', 'evaluation', 'model'],
    when: (c) => (c.topic === 'rollout' ? rolloutRelevant(c, r.name) : evaluationRelevant(c, r.spec.model)),
    debounceMs: 500, maxWaitMs: 3000,
  });
  if (report.error) return h(ErrorNote, { error: report.error, what: 'Could not load the experiment report' });
  const e = report.data;
  if (!e) return h(Loading, { what: 'the experiment report' });
  const noData = e.arms.every((a) => a.predictions === 0);
  const window = `${new Date(e.since).toLocaleString()} – ${new Date(e.until).toLocaleTimeString()}`;
  return h('div', null,
    h(Section, { id: 'arms', title: `Step ${e.step + 1} (${e.stepKind}): arms` },
      h('p', { class: 'muted' }, `Data since the step started: ${window}. α ${e.alpha}, ${e.correction === 'holm' ? 'Holm' : 'Benjamini-Hochberg'} across comparisons.`),
      h(Arms, { report: e }),
      h(SrmStatus, { srm: e.srm })),
    noData
      ? h(EmptyState, { title: 'No data for this step yet' }, h('p', null, 'Devices in the cohort send window summaries every minute once they run both arms; the report fills in as they arrive.'))
      : [
        h(Section, { key: 'lift', id: 'lift', title: 'Lift by metric' },
          h(IntervalPlot, { label: 'Candidate vs baseline, relative change with 95% interval', rows: plotRows(e.metrics) })),
        h(Section, { key: 'metrics', id: 'metrics', title: 'Per metric' },
          h(MetricsTable, { metrics: e.metrics, label: 'Experiment metrics' })),
      ]);
}

function Experiments(props: PageProps) {
  const { api } = useSession();
  const [wanted, setWanted] = useState(props.query.get('rollout') ?? '');
  const rollouts = useResource((signal) => api.listRollouts({ signal }), [], { topics: ['rollout'] });
  const list = rollouts.data ?? [];
  const selected = pick(list, wanted);
  const rollout = list.find((r) => r.name === selected);
  const choose = (name: string) => {
    setWanted(name);
    replaceQuery('/experiments', { rollout: name });
  };
  return h('div', null,
    h(PageHeader, { title: 'Experiments', subtitle: 'Every rollout step is an A/B test: the candidate against its baseline, metric by metric.' },
      rollout ? h('a', { href: href(`/rollouts/${seg(rollout.name)}`) }, `Rollout ${rollout.name}`) : null),
    h(ErrorNote, { error: rollouts.error, what: 'Could not load rollouts' }),
    !rollouts.data ? h(Loading, { what: 'rollouts' })
      : list.length === 0 ? h(EmptyState, { title: 'No experiments yet' },
        h('p', null, 'Start a rollout on the ', h('a', { href: href('/rollouts', { new: '1' }) }, 'Rollouts page'), ' or with ', h(Code, null, 'edgefleet rollout start'),
          '; its report appears here once devices send summaries.'))
        : [
          h('div', { key: 'pick', class: 'form-grid filters' },
            h(Field, { id: 'exp-rollout', label: 'Rollout' },
              h('select', { id: 'exp-rollout', value: selected, onChange: (e: Event) => choose(valueOf(e)) },
                list.map((r) => h('option', { key: r.name, value: r.name }, `${r.name} (${r.spec.model} ${r.baselineVersion} → ${r.candidateVersion}, ${r.state.replace('_', ' ')})`)))),
),
          rollout ? h(Report, { key: rollout.name, rollout }) : null,
        ]);
}

export const page = definePage({
  id: 'experiments',
  path: '/experiments',
  title: 'Experiments',
  nav: { label: 'Experiments', order: 60 },
  component: Experiments,
});
