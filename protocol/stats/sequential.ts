/**
 * Always-valid inference for a difference in means: a p-value and confidence interval that stay
 * valid however often an experiment is looked at (every summary, every hour), unlike a fixed-n
 * t-test whose false-alarm rate climbs with each peek.
 *
 * The method is the normal-mixture sequential probability ratio test ("mSPRT", Johari, Pekelis and
 * Walsh 2017, as used by Optimizely and Eppo), whose boundary is the normal-mixture confidence
 * sequence of Howard, Ramdas, McAuliffe and Sekhon (2021, "Time-uniform, nonparametric,
 * nonasymptotic confidence sequences"). With the estimate θ̂ ~ N(θ, V), V = σ²(1/n_A + 1/n_B),
 * and a N(0, τ²) mixture over θ, the likelihood ratio against θ = 0 is
 *   Λ = √(V/(V + τ²)) · exp(τ²θ̂² / (2V(V + τ²))),
 * a nonnegative martingale under H0, so by Ville's inequality P(sup Λ >= 1/α) <= α. Hence
 * p = min(1, 1/Λ) (kept as a running minimum), and inverting Λ < 1/α in θ gives the interval
 *   θ̂ ± √( V(V + τ²)/τ² · (ln((V + τ²)/V) + 2 ln(1/α)) ).
 */

/** Input for one look at an experiment. */
export interface SequentialInput {
  /** Observations per arm: one number for equal arms, or [n_A, n_B]. */
  n: number | readonly [number, number];
  /** mean_B - mean_A. */
  meanDifference: number;
  /** Per-observation variance, pooled across the arms. */
  variance: number;
  /** Significance level the interval is built for (default 0.05). */
  alpha?: number;
  /**
   * Per-arm sample size at which the interval should be tightest; fixes the mixture variance τ²
   * (see `optimalMixtureRatio`). Must be chosen before the experiment, not from the data; default
   * 1000.
   */
  plannedN?: number;
  /** The previous look's result: the p-value is a running minimum, the interval an intersection. */
  previous?: SequentialResult;
}

/** Always-valid p-value and interval at one look. */
export interface SequentialResult {
  pValue: number;
  confidenceInterval: [number, number];
  /** The mixture likelihood ratio Λ at this look. */
  likelihoodRatio: number;
  /** The mixture variance τ² used. */
  mixtureVariance: number;
}

/**
 * The ratio r = τ²/V that makes the interval narrowest at variance V: minimising
 * (1 + 1/r)(ln(1 + r) + 2 ln(1/α)) gives r = ln(1 + r) + 2 ln(1/α), solved by fixed-point
 * iteration (a contraction: the derivative 1/(1 + r) < 1). About 8.2 for α = 0.05.
 *
 * @example
 * optimalMixtureRatio(0.05); // 8.211968062068244
 */
export function optimalMixtureRatio(alpha: number): number {
  const twoLogInverseAlpha = 2 * Math.log(1 / alpha);
  let r = twoLogInverseAlpha;
  for (let i = 0; i < 100; i++) {
    const next = twoLogInverseAlpha + Math.log1p(r);
    if (Math.abs(next - r) < 1e-14 * next) return next;
    r = next;
  }
  return r;
}

const NOT_TESTABLE: SequentialResult = {
  pValue: NaN,
  confidenceInterval: [NaN, NaN],
  likelihoodRatio: NaN,
  mixtureVariance: NaN,
};

/** Fold in the previous look: running minimum of p, intersection of intervals. */
function combine(current: SequentialResult, previous: SequentialResult | undefined): SequentialResult {
  if (!previous || Number.isNaN(previous.pValue)) return current;
  return {
    ...current,
    pValue: Math.min(current.pValue, previous.pValue),
    confidenceInterval: [
      Math.max(current.confidenceInterval[0], previous.confidenceInterval[0]),
      Math.min(current.confidenceInterval[1], previous.confidenceInterval[1]),
    ],
  };
}

/**
 * Always-valid p-value and confidence interval for a difference in means at one look. NaN fields
 * when an arm has fewer than 2 observations or the variance is not a number.
 *
 * @example
 * alwaysValidMeanDifference({ n: 1000, meanDifference: 0.1, variance: 1 });
 * // { pValue: 0.327, confidenceInterval: [-0.0357, 0.2357], likelihoodRatio: 3.06, ... }
 */
export function alwaysValidMeanDifference(input: SequentialInput): SequentialResult {
  const [nA, nB] = typeof input.n === 'number' ? [input.n, input.n] : input.n;
  const { meanDifference: estimate, variance } = input;
  if ([nA, nB, estimate, variance].some(Number.isNaN) || nA < 2 || nB < 2) return NOT_TESTABLE;
  if (variance < 0) throw new RangeError('variance must be >= 0');
  const alpha = input.alpha ?? 0.05;
  const plannedN = input.plannedN ?? 1000;
  const mixtureVariance = optimalMixtureRatio(alpha) * ((2 * variance) / plannedN);
  const v = variance * (1 / nA + 1 / nB);
  if (v === 0) {
    // No noise: any nonzero difference is certain, zero is no evidence at all.
    const current: SequentialResult = {
      pValue: estimate === 0 ? 1 : 0,
      confidenceInterval: [estimate, estimate],
      likelihoodRatio: estimate === 0 ? 1 : Infinity,
      mixtureVariance,
    };
    return combine(current, input.previous);
  }
  const sum = v + mixtureVariance;
  const logRatio = 0.5 * Math.log(v / sum) + (mixtureVariance * estimate * estimate) / (2 * v * sum);
  const halfWidth = Math.sqrt(((v * sum) / mixtureVariance) * (Math.log(sum / v) + 2 * Math.log(1 / alpha)));
  const current: SequentialResult = {
    pValue: Math.min(1, Math.exp(-logRatio)),
    confidenceInterval: [estimate - halfWidth, estimate + halfWidth],
    likelihoodRatio: Math.exp(logRatio),
    mixtureVariance,
  };
  return combine(current, input.previous);
}
