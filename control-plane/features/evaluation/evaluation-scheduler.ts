/**
 * The periodic side of evaluation: check alert rules every interval and prune old buckets. Timers
 * are injected (tests pass fake ones); a tick never overlaps the previous one.
 */
export interface IntervalTimers {
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

const realTimers: IntervalTimers = {
  setInterval: (fn, ms) => {
    const handle = setInterval(fn, ms);
    handle.unref?.(); // the scheduler alone must not keep the process alive
    return handle;
  },
  clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
};

export interface EvaluationScheduler {
  start(): void;
  stop(): void;
  /** One tick now (what the timer runs); resolves when it is done. */
  tick(): Promise<void>;
}

export function createEvaluationScheduler(deps: {
  /** Check alert rules and deliver notifications. */
  evaluateAlerts: () => Promise<unknown>;
  /** Housekeeping (retention), run on every tick too. */
  prune?: () => void;
  intervalMs?: number;
  timers?: IntervalTimers;
  onError?: (err: unknown) => void;
}): EvaluationScheduler {
  const timers = deps.timers ?? realTimers;
  let handle: unknown;
  let running: Promise<void> | null = null;
  async function run(): Promise<void> {
    try {
      deps.prune?.();
      await deps.evaluateAlerts();
    } catch (err) {
      deps.onError?.(err);
    }
  }
  const tick = (): Promise<void> => {
    // `finally` runs after the assignment even when `run` settles at once, so `running` always clears.
    running ??= run().finally(() => {
      running = null;
    });
    return running;
  };
  return {
    start() {
      if (handle === undefined) handle = timers.setInterval(() => void tick(), deps.intervalMs ?? 60_000);
    },
    stop() {
      if (handle !== undefined) timers.clearInterval(handle);
      handle = undefined;
    },
    tick,
  };
}
