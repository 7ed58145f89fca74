export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  /** 0..1: the share of each delay that is randomised, so a fleet does not reconnect in lockstep. */
  jitter?: number;
  random?: () => number;
}

/**
 * Exponential backoff: initial, 2x, 4x ... capped at max, with "equal jitter" (part fixed, part
 * random) so a control plane coming back is not hit by every device in the same second.
 *
 * @example
 * const backoff = createBackoff({ initialMs: 500, maxMs: 30_000 });
 * backoff.next(); // ~500
 * backoff.next(); // ~1000
 * backoff.reset();
 */
export function createBackoff(options: BackoffOptions) {
  const jitter = options.jitter ?? 0.5;
  const random = options.random ?? Math.random;
  let attempt = 0;
  return {
    next(): number {
      const base = Math.min(options.maxMs, options.initialMs * 2 ** attempt);
      attempt++;
      return Math.round(base * (1 - jitter) + base * jitter * random());
    },
    reset(): void {
      attempt = 0;
    },
    get attempts(): number {
      return attempt;
    },
  };
}
export type Backoff = ReturnType<typeof createBackoff>;
