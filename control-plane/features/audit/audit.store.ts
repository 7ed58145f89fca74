import type { Database } from 'better-sqlite3';

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  target: string;
  details: Record<string, unknown>;
}

/** Who changed what. Written in the same transaction as the change it records. */
export interface AuditLog {
  record(entry: { at: string; actor: string; action: string; target: string; details?: Record<string, unknown> }): void;
  list(options?: { limit?: number; beforeId?: number }): AuditEntry[];
}

export function createAuditStore(db: Database): AuditLog {
  const insert = db.prepare('INSERT INTO audit_log (at, actor, action, target, details) VALUES (?, ?, ?, ?, ?)');
  const select = db.prepare('SELECT * FROM audit_log WHERE id < ? ORDER BY id DESC LIMIT ?');
  return {
    record: (e) => void insert.run(e.at, e.actor, e.action, e.target, JSON.stringify(e.details ?? {})),
    list: ({ limit = 100, beforeId = Number.MAX_SAFE_INTEGER } = {}) =>
      (select.all(beforeId, limit) as Array<Omit<AuditEntry, 'details'> & { details: string }>).map((r) => ({
        ...r,
        details: JSON.parse(r.details) as Record<string, unknown>,
      })),
  };
}
