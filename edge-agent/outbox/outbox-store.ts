/**
 * The summaries outbox: `<data>/outbox.sqlite` (WAL). A closed window is written here before
 * anything tries to send it and leaves only when the control plane acknowledged it; open windows
 * keep a checkpoint row beside it, and closing one moves it in one transaction. The queue has a
 * byte budget: past it the oldest summaries go first, counted (the control plane sees their
 * sequence numbers as gaps). The only file of the agent's statistics that knows better-sqlite3.
 */
import Database from 'better-sqlite3';
import type { WindowSummary } from '../../protocol/index.ts';
import type { WindowCheckpoint, WindowStore } from '../stats/window-store.ts';

export interface QueuedSummary {
  id: number;
  seq: number;
  /** The summary's JSON, as it will be published. */
  body: string;
  bytes: number;
}

export interface OutboxStore extends WindowStore {
  /** The oldest queued summaries, oldest first. */
  oldest(limit: number): QueuedSummary[];
  /** Forget a summary: acknowledged by the control plane, or refused for good. */
  remove(id: number): void;
  depth(): number;
  bytes(): number;
  /** Summaries dropped for the budget since this outbox was created (survives restarts). */
  droppedTotal(): number;
  close(): void;
}

export interface OutboxStoreOptions {
  path: string;
  /** Most bytes of queued summary JSON; the oldest are dropped past it. */
  maxBytes: number;
  /** Told of every summary dropped for the budget, after the transaction. */
  onDropped?: (dropped: { seq: number; bytes: number }[]) => void;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS summaries (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  seq INTEGER NOT NULL,
  body TEXT NOT NULL,
  bytes INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS open_windows (
  key TEXT PRIMARY KEY,
  body TEXT NOT NULL,
  saved_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS counters (
  name TEXT PRIMARY KEY,
  value INTEGER NOT NULL
);
`;

export function createOutboxStore(options: OutboxStoreOptions): OutboxStore {
  const db = new Database(options.path);
  db.pragma('journal_mode = WAL');
  // NORMAL in WAL mode: a commit survives the process crashing (the kill the outbox is for); only
  // a power cut can take back the last commits. FULL (an fsync per window closed) measured at
  // milliseconds per close under load, which at 1,000-prediction windows cost more per request
  // than the statistics themselves.
  db.pragma('synchronous = NORMAL');
  db.exec(SCHEMA);

  const insert = db.prepare<[number, string, number]>('INSERT INTO summaries (seq, body, bytes) VALUES (?, ?, ?)');
  const oldest = db.prepare<[number], QueuedSummary>('SELECT id, seq, body, bytes FROM summaries ORDER BY id LIMIT ?');
  const oldestOne = db.prepare<[], { id: number; seq: number; bytes: number }>('SELECT id, seq, bytes FROM summaries ORDER BY id LIMIT 1');
  const removeOne = db.prepare<[number]>('DELETE FROM summaries WHERE id = ?');
  const bytesOf = db.prepare<[number], { bytes: number }>('SELECT bytes FROM summaries WHERE id = ?');
  const totals = db.prepare<[], { n: number; bytes: number | null }>('SELECT COUNT(*) AS n, SUM(bytes) AS bytes FROM summaries');
  const saveWindow = db.prepare<[string, string, number]>(
    'INSERT INTO open_windows (key, body, saved_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET body = excluded.body, saved_at = excluded.saved_at',
  );
  const deleteWindow = db.prepare<[string]>('DELETE FROM open_windows WHERE key = ?');
  const allWindows = db.prepare<[], { key: string; body: string; saved_at: number }>('SELECT key, body, saved_at FROM open_windows ORDER BY key');
  const addCounter = db.prepare<[string, number]>(
    'INSERT INTO counters (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = value + excluded.value',
  );
  const readCounter = db.prepare<[string], { value: number }>('SELECT value FROM counters WHERE name = ?');

  const initial = totals.get();
  let depth = initial?.n ?? 0;
  let bytes = initial?.bytes ?? 0;

  const enqueue = db.transaction((summary: WindowSummary, checkpointKey: string | undefined) => {
    const body = JSON.stringify(summary);
    const size = Buffer.byteLength(body);
    insert.run(summary.seq, body, size);
    if (checkpointKey !== undefined) deleteWindow.run(checkpointKey);
    depth++;
    bytes += size;
    const dropped: { seq: number; bytes: number }[] = [];
    // Oldest first, and the new one too if it alone is over the budget: the budget is a promise about the disk.
    while (bytes > options.maxBytes) {
      const victim = oldestOne.get();
      if (!victim) break;
      removeOne.run(victim.id);
      depth--;
      bytes -= victim.bytes;
      dropped.push({ seq: victim.seq, bytes: victim.bytes });
    }
    if (dropped.length > 0) addCounter.run('dropped', dropped.length);
    return dropped;
  });

  return {
    enqueue(summary, checkpointKey) {
      const before = { depth, bytes };
      let dropped: { seq: number; bytes: number }[];
      try {
        dropped = enqueue(summary, checkpointKey);
      } catch (error) {
        ({ depth, bytes } = before); // the transaction rolled back; so do the running totals
        throw error;
      }
      if (dropped.length > 0) options.onDropped?.(dropped);
    },
    saveCheckpoint(checkpoint: WindowCheckpoint) {
      saveWindow.run(checkpoint.key, JSON.stringify(checkpoint.summary), checkpoint.savedAt);
    },
    deleteCheckpoint(key) {
      deleteWindow.run(key);
    },
    loadCheckpoints() {
      const out: WindowCheckpoint[] = [];
      for (const row of allWindows.all()) {
        try {
          out.push({ key: row.key, summary: JSON.parse(row.body) as WindowSummary, savedAt: row.saved_at });
        } catch {
          deleteWindow.run(row.key); // unreadable: nothing to recover from it
        }
      }
      return out;
    },
    oldest: (limit) => oldest.all(limit),
    remove(id) {
      const row = bytesOf.get(id);
      if (!row) return;
      removeOne.run(id);
      depth--;
      bytes -= row.bytes;
    },
    depth: () => depth,
    bytes: () => bytes,
    droppedTotal: () => readCounter.get('dropped')?.value ?? 0,
    close: () => db.close(),
  };
}
