import { h } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import type { HistogramBars } from '../drift-data.ts';
import { HISTOGRAM_COLORS } from './chart-colors.ts';
import { formatPercent } from '../stats-format.ts';


/**
 * The current histogram as filled bars with the reference histogram laid over it as outlined
 * bars, both as shares of their totals so a window of any size compares with the reference.
 * Bars sit at their index on the x axis (quantile bins have uneven widths; equal bars read
 * better), labelled with each bin's lower edge; the legend names the bin under the cursor.
 */
export function HistogramChart(props: { label: string; summary: string; bars: HistogramBars; height?: number }) {
  const holder = useRef<HTMLDivElement>(null);
  const { bars } = props;

  useEffect(() => {
    const el = holder.current;
    if (!el) return;
    const n = bars.labels.length;
    const xs = bars.labels.map((_, i) => i);
    const pct = (_u: uPlot, v: number | null) => (v === null ? '—' : formatPercent(v, 1));
    const barPaths = uPlot.paths.bars?.({ size: [0.86, 48], align: 0 });
    const opts: uPlot.Options = {
      width: Math.max(200, el.clientWidth),
      height: props.height ?? 220,
      legend: { show: true, live: true },
      cursor: { drag: { x: false, y: false }, points: { show: false } },
      scales: {
        x: { time: false, range: () => [-0.6, n - 0.4] },
        y: { range: (_u, _min, max) => [0, Math.max(0.01, max * 1.1)] },
      },
      axes: [
        {
          // Integer splits only: a tick per bar would crowd 50 bins, uPlot thins them by `space`.
          incrs: [1, 2, 5, 10, 20, 50],
          space: 56,
          values: (_u, splits) => splits.map((i) => (Number.isInteger(i) ? bars.ticks[i] ?? '' : '')),
        },
        { size: 52, values: (_u, splits) => splits.map((v) => formatPercent(v, 0)) },
      ],
      series: [
        { label: 'bin', value: (_u, i) => (i === null ? '—' : bars.labels[i] ?? '—') },
        {
          label: 'current', stroke: HISTOGRAM_COLORS.current, fill: `${HISTOGRAM_COLORS.current}b3`, width: 0,
          paths: barPaths, points: { show: false }, value: pct,
        },
        // Drawn second, so the reference outline lies over the current bars.
        { label: 'reference', stroke: HISTOGRAM_COLORS.reference, width: 1.5, paths: barPaths, points: { show: false }, value: pct },
      ],
    };
    const plot = new uPlot(opts, [xs, bars.current, bars.reference] as uPlot.AlignedData, el);
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(200, el.clientWidth), height: opts.height }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [bars, props.height]);

  return h('figure', { class: 'chart', 'data-chart': 'histogram' },
    h('figcaption', null, props.label),
    h('p', { class: 'sr-only' }, props.summary),
    h('div', { ref: holder, class: 'chart-canvas', role: 'img', 'aria-label': props.summary }));
}
