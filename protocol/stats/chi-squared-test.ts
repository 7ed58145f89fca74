/**
 * Pearson chi-squared tests on count vectors: goodness of fit (scipy `chisquare`) and homogeneity
 * of two count vectors (a 2xK contingency table, scipy `chi2_contingency` without Yates).
 */
import { assertCounts, assertSameLength, total } from './assert-counts.ts';
import { chiSquaredSf } from './sampling-distributions.ts';

/** Result of a chi-squared test. */
export interface ChiSquaredTestResult {
  /** Pearson's Σ (O - E)²/E; NaN when there is no data. */
  statistic: number;
  /** P(χ²_df >= statistic); NaN when there is no data. */
  pValue: number;
  /** Degrees of freedom actually used (cells with zero expected and zero observed are dropped). */
  df: number;
  /** Smallest expected count among the cells used: the usual validity rule wants it >= 5. */
  minExpected: number;
}

const NO_DATA: ChiSquaredTestResult = { statistic: NaN, pValue: NaN, df: 0, minExpected: NaN };

/** p-value for a statistic; with no degrees of freedom nothing can deviate, so only 0 is valid. */
function pValueFor(statistic: number, df: number): number {
  if (df >= 1) return chiSquaredSf(statistic, df);
  return statistic === 0 ? 1 : NaN;
}

/**
 * Pearson's statistic over paired observed/expected cells. A cell with expected 0 is a structural
 * zero: dropped if nothing was observed there, and an infinite statistic if something was.
 */
function pearson(observed: readonly number[], expected: readonly number[]) {
  let statistic = 0;
  let cells = 0;
  let minExpected = Infinity;
  for (let k = 0; k < observed.length; k++) {
    const o = observed[k]!;
    const e = expected[k]!;
    if (e === 0) {
      if (o > 0) statistic = Infinity;
      continue;
    }
    statistic += ((o - e) * (o - e)) / e;
    cells++;
    minExpected = Math.min(minExpected, e);
  }
  return { statistic, cells, minExpected };
}

/**
 * Chi-squared goodness of fit of observed counts to expected counts (uniform when omitted), with
 * df = cells - 1 - ddof (ddof: parameters estimated from the data). Like scipy, the two vectors
 * must have the same total (to 1e-8 relative); use `sampleRatioMismatch` for expected shares.
 *
 * @example
 * chiSquaredGoodnessOfFit([16, 18, 16, 14, 12, 12]); // { statistic: 2, pValue: 0.849145..., df: 5 }
 */
export function chiSquaredGoodnessOfFit(
  observed: readonly number[],
  expected?: readonly number[],
  options: { ddof?: number } = {},
): ChiSquaredTestResult {
  assertCounts(observed, 'observed');
  const n = total(observed);
  const cells = expected ?? observed.map(() => n / observed.length);
  if (expected) {
    assertCounts(expected, 'expected');
    assertSameLength(observed, expected, 'observed', 'expected');
    const m = total(expected);
    if (Math.abs(n - m) > 1e-8 * Math.max(n, m)) {
      throw new RangeError(`observed total ${n} differs from expected total ${m}`);
    }
  }
  if (n === 0) return NO_DATA;
  const { statistic, cells: used, minExpected } = pearson(observed, cells);
  const df = used - 1 - (options.ddof ?? 0);
  return { statistic, pValue: pValueFor(statistic, df), df, minExpected };
}

/**
 * Chi-squared test that two count vectors over the same categories come from one distribution:
 * the 2xK contingency table with expected counts row total x column total / grand total,
 * df = K - 1 over the columns that have any count. No Yates correction (scipy applies one when
 * df = 1; here K is usually 10 to 65 bins or categories).
 *
 * @example
 * chiSquaredHomogeneity([10, 20, 30], [30, 20, 10]); // { statistic: 20, pValue: 4.54e-5, df: 2 }
 */
export function chiSquaredHomogeneity(
  a: readonly number[],
  b: readonly number[],
): ChiSquaredTestResult {
  assertCounts(a, 'a');
  assertCounts(b, 'b');
  assertSameLength(a, b, 'a', 'b');
  const na = total(a);
  const nb = total(b);
  if (na === 0 || nb === 0) return NO_DATA;
  const n = na + nb;
  const expectedA = a.map((ak, k) => ((ak + b[k]!) * na) / n);
  const expectedB = b.map((bk, k) => ((a[k]! + bk) * nb) / n);
  const rowA = pearson(a, expectedA);
  const rowB = pearson(b, expectedB);
  const statistic = rowA.statistic + rowB.statistic;
  const df = rowA.cells - 1; // (2 - 1)(K - 1) over the non-empty columns
  return {
    statistic,
    pValue: pValueFor(statistic, df),
    df,
    minExpected: Math.min(rowA.minExpected, rowB.minExpected),
  };
}
