import { describe, expect, it, vi } from 'vitest';
import { CommitterClosedError, createGroupCommitter, type GroupCommitterTimers, type Settled } from './summary-ingest-committer.ts';

/** Timers the test moves by hand. */
function manualTimers() {
  let pending: Array<{ fn: () => void; at: number }> = [];
  let now = 0;
  const timers: GroupCommitterTimers = {
    setTimeout: (fn, ms) => {
      const timer = { fn, at: now + ms };
      pending.push(timer);
      return timer;
    },
    clearTimeout: (handle) => {
      pending = pending.filter((t) => t !== handle);
    },
  };
  return {
    timers,
    advance(ms: number) {
      now += ms;
      const due = pending.filter((t) => t.at <= now);
      pending = pending.filter((t) => t.at > now);
      for (const t of due) t.fn();
    },
  };
}

const flushMicrotasks = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('group committer', () => {
  it('commits what arrived within maxDelayMs in one batch, and settles each item after that commit', async () => {
    const clock = manualTimers();
    const batches: number[][] = [];
    const committer = createGroupCommitter<number, string>({
      commit: (items) => {
        batches.push([...items]);
        return items.map((i) => ({ ok: true, value: `stored ${i}` }));
      },
      maxDelayMs: 5, timers: clock.timers,
    });
    const settled: string[] = [];
    const promises = [1, 2, 3].map((i) => committer.submit(i).then((v) => settled.push(v)));
    await flushMicrotasks();
    expect(batches).toEqual([]); // nothing committed, nothing settled: no acknowledgement yet
    expect(settled).toEqual([]);
    expect(committer.pending).toBe(3);
    clock.advance(5);
    await Promise.all(promises);
    expect(batches).toEqual([[1, 2, 3]]);
    expect(settled).toEqual(['stored 1', 'stored 2', 'stored 3']);
  });

  it('commits a full batch without waiting for the timer, never inside the submitting call', async () => {
    const clock = manualTimers();
    const batches: number[][] = [];
    const committer = createGroupCommitter<number, number>({
      commit: (items) => {
        batches.push([...items]);
        return items.map((value) => ({ ok: true, value }));
      },
      maxBatch: 4, maxDelayMs: 1000, timers: clock.timers,
    });
    const all = Array.from({ length: 10 }, (_, i) => committer.submit(i));
    expect(batches).toEqual([]); // still the caller's synchronous turn
    await flushMicrotasks();
    expect(batches).toEqual([[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]);
    expect(await Promise.all(all)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('settles items one by one, and rejects the whole batch when its transaction fails', async () => {
    const clock = manualTimers();
    let fail = false;
    const committer = createGroupCommitter<number, number>({
      commit: (items) => {
        if (fail) throw new Error('disk full');
        return items.map((i): Settled<number> => (i === 2 ? { ok: false, error: new Error('item 2 failed') } : { ok: true, value: i }));
      },
      timers: clock.timers,
    });
    const first = [1, 2, 3].map((i) => committer.submit(i).then((v) => `ok ${v}`, (e: Error) => e.message));
    clock.advance(5);
    expect(await Promise.all(first)).toEqual(['ok 1', 'item 2 failed', 'ok 3']);
    fail = true;
    const second = [4, 5].map((i) => committer.submit(i).then((v) => `ok ${v}`, (e: Error) => e.message));
    clock.advance(5);
    expect(await Promise.all(second)).toEqual(['disk full', 'disk full']);
  });

  it('close commits what waits, then refuses new items', async () => {
    const clock = manualTimers();
    const commit = vi.fn((items: readonly number[]) => items.map((value): Settled<number> => ({ ok: true, value })));
    const committer = createGroupCommitter<number, number>({ commit, maxDelayMs: 60_000, timers: clock.timers });
    const waiting = [committer.submit(1), committer.submit(2)];
    committer.close();
    expect(commit).toHaveBeenCalledTimes(1); // synchronously, before the caller closes the database
    expect(await Promise.all(waiting)).toEqual([1, 2]);
    await expect(committer.submit(3)).rejects.toBeInstanceOf(CommitterClosedError);
    await expect(committer.submit(3)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    clock.advance(60_000);
    expect(commit).toHaveBeenCalledTimes(1);
  });
});
