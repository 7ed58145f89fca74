/**
 * Power and minimum detectable effect for the arms a rollout step actually has: unequal sizes (a
 * 10% canary against the other 90%) and unequal variances, where `twoSamplePower` (equal arms,
 * equal variances) would misstate them. Built from the protocol's noncentral t and quantiles.
 */
import { noncentralTCdf, normalQuantile, studentTQuantile } from '../../../protocol/stats/index.ts';

export interface WelchDesign {
  n: [number, number];
  variance: [number, number];
  /** The true difference in means to detect. */
  difference: number;
  /** Two-sided level (default 0.05). */
  alpha?: number;
}

/**
 * Power of the two-sided Welch t-test: P(|T| > t_{1-α/2, ν}) with T noncentral t, noncentrality
 * δ/SE, SE = √(s₁²/n₁ + s₂²/n₂) and ν the Welch-Satterthwaite degrees of freedom — the method of
 * pwrAB's `AB_t2n` ("power analysis for AB testing").
 *
 * @example
 * welchPower({ n: [2100, 900], variance: [1, 4], difference: 0.15 }) // 0.5700792 (pwrAB's example)
 */
export function welchPower(design: WelchDesign): number {
  const [n1, n2] = design.n;
  const [v1, v2] = design.variance;
  const alpha = design.alpha ?? 0.05;
  if ([n1, n2, v1, v2, design.difference].some((x) => !Number.isFinite(x)) || n1 < 2 || n2 < 2) return NaN;
  const a = v1 / n1;
  const b = v2 / n2;
  if (a + b <= 0) return NaN;
  const df = ((a + b) * (a + b)) / ((a * a) / (n1 - 1) + (b * b) / (n2 - 1));
  const shift = Math.abs(design.difference) / Math.sqrt(a + b);
  const critical = studentTQuantile(1 - alpha / 2, df);
  return 1 - noncentralTCdf(critical, df, shift) + noncentralTCdf(-critical, df, shift);
}

/**
 * Smallest true difference the two-sided test at level alpha detects with the given power, for the
 * arms' standard error: (z_{1-α/2} + z_power)·SE (normal approximation).
 *
 * @example
 * detectableDifference(0.05, { alpha: 0.05, power: 0.8 }) // 0.1401
 */
export function detectableDifference(standardError: number, options: { alpha: number; power: number }): number {
  if (!(standardError >= 0)) return NaN;
  return (normalQuantile(1 - options.alpha / 2) + normalQuantile(options.power)) * standardError;
}
