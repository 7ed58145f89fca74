/**
 * Welch's unequal-variance t-test from summary statistics (what devices report: count, mean,
 * variance per arm), with a confidence interval for the difference and for the relative lift.
 */
import { normalQuantile } from './normal-distribution.ts';
import { studentTQuantile, studentTTwoSidedP } from './sampling-distributions.ts';

/** Summary of one arm: count, mean and sample variance (divisor n - 1). */
export interface SampleSummary {
  n: number;
  mean: number;
  variance: number;
}

/** Result of Welch's t-test of treatment against control. */
export interface WelchTestResult {
  /** (treatment mean - control mean) / standard error. */
  t: number;
  /** Welch-Satterthwaite degrees of freedom. */
  df: number;
  /** Two-sided p-value. */
  pValue: number;
  /** treatment mean - control mean. */
  difference: number;
  standardError: number;
  /** t-based interval for the difference at the requested confidence. */
  confidenceInterval: [number, number];
  /** treatment mean / control mean - 1; NaN when the control mean is 0. */
  relativeLift: number;
  /** Delta-method interval for the relative lift (normal, as the delta method is asymptotic). */
  relativeLiftInterval: [number, number];
}

const NOT_TESTABLE: WelchTestResult = {
  t: NaN,
  df: NaN,
  pValue: NaN,
  difference: NaN,
  standardError: NaN,
  confidenceInterval: [NaN, NaN],
  relativeLift: NaN,
  relativeLiftInterval: [NaN, NaN],
};

/**
 * Delta-method interval for mean_t/mean_c - 1 with independent arms:
 * Var(m_t/m_c) ≈ Var(m_t)/m_c² + m_t² Var(m_c)/m_c⁴.
 */
function liftInterval(control: SampleSummary, treatment: SampleSummary, z: number) {
  const lift = treatment.mean / control.mean - 1;
  const c2 = control.mean * control.mean;
  const variance =
    treatment.variance / treatment.n / c2 +
    (treatment.mean * treatment.mean * (control.variance / control.n)) / (c2 * c2);
  const half = z * Math.sqrt(variance);
  return { lift, interval: [lift - half, lift + half] as [number, number] };
}

/**
 * Welch's t-test of treatment against control from summaries. Needs n >= 2 in both arms (a
 * variance needs two values), else every field is NaN.
 *
 * When both variances are 0 the standard error is 0: t is ±Infinity (p = 0) if the means differ,
 * and 0 (p = 1) if they are equal.
 *
 * @example
 * welchTTest({ n: 25, mean: 10, variance: 4 }, { n: 30, mean: 12, variance: 9 });
 * // { t: 2.9488, df: 50.7, pValue: 0.00481, difference: 2, relativeLift: 0.2, ... }
 */
export function welchTTest(
  control: SampleSummary,
  treatment: SampleSummary,
  options: { confidence?: number } = {},
): WelchTestResult {
  const values = [control.n, control.mean, control.variance, treatment.n, treatment.mean, treatment.variance];
  if (values.some(Number.isNaN) || control.n < 2 || treatment.n < 2) return NOT_TESTABLE;
  if (control.variance < 0 || treatment.variance < 0) throw new RangeError('variance must be >= 0');
  const confidence = options.confidence ?? 0.95;
  const vc = control.variance / control.n;
  const vt = treatment.variance / treatment.n;
  const standardError = Math.sqrt(vc + vt);
  const difference = treatment.mean - control.mean;
  const df =
    standardError === 0
      ? control.n + treatment.n - 2
      : ((vc + vt) * (vc + vt)) / ((vc * vc) / (control.n - 1) + (vt * vt) / (treatment.n - 1));
  let t = difference / standardError;
  if (standardError === 0) t = difference === 0 ? 0 : Math.sign(difference) * Infinity;
  const critical = studentTQuantile(1 - (1 - confidence) / 2, df);
  const half = standardError === 0 ? 0 : critical * standardError;
  const { lift, interval } = liftInterval(control, treatment, normalQuantile(1 - (1 - confidence) / 2));
  return {
    t,
    df,
    pValue: studentTTwoSidedP(t, df),
    difference,
    standardError,
    confidenceInterval: [difference - half, difference + half],
    relativeLift: control.mean === 0 ? NaN : lift,
    relativeLiftInterval: control.mean === 0 ? [NaN, NaN] : interval,
  };
}
