import type { DriftReport, FeatureDrift } from './protocol.ts';
import { formatNumber } from './stats-format.ts';

/** Chart-ready data from drift and time-series answers. Pure, unit-tested in Node. */

export interface HistogramBars {
  /** One per bar, for the tooltip and the screen-reader table: `12.3 – 14.1`, `< 6.98`, `benign`. */
  labels: string[];
  /** Short labels for the x axis (a bin's lower edge, or the category). */
  ticks: string[];
  /** Shares of each histogram's total, so windows of any size compare with the reference. */
  reference: number[];
  current: number[];
  /** Totals behind the shares. */
  referenceTotal: number;
  currentTotal: number;
}

const shares = (counts: readonly number[]) => {
  const total = counts.reduce((a, b) => a + b, 0);
  return { total, shares: counts.map((c) => (total > 0 ? c / total : 0)) };
};

/**
 * The reference and current histograms of a feature as bars on one axis. Numeric features come
 * as edges plus extended counts `[under, bins…, over]`, categorical ones as categories plus OTHER;
 * under, over and OTHER are left out when neither histogram has anything there.
 *
 * @example histogramBars(feature).labels // ['< 6.98', '6.98 – 9.5', …]
 */
export function histogramBars(feature: Pick<FeatureDrift, 'type' | 'reference' | 'current'>): HistogramBars {
  const ref = shares(feature.reference.counts);
  const cur = shares(feature.current.counts);
  const n = Math.max(feature.reference.counts.length, feature.current.counts.length);
  const labels: string[] = [];
  const ticks: string[] = [];
  const categories = feature.reference.categories;
  const edges = feature.reference.edges;
  for (let i = 0; i < n; i += 1) {
    if (categories) {
      const name = categories[i] ?? `#${i}`;
      labels.push(name);
      ticks.push(name);
    } else if (edges && edges.length > 1) {
      const k = edges.length - 1; // bins between edges; index 0 is "under", k + 1 "over"
      const at = (j: number) => formatNumber(edges[j] ?? NaN);
      labels.push(i === 0 ? `< ${at(0)}` : i > k ? `≥ ${at(k)}` : `${at(i - 1)} – ${at(i)}`);
      ticks.push(i === 0 ? `<${at(0)}` : i > k ? `≥${at(k)}` : at(i - 1));
    } else {
      labels.push(`bin ${i + 1}`);
      ticks.push(String(i + 1));
    }
  }
  const keep = labels.map((_, i) => {
    const outer = categories ? categories[i] === 'OTHER' : i === 0 || i === n - 1;
    return !outer || (feature.reference.counts[i] ?? 0) > 0 || (feature.current.counts[i] ?? 0) > 0;
  });
  const pick = <T>(xs: readonly T[]) => xs.filter((_, i) => keep[i]);
  return {
    labels: pick(labels), ticks: pick(ticks),
    reference: pick(labels.map((_, i) => ref.shares[i] ?? 0)), current: pick(labels.map((_, i) => cur.shares[i] ?? 0)),
    referenceTotal: ref.total, currentTotal: cur.total,
  };
}

export interface AlignedSeries {
  /** Unix seconds, ascending, the union of every series' points. */
  xs: number[];
  /** One array per input series, null where it has no point. */
  values: Array<Array<number | null>>;
}

/**
 * Series with their own timestamps on one x axis (uPlot wants aligned arrays).
 *
 * @example alignSeries([[{ t: '…:00Z', value: 1 }], [{ t: '…:01Z', value: 2 }]]) // xs of 2, nulls where missing
 */
export function alignSeries(series: ReadonlyArray<ReadonlyArray<{ t: string; value: number | null }>>): AlignedSeries {
  const times = new Set<number>();
  for (const s of series) for (const p of s) times.add(Date.parse(p.t) / 1000);
  const xs = [...times].filter(Number.isFinite).sort((a, b) => a - b);
  const index = new Map(xs.map((x, i) => [x, i]));
  const values = series.map((s) => {
    const row = new Array<number | null>(xs.length).fill(null);
    for (const p of s) {
      const i = index.get(Date.parse(p.t) / 1000);
      if (i !== undefined) row[i] = p.value;
    }
    return row;
  });
  return { xs, values };
}

/** A time-series bucket that shows a window as a few dozen points: 1m for an hour, 1h for a week. */
export function bucketFor(since: string): string {
  const hours = { '15m': 0.25, '1h': 1, '6h': 6, '24h': 24, '7d': 168 }[since] ?? 1;
  if (hours <= 1) return '1m';
  if (hours <= 6) return '5m';
  if (hours <= 24) return '30m';
  return '3h';
}

/** The feature to show first: the most drifted one (smallest adjusted p, else largest PSI). */
export function featureToShow(report: Pick<DriftReport, 'features'>): string | undefined {
  const ranked = [...report.features].sort((a, b) =>
    Number(b.drifted === true) - Number(a.drifted === true) || (a.adjustedP ?? 2) - (b.adjustedP ?? 2) || (b.psi ?? 0) - (a.psi ?? 0));
  return ranked[0]?.feature;
}

/** `bc:2` for a report, the key the page's version picker uses. */
export const reportKey = (r: Pick<DriftReport, 'model' | 'version'>) => `${r.model}:${r.version}`;
