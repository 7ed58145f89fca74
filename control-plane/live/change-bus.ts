import type { LiveChange } from '../../protocol/index.ts';
import type { RunInTransaction } from '../db/transaction.ts';

export type ChangeListener = (change: LiveChange) => void;

/**
 * The in-process event bus that services emit change notifications into and the live WebSocket
 * server (and later anything else: alert webhooks, rollout gates) reads from.
 */
export interface ChangeBus {
  /** Deliver now, or after the current transaction commits (dropped if it rolls back). */
  emit(change: LiveChange): void;
  subscribe(listener: ChangeListener): () => void;
  /**
   * Wrap the transaction runner the services use, so a change emitted inside a transaction reaches
   * listeners only once it is committed: a browser refetching on the notification must see it.
   */
  transactional(run: RunInTransaction): RunInTransaction;
}

export function createChangeBus(options: { onListenerError?: (err: unknown) => void } = {}): ChangeBus {
  const listeners = new Set<ChangeListener>();
  let depth = 0;
  let pending: LiveChange[] = [];

  function deliver(change: LiveChange): void {
    for (const listener of listeners) {
      // One broken listener must not keep the change from the others, nor fail the caller's request.
      try {
        listener(change);
      } catch (err) {
        options.onListenerError?.(err);
      }
    }
  }

  return {
    emit(change) {
      if (depth > 0) pending.push(change);
      else deliver(change);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    transactional(run) {
      return <T>(fn: () => T): T => {
        // better-sqlite3 transactions are synchronous, so a depth counter tracks nesting exactly.
        const mark = pending.length;
        depth += 1;
        let result: T;
        try {
          result = run(fn);
        } catch (err) {
          // A nested transaction that throws rolls back to its savepoint only: drop its changes alone.
          pending.length = mark;
          throw err;
        } finally {
          depth -= 1;
        }
        if (depth === 0) {
          const committed = pending;
          pending = [];
          for (const change of committed) deliver(change);
        }
        return result;
      };
    },
  };
}
