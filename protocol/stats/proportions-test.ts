/**
 * Two-proportion z-test with pooled variance (statsmodels `proportions_ztest`), for conversion
 * rates and error rates between two arms.
 */
import { normalQuantile, normalSf } from './normal-distribution.ts';

/** Successes out of trials in one arm. */
export interface ProportionArm {
  successes: number;
  trials: number;
}

/** Result of a two-proportion z-test. */
export interface TwoProportionTestResult {
  /** (p1 - p2) / pooled standard error; 0 when neither arm varies. NaN when an arm is empty. */
  z: number;
  /** Two-sided p-value. */
  pValue: number;
  /** p1 - p2. */
  difference: number;
  /** Unpooled (Wald) confidence interval for p1 - p2 at the requested confidence. */
  confidenceInterval: [number, number];
  pooledProportion: number;
}

function assertArm(arm: ProportionArm, name: string): void {
  const { successes, trials } = arm;
  if (!Number.isInteger(successes) || !Number.isInteger(trials) || successes < 0 || successes > trials) {
    throw new RangeError(`${name} needs integer 0 <= successes <= trials, got ${successes}/${trials}`);
  }
}

/**
 * Pooled two-proportion z-test of arm 1 against arm 2. The test uses the pooled proportion (the
 * variance under H0: p1 = p2); the interval uses each arm's own variance, since it describes the
 * difference when H0 is false.
 *
 * When both arms are all failures or all successes the pooled variance is 0 and the data carry no
 * evidence of a difference: z = 0, p = 1 (statsmodels returns NaN there).
 *
 * @example
 * twoProportionZTest({ successes: 5, trials: 83 }, { successes: 12, trials: 99 });
 * // { z: -1.4078, pValue: 0.159, ... }
 */
export function twoProportionZTest(
  arm1: ProportionArm,
  arm2: ProportionArm,
  options: { confidence?: number } = {},
): TwoProportionTestResult {
  assertArm(arm1, 'arm1');
  assertArm(arm2, 'arm2');
  const { successes: x1, trials: n1 } = arm1;
  const { successes: x2, trials: n2 } = arm2;
  if (n1 === 0 || n2 === 0) {
    return { z: NaN, pValue: NaN, difference: NaN, confidenceInterval: [NaN, NaN], pooledProportion: NaN };
  }
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const pooled = (x1 + x2) / (n1 + n2);
  const difference = p1 - p2;
  const pooledSe = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  const z = pooledSe === 0 ? 0 : difference / pooledSe;
  const pValue = Math.min(1, 2 * normalSf(Math.abs(z)));
  const waldSe = Math.sqrt((p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2);
  const critical = normalQuantile(1 - (1 - (options.confidence ?? 0.95)) / 2);
  return {
    z,
    pValue,
    difference,
    confidenceInterval: [difference - critical * waldSe, difference + critical * waldSe],
    pooledProportion: pooled,
  };
}
