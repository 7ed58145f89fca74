import { h } from 'preact';
import { drawable, intervalScale, type IntervalRow } from '../interval-scale.ts';
import { formatInterval, formatLift } from '../stats-format.ts';

export interface PlotRow extends IntervalRow {
  /** ok: passed its gate, bad: broke it, muted: not testable yet. */
  tone: 'ok' | 'bad' | 'muted';
}

const ROW = 34;
const TOP = 26;
const LEFT = 190;
const RIGHT = 24;
const WIDTH = 720;

/** An interval's end: a cap, or an arrow when the interval goes on past the axis (`direction` ±1). */
function end(x: number, y: number, direction: -1 | 0 | 1, key: string) {
  if (direction === 0) return h('line', { key, class: 'ci-cap', x1: x, x2: x, y1: y - 6, y2: y + 6 });
  const tip = x + direction * 4;
  return h('polygon', { key, class: 'ci-arrow', points: `${tip},${y} ${tip - direction * 9},${y - 6} ${tip - direction * 9},${y + 6}` });
}

/**
 * Lifts (candidate / baseline - 1) with their 95% intervals, one row per metric around a zero
 * line: a forest plot. SVG rather than canvas: a handful of intervals, crisp at any zoom, and the
 * numbers stay in the DOM (each row has a text alternative). Rows without an interval say why.
 */
export function IntervalPlot(props: { label: string; rows: readonly PlotRow[] }) {
  const rows = props.rows;
  const scale = intervalScale(rows);
  const plotWidth = WIDTH - LEFT - RIGHT;
  const x = (v: number) => scale.x(v, LEFT, plotWidth);
  const height = TOP + rows.length * ROW + 8;
  const drawn = rows.filter(drawable).length;
  const summary = `${props.label}: ${rows.map((r) => `${r.label} ${formatLift(r.estimate)} ${formatInterval(r.interval)}`).join('; ')}.`;

  return h('figure', { class: 'chart interval-plot', 'data-chart': 'intervals', 'data-intervals': String(drawn) },
    h('figcaption', null, props.label),
    h('svg', { viewBox: `0 0 ${WIDTH} ${height}`, role: 'img', 'aria-label': summary, preserveAspectRatio: 'xMinYMin meet' },
      scale.ticks.map((t) => h('g', { key: `t${t}`, class: t === 0 ? 'ci-zero' : 'ci-grid' },
        h('line', { x1: x(t), x2: x(t), y1: TOP - 6, y2: height - 4 }),
        h('text', { x: x(t), y: 14, 'text-anchor': 'middle' }, formatLift(t, Math.abs(t) < 0.05 && t !== 0 ? 1 : 0)))),
      rows.map((r, i) => {
        const y = TOP + i * ROW + ROW / 2;
        return h('g', { key: r.label, class: `ci-row ci-${r.tone}` },
          h('text', { class: 'ci-label', x: LEFT - 12, y: y + 4, 'text-anchor': 'end' }, r.label),
          drawable(r)
            ? [
              h('line', { key: 'l', class: 'ci-interval', x1: x(r.interval[0]), x2: x(r.interval[1]), y1: y, y2: y }),
              end(x(r.interval[0]), y, r.interval[0] < scale.min ? -1 : 0, 'a'),
              end(x(r.interval[1]), y, r.interval[1] > scale.max ? 1 : 0, 'b'),
              h('circle', { key: 'p', class: 'ci-point', cx: x(r.estimate), cy: y, r: 5 }),
            ]
            : h('text', { class: 'ci-missing', x: LEFT + 8, y: y + 4 }, 'no interval yet (too little data, or not a comparison)'));
      })));
}
