import { h } from 'preact';
import { useState } from 'preact/hooks';
import type { DriftReport } from '../protocol.ts';
import { AlertsCard } from '../cards/alerts-card.ts';
import { FleetDriftCard } from '../cards/fleet-drift-card.ts';
import { AlertList } from '../components/alert-list.ts';
import { DriftedBadge, DriftTable } from '../components/drift-table.ts';
import { FeatureDetail } from '../components/feature-detail.ts';
import { QualitySection } from '../components/quality-section.ts';
import { Code, EmptyState, ErrorNote, Field, Loading, PageHeader, Section, valueOf } from '../components/ui.ts';
import { featureToShow, reportKey } from '../drift-data.ts';
import { useResource, useTicker } from '../hooks/use-resource.ts';
import { evaluationRelevant } from '../live-filters.ts';
import { replaceQuery } from '../router.ts';
import { useSession } from '../session.ts';
import { formatNumber, formatPercent } from '../stats-format.ts';
import { definePage, type PageProps } from './page-registry.ts';

const WINDOWS = [['15m', 'last 15 minutes'], ['1h', 'last hour'], ['6h', 'last 6 hours'], ['24h', 'last 24 hours'], ['7d', 'last 7 days']] as const;
/** Evaluation pages refetch at most every few seconds: a drift report is not free to compute. */
const LIVE = { debounceMs: 1000, maxWaitMs: 5000 };

/** Drifted features on top (in declaration order among themselves): what an admin looks for first. */
const driftedFirst = (features: DriftReport['features']) =>
  [...features].sort((a, b) => Number(b.drifted === true) - Number(a.drifted === true));

function Verdict(props: { report: DriftReport }) {
  const r = props.report;
  return h('p', null,
    h(DriftedBadge, { drifted: r.drifted }), ' ',
    `${r.reason}. ${formatNumber(r.predictions)} predictions from ${r.devices} device${r.devices === 1 ? '' : 's'} (${r.summaries} summaries); `,
    `drifted when more than ${formatPercent(r.maxDriftedShare, 0)} of features drift or any feature's adjusted p < ${r.alpha}.`);
}

function Drift(props: PageProps) {
  const { api } = useSession();
  const now = useTicker();
  const [since, setSince] = useState(props.query.get('since') ?? '1h');
  const [wanted, setWanted] = useState(props.query.get('version') ?? '');
  const [feature, setFeature] = useState(props.query.get('feature') ?? '');
  const reports = useResource((signal) => api.drift({ since }, { signal }), [since], { topics: ['evaluation', 'model'], when: (c) => evaluationRelevant(c), ...LIVE });
  const alerts = useResource((signal) => api.listAlerts(20, { signal }), [], { topics: ['alert'] });
  const list = reports.data ?? [];
  const report = list.find((r) => reportKey(r) === wanted) ?? list[0];
  const model = report?.model ?? '';
  const quality = useResource(async (signal) => (model ? api.quality({ model, since }, { signal }) : []), [model, since],
    { topics: ['evaluation', 'model'], when: (c) => evaluationRelevant(c, model), ...LIVE });
  const all = report ? [...report.features, ...report.output] : [];
  const shown = all.find((f) => f.feature === feature) ?? all.find((f) => f.feature === featureToShow(report ?? { features: [] }));

  const sync = (next: { since?: string; version?: string; feature?: string }) => {
    replaceQuery('/drift', { since: next.since ?? since, version: next.version ?? (report ? reportKey(report) : undefined), feature: next.feature ?? feature });
  };
  const firing = alerts.data?.firing ?? [];
  const resolved = (alerts.data?.recent ?? []).filter((a) => a.status === 'resolved');

  return h('div', null,
    h(PageHeader, { title: 'Drift & quality', subtitle: 'Fleet-wide input and prediction drift against each version\'s reference profile, and how well it performs.' }),
    h('div', { class: 'form-grid filters' },
      h(Field, { id: 'drift-version', label: 'Model version' },
        h('select', { id: 'drift-version', value: report ? reportKey(report) : '', disabled: list.length === 0,
          onChange: (e: Event) => { setWanted(valueOf(e)); setFeature(''); sync({ version: valueOf(e), feature: '' }); } },
        list.length === 0 ? h('option', { value: '' }, 'no data yet') : list.map((r) => h('option', { key: reportKey(r), value: reportKey(r) },
          `${reportKey(r)}${r.drifted ? ' (drifted)' : ''}`)))),
      h(Field, { id: 'drift-window', label: 'Window' },
        h('select', { id: 'drift-window', value: since, onChange: (e: Event) => { setSince(valueOf(e)); sync({ since: valueOf(e) }); } },
          WINDOWS.map(([v, label]) => h('option', { key: v, value: v }, label))))),
    firing.length > 0 ? h(Section, { id: 'alerts', title: `Firing alerts (${firing.length})` }, h(AlertList, { alerts: firing, now })) : null,
    h(ErrorNote, { error: reports.error, what: 'Could not load drift reports' }),
    !reports.data ? h(Loading, { what: 'drift reports' })
      : !report ? h(EmptyState, { title: 'No drift data in this window' },
        h('p', null, 'Devices send feature and prediction summaries once a model version with a reference profile runs on them. Build a profile with ',
          h(Code, null, 'POST /v1/models/NAME/versions/V/profile'), ' (', h(Code, null, 'edgefleet up'), ' does it for its demo model), assign the model, ',
          'or pick a longer window.'))
        : [
          h(Section, { key: 'inputs', id: 'inputs', title: `Input drift: ${reportKey(report)}` },
            h(Verdict, { report }),
            h(DriftTable, { label: 'Input features', features: driftedFirst(report.features), selected: shown?.feature, onSelect: (f) => { setFeature(f); sync({ feature: f }); } })),
          report.output.length > 0 ? h(Section, { key: 'outputs', id: 'outputs', title: 'Prediction drift' },
            h(DriftTable, { label: 'Outputs', features: report.output, selected: shown?.feature, onSelect: (f) => { setFeature(f); sync({ feature: f }); } })) : null,
          shown ? h(Section, { key: 'feature', id: 'feature', title: `Feature ${shown.feature}` },
            h(FeatureDetail, { key: `${reportKey(report)}-${shown.feature}`, report, feature: shown, since })) : null,
          h(Section, { key: 'quality', id: 'quality', title: `Quality: ${reportKey(report)}` },
            h(QualitySection, { model: report.model, version: report.version, since, groups: quality.data, error: quality.error })),
        ],
    resolved.length > 0 ? h(Section, { id: 'recent-alerts', title: 'Recently resolved alerts' }, h(AlertList, { alerts: resolved.slice(0, 10), now })) : null);
}

export const page = definePage({
  id: 'drift',
  path: '/drift',
  title: 'Drift & quality',
  nav: { label: 'Drift & quality', order: 50 },
  component: Drift,
  overviewCards: { drift: FleetDriftCard, alerts: AlertsCard },
});
