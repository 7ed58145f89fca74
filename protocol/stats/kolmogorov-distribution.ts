/**
 * Distributions of the Kolmogorov-Smirnov statistic: the limiting Kolmogorov distribution, the
 * exact finite-n one-sample distribution, and the exact two-sample (lattice path) distribution,
 * with the fallbacks scipy's `ks_2samp` uses so p-values agree with it (shared/reference).
 */
/**
 * Survival function of Kolmogorov's limiting distribution, P(√n·D_n > λ) as n → ∞
 * (scipy's `kstwobign.sf`). Two series cover the line (both converge in a handful of terms):
 * 2 Σ (-1)^(k-1) e^(-2k²λ²) for λ >= 1, and one minus the theta-function form
 * √(2π)/λ Σ e^(-(2k-1)²π²/(8λ²)) of the CDF below 1, where the first series would cancel.
 *
 * @example
 * kolmogorovSf(1.3580986393225507); // 0.05
 */
export function kolmogorovSf(lambda: number): number {
  if (Number.isNaN(lambda)) return NaN;
  if (lambda <= 0) return 1;
  if (lambda < 1) {
    const c = (Math.PI * Math.PI) / (8 * lambda * lambda);
    let cdf = 0;
    for (let k = 1; k < 20; k++) {
      const term = Math.exp(-(2 * k - 1) * (2 * k - 1) * c);
      cdf += term;
      if (term < 1e-17 * cdf) break;
    }
    return 1 - (Math.sqrt(2 * Math.PI) / lambda) * cdf;
  }
  let sum = 0;
  for (let k = 1; k < 100; k++) {
    const term = Math.exp(-2 * k * k * lambda * lambda);
    sum += k % 2 === 1 ? term : -term;
    if (term < 1e-17 * sum) break;
  }
  return Math.max(0, Math.min(1, 2 * sum));
}

const TWO_POW_500 = 2 ** 500;

/** x·2^e without overflow or underflow in the intermediate power. */
function ldexp(x: number, e: number): number {
  let value = x;
  let rest = e;
  while (rest > 1000) {
    value *= 2 ** 1000;
    rest -= 1000;
  }
  while (rest < -1000) {
    value *= 2 ** -1000;
    rest += 1000;
  }
  return value * 2 ** rest;
}

/** Square matrices as flat arrays with a shared power-of-two exponent. */
interface ScaledMatrix {
  values: Float64Array;
  exponent: number;
}

function multiply(a: ScaledMatrix, b: ScaledMatrix, m: number): ScaledMatrix {
  const out = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let k = 0; k < m; k++) {
      const aik = a.values[i * m + k]!;
      if (aik === 0) continue;
      for (let j = 0; j < m; j++) out[i * m + j]! += aik * b.values[k * m + j]!;
    }
  }
  let exponent = a.exponent + b.exponent;
  // H^n grows like n^n/n!; rescale so the entries never overflow.
  let largest = 0;
  for (const v of out) largest = Math.max(largest, Math.abs(v));
  while (largest > TWO_POW_500) {
    for (let i = 0; i < out.length; i++) out[i]! /= TWO_POW_500;
    largest /= TWO_POW_500;
    exponent += 500;
  }
  return { values: out, exponent };
}

/**
 * P(D_n < d) by Marsaglia, Tsang and Wang (2003), "Evaluating Kolmogorov's distribution": the
 * (k,k) entry of H^n for a (2k-1)² matrix H built from h = k - nd, times n!/n^n. Exact up to
 * rounding (about 1e-14 absolute); cost O(m³ log n), so callers keep m = 2k - 1 small.
 */
function marsagliaTsangWangCdf(n: number, d: number): number {
  const k = Math.floor(n * d) + 1;
  const m = 2 * k - 1;
  const h = k - n * d;
  const values = new Float64Array(m * m);
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) values[i * m + j] = i - j + 1 >= 0 ? 1 : 0;
  for (let i = 0; i < m; i++) {
    values[i * m]! -= h ** (i + 1);
    values[(m - 1) * m + i]! -= h ** (m - i);
  }
  if (2 * h - 1 > 0) values[(m - 1) * m]! += (2 * h - 1) ** m;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      let factorial = 1;
      for (let g = 2; g <= i - j + 1; g++) factorial *= g;
      values[i * m + j]! /= factorial;
    }
  }
  let result: ScaledMatrix | undefined;
  let base: ScaledMatrix = { values, exponent: 0 };
  for (let power = n; power > 0; power = Math.floor(power / 2)) {
    if (power % 2 === 1) result = result ? multiply(result, base, m) : base;
    if (power > 1) base = multiply(base, base, m);
  }
  let s = result!.values[(k - 1) * m + (k - 1)]!;
  let exponent = result!.exponent;
  for (let i = 1; i <= n; i++) {
    s = (s * i) / n;
    if (s < 2 ** -500) {
      s *= TWO_POW_500;
      exponent -= 500;
    }
  }
  return ldexp(s, exponent);
}

/**
 * Exact one-sided P(D+_n >= d) by the Birnbaum-Tingey (1951) sum
 * d Σ_{j <= n(1-d)} C(n,j) (1 - d - j/n)^(n-j) (d + j/n)^(j-1); all terms positive, O(n).
 */
function smirnovSf(n: number, d: number): number {
  let logBinomial = 0; // log C(n, j), updated incrementally
  let sum = 0;
  const last = Math.floor(n * (1 - d));
  for (let j = 0; j <= last; j++) {
    if (j > 0) logBinomial += Math.log((n - j + 1) / j);
    const u = (n * (1 - d) - j) / n;
    if (u <= 0) continue;
    sum += Math.exp(logBinomial + (n - j) * Math.log(u) + (j - 1) * Math.log(d + j / n));
  }
  return d * sum;
}

/** Largest matrix order for the exact MTW method: 61³ per product keeps a call near 10 ms. */
const MTW_MAX_ORDER = 61;
/** Above this n the O(n) and O(m³ log n) exact methods give way to the asymptotic series. */
const EXACT_MAX_N = 100_000;
/**
 * Below this, twice the one-sided probability is used for P(D_n >= d) (Miller 1956). Its error is
 * the probability of crossing both bands: about 1e-3 relative at 0.2, 1e-5 at 0.05, and it errs on
 * the conservative side.
 */
const MILLER_MAX_P = 0.2;

/**
 * Survival P(D_n >= d) of the two-sided one-sample KS statistic for sample size n (scipy's
 * `kstwo.sf`). Regions, after Simard and L'Ecuyer (2011):
 * - closed forms: 1 for d <= 1/(2n), 2(1-d)^n for d >= 1 - 1/n;
 * - n <= 100,000 and n·d² >= 18: twice the exact one-sided Smirnov probability (Miller), whose
 *   error is negligible that deep in the tail;
 * - n <= 100,000 and 2⌊nd⌋ + 1 <= 61: exact, Marsaglia-Tsang-Wang;
 * - n <= 100,000 and 2·P(D+ >= d) <= 0.2: Miller again (at most 1e-3 relative, conservative);
 * - otherwise the Kolmogorov limit with Stephens' (1970) correction λ = d(√n + 0.12 + 0.11/√n):
 *   about 1% relative for n >= 150, enough to compare with a significance level.
 *
 * @example
 * kolmogorovSmirnovSf(52, 232 / 1100); // 0.016541419540219482
 */
export function kolmogorovSmirnovSf(n: number, d: number): number {
  if (Number.isNaN(n) || Number.isNaN(d) || n < 1 || !Number.isInteger(n)) return NaN;
  if (d <= 0 || n * d <= 0.5) return 1;
  if (d >= 1) return 0;
  if (d >= 1 - 1 / n) return 2 * (1 - d) ** n;
  if (n <= EXACT_MAX_N) {
    if (n * d * d >= 18) return Math.min(1, 2 * smirnovSf(n, d));
    if (2 * Math.floor(n * d) + 1 <= MTW_MAX_ORDER) {
      return Math.max(0, Math.min(1, 1 - marsagliaTsangWangCdf(n, d)));
    }
    const miller = 2 * smirnovSf(n, d);
    if (miller <= MILLER_MAX_P) return miller;
  }
  const sqrtN = Math.sqrt(n);
  return kolmogorovSf(d * (sqrtN + 0.12 + 0.11 / sqrtN));
}

function gcd(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}

/**
 * Exact two-sided p-value P(D >= d) of the two-sample KS statistic for sample sizes n1 and n2 with
 * no ties (scipy `ks_2samp(method='exact')`): under H0 every interleaving of the samples is an
 * equally likely monotone lattice path from (0,0) to (n1,n2), and D < d iff the path keeps
 * |i·n2 - j·n1| < d·n1·n2. The DP carries the *fraction* of paths inside the band,
 * P(i,j) = (i·P(i-1,j) + j·P(i,j-1)) / (i+j), which stays in [0,1] where raw path counts (binomial
 * coefficients) would overflow. Cost O(n1·n2·d).
 *
 * @example
 * ksTwoSampleExactP(2, 4, 0.5); // 14/15
 */
export function ksTwoSampleExactP(n1: number, n2: number, d: number): number {
  if ([n1, n2, d].some(Number.isNaN) || n1 < 1 || n2 < 1) return NaN;
  if (!Number.isInteger(n1) || !Number.isInteger(n2)) return NaN;
  const g = gcd(n1, n2);
  const lcm = (n1 / g) * n2;
  // D only takes values h/lcm; snapping to the lattice removes floating noise in the caller's d.
  const h = Math.round(Math.min(d, 1) * lcm);
  if (h <= 0) return 1;
  const bound = h * g; // |i·n2 - j·n1| < bound  <=>  |i/n1 - j/n2| < d
  const row = new Float64Array(n2 + 1);
  for (let j = 0; j <= n2 && j * n1 < bound; j++) row[j] = 1;
  for (let i = 1; i <= n1; i++) {
    const low = Math.max(0, Math.floor((i * n2 - bound) / n1) + 1);
    const high = Math.min(n2, Math.ceil((i * n2 + bound) / n1) - 1);
    if (low > high) return 1; // no path gets past this column without leaving the band
    let below = 0; // P(i, low - 1) is outside the band
    for (let j = low; j <= high; j++) {
      below = (i * row[j]! + j * below) / (i + j);
      row[j] = below;
    }
  }
  return Math.max(0, Math.min(1, 1 - row[n2]!));
}

/** How a two-sample KS p-value was computed. */
export type KsPValueMethod = 'exact' | 'asymptotic';

/**
 * Two-sided two-sample KS p-value with scipy's `auto` rule: exact lattice paths when both samples
 * have at most 10,000 values, otherwise the one-sample distribution at the effective size
 * n = round(n1·n2/(n1 + n2)).
 *
 * @example
 * ksTwoSamplePValue(100, 110, 232 / 1100); // { pValue: 0.015739183865607353, method: 'exact' }
 */
export function ksTwoSamplePValue(
  n1: number,
  n2: number,
  d: number,
  method: KsPValueMethod | 'auto' = 'auto',
): { pValue: number; method: KsPValueMethod } {
  const chosen: KsPValueMethod =
    method === 'auto' ? (Math.max(n1, n2) <= 10_000 ? 'exact' : 'asymptotic') : method;
  if (chosen === 'exact') return { pValue: ksTwoSampleExactP(n1, n2, d), method: chosen };
  const effectiveN = Math.round((n1 * n2) / (n1 + n2));
  return { pValue: kolmogorovSmirnovSf(effectiveN, d), method: chosen };
}
