/**
 * Adjusted p-values for families of tests (one per feature, or per metric of an experiment),
 * returned in input order. NaN p-values (untestable features) stay NaN and do not count towards
 * the family size: an empty window should not make the other features harder to flag.
 */

/** Indices of the non-NaN p-values, sorted by p ascending (ties keep input order). */
function rankedIndices(pValues: readonly number[]): number[] {
  const indices: number[] = [];
  for (let i = 0; i < pValues.length; i++) {
    const p = pValues[i]!;
    if (Number.isNaN(p)) continue;
    if (p < 0 || p > 1) throw new RangeError(`p-value ${i} is ${p}, outside [0, 1]`);
    indices.push(i);
  }
  return indices.sort((a, b) => pValues[a]! - pValues[b]! || a - b);
}

/**
 * Holm's step-down adjustment (Holm 1979), controlling the family-wise error rate under any
 * dependence: the k-th smallest p becomes max over j <= k of min(1, (m - j + 1)·p_(j)).
 *
 * @example
 * holmAdjust([0.01, 0.04, 0.03, 0.005, 0.55, 0.6]); // [0.05, 0.12, 0.12, 0.03, 1, 1]
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  const adjusted = pValues.map(() => NaN);
  const order = rankedIndices(pValues);
  const m = order.length;
  let running = 0;
  order.forEach((index, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * pValues[index]!));
    adjusted[index] = running;
  });
  return adjusted;
}

/**
 * Benjamini-Hochberg step-up adjustment (1995), controlling the false discovery rate for
 * independent or positively dependent tests: the k-th smallest p becomes
 * min over j >= k of min(1, m/j·p_(j)).
 *
 * @example
 * benjaminiHochbergAdjust([0.898, 0.138, 0.007, 0.964, 0.538, 0.006, 0.138]);
 * // [0.964, 0.2415, 0.0245, 0.964, 0.7532, 0.0245, 0.2415]
 */
export function benjaminiHochbergAdjust(pValues: readonly number[]): number[] {
  const adjusted = pValues.map(() => NaN);
  const order = rankedIndices(pValues);
  const m = order.length;
  let running = 1;
  for (let rank = m - 1; rank >= 0; rank--) {
    const index = order[rank]!;
    running = Math.min(running, (m / (rank + 1)) * pValues[index]!);
    adjusted[index] = running;
  }
  return adjusted;
}
