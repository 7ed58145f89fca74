/**
 * The x scale of an interval (forest) plot of lifts: symmetric enough to show zero, padded, with
 * round tick values. Pure, unit-tested in Node; components/interval-plot.ts draws it.
 */

export interface IntervalRow {
  label: string;
  estimate: number | null;
  interval: readonly [number | null, number | null] | null;
}

export interface IntervalScale {
  min: number;
  max: number;
  ticks: number[];
  /** Pixel x of a value for a plot area starting at `left` and `width` wide. */
  x(value: number, left: number, width: number): number;
}

const niceSteps = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 1, 2, 5, 10];

const isNumber = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * Cover every estimate, zero (no change is the reference line) and the interval ends, but not
 * beyond `clip` (default ±50%, or 1.2 × the largest estimate): one wide interval (a rare event's
 * rate) would otherwise squash every other row to a dot. Clipped ends are drawn as arrows; the
 * text alternative keeps the real numbers. Ticks fall on round steps, about five of them.
 *
 * @example intervalScale([{ label: 'a', estimate: 0.02, interval: [-0.01, 0.05] }]).ticks // [-0.02, 0, 0.02, 0.04, 0.06]
 */
export function intervalScale(rows: readonly IntervalRow[], clipAt = 0.5): IntervalScale {
  const estimates = rows.map((r) => r.estimate).filter(isNumber);
  const clip = Math.max(clipAt, 1.2 * Math.max(0, ...estimates.map(Math.abs)));
  const values = [0, ...estimates];
  for (const r of rows) {
    for (const v of [r.interval?.[0], r.interval?.[1]]) if (isNumber(v)) values.push(Math.max(-clip, Math.min(clip, v)));
  }
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (hi - lo < 1e-9) {
    lo -= 0.01;
    hi += 0.01;
  }
  const step = niceSteps.find((s) => (hi - lo) / s <= 5) ?? niceSteps[niceSteps.length - 1]!;
  const min = Math.floor(lo / step - 1e-9) * step;
  const max = Math.ceil(hi / step + 1e-9) * step;
  const ticks: number[] = [];
  for (let t = min; t <= max + step / 2; t += step) ticks.push(Number(t.toFixed(6)));
  return {
    min, max, ticks,
    x: (value, left, width) => left + ((Math.min(max, Math.max(min, value)) - min) / (max - min)) * width,
  };
}

/** Whether a row can be drawn: an estimate and both ends of its interval. */
export const drawable = (r: IntervalRow): r is IntervalRow & { estimate: number; interval: [number, number] } =>
  isNumber(r.estimate) && !!r.interval && isNumber(r.interval[0]) && isNumber(r.interval[1]);
