import type { Database } from 'better-sqlite3';
import type { Alert } from '../../../protocol/index.ts';

export interface AlertRuleRow {
  name: string;
  spec: string;
  updatedAt: string;
}

export type AlertRow = Alert & { details: Record<string, unknown> };

/** Alert rules and alerts (migration 0006). */
export interface AlertsStore {
  putRule(row: AlertRuleRow): void;
  getRule(name: string): AlertRuleRow | undefined;
  listRules(): AlertRuleRow[];
  deleteRule(name: string): boolean;
  open(): AlertRow[];
  /** When a rule last got a notification through for a subject (any episode); null if never. */
  lastNotified(rule: string, subject: string): string | null;
  insert(row: Omit<AlertRow, 'id'>): number;
  update(id: number, fields: Partial<Pick<AlertRow, 'status' | 'resolvedAt' | 'notifiedAt' | 'delivery' | 'value' | 'message' | 'details'>>): void;
  recent(limit: number): AlertRow[];
}

interface RawAlert {
  id: number; rule: string; subject: string; status: string; started_at: string; resolved_at: string | null; notified_at: string | null;
  delivery: string; value: number | null; message: string; details: string;
}

const fromRaw = (r: RawAlert): AlertRow => ({
  id: r.id, rule: r.rule, subject: r.subject, status: r.status as AlertRow['status'], startedAt: r.started_at, resolvedAt: r.resolved_at,
  notifiedAt: r.notified_at, delivery: r.delivery as AlertRow['delivery'], value: r.value, message: r.message,
  details: JSON.parse(r.details) as Record<string, unknown>,
});

const COLUMNS: Record<string, string> = {
  status: 'status', resolvedAt: 'resolved_at', notifiedAt: 'notified_at', delivery: 'delivery', value: 'value', message: 'message', details: 'details',
};

export function createAlertsStore(db: Database): AlertsStore {
  const putRule = db.prepare(`INSERT INTO alert_rules (name, spec, updated_at) VALUES (@name, @spec, @updatedAt)
    ON CONFLICT (name) DO UPDATE SET spec = excluded.spec, updated_at = excluded.updated_at`);
  const getRule = db.prepare('SELECT name, spec, updated_at AS updatedAt FROM alert_rules WHERE name = ?');
  const listRules = db.prepare('SELECT name, spec, updated_at AS updatedAt FROM alert_rules ORDER BY name');
  const deleteRule = db.prepare('DELETE FROM alert_rules WHERE name = ?');
  const open = db.prepare(`SELECT * FROM alerts WHERE status = 'firing' ORDER BY id`);
  const lastNotified = db.prepare('SELECT max(notified_at) FROM alerts WHERE rule = ? AND subject = ?').pluck();
  const insert = db.prepare(`INSERT INTO alerts (rule, subject, status, started_at, resolved_at, notified_at, delivery, value, message, details)
    VALUES (@rule, @subject, @status, @startedAt, @resolvedAt, @notifiedAt, @delivery, @value, @message, @details)`);
  const recent = db.prepare('SELECT * FROM alerts ORDER BY id DESC LIMIT ?');
  return {
    putRule: (row) => void putRule.run(row),
    getRule: (name) => getRule.get(name) as AlertRuleRow | undefined,
    listRules: () => listRules.all() as AlertRuleRow[],
    deleteRule: (name) => deleteRule.run(name).changes > 0,
    open: () => (open.all() as RawAlert[]).map(fromRaw),
    lastNotified: (rule, subject) => (lastNotified.get(rule, subject) as string | null) ?? null,
    insert: (row) => Number(insert.run({ ...row, details: JSON.stringify(row.details) }).lastInsertRowid),
    update(id, fields) {
      const entries = Object.entries(fields).filter(([k]) => k in COLUMNS);
      if (entries.length === 0) return;
      const sets = entries.map(([k]) => `${COLUMNS[k]} = @${k}`).join(', ');
      const values = Object.fromEntries(entries.map(([k, v]) => [k, k === 'details' ? JSON.stringify(v) : v]));
      db.prepare(`UPDATE alerts SET ${sets} WHERE id = @id`).run({ ...values, id });
    },
    recent: (limit) => (recent.all(limit) as RawAlert[]).map(fromRaw),
  };
}
