/** Time and timers for the batcher, injectable so tests can step time instead of sleeping. */
export interface SchedulerClock {
  /** Milliseconds, monotonic. */
  now(): number;
  /** Runs `fn` after `ms` (0: on the next event-loop turn); returns a cancel function. */
  schedule(fn: () => void, ms: number): () => void;
}

export const systemClock: SchedulerClock = {
  now: () => performance.now(),
  schedule(fn, ms) {
    // setTimeout cannot go below 1 ms; a zero delay means "after the I/O already read", i.e. setImmediate,
    // so requests that arrived in the same event-loop turn still land in one batch.
    if (ms <= 0) {
      const handle = setImmediate(fn);
      return () => clearImmediate(handle);
    }
    const handle = setTimeout(fn, ms);
    return () => clearTimeout(handle);
  },
};
