/**
 * Chi-squared and Student t distributions (survival functions and quantiles) and the noncentral t
 * CDF used for t-test power. Built on the incomplete gamma and beta functions; quantiles are
 * solved by a safeguarded Newton iteration.
 */
import { logBeta, logGamma, regularizedBeta, regularizedGammaQ } from './special-functions.ts';
import { normalCdf, normalQuantile, normalSf } from './normal-distribution.ts';

/**
 * Solve sf(x) = target for x > lower, sf decreasing, by Newton's method on log sf (so the step is
 * well scaled for targets like 1e-12) inside a bracket that bisects when a step leaves it.
 */
function invertSurvival(
  sf: (x: number) => number,
  density: (x: number) => number,
  target: number,
  initial: number,
  lower: number,
): number {
  let lo = lower;
  let hi = Infinity;
  let x = initial > lower && Number.isFinite(initial) ? initial : lower + 1;
  const logTarget = Math.log(target);
  for (let i = 0; i < 200; i++) {
    const s = sf(x);
    if (s > target) lo = x;
    else hi = x;
    const f = density(x);
    let next = x + ((Math.log(s) - logTarget) * s) / f;
    if (!(next > lo && next < hi)) next = Number.isFinite(hi) ? (lo + hi) / 2 : Math.max(2 * x, x + 1);
    if (Math.abs(next - x) <= 1e-15 * Math.abs(x) || next === lo || next === hi) return next;
    x = next;
  }
  return x;
}

/**
 * Chi-squared survival function P(X >= x) with k degrees of freedom, Q(k/2, x/2).
 *
 * @example
 * chiSquaredSf(3.841458820694124, 1); // 0.05
 */
export function chiSquaredSf(x: number, k: number): number {
  if (Number.isNaN(x) || Number.isNaN(k) || k <= 0) return NaN;
  if (x <= 0) return 1;
  return regularizedGammaQ(k / 2, x / 2);
}

/** Chi-squared density with k degrees of freedom. */
function chiSquaredDensity(x: number, k: number): number {
  const a = k / 2;
  return Math.exp((a - 1) * Math.log(x) - x / 2 - a * Math.LN2 - logGamma(a));
}

/**
 * Chi-squared quantile: the x with P(X <= x) = p, for k degrees of freedom. Starts from the
 * Wilson-Hilferty cube-root approximation and refines it to full precision.
 *
 * @example
 * chiSquaredQuantile(0.95, 9); // 16.91897760462045
 */
export function chiSquaredQuantile(p: number, k: number): number {
  if (Number.isNaN(p) || Number.isNaN(k) || k <= 0 || p < 0 || p > 1) return NaN;
  if (p === 0) return 0;
  if (p === 1) return Infinity;
  const z = normalQuantile(p);
  const h = 2 / (9 * k);
  const guess = k * Math.pow(Math.max(1 - h + z * Math.sqrt(h), 0.1), 3);
  return invertSurvival(
    (x) => chiSquaredSf(x, k),
    (x) => chiSquaredDensity(x, k),
    1 - p,
    guess,
    0,
  );
}

/**
 * Student t upper tail P(T >= t) with df degrees of freedom (df may be fractional, as Welch's is;
 * df = Infinity is the normal).
 *
 * @example
 * studentTSf(2.228138851986274, 10); // 0.025
 */
export function studentTSf(t: number, df: number): number {
  if (Number.isNaN(t) || Number.isNaN(df) || df <= 0) return NaN;
  if (df === Infinity) return normalSf(t);
  if (t < 0) return 1 - studentTSf(-t, df);
  if (t === Infinity) return 0;
  const t2 = t * t;
  // P(|T| >= t) = I_{ν/(ν+t²)}(ν/2, 1/2); pass t²/(ν+t²) as the exact complement.
  return 0.5 * regularizedBeta(df / (df + t2), df / 2, 0.5, t2 / (df + t2));
}

/**
 * Two-sided Student t p-value P(|T| >= |t|).
 *
 * @example
 * studentTTwoSidedP(2.228138851986274, 10); // 0.05
 */
export function studentTTwoSidedP(t: number, df: number): number {
  return Math.min(1, 2 * studentTSf(Math.abs(t), df));
}

/** Student t density. */
function studentTDensity(t: number, df: number): number {
  return Math.exp(
    -logBeta(df / 2, 0.5) - 0.5 * Math.log(df) - ((df + 1) / 2) * Math.log1p((t * t) / df),
  );
}

/** Cornish-Fisher expansion of the t quantile in powers of 1/ν (Abramowitz and Stegun 26.7.5). */
function cornishFisherT(z: number, df: number): number {
  const z2 = z * z;
  const g1 = (z * (z2 + 1)) / 4;
  const g2 = (z * ((5 * z2 + 16) * z2 + 3)) / 96;
  const g3 = (z * (((3 * z2 + 19) * z2 + 17) * z2 - 15)) / 384;
  return z + g1 / df + g2 / (df * df) + g3 / (df * df * df);
}

/**
 * Student t quantile: the t with P(T <= t) = p. Closed forms for 1 and 2 degrees of freedom,
 * otherwise Cornish-Fisher refined by Newton to full precision.
 *
 * @example
 * studentTQuantile(0.975, 10); // 2.228138851986274
 */
export function studentTQuantile(p: number, df: number): number {
  if (Number.isNaN(p) || Number.isNaN(df) || df <= 0 || p < 0 || p > 1) return NaN;
  if (df === Infinity) return normalQuantile(p);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  const upper = Math.min(p, 1 - p); // exact in both halves
  const sign = p > 0.5 ? 1 : -1;
  if (df === 1) return sign / Math.tan(Math.PI * upper);
  if (df === 2) return (sign * (1 - 2 * upper)) / Math.sqrt(2 * upper * (1 - upper));
  const guess = cornishFisherT(-normalQuantile(upper), df);
  const t = invertSurvival(
    (x) => studentTSf(x, df),
    (x) => studentTDensity(x, df),
    upper,
    guess,
    0,
  );
  return sign * t;
}

/**
 * Noncentral t CDF P(T <= t) with df degrees of freedom and noncentrality δ, by the Poisson-weighted
 * series of incomplete beta functions (Lenth 1989, AS 243):
 * F(t) = Φ(-δ) + ½ Σ_j [p_j I_x(j + ½, ν/2) + q_j I_x(j + 1, ν/2)], x = t²/(t² + ν), t >= 0.
 * Used for the exact power of a t-test; absolute accuracy about 1e-14.
 *
 * @example
 * noncentralTCdf(1.9720174778338955, 198, 3.5355339059327378); // 0.0595728 (the lower rejection tail is 1 minus the upper)
 */
export function noncentralTCdf(t: number, df: number, delta: number): number {
  if ([t, df, delta].some(Number.isNaN) || df <= 0) return NaN;
  if (t < 0) return 1 - noncentralTCdf(-t, df, -delta);
  if (t === Infinity) return 1;
  const lambda = (delta * delta) / 2;
  const x = (t * t) / (t * t + df);
  const complement = df / (t * t + df);
  let sum = 0;
  let poissonMass = 0;
  const logLambda = lambda > 0 ? Math.log(lambda) : -Infinity;
  const logAbsDelta = Math.log(Math.abs(delta));
  const cap = Math.ceil(lambda + 40 * Math.sqrt(lambda) + 100);
  for (let j = 0; j < cap; j++) {
    const logPoisson = j === 0 ? -lambda : -lambda + j * logLambda - logGamma(j + 1);
    const p = Math.exp(logPoisson);
    const q =
      delta === 0
        ? 0
        : Math.sign(delta) *
          Math.exp(-lambda + (j === 0 ? 0 : j * logLambda) + logAbsDelta - 0.5 * Math.LN2 - logGamma(j + 1.5));
    sum += p * regularizedBeta(x, j + 0.5, df / 2, complement);
    if (q !== 0) sum += q * regularizedBeta(x, j + 1, df / 2, complement);
    poissonMass += p;
    // Each I_x <= 1, so the rest of the series is bounded by the unused Poisson mass.
    if (j > lambda && 1 - poissonMass < 1e-15 && Math.abs(q) < 1e-15) break;
  }
  return Math.min(1, Math.max(0, normalCdf(-delta) + 0.5 * sum));
}
