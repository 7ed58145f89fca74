/**
 * A small seeded pseudo-random generator, so simulations (calibration thresholds, tests) give
 * the same answer on the device, in the browser and in CI. Not for anything secret.
 */

/** A source of uniform numbers in [0, 1). */
export type RandomSource = () => number;

/**
 * Tommy Ettinger's mulberry32: a 32-bit state advanced by a Weyl sequence and mixed by two
 * multiply-xorshift rounds. Period 2^32: plenty for Monte Carlo thresholds of a few million
 * draws, at a few integer operations each.
 *
 * @example
 * const random = mulberry32(42);
 * random(); // 0.6011037519201636, the same on every platform
 */
export function mulberry32(seed: number): RandomSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Standard normal draws by the Box-Muller transform, caching the second value of each pair.
 *
 * @example
 * const normal = normalSampler(mulberry32(1));
 * normal(); // a N(0, 1) draw
 */
export function normalSampler(random: RandomSource): () => number {
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const value = spare;
      spare = null;
      return value;
    }
    const radius = Math.sqrt(-2 * Math.log(1 - random())); // 1 - u is in (0, 1]
    const angle = 2 * Math.PI * random();
    spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };
}
