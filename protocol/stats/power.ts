/**
 * Power, sample size and minimum detectable effect for a two-sample comparison of means with
 * equal arms, so a rollout plan can say how long an experiment must run before it can see the
 * effect it cares about. Critical values come from the accurate quantiles (simple-statistics'
 * `probit(0.975)` = 1.95716 would understate sample sizes).
 */
import { normalCdf, normalQuantile } from './normal-distribution.ts';
import { noncentralTCdf, studentTQuantile } from './sampling-distributions.ts';

/**
 * `normal`: z-test approximation (known variance), the textbook closed forms.
 * `t`: exact power of the pooled two-sample t-test via the noncentral t distribution.
 */
export type PowerMethod = 'normal' | 't';

interface DesignBase {
  /** Per-observation variance (assumed equal in both arms). */
  variance: number;
  /** Significance level, default 0.05. */
  alpha?: number;
  /** Two-sided test (default) or one-sided in the direction of the effect. */
  twoSided?: boolean;
  method?: PowerMethod;
}

/** Input for `twoSamplePower`. */
export interface PowerInput extends DesignBase {
  nPerArm: number;
  /** The true difference in means to detect. */
  difference: number;
}

/**
 * Power of a two-sample test of means with n per arm to detect a difference δ:
 * normal: Φ(|δ|/SE - z_{1-α/2}) + Φ(-|δ|/SE - z_{1-α/2}), SE = σ√(2/n);
 * t: P(|T| > t_{1-α/2, 2n-2}) with T noncentral t, noncentrality δ/SE.
 *
 * @example
 * twoSamplePower({ nPerArm: 100, difference: 0.5, variance: 1 }); // 0.9424 (normal)
 * twoSamplePower({ nPerArm: 100, difference: 0.5, variance: 1, method: 't' }); // 0.9404
 */
export function twoSamplePower(input: PowerInput): number {
  const { nPerArm: n, difference, variance } = input;
  const alpha = input.alpha ?? 0.05;
  const twoSided = input.twoSided ?? true;
  if ([n, difference, variance, alpha].some(Number.isNaN) || n < 2 || variance <= 0) return NaN;
  const shift = Math.abs(difference) / Math.sqrt((2 * variance) / n);
  const tailAlpha = twoSided ? alpha / 2 : alpha;
  if ((input.method ?? 'normal') === 'normal') {
    const z = normalQuantile(1 - tailAlpha);
    return normalCdf(shift - z) + (twoSided ? normalCdf(-shift - z) : 0);
  }
  const df = 2 * n - 2;
  const t = studentTQuantile(1 - tailAlpha, df);
  return 1 - noncentralTCdf(t, df, shift) + (twoSided ? noncentralTCdf(-t, df, shift) : 0);
}

/** Input for `requiredSampleSize`. */
export interface SampleSizeInput extends DesignBase {
  difference: number;
  /** Target power, default 0.8. */
  power?: number;
}

/**
 * Smallest n per arm whose power reaches the target. Normal method: the closed form
 * n = ⌈2σ²(z_{1-α/2} + z_power)²/δ²⌉ (it ignores the far rejection tail, as textbooks do);
 * t method: the smallest n from there up whose exact t-test power reaches the target.
 *
 * @example
 * requiredSampleSize({ difference: 0.5, variance: 1, power: 0.8 }); // 63
 */
export function requiredSampleSize(input: SampleSizeInput): number {
  const { difference, variance } = input;
  const alpha = input.alpha ?? 0.05;
  const power = input.power ?? 0.8;
  const twoSided = input.twoSided ?? true;
  if ([difference, variance, alpha, power].some(Number.isNaN) || difference === 0 || variance <= 0) {
    return NaN;
  }
  const z = normalQuantile(1 - (twoSided ? alpha / 2 : alpha)) + normalQuantile(power);
  let n = Math.max(2, Math.ceil((2 * variance * z * z) / (difference * difference)));
  if ((input.method ?? 'normal') === 'normal') return n;
  // The t-test needs a little more than the z-test; step up from the normal answer.
  while (twoSamplePower({ ...input, nPerArm: n, method: 't' }) < power) n++;
  return n;
}

/** Input for `minimumDetectableEffect`. */
export interface DetectableEffectInput {
  nPerArm: number;
  variance: number;
  alpha?: number;
  /** Target power, default 0.8. */
  power?: number;
  twoSided?: boolean;
}

/**
 * Smallest true difference detected with the target power by n per arm (normal approximation):
 * (z_{1-α/2} + z_power)·σ·√(2/n).
 *
 * @example
 * minimumDetectableEffect({ nPerArm: 63, variance: 1 }); // 0.4991
 */
export function minimumDetectableEffect(input: DetectableEffectInput): number {
  const { nPerArm: n, variance } = input;
  const alpha = input.alpha ?? 0.05;
  const power = input.power ?? 0.8;
  if ([n, variance, alpha, power].some(Number.isNaN) || n < 1 || variance < 0) return NaN;
  const z = normalQuantile(1 - ((input.twoSided ?? true) ? alpha / 2 : alpha)) + normalQuantile(power);
  return z * Math.sqrt((2 * variance) / n);
}
