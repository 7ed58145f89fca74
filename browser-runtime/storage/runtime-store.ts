import type { DeviceSocketChannel, WindowSummary } from '../../protocol/index.ts';
import { STORES, getAll, getValue, inTransaction, putValue } from './idb.ts';

/** A device message waiting for the control plane's ack. */
export interface OutboxEntry {
  channel: DeviceSocketChannel;
  seq: number;
  message: unknown;
  queuedAt: number;
}

export interface Checkpoint {
  key: string;
  summary: WindowSummary;
  savedAt: number;
}

export interface EnqueueResult<T> {
  message: T;
  /** Oldest summaries deleted to stay within the budget (their seqs become gaps on the control plane). */
  dropped: number;
}

/**
 * The runtime's durable state in IndexedDB, the counterpart of the Node agent's `outbox.sqlite` and
 * `sequence.json`: per-channel sequence numbers (reserved before use, so the control plane's
 * per-(device, channel) high-water mark sees no duplicates across reloads), the outbox (a message
 * leaves only on its ack), statistics checkpoints, and small metadata.
 */
export interface RuntimeStore {
  /** Reserve the next sequence number of a channel (durable before it is returned). */
  nextSeq(channel: DeviceSocketChannel): Promise<number>;
  /**
   * Reserve a seq, build the message with it and queue it, in one transaction; `deleteCheckpoint`
   * goes in the same one, so a closed window is either still a checkpoint or already queued.
   */
  enqueue<T>(channel: DeviceSocketChannel, build: (seq: number) => T, options?: { deleteCheckpoint?: string }): Promise<EnqueueResult<T>>;
  pending(): Promise<OutboxEntry[]>;
  /** The oldest queued message of a channel (lowest seq). */
  oldest(channel: DeviceSocketChannel): Promise<OutboxEntry | undefined>;
  /** Messages in the outbox. */
  depth(): Promise<number>;
  remove(channel: DeviceSocketChannel, seq: number): Promise<void>;
  saveCheckpoint(checkpoint: Checkpoint): Promise<void>;
  loadCheckpoints(): Promise<Checkpoint[]>;
  deleteCheckpoint(key: string): Promise<void>;
  getMeta<T>(key: string): Promise<T | undefined>;
  putMeta(key: string, value: unknown): Promise<void>;
}

const seqKey = (channel: DeviceSocketChannel) => `seq:${channel}`;

/** Drop the oldest summaries when the outbox holds more than `max` messages; returns how many went. */
function enforceBudget(store: IDBObjectStore, max: number, report: (dropped: number) => void): void {
  const count = store.count();
  count.onsuccess = () => {
    let excess = count.result - max;
    if (excess <= 0) return report(0);
    let dropped = 0;
    const cursor = store.openCursor(IDBKeyRange.bound(['summaries', 0], ['summaries', Number.MAX_SAFE_INTEGER]));
    cursor.onsuccess = () => {
      const c = cursor.result;
      if (!c || excess <= 0) return report(dropped);
      c.delete();
      dropped++;
      excess--;
      c.continue();
    };
  };
}

export function createRuntimeStore(db: IDBDatabase, options: { maxOutboxEntries?: number; now?: () => number } = {}): RuntimeStore {
  const max = options.maxOutboxEntries ?? 10_000;
  const now = options.now ?? Date.now;
  return {
    nextSeq(channel) {
      return inTransaction<number>(db, [STORES.meta], 'readwrite', (tx, done) => {
        const meta = tx.objectStore(STORES.meta);
        const get = meta.get(seqKey(channel));
        get.onsuccess = () => {
          const seq = typeof get.result === 'number' ? get.result : 1;
          meta.put(seq + 1, seqKey(channel));
          done(seq);
        };
      });
    },
    enqueue(channel, build, enqueueOptions = {}) {
      return inTransaction(db, [STORES.meta, STORES.outbox, STORES.checkpoints], 'readwrite', (tx, done) => {
        const meta = tx.objectStore(STORES.meta);
        const outbox = tx.objectStore(STORES.outbox);
        const get = meta.get(seqKey(channel));
        get.onsuccess = () => {
          const seq = typeof get.result === 'number' ? get.result : 1;
          meta.put(seq + 1, seqKey(channel));
          const message = build(seq);
          const entry: OutboxEntry = { channel, seq, message, queuedAt: now() };
          outbox.put(entry);
          if (enqueueOptions.deleteCheckpoint !== undefined) tx.objectStore(STORES.checkpoints).delete(enqueueOptions.deleteCheckpoint);
          enforceBudget(outbox, max, (dropped) => done({ message, dropped }));
        };
      });
    },
    async pending() {
      const rows = await getAll<OutboxEntry>(db, STORES.outbox);
      return rows.map((r) => r.value);
    },
    oldest(channel) {
      return inTransaction<OutboxEntry | undefined>(db, [STORES.outbox], 'readonly', (tx, done) => {
        const cursor = tx.objectStore(STORES.outbox).openCursor(IDBKeyRange.bound([channel, 0], [channel, Number.MAX_SAFE_INTEGER]));
        cursor.onsuccess = () => done(cursor.result?.value as OutboxEntry | undefined);
      });
    },
    depth() {
      return inTransaction<number>(db, [STORES.outbox], 'readonly', (tx, done) => {
        const count = tx.objectStore(STORES.outbox).count();
        count.onsuccess = () => done(count.result);
      });
    },
    remove: (channel, seq) => putValue(db, STORES.outbox, [channel, seq], undefined),
    saveCheckpoint: (checkpoint) => putValue(db, STORES.checkpoints, checkpoint.key, checkpoint),
    async loadCheckpoints() {
      return (await getAll<Checkpoint>(db, STORES.checkpoints)).map((r) => r.value);
    },
    deleteCheckpoint: (key) => putValue(db, STORES.checkpoints, key, undefined),
    getMeta: (key) => getValue(db, STORES.meta, key),
    putMeta: (key, value) => putValue(db, STORES.meta, key, value),
  };
}
