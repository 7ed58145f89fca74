import BetterSqlite3, { type Database } from 'better-sqlite3';
import { migrate } from './migrate.ts';

/**
 * Open (creating if needed) the control plane's database in WAL mode and bring it to the latest
 * schema. WAL lets the console's reads run beside ingest writes; `synchronous = NORMAL` is durable
 * across process crashes in WAL mode, which is what a control plane killed mid-rollout needs.
 */
export function openDatabase(file: string): Database {
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

export type { Database };
