/**
 * Histograms on fixed reference edges. A reference profile fixes the edges once (equal-mass
 * quantiles of the reference sample); every device then counts its window on those edges, so
 * histograms from different devices and windows merge exactly by adding counts, and compare
 * bin-for-bin with the reference.
 */
import { z } from 'zod';

function strictlyIncreasing(edges: readonly number[]): boolean {
  for (let i = 1; i < edges.length; i++) if (!(edges[i]! > edges[i - 1]!)) return false;
  return true;
}

/**
 * Histogram state as it travels in summaries. Bins are [e_i, e_i+1) except the last, which is
 * closed (numpy's convention), so the reference maximum lands inside. Values below the first
 * edge (and -Infinity) count as underflow, above the last (and +Infinity) as overflow, and
 * NaN/null/undefined as missing.
 */
export const histogramSchema = z
  .object({
    edges: z.array(z.number()).min(2),
    counts: z.array(z.number().int().nonnegative()),
    underflow: z.number().int().nonnegative(),
    overflow: z.number().int().nonnegative(),
    missing: z.number().int().nonnegative(),
  })
  .refine((h) => strictlyIncreasing(h.edges), { message: 'edges must be strictly increasing' })
  .refine((h) => h.counts.length === h.edges.length - 1, {
    message: 'counts must have one entry per bin (edges.length - 1)',
  });

export type Histogram = z.infer<typeof histogramSchema>;

/**
 * An empty histogram on the given edges (at least two, finite, strictly increasing).
 *
 * @example
 * createHistogram([0, 1, 2]); // { edges: [0, 1, 2], counts: [0, 0], underflow: 0, overflow: 0, missing: 0 }
 */
export function createHistogram(edges: readonly number[]): Histogram {
  if (edges.length < 2 || !edges.every(Number.isFinite) || !strictlyIncreasing(edges)) {
    throw new RangeError('histogram edges must be at least two finite, strictly increasing numbers');
  }
  return {
    edges: [...edges],
    counts: new Array<number>(edges.length - 1).fill(0),
    underflow: 0,
    overflow: 0,
    missing: 0,
  };
}

/** Index of the bin holding x (edges[0] <= x <= edges[last]) by binary search. */
function binIndex(edges: readonly number[], x: number): number {
  let low = 0;
  let high = edges.length - 2; // last bin index
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (edges[middle]! <= x) low = middle;
    else high = middle - 1;
  }
  return low;
}

/**
 * Count one value in place and return the histogram.
 *
 * @example
 * const h = createHistogram([0, 1, 2]);
 * addToHistogram(h, 1); // counts [0, 1]
 * addToHistogram(h, null); // missing 1
 */
export function addToHistogram(histogram: Histogram, value: number | null | undefined): Histogram {
  const { edges } = histogram;
  if (value === null || value === undefined || Number.isNaN(value)) histogram.missing++;
  else if (value < edges[0]!) histogram.underflow++;
  else if (value > edges[edges.length - 1]!) histogram.overflow++;
  else histogram.counts[binIndex(edges, value)]!++;
  return histogram;
}

/**
 * A histogram of values on the given edges.
 *
 * @example
 * histogramOf([0, 1, 2], [0.5, 1.5, 2, 3, NaN]).counts; // [1, 2]
 */
export function histogramOf(
  edges: readonly number[],
  values: readonly (number | null | undefined)[],
): Histogram {
  const histogram = createHistogram(edges);
  for (const v of values) addToHistogram(histogram, v);
  return histogram;
}

/**
 * Merge two histograms on identical edges into a new one: counts add, so the merge is exact.
 * Throws a RangeError when the edges differ (re-binning would not be exact).
 *
 * @example
 * mergeHistograms(histogramOf([0, 1], [0.5]), histogramOf([0, 1], [2])); // counts [1], overflow 1
 */
export function mergeHistograms(a: Histogram, b: Histogram): Histogram {
  if (a.edges.length !== b.edges.length || a.edges.some((e, i) => e !== b.edges[i])) {
    throw new RangeError('cannot merge histograms with different edges');
  }
  return {
    edges: [...a.edges],
    counts: a.counts.map((c, i) => c + b.counts[i]!),
    underflow: a.underflow + b.underflow,
    overflow: a.overflow + b.overflow,
    missing: a.missing + b.missing,
  };
}

/** Quantile with linear interpolation between order statistics (numpy's default, type 7). */
function sortedQuantile(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const low = Math.floor(h);
  const lowValue = sorted[low]!;
  if (low + 1 >= sorted.length) return lowValue;
  return lowValue + (h - low) * (sorted[low + 1]! - lowValue);
}

/**
 * Equal-mass edges from a reference sample: the quantiles at 0, 1/bins, ..., 1 (type 7), with
 * repeated values removed, so heavy ties (say 40% zeros) give fewer, wider bins instead of empty
 * ones. Equal-mass bins put resolution where the data is, which keeps a KS on bins close to the
 * raw KS and gives PSI its usual ~B-1 degrees of freedom. Non-finite values are ignored; a
 * constant sample gets one narrow bin [v, v + max(|v|, 1)·1e-9] so any other value is under- or
 * overflow. Throws a RangeError without a finite value.
 *
 * @example
 * equalMassEdges([1, 2, 3, 4, 5], 4); // [1, 2, 3, 4, 5]
 */
export function equalMassEdges(sample: readonly number[], bins = 50): number[] {
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError('bins must be a positive integer');
  const sorted = Float64Array.from(sample.filter(Number.isFinite)).sort();
  if (sorted.length === 0) throw new RangeError('equal-mass edges need at least one finite value');
  const edges: number[] = [];
  for (let k = 0; k <= bins; k++) {
    const q = sortedQuantile(sorted, k / bins);
    if (edges.length === 0 || q > edges[edges.length - 1]!) edges.push(q);
  }
  if (edges.length === 1) edges.push(edges[0]! + Math.max(Math.abs(edges[0]!), 1) * 1e-9);
  return edges;
}

/**
 * Number of non-missing values (bins plus underflow and overflow).
 *
 * @example
 * histogramTotal(histogramOf([0, 1], [0.5, 7, NaN])); // 2
 */
export function histogramTotal(histogram: Histogram): number {
  let sum = histogram.underflow + histogram.overflow;
  for (const c of histogram.counts) sum += c;
  return sum;
}

/**
 * Counts with underflow first and overflow last: the vector the tests and distances compare, so
 * values outside the reference range count as a shift instead of vanishing.
 *
 * @example
 * extendedCounts(histogramOf([0, 1], [0.5, 7, -1])); // [1, 1, 1]
 */
export function extendedCounts(histogram: Histogram): number[] {
  return [histogram.underflow, ...histogram.counts, histogram.overflow];
}

/**
 * Running sums of a count vector.
 *
 * @example
 * cumulativeCounts([1, 2, 3]); // [1, 3, 6]
 */
export function cumulativeCounts(counts: readonly number[]): number[] {
  let running = 0;
  return counts.map((c) => (running += c));
}

/**
 * Counts as proportions of their total; all NaN when the total is 0 (an empty window has no
 * distribution, and NaN makes every downstream score say so).
 *
 * @example
 * normalizeCounts([1, 3]); // [0.25, 0.75]
 */
export function normalizeCounts(counts: readonly number[]): number[] {
  let sum = 0;
  for (const c of counts) sum += c;
  return counts.map((c) => c / sum);
}
