import { h } from 'preact';
import type { RolloutDecision } from '../protocol.ts';
import { formatNumber, metricLabel } from '../stats-format.ts';
import { GateEvidenceView } from './evidence-table.ts';
import { DecisionBadge } from './rollout-bits.ts';
import { EmptyState, RelTime } from './ui.ts';

/** `1,200 vs 1,180 predictions` for a closed details summary. */
function evidenceHint(d: RolloutDecision): string {
  const e = d.evidence;
  if (!e) return '';
  const tested = e.metrics.filter((m) => m.passed !== null).length;
  return `${formatNumber(e.samples.baseline.predictions)} baseline vs ${formatNumber(e.samples.candidate.predictions)} candidate predictions, ` +
    `${tested} of ${e.metrics.length} metrics tested`;
}

/**
 * Every decision, newest first: what was decided, by whom (`engine` for gates), why, and for gate
 * decisions the evidence behind it, folded away except for the newest that had data.
 */
export function DecisionLog(props: { decisions: readonly RolloutDecision[]; now: number }) {
  if (props.decisions.length === 0) return h(EmptyState, { title: 'No decisions yet' }, h('p', null, 'The start of the rollout and every gate decision are recorded here.'));
  // Open the newest evidence that saw data: a fresh step's "waiting for data" hold says little.
  const withEvidence = props.decisions.filter((d) => d.evidence);
  const opened = (withEvidence.find((d) => d.evidence!.samples.baseline.predictions + d.evidence!.samples.candidate.predictions > 0) ?? withEvidence[0])?.id;
  return h('ol', { class: 'decision-log', 'aria-label': 'Decisions' }, props.decisions.map((d) => h('li', { key: d.id, class: `decision decision-${d.decision}` },
    h('div', { class: 'event-head' },
      h(DecisionBadge, { decision: d.decision }),
      h('span', null, `step ${d.step + 1}`),
      h('span', { class: 'muted' }, `by ${d.actor}`),
      d.metric ? h('span', null, 'metric ', h('strong', null, metricLabel(d.metric))) : null,
      h('span', { class: 'event-time' }, h(RelTime, { iso: d.at, now: props.now }))),
    h('p', { class: 'event-message' }, d.reason),
    d.evidence ? h('details', { open: d.id === opened },
      h('summary', null, 'Evidence: ', evidenceHint(d)),
      h(GateEvidenceView, { evidence: d.evidence, label: `Evidence of decision ${d.id}` })) : null)));
}
