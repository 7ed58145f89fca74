import { h } from 'preact';
import { useMemo } from 'preact/hooks';
import type { QualityReport, Timeseries } from '../protocol.ts';
import { alignSeries, bucketFor } from '../drift-data.ts';
import { useResource } from '../hooks/use-resource.ts';
import { evaluationRelevant } from '../live-filters.ts';
import { useSession } from '../session.ts';
import { formatMetricValue, formatNumber, formatPercent } from '../stats-format.ts';
import { TimeChart, type ChartSeries } from './time-chart.ts';
import { EmptyState, ErrorNote, Loading, TableWrap } from './ui.ts';

const cols: Array<[string, boolean]> = [
  ['Arm / variant', false], ['Devices', true], ['Predictions', true], ['Error rate', true], ['Accuracy', true], ['Macro F1', true],
  ['MAE', true], ['ECE', true], ['Latency p50', true], ['p95', true], ['p99', true],
];

/** Quality per variant and arm over the window: infrastructure and model tiers side by side. */
export function QualityTable(props: { groups: readonly QualityReport[] }) {
  if (props.groups.length === 0) return h('p', { class: 'muted' }, 'No quality data for this version in the window.');
  return h(TableWrap, { label: 'Quality' }, h('table', null,
    h('thead', null, h('tr', null, cols.map(([t, num]) => h('th', { key: t, scope: 'col', class: num ? 'num' : undefined }, t)))),
    h('tbody', null, props.groups.map((g) => {
      const infra = g.tiers.infrastructure;
      const model = g.tiers.model;
      return h('tr', { key: `${g.arm}-${g.variant}-${g.profile ?? ''}` },
        h('th', { scope: 'row' }, `${g.arm} / ${g.variant}`, g.gaps > 0 ? h('span', { class: 'cell-sub' }, `${g.gaps} summaries missing`) : null),
        h('td', { class: 'num' }, g.devices), h('td', { class: 'num' }, formatNumber(infra.predictions)),
        h('td', { class: 'num' }, formatPercent(infra.errorRate)),
        h('td', { class: 'num' }, formatPercent(model.accuracy, 1), h('span', { class: 'cell-sub' }, `${formatNumber(model.feedback)} labels`)),
        h('td', { class: 'num' }, formatNumber(model.macroF1)),
        h('td', { class: 'num' }, formatNumber(model.mae)),
        h('td', { class: 'num' }, formatNumber(model.expectedCalibrationError)),
        h('td', { class: 'num' }, formatMetricValue('ms', infra.latencyMs.p50)),
        h('td', { class: 'num' }, formatMetricValue('ms', infra.latencyMs.p95)),
        h('td', { class: 'num' }, formatMetricValue('ms', infra.latencyMs.p99)));
    }))));
}

const palette = ['#2f5fc4', '#c2410c', '#176c3a', '#7c3aed', '#0e7490', '#a16207'];
const percentAxis = (v: number) => formatPercent(v, 0);
const msAxis = (v: number) => `${formatNumber(v)} ms`;

/** Several metrics of one version as lines on one chart, one line per metric and arm. */
function MetricsChart(props: { model: string; version: string; since: string; metrics: Array<[string, string]>; label: string; unit: 'rate' | 'ms' }) {
  const { api } = useSession();
  const bucket = bucketFor(props.since);
  const key = props.metrics.map(([m]) => m).join(',');
  const data = useResource((signal) => Promise.all(props.metrics.map(([metric]) =>
    api.timeseries({ model: props.model, version: props.version, since: props.since, metric, bucket }, { signal }))),
  [props.model, props.version, props.since, key], { topics: ['evaluation'], when: (c) => evaluationRelevant(c, props.model), debounceMs: 1000, maxWaitMs: 5000 });
  const chart = useMemo(() => data.data && toChart(data.data, props.metrics), [data.data]);
  if (data.error) return h(ErrorNote, { error: data.error, what: `Could not load ${props.label.toLowerCase()}` });
  if (!chart) return h(Loading, { what: props.label.toLowerCase() });
  if (chart.xs.length === 0) return h('p', { class: 'muted' }, `${props.label}: no points in this window yet.`);
  return h(TimeChart, {
    label: props.label, summary: `${props.label}: ${chart.series.map((s) => s.label).join(', ')} over ${chart.xs.length} time buckets.`,
    xs: chart.xs, series: chart.series, yAtLeast: props.unit === 'rate' ? 0.01 : 1, yIntegers: false, yFormat: props.unit === 'rate' ? percentAxis : msAxis,
  });
}

function toChart(answers: readonly Timeseries[], metrics: Array<[string, string]>): { xs: number[]; series: ChartSeries[] } {
  const lines: Array<{ label: string; points: Timeseries['series'][number]['points'] }> = [];
  const arms = new Set(answers.flatMap((a) => a.series.map((s) => `${s.arm}/${s.variant}`)));
  answers.forEach((answer, i) => {
    for (const s of answer.series) lines.push({ label: arms.size > 1 ? `${metrics[i]![1]} ${s.arm}` : metrics[i]![1], points: s.points });
  });
  const aligned = alignSeries(lines.map((l) => l.points));
  return { xs: aligned.xs, series: lines.map((l, i) => ({ label: l.label, color: palette[i % palette.length]!, kind: 'line', values: aligned.values[i] ?? [] })) };
}

/** Quality metrics and latency percentiles of one model version, as a table and over time. */
export function QualitySection(props: { model: string; version: string; since: string; groups: readonly QualityReport[] | undefined; error: unknown }) {
  if (props.error) return h(ErrorNote, { error: props.error, what: 'Could not load quality' });
  if (!props.groups) return h(Loading, { what: 'quality' });
  const groups = props.groups.filter((g) => g.model === props.model && g.version === props.version);
  if (groups.length === 0) return h(EmptyState, { title: 'No quality data in this window' }, h('p', null, 'Quality comes from the same summaries as drift; labels sent back through the agent\'s feedback API add accuracy and F1.'));
  return h('div', null,
    h(QualityTable, { groups }),
    h('div', { class: 'grid mt' },
      h(MetricsChart, { model: props.model, version: props.version, since: props.since, unit: 'rate', label: 'Accuracy and error rate',
        metrics: [['accuracy', 'accuracy'], ['error_rate', 'error rate']] }),
      h(MetricsChart, { model: props.model, version: props.version, since: props.since, unit: 'ms', label: 'Latency percentiles',
        metrics: [['latency_p50', 'p50'], ['latency_p95', 'p95'], ['latency_p99', 'p99']] })));
}
