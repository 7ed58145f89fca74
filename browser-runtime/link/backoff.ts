/**
 * Exponential backoff with "equal jitter" (half fixed, half random), so a fleet of browsers does
 * not reconnect in lockstep when the control plane comes back. Same shape as the Node agent's.
 *
 * @example
 * const backoff = createBackoff({ initialMs: 500, maxMs: 30_000 });
 * backoff.next(); // 250..500
 * backoff.next(); // 500..1000
 */
export function createBackoff(options: { initialMs: number; maxMs: number; random?: () => number }) {
  const random = options.random ?? Math.random;
  let attempt = 0;
  return {
    next(): number {
      const base = Math.min(options.maxMs, options.initialMs * 2 ** attempt);
      attempt++;
      return Math.round(base / 2 + (base / 2) * random());
    },
    reset(): void {
      attempt = 0;
    },
  };
}
export type Backoff = ReturnType<typeof createBackoff>;
