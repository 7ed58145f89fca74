/**
 * Distances between distributions used as drift scores: population stability index,
 * Jensen-Shannon distance and Wasserstein-1 (on samples, weighted values and histograms).
 * Scores have no p-value; thresholds come from calibration.ts or from `psiCriticalValue`.
 */
import { assertCounts, assertSameLength, total } from './assert-counts.ts';
import { chiSquaredQuantile } from './sampling-distributions.ts';

/** Proportions from counts (or from proportions that do not quite sum to 1). */
function proportions(values: readonly number[]): number[] {
  const sum = total(values);
  return values.map((v) => v / sum);
}

/**
 * Default floor for an empty bin's proportion in PSI. Without it one empty bin makes PSI infinite;
 * with 1e-4 an empty bin holding share q on the other side adds about q·ln(q/1e-4) (0.69 for
 * q = 0.1), a strong but finite signal. Bins empty on both sides add exactly 0.
 */
export const PSI_EPSILON = 1e-4;

/**
 * Population stability index Σ (q - p)·ln(q/p) of observed shares q against expected shares p
 * (counts are normalised first). It equals KL(p||q) + KL(q||p). Proportions below `epsilon` are
 * raised to it (see PSI_EPSILON). NaN when either side has no mass.
 *
 * @example
 * populationStabilityIndex([0.4, 0.3, 0.3], [0.35, 0.25, 0.4]); // 0.0445609
 */
export function populationStabilityIndex(
  expected: readonly number[],
  observed: readonly number[],
  options: { epsilon?: number } = {},
): number {
  assertCounts(expected, 'expected');
  assertCounts(observed, 'observed');
  assertSameLength(expected, observed, 'expected', 'observed');
  if (total(expected) === 0 || total(observed) === 0) return NaN;
  const epsilon = options.epsilon ?? PSI_EPSILON;
  const p = proportions(expected);
  const q = proportions(observed);
  let psi = 0;
  for (let k = 0; k < p.length; k++) {
    const pk = Math.max(p[k]!, epsilon);
    const qk = Math.max(q[k]!, epsilon);
    psi += (qk - pk) * Math.log(qk / pk);
  }
  return psi;
}

/**
 * PSI above which a histogram of m rows differs from a reference of n rows at level alpha, using
 * PSI ≈ χ²(B - 1)·(1/n + 1/m) under no drift (pass n = Infinity for a fixed reference).
 *
 * @example
 * psiCriticalValue(10, 1000, 1000); // 0.0338
 */
export function psiCriticalValue(bins: number, n: number, m: number, alpha = 0.05): number {
  return chiSquaredQuantile(1 - alpha, bins - 1) * (1 / n + 1 / m);
}

/**
 * Jensen-Shannon distance, the square root of the JS divergence ½KL(p||m) + ½KL(q||m),
 * m = (p + q)/2, between two count or proportion vectors (normalised first, as scipy does).
 * Natural log by default: bounded by √ln 2; with base 2 bounded by 1. NaN when either side has no
 * mass. Unlike PSI it needs no epsilon: m > 0 wherever p or q is.
 *
 * @example
 * jensenShannonDistance([1, 0], [0.5, 0.5]); // 0.46450140402245893
 * jensenShannonDistance([1, 0, 0], [0, 1, 0], { base: 2 }); // 1
 */
export function jensenShannonDistance(
  p: readonly number[],
  q: readonly number[],
  options: { base?: number } = {},
): number {
  assertCounts(p, 'p');
  assertCounts(q, 'q');
  assertSameLength(p, q, 'p', 'q');
  if (total(p) === 0 || total(q) === 0) return NaN;
  const a = proportions(p);
  const b = proportions(q);
  let divergence = 0;
  for (let k = 0; k < a.length; k++) {
    const ak = a[k]!;
    const bk = b[k]!;
    const mk = (ak + bk) / 2;
    if (ak > 0) divergence += 0.5 * ak * Math.log(ak / mk);
    if (bk > 0) divergence += 0.5 * bk * Math.log(bk / mk);
  }
  if (options.base !== undefined) divergence /= Math.log(options.base);
  return Math.sqrt(Math.max(0, divergence)); // rounding can leave -1e-17 for identical inputs
}

/** Values with weights, NaN and infinite values dropped, sorted by value. */
function weightedSorted(values: readonly number[], weights: readonly number[] | undefined) {
  if (weights) {
    assertCounts(weights, 'weights');
    assertSameLength(values, weights, 'values', 'weights');
  }
  const pairs: [number, number][] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) pairs.push([v, weights ? weights[i]! : 1]);
  }
  pairs.sort((x, y) => x[0] - y[0]);
  return { pairs, mass: pairs.reduce((sum, [, w]) => sum + w, 0) };
}

/**
 * Wasserstein-1 (earth mover's) distance ∫|F_u - F_v| between two samples, optionally weighted
 * (scipy `wasserstein_distance`). NaN and infinite values are dropped (W1 is undefined with
 * infinite mass positions). NaN when a side has no mass.
 *
 * @example
 * wassersteinDistance([0, 1, 3], [5, 6, 8]); // 5
 * wassersteinDistance([0, 1], [0, 1], [3, 1], [2, 2]); // 0.25
 */
export function wassersteinDistance(
  u: readonly number[],
  v: readonly number[],
  uWeights?: readonly number[],
  vWeights?: readonly number[],
): number {
  const a = weightedSorted(u, uWeights);
  const b = weightedSorted(v, vWeights);
  if (a.mass === 0 || b.mass === 0) return NaN;
  let i = 0;
  let j = 0;
  let cumulativeA = 0;
  let cumulativeB = 0;
  let distance = 0;
  let previous = Math.min(a.pairs[0]![0], b.pairs[0]![0]);
  // Sweep the merged values; between consecutive ones both CDFs are constant.
  while (i < a.pairs.length || j < b.pairs.length) {
    const next = Math.min(a.pairs[i]?.[0] ?? Infinity, b.pairs[j]?.[0] ?? Infinity);
    distance += Math.abs(cumulativeA / a.mass - cumulativeB / b.mass) * (next - previous);
    while (i < a.pairs.length && a.pairs[i]![0] === next) cumulativeA += a.pairs[i++]![1];
    while (j < b.pairs.length && b.pairs[j]![0] === next) cumulativeB += b.pairs[j++]![1];
    previous = next;
  }
  return distance;
}

/** ∫ over [0, w] of |d0 + (d1 - d0)·x/w|: exact for a linear difference that may change sign. */
function absoluteLinearIntegral(d0: number, d1: number, width: number): number {
  if (d0 * d1 >= 0) return (width * (Math.abs(d0) + Math.abs(d1))) / 2;
  return (width * (d0 * d0 + d1 * d1)) / (2 * (Math.abs(d0) + Math.abs(d1)));
}

/**
 * Wasserstein-1 between two histograms on the same edges, treating mass as uniform within each
 * bin (so both CDFs are piecewise linear and the integral is exact for that model). Counts have
 * either edges.length - 1 entries (bins only) or edges.length + 1 (underflow, bins, overflow);
 * underflow and overflow sit as point masses on the outer edges, since their spread is unknown.
 * NaN when a side has no mass.
 *
 * @example
 * binnedWassersteinDistance([0, 1, 2], [1, 0], [0, 1]); // 1
 */
export function binnedWassersteinDistance(
  edges: readonly number[],
  countsA: readonly number[],
  countsB: readonly number[],
): number {
  assertCounts(countsA, 'countsA');
  assertCounts(countsB, 'countsB');
  assertSameLength(countsA, countsB, 'countsA', 'countsB');
  const bins = edges.length - 1;
  const extended = countsA.length === bins + 2;
  if (!extended && countsA.length !== bins) {
    throw new RangeError(`expected ${bins} or ${bins + 2} counts for ${edges.length} edges`);
  }
  const na = total(countsA);
  const nb = total(countsB);
  if (na === 0 || nb === 0) return NaN;
  const offset = extended ? 1 : 0;
  // CDF difference at the first edge: the underflow point masses (or nothing).
  let d0 = extended ? countsA[0]! / na - countsB[0]! / nb : 0;
  let distance = 0;
  for (let k = 0; k < bins; k++) {
    const d1 = d0 + countsA[k + offset]! / na - countsB[k + offset]! / nb;
    distance += absoluteLinearIntegral(d0, d1, edges[k + 1]! - edges[k]!);
    d0 = d1;
  }
  return distance;
}

/**
 * Wasserstein-1 in units of the reference's standard deviation, so one threshold serves features
 * of any scale. A zero spread gives 0 for a zero distance and Infinity otherwise.
 *
 * @example
 * normalizedWasserstein(0.5, 2); // 0.25
 */
export function normalizedWasserstein(distance: number, referenceStd: number): number {
  if (Number.isNaN(distance) || Number.isNaN(referenceStd)) return NaN;
  if (referenceStd === 0) return distance === 0 ? 0 : Infinity;
  return distance / referenceStd;
}
