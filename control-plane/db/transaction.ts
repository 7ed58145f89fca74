import type { Database } from 'better-sqlite3';

/** Run a function in one SQLite transaction. Services receive this, not the database. */
export type RunInTransaction = <T>(fn: () => T) => T;

/** Nested calls join the outer transaction (better-sqlite3 uses savepoints for them). */
export function createTransactionRunner(db: Database): RunInTransaction {
  return <T>(fn: () => T): T => db.transaction(fn)();
}
