import { h } from 'preact';
import { useMemo } from 'preact/hooks';
import type { DriftReport, FeatureDrift } from '../protocol.ts';
import { alignSeries, bucketFor, histogramBars } from '../drift-data.ts';
import { useResource } from '../hooks/use-resource.ts';
import { evaluationRelevant } from '../live-filters.ts';
import { useSession } from '../session.ts';
import { formatNumber, formatPercent } from '../stats-format.ts';
import { HistogramChart } from './histogram-chart.ts';
import { TimeChart, type ChartSeries } from './time-chart.ts';
import { ErrorNote, Loading } from './ui.ts';

const seriesColors = ['#2f5fc4', '#c2410c', '#176c3a', '#7c3aed'];

/** The drift statistic of a feature over time, one line per variant and arm. */
function DriftOverTime(props: { report: DriftReport; feature: FeatureDrift; since: string }) {
  const { api } = useSession();
  const { model, version } = props.report;
  const metric = `drift:${props.feature.feature}`;
  const ts = useResource((signal) => api.timeseries({ model, version, since: props.since, metric, bucket: bucketFor(props.since) }, { signal }),
    [model, version, metric, props.since], { topics: ['evaluation'], when: (c) => evaluationRelevant(c, model), debounceMs: 1000, maxWaitMs: 5000 });
  const chart = useMemo(() => {
    if (!ts.data) return null;
    const aligned = alignSeries(ts.data.series.map((s) => s.points));
    const series: ChartSeries[] = ts.data.series.map((s, i) => ({
      label: `${s.arm} ${s.variant}`, color: seriesColors[i % seriesColors.length]!, kind: 'line', values: aligned.values[i] ?? [],
    }));
    return { xs: aligned.xs, series };
  }, [ts.data]);
  if (ts.error) return h(ErrorNote, { error: ts.error, what: 'Could not load the time series' });
  if (!chart) return h(Loading, { what: 'the time series' });
  if (chart.xs.length === 0) return h('p', { class: 'muted' }, 'No points in this window yet.');
  const name = props.feature.test === 'ks-binned' ? 'KS statistic' : 'drift statistic';
  return h(TimeChart, {
    label: `${name} of ${props.feature.feature} per ${ts.data?.bucketSeconds ? `${ts.data.bucketSeconds / 60} min` : 'bucket'}`,
    summary: `${name} of ${props.feature.feature} over ${chart.xs.length} time buckets, ${chart.series.length} series.`,
    xs: chart.xs, series: chart.series, yAtLeast: 0, yIntegers: false, yFormat: formatNumber,
  });
}

/** One feature: the current histogram with the reference laid over it, and its drift over time. */
export function FeatureDetail(props: { report: DriftReport; feature: FeatureDrift; since: string }) {
  const f = props.feature;
  const bars = useMemo(() => histogramBars(f), [f]);
  const means = f.type === 'numeric' ? `; mean ${formatNumber(f.reference.mean)} in the reference, ${formatNumber(f.current.mean)} now` : '';
  const summary = `Distribution of ${f.feature}: ${formatNumber(bars.currentTotal)} current values against ${formatNumber(bars.referenceTotal)} reference values${means}. ` +
    `Largest share now ${formatPercent(Math.max(0, ...bars.current), 1)}.`;
  return h('div', { class: 'feature-detail' },
    h(HistogramChart, { label: `${f.feature}: current (bars) over reference (outline), share of values`, summary, bars }),
    h(DriftOverTime, { report: props.report, feature: f, since: props.since }));
}
