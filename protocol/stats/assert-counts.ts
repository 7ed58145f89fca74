/**
 * Input checks shared by the tests and distances. Count vectors reach these functions only after
 * the zod schemas have parsed them at the boundary, so a bad vector here is a programming error
 * and throws a RangeError instead of producing a silent NaN.
 */

/**
 * Throw a RangeError unless every count is finite and non-negative.
 *
 * @example
 * assertCounts([3, 0, 5], 'observed'); // ok
 * assertCounts([3, -1], 'observed'); // throws RangeError
 */
export function assertCounts(counts: readonly number[], name: string): void {
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i]!;
    if (!Number.isFinite(c) || c < 0) {
      throw new RangeError(`${name}[${i}] must be a finite non-negative count, got ${c}`);
    }
  }
}

/**
 * Throw a RangeError unless two paired vectors have the same length.
 *
 * @example
 * assertSameLength([1, 2], [3, 4], 'reference', 'window'); // ok
 */
export function assertSameLength(
  a: readonly unknown[],
  b: readonly unknown[],
  nameA: string,
  nameB: string,
): void {
  if (a.length !== b.length) {
    throw new RangeError(`${nameA} has ${a.length} entries but ${nameB} has ${b.length}`);
  }
}

/**
 * Sum of a vector (plain loop: no Kahan needed for integer counts below 2^53).
 *
 * @example
 * total([1, 2, 3]); // 6
 */
export function total(values: readonly number[]): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum;
}
