/**
 * Runs the rollout ticker every interval. The timer is injected (tests drive ticks by hand or with
 * a fake timer); the state lives in SQLite, so stopping and starting loses nothing.
 */
import type { RolloutTicker, TickOutcome } from './rollout-ticker.ts';

/** The slice of setInterval/clearInterval the engine uses. */
export interface IntervalTimer {
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export const systemTimer: IntervalTimer = {
  setInterval(fn, ms) {
    const handle = setInterval(fn, ms);
    handle.unref(); // a pending tick must not keep a stopping process alive
    return handle;
  },
  clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
};

export interface RolloutEngineDeps {
  ticker: Pick<RolloutTicker, 'tick'>;
  intervalMs: number;
  timer?: IntervalTimer;
  /** A rollout's tick failed (it is retried on the next tick). */
  onError?: (rollout: string, err: unknown) => void;
  /** After every tick, with what it did (logging, metrics). */
  onTick?: (outcomes: TickOutcome[]) => void;
}

/** Reporting hooks given at start (the composition root's logger). */
export interface RolloutEngineHooks {
  onError?: (rollout: string, err: unknown) => void;
  onTick?: (outcomes: TickOutcome[]) => void;
}

export interface RolloutEngine {
  start(hooks?: RolloutEngineHooks): void;
  stop(): void;
  /** Tick now, outside the schedule. */
  tick(): TickOutcome[];
}

export function createRolloutEngine(deps: RolloutEngineDeps): RolloutEngine {
  const timer = deps.timer ?? systemTimer;
  let handle: unknown;
  let hooks: RolloutEngineHooks = { onError: deps.onError, onTick: deps.onTick };
  const tick = () => {
    const outcomes = deps.ticker.tick(hooks.onError);
    hooks.onTick?.(outcomes);
    return outcomes;
  };
  return {
    start(startHooks) {
      if (handle !== undefined) return;
      if (startHooks) hooks = { ...hooks, ...startHooks };
      handle = timer.setInterval(() => {
        try {
          tick();
        } catch (err) {
          hooks.onError?.('*', err); // e.g. the database closed under a late tick
        }
      }, deps.intervalMs);
    },
    stop() {
      if (handle === undefined) return;
      timer.clearInterval(handle);
      handle = undefined;
    },
    tick,
  };
}
