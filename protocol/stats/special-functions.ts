/**
 * Special functions behind every p-value in protocol/stats: log-gamma, log-beta, the regularized
 * incomplete gamma and beta functions, erf and erfc.
 *
 * Why hand-written: simple-statistics has a good `gammaln` but no incomplete gamma or beta, and its
 * normal CDF is a 4-digit table (see shared/reference/statistics.md). Everything here is pure
 * arithmetic so the edge agent, the browser and the control plane get bit-identical answers.
 */

/** Godfrey's Lanczos coefficients for g = 7, n = 9 (about 15 significant digits for x >= 1/2). */
const LANCZOS_G = 7;
const LANCZOS_COEFFICIENTS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7,
] as const;
const HALF_LOG_TWO_PI = 0.91893853320467274178;
const SQRT_PI = 1.7724538509055160273;
/** Smallest magnitude allowed in Lentz's method before a denominator is treated as zero. */
const TINY = 1e-300;
const EPSILON = 1e-16;

/** The Lanczos series A(z) such that Γ(z + 1) = √(2π) t^(z + 1/2) e^(-t) A(z), t = z + g + 1/2. */
function lanczosSum(z: number): number {
  let sum = LANCZOS_COEFFICIENTS[0];
  for (let i = 1; i < LANCZOS_COEFFICIENTS.length; i++) sum += LANCZOS_COEFFICIENTS[i]! / (z + i);
  return sum;
}

/**
 * Natural log of |Γ(x)| by the Lanczos approximation, with the reflection formula below 1/2.
 *
 * @example
 * logGamma(0.5); // 0.5723649429247001 = ln √π
 * logGamma(10); // 12.801827480081469 = ln 9!
 */
export function logGamma(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x === Infinity) return Infinity;
  if (x <= 0 && Number.isInteger(x)) return Infinity; // the poles of Γ
  if (x < 0.5) {
    // Γ(x) Γ(1 - x) = π / sin(πx): the Lanczos sum is only accurate for x >= 1/2.
    return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  }
  const z = x - 1;
  const t = z + LANCZOS_G + 0.5;
  return HALF_LOG_TWO_PI + (z + 0.5) * Math.log(t) - t + Math.log(lanczosSum(z));
}

/**
 * Natural log of the beta function B(a, b) = Γ(a)Γ(b)/Γ(a+b), for a, b > 0.
 *
 * Why not logGamma(a) + logGamma(b) - logGamma(a + b): for a Welch test with a million rows the
 * three terms are ~1e7 and cancel to a few units, losing 9 digits. Writing the three Lanczos
 * expressions as one (the route Boost.Math takes) turns the cancelling logs into log1p terms.
 *
 * @example
 * logBeta(2, 3); // ln(1/12) = -2.4849066497880004
 */
export function logBeta(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b) || a <= 0 || b <= 0) return NaN;
  if (a < 0.5 || b < 0.5 || a + b < 10) return logGamma(a) + logGamma(b) - logGamma(a + b);
  const tab = a + b + LANCZOS_G - 0.5;
  return (
    HALF_LOG_TWO_PI +
    (0.5 - LANCZOS_G) +
    (a - 0.5) * Math.log1p(-b / tab) +
    (b - 0.5) * Math.log1p(-a / tab) -
    0.5 * Math.log(tab) +
    Math.log((lanczosSum(a - 1) * lanczosSum(b - 1)) / lanczosSum(a + b - 1))
  );
}

/** Iteration cap for the gamma series and continued fraction; they need O(√a) terms. */
function gammaIterationCap(a: number): number {
  return 1000 + Math.ceil(50 * Math.sqrt(a));
}

/** log(x^a e^-x / Γ(a)), the common prefactor of both incomplete gamma expansions. */
function gammaLogPrefactor(a: number, x: number): number {
  return a * Math.log(x) - x - logGamma(a);
}

/** P(a, x) by its power series (Numerical Recipes `gser`); converges fast for x < a + 1. */
function gammaSeries(a: number, x: number): number {
  let term = 1 / a;
  let sum = term;
  const cap = gammaIterationCap(a);
  for (let n = 1; n < cap; n++) {
    term *= x / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * EPSILON) break;
  }
  return sum * Math.exp(gammaLogPrefactor(a, x));
}

/** Q(a, x) by its continued fraction, modified Lentz (Numerical Recipes `gcf`); for x >= a + 1. */
function gammaContinuedFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  const cap = gammaIterationCap(a);
  for (let i = 1; i < cap; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  return h * Math.exp(gammaLogPrefactor(a, x));
}

/**
 * Regularized lower incomplete gamma P(a, x) = γ(a, x)/Γ(a), for a > 0, x >= 0.
 * Series for x < a + 1, continued fraction otherwise, as in Numerical Recipes `gammp`.
 *
 * @example
 * regularizedGammaP(1, 1); // 1 - e^-1 = 0.6321205588285577
 */
export function regularizedGammaP(a: number, x: number): number {
  if (Number.isNaN(a) || Number.isNaN(x) || a <= 0 || x < 0) return NaN;
  if (x === 0) return 0;
  if (x === Infinity) return 1;
  return x < a + 1 ? gammaSeries(a, x) : 1 - gammaContinuedFraction(a, x);
}

/**
 * Regularized upper incomplete gamma Q(a, x) = 1 - P(a, x), computed directly in the upper tail
 * so small p-values keep their relative precision (Numerical Recipes `gammq`).
 *
 * @example
 * regularizedGammaQ(1, 1); // e^-1 = 0.36787944117144233
 */
export function regularizedGammaQ(a: number, x: number): number {
  if (Number.isNaN(a) || Number.isNaN(x) || a <= 0 || x < 0) return NaN;
  if (x === 0) return 1;
  if (x === Infinity) return 0;
  return x < a + 1 ? 1 - gammaSeries(a, x) : gammaContinuedFraction(a, x);
}

/** Continued fraction for I_x(a, b), modified Lentz (Numerical Recipes `betacf`). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  const cap = 1000 + Math.ceil(50 * Math.sqrt(Math.max(a, b)));
  for (let m = 1; m < cap; m++) {
    const m2 = 2 * m;
    // Even step: d_2m = m(b - m)x / ((a + 2m - 1)(a + 2m)).
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    // Odd step: d_2m+1 = -(a + m)(a + b + m)x / ((a + 2m)(a + 2m + 1)).
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  return h;
}

/**
 * Regularized incomplete beta I_x(a, b), for a, b > 0 and 0 <= x <= 1 (Numerical Recipes `betai`:
 * the continued fraction converges for x < (a+1)/(a+b+2), the symmetry I_x(a,b) = 1 - I_1-x(b,a)
 * covers the rest).
 *
 * Pass `complement` (= 1 - x) when you know it more precisely than the subtraction would give it,
 * as the Student t p-value does: t²/(ν + t²) is exact where 1 - ν/(ν + t²) is not.
 *
 * @example
 * regularizedBeta(0.5, 2, 3); // 0.6875
 */
export function regularizedBeta(x: number, a: number, b: number, complement = 1 - x): number {
  if ([x, a, b, complement].some(Number.isNaN) || a <= 0 || b <= 0 || x < 0 || x > 1) return NaN;
  if (x === 0) return 0;
  if (complement <= 0) return 1;
  // log1p of the smaller side: with a = 5e5 (a Welch df of a million), a·ln x must not inherit
  // the rounding of x itself.
  const logX = complement < 0.5 ? Math.log1p(-complement) : Math.log(x);
  const logComplement = x < 0.5 ? Math.log1p(-x) : Math.log(complement);
  const front = Math.exp(a * logX + b * logComplement - logBeta(a, b));
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(a, b, x)) / a;
  return 1 - (front * betaContinuedFraction(b, a, complement)) / b;
}

/**
 * e^(-x²) without the rounding of x² magnified by the exponent: split x = hi + lo with hi a
 * float32, so hi² is exact in double and only the small cross term is rounded.
 */
function expMinusSquare(x: number): number {
  const hi = Math.fround(x);
  return Math.exp(-hi * hi) * Math.exp(-(x - hi) * (x + hi));
}

/** Below this |x| erf comes from its series (40 terms at most); above it from 1 - erfc. */
const ERF_SERIES_LIMIT = 1.5;
/**
 * Above this x erfc comes from its continued fraction (under 100 terms, measured ~3e-15 relative
 * against 40-digit values); below it erfc = 1 - erf >= 0.157 loses under one digit to cancellation.
 */
const ERFC_FRACTION_LIMIT = 1;

/** erf(x) = (2/√π) e^(-x²) Σ (2x²)^n / (1·3·5···(2n+1)): positive terms, no cancellation. */
function erfSeries(x: number): number {
  const twoXSquared = 2 * x * x;
  let term = 1;
  let sum = 1;
  for (let n = 1; n < 200; n++) {
    term *= twoXSquared / (2 * n + 1);
    sum += term;
    if (term < sum * EPSILON) break;
  }
  return (2 / SQRT_PI) * x * expMinusSquare(x) * sum;
}

/** erfc(x) for x >= 1 as Q(1/2, x²) by the gamma continued fraction of `gammaContinuedFraction`. */
function erfcContinuedFraction(x: number): number {
  const y = x * x;
  let b = y + 0.5;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 500; i++) {
    const an = -i * (i - 0.5);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  return (x / SQRT_PI) * expMinusSquare(x) * h;
}

/**
 * The error function, to about 1e-15 relative.
 *
 * @example
 * erf(1); // 0.8427007929497149
 */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const ax = Math.abs(x);
  const value = ax < ERF_SERIES_LIMIT ? erfSeries(ax) : 1 - erfc(ax);
  return x < 0 ? -value : value;
}

/**
 * The complementary error function 1 - erf(x), to about 1e-14 relative even deep in the tail
 * (erfc(10) = 2.088e-45), which is where small p-values live.
 *
 * @example
 * erfc(3); // 2.209049699858544e-5
 */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x > 27.3) return 0; // erfc(27.3) < 5e-324, the smallest double
  return x < ERFC_FRACTION_LIMIT ? 1 - erfSeries(x) : erfcContinuedFraction(x);
}
