import { h } from 'preact';
import type { GateEvidence, MetricEvidence, SrmEvidence } from '../protocol.ts';
import { formatInterval, formatLift, formatMetricValue, formatNumber, formatP, formatPercent, metricLabel } from '../stats-format.ts';
import type { PlotRow } from './interval-plot.ts';
import { Badge, Facts, TableWrap } from './ui.ts';

// What a gate looked at, as tables: the decision log shows it per decision, the Experiments page
// for the current step. Every number the gate used is there, so a decision can be checked by hand.

const passedBadge = (passed: boolean | null) =>
  passed === true ? h(Badge, { tone: 'ok' }, 'passed') : passed === false ? h(Badge, { tone: 'bad' }, 'broke') : h(Badge, { tone: 'muted' }, 'not testable yet');

/** `10.6 ms (n 840)`. */
const armCell = (m: MetricEvidence, arm: 'baseline' | 'candidate') =>
  h('td', { class: 'num' }, formatMetricValue(m.unit, m[arm].value), h('span', { class: 'cell-sub' }, `n ${formatNumber(m[arm].n)}`));

const cols = ['Metric', 'Baseline', 'Candidate', 'Lift [95% CI]', 'Threshold', 'p (fixed)', 'p (sequential)', 'p (adjusted)', 'Power', 'MDE', 'Verdict'];

/** Per metric: both arms' values and sample sizes, lift with its interval, the threshold, p-values, power. */
export function MetricsTable(props: { metrics: readonly MetricEvidence[]; label: string }) {
  if (props.metrics.length === 0) return h('p', { class: 'muted' }, 'No metrics compared yet: the arms need data first.');
  return h(TableWrap, { label: props.label }, h('table', { class: 'evidence-table' },
    h('thead', null, h('tr', null, cols.map((t) => h('th', { key: t, scope: 'col', class: t === 'Metric' || t === 'Verdict' ? undefined : 'num' }, t)))),
    h('tbody', null, props.metrics.flatMap((m) => [h('tr', { key: m.metric, class: m.note ? 'has-note' : undefined },
      h('th', { scope: 'row' }, metricLabel(m.metric), h('span', { class: 'cell-sub' }, m.kind === 'guardrail' ? 'guardrail' : 'comparison')),
      armCell(m, 'baseline'), armCell(m, 'candidate'),
      h('td', { class: 'num' }, formatLift(m.lift), h('span', { class: 'cell-sub' }, formatInterval(m.liftInterval))),
      h('td', { class: 'num', title: m.kind === 'comparison' ? 'harm tolerated before a significant difference rolls back' : 'limit on the candidate' },
        formatMetricValue(m.unit, m.threshold)),
      h('td', { class: 'num' }, formatP(m.pValue), m.perDevice ? h('span', { class: 'cell-sub', title: 'Welch test on per-device values' },
        `per device ${formatP(m.perDevice.pValue)}`) : null),
      h('td', { class: 'num' }, formatP(m.sequentialP)),
      h('td', { class: 'num' }, formatP(m.adjustedP)),
      h('td', { class: 'num' }, formatPercent(m.power, 0)),
      h('td', { class: 'num' }, formatMetricValue(m.unit, m.minimumDetectableEffect)),
      h('td', null, passedBadge(m.passed))),
    // The gate's note on how it tested the metric, under its row rather than squeezed into a cell.
    m.note ? h('tr', { key: `${m.metric}-note`, class: 'note-row' }, h('td', { colSpan: cols.length }, m.note)) : null]))));
}

/** Lifts for the interval plot; guardrails have none and show as "no interval". */
export function plotRows(metrics: readonly MetricEvidence[]): PlotRow[] {
  return metrics.filter((m) => m.kind === 'comparison').map((m) => ({
    label: metricLabel(m.metric), estimate: m.lift, interval: m.liftInterval,
    tone: m.passed === false ? 'bad' : m.passed === true ? 'ok' : 'muted',
  }));
}

/** Sample ratio mismatch: observed against expected shares, and whether the chi-squared test flagged it. */
export function SrmStatus(props: { srm: SrmEvidence | null }) {
  const s = props.srm;
  if (!s) return h('p', null, h(Badge, { tone: 'muted' }, 'SRM not tested'), ' ', h('span', { class: 'muted' }, 'too few units per arm, or one arm only'));
  const total = s.observed.reduce((a, b) => a + b, 0);
  const observed = s.observed.map((o) => formatPercent(total > 0 ? o / total : null, 1)).join(' / ');
  // Shares may come as weights (1 : 1 in shadow steps): show them as parts of the whole.
  const weight = s.expectedShares.reduce((a, b) => a + b, 0);
  const expected = s.expectedShares.map((e) => formatPercent(weight > 0 ? e / weight : null, 0)).join(' / ');
  return h('p', null,
    s.mismatch ? h(Badge, { tone: 'bad' }, 'sample ratio mismatch') : h(Badge, { tone: 'ok' }, 'no sample ratio mismatch'), ' ',
    `${s.unit}: observed ${observed} (${s.observed.map((o) => formatNumber(o)).join(' / ')}), expected ${expected}; χ² ${formatNumber(s.statistic)}, p ${formatP(s.pValue)}`);
}

/** Everything one gate look saw: cohort, samples per arm, SRM and the metrics. */
export function GateEvidenceView(props: { evidence: GateEvidence; label: string }) {
  const e = props.evidence;
  const arm = (a: GateEvidence['samples']['baseline']) => `${formatNumber(a.predictions)} predictions, ${a.labels} labels, ${a.devices} devices`;
  return h('div', { class: 'gate-evidence' },
    h(Facts, { items: [
      ['Step', `${e.step + 1} (${e.stepKind}), data since ${new Date(e.since).toLocaleTimeString()}`],
      ['Baseline', arm(e.samples.baseline)],
      ['Candidate', arm(e.samples.candidate)],
      ['Cohort', `${e.cohort.applied} of ${e.cohort.cohort} applied, ${e.cohort.pending} applying, ${e.cohort.offline} offline`],
      ['Testing', `α ${e.alpha}, ${e.correction === 'holm' ? 'Holm' : 'Benjamini-Hochberg'} across comparisons`],
    ] }),
    h(SrmStatus, { srm: e.srm }),
    h(MetricsTable, { metrics: e.metrics, label: props.label }));
}
