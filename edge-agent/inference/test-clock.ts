/** A SchedulerClock that only moves when a test says so (used by batcher and registry tests). */
import type { SchedulerClock } from './scheduler-clock.ts';

export interface ManualClock extends SchedulerClock {
  /** Moves time forward and runs every timer that came due, in order. */
  advance(ms: number): void;
  pending(): number;
}

export function createManualClock(): ManualClock {
  let time = 0;
  let seq = 0;
  let timers: { at: number; seq: number; fn: () => void }[] = [];
  return {
    now: () => time,
    schedule(fn, ms) {
      const timer = { at: time + Math.max(0, ms), seq: seq++, fn };
      timers.push(timer);
      return () => {
        timers = timers.filter((t) => t !== timer);
      };
    },
    advance(ms) {
      const target = time + ms;
      for (;;) {
        const due = timers.filter((t) => t.at <= target).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
        if (!due) break;
        timers = timers.filter((t) => t !== due);
        time = Math.max(time, due.at);
        due.fn();
      }
      time = target;
    },
    pending: () => timers.length,
  };
}
