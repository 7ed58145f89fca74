/**
 * What the statistics need from storage: the outbox for closed windows and a checkpoint slot per
 * open window. The SQLite outbox implements it (outbox/outbox-store.ts); the statistics service
 * never sees the database.
 */
import type { Variant, WindowSummary } from '../../protocol/index.ts';

/** The coordinates of a window: one per model, version, variant and rollout arm. */
export interface WindowIdentity {
  model: string;
  version: string;
  variant: Variant;
  arm: string;
}

export interface WindowCheckpoint {
  key: string;
  summary: WindowSummary;
  /** Milliseconds since the epoch when it was written: the window's end if it is recovered. */
  savedAt: number;
}

export interface WindowStore {
  /**
   * Keep a closed window's summary for sending and, in the same transaction, forget the open
   * window's checkpoint: a crash leaves the window either open (checkpoint) or closed (outbox).
   */
  enqueue(summary: WindowSummary, checkpointKey?: string): void;
  saveCheckpoint(checkpoint: WindowCheckpoint): void;
  deleteCheckpoint(key: string): void;
  loadCheckpoints(): WindowCheckpoint[];
}

/** Map key of a window; NUL cannot occur in any of the parts. */
export function windowKey(identity: WindowIdentity): string {
  return `${identity.model}\u0000${identity.version}\u0000${identity.variant}\u0000${identity.arm}`;
}
