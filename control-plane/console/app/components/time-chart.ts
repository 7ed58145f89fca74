import { h } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';

export interface ChartSeries {
  label: string;
  /** Canvas colours cannot read CSS variables; these match styles.css. */
  color: string;
  kind: 'bars' | 'line';
  values: ReadonlyArray<number | null>;
}

export interface TimeChartProps {
  /** Caption shown above the chart. */
  label: string;
  /** What the chart shows in one sentence, for screen readers (the canvas says nothing). */
  summary: string;
  /** Unix seconds, ascending. */
  xs: readonly number[];
  series: readonly ChartSeries[];
  height?: number;
  /** Seconds between points, for bar charts (an hour for hourly counts). */
  step?: number;
  /** The y axis reaches at least this high (default 1): counts of zero still get an axis. */
  yAtLeast?: number;
  /** Ticks on whole numbers only (default true, for counts); false for rates, scores, ms. */
  yIntegers?: boolean;
  /** A y value for the legend and axis (`12.5 ms`, `91%`); plain numbers by default. */
  yFormat?: (value: number) => string;
}

/**
 * A uPlot time-series chart that fills its container's width and follows it when the window
 * resizes. The shared chart of the console: later pages (drift, rollouts) plot through it too.
 */
export function TimeChart(props: TimeChartProps) {
  const holder = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = holder.current;
    if (!el) return;
    const bars = uPlot.paths.bars?.({ size: [0.7, 24], align: 0 });
    const narrowBars = uPlot.paths.bars?.({ size: [0.35, 12], align: 0 });
    const opts: uPlot.Options = {
      width: Math.max(200, el.clientWidth),
      height: props.height ?? 180,
      // Labels only: live values under the cursor jump around and say little for hourly counts.
      legend: { show: true, live: false },
      cursor: { drag: { x: false, y: false } },
      // Half a step of room at both ends, so the first and the last bar are not cut in half.
      scales: {
        x: { time: true, range: (_u, min, max) => [min - (props.step ?? 0) / 2, max + (props.step ?? 0) / 2] },
        y: { range: (_u, _min, max) => [0, Math.max(props.yAtLeast ?? 1, max * (props.yIntegers === false ? 1.1 : 1))] },
      },
      axes: [{}, {
        size: props.yFormat ? 64 : 40,
        ...(props.yIntegers === false ? {} : { incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] }),
        ...(props.yFormat ? { values: (_u: uPlot, splits: number[]) => splits.map((v) => props.yFormat!(v)) } : {}),
      }],
      series: [
        {},
        ...props.series.map((s, i): uPlot.Series => ({
          label: s.label,
          stroke: s.color,
          fill: s.kind === 'bars' ? `${s.color}cc` : undefined,
          width: s.kind === 'bars' ? 0 : 2,
          // Sparse series (a few minutes of data) are points joined across gaps, not nothing.
          spanGaps: true,
          ...(props.yFormat ? { value: (_u: uPlot, v: number | null) => (v === null ? '—' : props.yFormat!(v)) } : {}),
          ...(s.kind === 'bars' ? { paths: i === 0 ? bars : narrowBars, points: { show: false } } : {}),
        })),
      ],
    };
    const data = [props.xs as number[], ...props.series.map((s) => s.values as Array<number | null>)] as uPlot.AlignedData;
    const plot = new uPlot(opts, data, el);
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(200, el.clientWidth), height: opts.height }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [props.xs, props.series, props.height, props.step, props.yAtLeast, props.yIntegers, props.yFormat]);

  return h('figure', { class: 'chart' },
    h('figcaption', null, props.label),
    h('p', { class: 'sr-only' }, props.summary),
    h('div', { ref: holder, class: 'chart-canvas', role: 'img', 'aria-label': props.summary }));
}
