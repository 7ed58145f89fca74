/**
 * Group commit: items queue up and are committed together, in one SQLite transaction, every
 * `maxDelayMs` or as soon as `maxBatch` are waiting. Each item's promise settles only after the
 * transaction holding it committed (or failed), so a transport that acknowledges on the promise
 * (PUBACK, the HTTP answer) still acknowledges only what is stored. One commit per summary was most
 * of ingest's cost (docs/adr/0005); a batch pays it once.
 */

import { EdgefleetError } from '../../../protocol/index.ts';

/** What the commit function says about one item of its batch. */
export type Settled<R> = { ok: true; value: R } | { ok: false; error: unknown };

/** Refused: the committer is closed (the process is stopping). The item was not stored; send it again. */
export class CommitterClosedError extends EdgefleetError {
  constructor() {
    super('UNAVAILABLE', 'summary ingest is closed; the summary was not stored, send it again');
    this.name = 'CommitterClosedError';
  }
}

export interface GroupCommitter<I, R> {
  /** Queue an item; settles after the transaction holding it committed. */
  submit(item: I): Promise<R>;
  /** Commit everything queued now (synchronously). */
  flush(): void;
  /** Commit everything queued, then refuse new items (they reject with CommitterClosedError). */
  close(): void;
  /** Items waiting for a commit. */
  readonly pending: number;
}

export interface GroupCommitterTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface GroupCommitterOptions<I, R> {
  /**
   * Commit a batch in one transaction; one settlement per item, in order. Throwing means the
   * transaction failed as a whole: every item of the batch is rejected with that error.
   */
  commit(items: readonly I[]): Array<Settled<R>>;
  /** Largest batch (default 256). */
  maxBatch?: number;
  /** Longest an item waits for its batch to fill (default 5 ms). */
  maxDelayMs?: number;
  timers?: GroupCommitterTimers;
}

interface Waiting<I, R> {
  item: I;
  resolve(value: R): void;
  reject(error: unknown): void;
}

const systemTimers: GroupCommitterTimers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export function createGroupCommitter<I, R>(options: GroupCommitterOptions<I, R>): GroupCommitter<I, R> {
  const maxBatch = options.maxBatch ?? 256;
  const maxDelayMs = options.maxDelayMs ?? 5;
  const timers = options.timers ?? systemTimers;
  let queue: Array<Waiting<I, R>> = [];
  let timer: unknown = null;
  let full = false;
  let closed = false;

  function commitOne(batch: Array<Waiting<I, R>>): void {
    let settled: Array<Settled<R>>;
    try {
      settled = options.commit(batch.map((w) => w.item));
    } catch (error) {
      for (const w of batch) w.reject(error);
      return;
    }
    batch.forEach((w, i) => {
      const s = settled[i];
      if (s?.ok) w.resolve(s.value);
      else w.reject(s ? s.error : new Error('the commit returned no settlement for this item'));
    });
  }

  function flush(): void {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
    full = false;
    while (queue.length > 0) {
      const batch = queue.length <= maxBatch ? queue : queue.slice(0, maxBatch);
      queue = queue.length <= maxBatch ? [] : queue.slice(maxBatch);
      commitOne(batch);
    }
  }

  return {
    submit(item) {
      if (closed) return Promise.reject(new CommitterClosedError());
      return new Promise<R>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        if (queue.length >= maxBatch && !full) {
          // Full: commit once the current synchronous work is done (never inside a caller's
          // transaction: a microtask runs on an empty stack).
          full = true;
          queueMicrotask(() => {
            if (full) flush();
          });
        } else if (timer === null) timer = timers.setTimeout(flush, maxDelayMs);
      });
    },
    flush,
    close() {
      flush();
      closed = true;
    },
    get pending() {
      return queue.length;
    },
  };
}
