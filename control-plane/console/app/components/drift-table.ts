import { h } from 'preact';
import type { FeatureDrift } from '../protocol.ts';
import { driftTestLabel, formatNumber, formatP, thresholdLabel } from '../stats-format.ts';
import { Badge, TableWrap } from './ui.ts';

export function DriftedBadge(props: { drifted: boolean | null }) {
  return props.drifted === true ? h(Badge, { tone: 'bad' }, 'drifted') : props.drifted === false ? h(Badge, { tone: 'ok' }, 'no drift') : h(Badge, { tone: 'muted' }, 'not tested');
}

const cols = ['Feature', 'Test', 'Statistic', 'p (adjusted)', 'Threshold', 'PSI', 'n', 'Drifted', 'Chart'];

/**
 * One row per feature: the test the drift rule picked, its statistic, p-value (raw and BH-adjusted),
 * the threshold it was compared with and where that came from, PSI, window size, verdict. The
 * Chart button picks the feature the histogram and time series below show.
 */
export function DriftTable(props: { label: string; features: readonly FeatureDrift[]; selected: string | undefined; onSelect: (feature: string) => void }) {
  return h(TableWrap, { label: props.label }, h('table', { class: 'drift-table' },
    h('thead', null, h('tr', null, cols.map((t) => h('th', { key: t, scope: 'col', class: ['Statistic', 'p (adjusted)', 'PSI', 'n'].includes(t) ? 'num' : undefined }, t)))),
    h('tbody', null, props.features.map((f) => {
      const current = f.feature === props.selected;
      return h('tr', { key: f.feature, class: current ? 'row-selected' : undefined },
        h('th', { scope: 'row', class: 'mono' }, f.feature, h('span', { class: 'cell-sub' }, f.type)),
        h('td', null, driftTestLabel(f.test)),
        h('td', { class: 'num' }, formatNumber(f.statistic)),
        h('td', { class: 'num' }, formatP(f.adjustedP), f.pValue !== null && f.adjustedP !== f.pValue ? h('span', { class: 'cell-sub' }, `raw ${formatP(f.pValue)}`) : null),
        h('td', null, thresholdLabel(f.thresholdSource, f.threshold),
          f.historyWindows > 0 ? h('span', { class: 'cell-sub' }, `${f.historyWindows} past windows`) : null),
        h('td', { class: 'num' }, formatNumber(f.psi)),
        h('td', { class: 'num' }, formatNumber(f.windowN)),
        h('td', null, h(DriftedBadge, { drifted: f.drifted })),
        h('td', null, h('button', {
          // The visible word stays in the name (WCAG 2.5.3); aria-pressed says which one is shown.
          type: 'button', class: 'small', 'aria-pressed': current ? 'true' : 'false', 'aria-label': `Show ${f.feature}`, onClick: () => props.onSelect(f.feature),
        }, 'Show')));
    }))));
}
