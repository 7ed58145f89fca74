/**
 * Streaming moments of a numeric feature: count, mean, central moment sums M2..M4, min, max, sum.
 * Devices update them per value and the control plane merges them across devices and windows;
 * the merge is exact (up to rounding), so merged moments equal those of the pooled data.
 */
import { z } from 'zod';
import type { SampleSummary } from './welch-test.ts';

/**
 * Moments state as it travels in summaries. m2, m3, m4 are the sums of squared, cubed and 4th
 * powers of deviations from the mean. min and max are null while count is 0 (JSON has no Infinity).
 */
export const momentsSchema = z
  .object({
    count: z.number().int().nonnegative(),
    mean: z.number(),
    m2: z.number(),
    m3: z.number(),
    m4: z.number(),
    min: z.number().nullable(),
    max: z.number().nullable(),
    sum: z.number(),
  })
  .refine((m) => (m.count === 0 ? m.min === null && m.max === null : m.min !== null && m.max !== null), {
    message: 'min and max are null exactly when count is 0',
  })
  .refine((m) => m.min === null || m.max === null || m.min <= m.max, {
    message: 'min must not exceed max',
  });

export type Moments = z.infer<typeof momentsSchema>;

/**
 * An empty moments state.
 *
 * @example
 * createMoments(); // { count: 0, mean: 0, m2: 0, m3: 0, m4: 0, min: null, max: null, sum: 0 }
 */
export function createMoments(): Moments {
  return { count: 0, mean: 0, m2: 0, m3: 0, m4: 0, min: null, max: null, sum: 0 };
}

/**
 * Add one value in place and return the state. NaN and ±Infinity are skipped: they have no
 * moments (the feature's histogram counts them as missing or under/overflow).
 *
 * Why these updates: the one-pass recurrences of Welford (M2) extended to M3 and M4 by Pébay
 * (2008, "Formulas for robust, one-pass parallel computation of covariances and arbitrary-order
 * statistical moments"); unlike Σx² - (Σx)²/n they do not cancel catastrophically.
 *
 * @example
 * const m = createMoments();
 * for (const x of [1, 2, 3, 4]) addToMoments(m, x);
 * momentsVariance(m); // 1.6666666666666667
 */
export function addToMoments(state: Moments, value: number): Moments {
  if (!Number.isFinite(value)) return state;
  const n1 = state.count;
  const n = n1 + 1;
  const delta = value - state.mean;
  const deltaN = delta / n;
  const deltaN2 = deltaN * deltaN;
  const term1 = delta * deltaN * n1;
  state.mean += deltaN;
  state.m4 += term1 * deltaN2 * (n * n - 3 * n + 3) + 6 * deltaN2 * state.m2 - 4 * deltaN * state.m3;
  state.m3 += term1 * deltaN * (n - 2) - 3 * deltaN * state.m2;
  state.m2 += term1;
  state.count = n;
  state.sum += value;
  state.min = state.min === null ? value : Math.min(state.min, value);
  state.max = state.max === null ? value : Math.max(state.max, value);
  return state;
}

/** Cells of one packed moments state (`packedMoments`): count, mean, m2, m3, m4, min, max, sum. */
export const PACKED_MOMENTS_CELLS = 8;

/**
 * Room for `states` packed moments states, all empty. A packed state is `createMoments()` laid out
 * in a Float64Array (min and max start at +Infinity and -Infinity instead of null), so a hot loop
 * updates many states without allocating: a null that becomes a number makes V8 box every later
 * store of that field. `unpackMoments` turns one back into the JSON form.
 *
 * @example
 * const packed = packedMoments(2);
 * addToPackedMoments(packed, PACKED_MOMENTS_CELLS, 5); // the second state
 * unpackMoments(packed, PACKED_MOMENTS_CELLS).mean; // 5
 */
export function packedMoments(states: number): Float64Array {
  const buffer = new Float64Array(states * PACKED_MOMENTS_CELLS);
  for (let offset = 0; offset < buffer.length; offset += PACKED_MOMENTS_CELLS) {
    buffer[offset + 5] = Infinity;
    buffer[offset + 6] = -Infinity;
  }
  return buffer;
}

/**
 * `addToMoments` on the packed state at `offset`: the same updates in the same order, so the
 * result is bit for bit the object form's. Non-finite values are skipped.
 *
 * @example
 * const packed = packedMoments(1);
 * for (const x of [1, 2, 3, 4]) addToPackedMoments(packed, 0, x);
 * unpackMoments(packed, 0); // equals momentsOf([1, 2, 3, 4])
 */
export function addToPackedMoments(buffer: Float64Array, offset: number, value: number): void {
  if (value - value !== 0) return; // NaN and ±Infinity (x - x is NaN for both)
  const n1 = buffer[offset]!;
  const n = n1 + 1;
  const m2 = buffer[offset + 2]!;
  const m3 = buffer[offset + 3]!;
  const delta = value - buffer[offset + 1]!;
  const deltaN = delta / n;
  const deltaN2 = deltaN * deltaN;
  const term1 = delta * deltaN * n1;
  buffer[offset + 1]! += deltaN;
  buffer[offset + 4]! += term1 * deltaN2 * (n * n - 3 * n + 3) + 6 * deltaN2 * m2 - 4 * deltaN * m3;
  buffer[offset + 3] = m3 + (term1 * deltaN * (n - 2) - 3 * deltaN * m2);
  buffer[offset + 2] = m2 + term1;
  buffer[offset] = n;
  buffer[offset + 7]! += value;
  buffer[offset + 5] = Math.min(buffer[offset + 5]!, value);
  buffer[offset + 6] = Math.max(buffer[offset + 6]!, value);
}

/**
 * `addToPackedMoments` for `values[from .. to)`, in order: the same result bit for bit, with the
 * state kept in locals for the run instead of memory (a column of buffered values at a time).
 *
 * @example
 * addValuesToPackedMoments(packed, 0, Float64Array.of(1, 2, 3, 4), 0, 4); // as four addToPackedMoments
 */
export function addValuesToPackedMoments(buffer: Float64Array, offset: number, values: Float64Array, from: number, to: number): void {
  let n = buffer[offset]!;
  let mean = buffer[offset + 1]!;
  let m2 = buffer[offset + 2]!;
  let m3 = buffer[offset + 3]!;
  let m4 = buffer[offset + 4]!;
  let min = buffer[offset + 5]!;
  let max = buffer[offset + 6]!;
  let sum = buffer[offset + 7]!;
  for (let i = from; i < to; i++) {
    const value = values[i]!;
    if (value - value !== 0) continue;
    const n1 = n;
    n = n1 + 1;
    const delta = value - mean;
    const deltaN = delta / n;
    const deltaN2 = deltaN * deltaN;
    const term1 = delta * deltaN * n1;
    mean += deltaN;
    m4 += term1 * deltaN2 * (n * n - 3 * n + 3) + 6 * deltaN2 * m2 - 4 * deltaN * m3;
    m3 += term1 * deltaN * (n - 2) - 3 * deltaN * m2;
    m2 += term1;
    sum += value;
    min = Math.min(min, value);
    max = Math.max(max, value);
  }
  buffer[offset] = n;
  buffer[offset + 1] = mean;
  buffer[offset + 2] = m2;
  buffer[offset + 3] = m3;
  buffer[offset + 4] = m4;
  buffer[offset + 5] = min;
  buffer[offset + 6] = max;
  buffer[offset + 7] = sum;
}

/**
 * The packed state at `offset` as a `Moments` object, written into `into` when given (its
 * fields overwritten) or a new object.
 *
 * @example
 * unpackMoments(packedMoments(1), 0); // createMoments()
 */
export function unpackMoments(buffer: Float64Array, offset: number, into: Moments = createMoments()): Moments {
  const count = buffer[offset]!;
  into.count = count;
  into.mean = buffer[offset + 1]!;
  into.m2 = buffer[offset + 2]!;
  into.m3 = buffer[offset + 3]!;
  into.m4 = buffer[offset + 4]!;
  into.min = count === 0 ? null : buffer[offset + 5]!;
  into.max = count === 0 ? null : buffer[offset + 6]!;
  into.sum = buffer[offset + 7]!;
  return into;
}

/**
 * Moments of an array of values.
 *
 * @example
 * momentsOf([1, 2, 3]).mean; // 2
 */
export function momentsOf(values: readonly number[]): Moments {
  const state = createMoments();
  for (const v of values) addToMoments(state, v);
  return state;
}

/**
 * Merge two moments states into a new one, as if all values had been added to one state.
 * Pairwise formulas of Chan, Golub and LeVeque (1979) for M2, extended to M3 and M4 by Pébay
 * (2008); δ = mean_b - mean_a:
 * M2 = M2a + M2b + δ²·na·nb/n
 * M3 = M3a + M3b + δ³·na·nb(na - nb)/n² + 3δ(na·M2b - nb·M2a)/n
 * M4 = M4a + M4b + δ⁴·na·nb(na² - na·nb + nb²)/n³ + 6δ²(na²·M2b + nb²·M2a)/n² + 4δ(na·M3b - nb·M3a)/n
 *
 * @example
 * mergeMoments(momentsOf([1, 2]), momentsOf([3, 4])); // same as momentsOf([1, 2, 3, 4])
 */
export function mergeMoments(a: Moments, b: Moments): Moments {
  if (b.count === 0) return { ...a };
  if (a.count === 0) return { ...b };
  const na = a.count;
  const nb = b.count;
  const n = na + nb;
  const delta = b.mean - a.mean;
  const delta2 = delta * delta;
  const m2 = a.m2 + b.m2 + (delta2 * na * nb) / n;
  const m3 =
    a.m3 + b.m3 + (delta2 * delta * na * nb * (na - nb)) / (n * n) + (3 * delta * (na * b.m2 - nb * a.m2)) / n;
  const m4 =
    a.m4 +
    b.m4 +
    (delta2 * delta2 * na * nb * (na * na - na * nb + nb * nb)) / (n * n * n) +
    (6 * delta2 * (na * na * b.m2 + nb * nb * a.m2)) / (n * n) +
    (4 * delta * (na * b.m3 - nb * a.m3)) / n;
  return {
    count: n,
    mean: a.mean + (delta * nb) / n,
    m2,
    m3,
    m4,
    min: Math.min(a.min!, b.min!),
    max: Math.max(a.max!, b.max!),
    sum: a.sum + b.sum,
  };
}

/**
 * Variance M2/(n - ddof): ddof 1 (default) is the sample variance, 0 the population variance.
 * NaN when n <= ddof.
 *
 * @example
 * momentsVariance(momentsOf([1, 2, 3, 4]), 0); // 1.25
 */
export function momentsVariance(state: Moments, ddof = 1): number {
  return state.count > ddof ? state.m2 / (state.count - ddof) : NaN;
}

/**
 * Standard deviation, the square root of `momentsVariance`.
 *
 * @example
 * momentsStd(momentsOf([2, 4, 4, 4, 5, 5, 7, 9]), 0); // 2
 */
export function momentsStd(state: Moments, ddof = 1): number {
  return Math.sqrt(momentsVariance(state, ddof));
}

/**
 * Skewness g1 = √n·M3/M2^(3/2) (the biased estimator, scipy `skew` default). NaN when M2 = 0.
 *
 * @example
 * momentsSkewness(momentsOf([1, 2, 3])); // 0
 */
export function momentsSkewness(state: Moments): number {
  if (state.count === 0 || state.m2 === 0) return NaN;
  return (Math.sqrt(state.count) * state.m3) / Math.pow(state.m2, 1.5);
}

/**
 * Excess kurtosis g2 = n·M4/M2² - 3 (the biased estimator, scipy `kurtosis` default). NaN when
 * M2 = 0.
 *
 * @example
 * momentsKurtosis(momentsOf([1, 2, 3, 4])); // -1.36
 */
export function momentsKurtosis(state: Moments): number {
  if (state.count === 0 || state.m2 === 0) return NaN;
  return (state.count * state.m4) / (state.m2 * state.m2) - 3;
}

/**
 * The (n, mean, sample variance) summary that `welchTTest` takes.
 *
 * @example
 * momentsSummary(momentsOf([1, 2, 3])); // { n: 3, mean: 2, variance: 1 }
 */
export function momentsSummary(state: Moments): SampleSummary {
  return { n: state.count, mean: state.mean, variance: momentsVariance(state) };
}
