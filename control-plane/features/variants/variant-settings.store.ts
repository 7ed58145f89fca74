import type { Database } from 'better-sqlite3';
import type { EvaluationSetInfo, GateSettings } from './variant-schemas.ts';

/** SQL for `variant_gates` and `evaluation_sets` (migration 0008). Callers bring the transaction. */
export interface VariantSettingsStore {
  getGate(name: string): (GateSettings & { updatedAt: string }) | undefined;
  setGate(name: string, gate: GateSettings, at: string): void;
  getEvaluationSet(name: string, version: string): EvaluationSetInfo | undefined;
  putEvaluationSet(row: EvaluationSetInfo): void;
  deleteEvaluationSet(name: string, version: string): void;
}

interface RawGate { min_top1_agreement: number; max_abs_error: number | null; max_accuracy_drop: number | null; updated_at: string }
interface RawSet { name: string; version: string; sha256: string; size: number; rows: number; labelled: number; created_at: string }

export function createVariantSettingsStore(db: Database): VariantSettingsStore {
  const q = {
    getGate: db.prepare('SELECT * FROM variant_gates WHERE name = ?'),
    setGate: db.prepare(`INSERT INTO variant_gates (name, min_top1_agreement, max_abs_error, max_accuracy_drop, updated_at)
      VALUES (?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET min_top1_agreement = excluded.min_top1_agreement,
      max_abs_error = excluded.max_abs_error, max_accuracy_drop = excluded.max_accuracy_drop, updated_at = excluded.updated_at`),
    getSet: db.prepare('SELECT * FROM evaluation_sets WHERE name = ? AND version = ?'),
    putSet: db.prepare(`INSERT INTO evaluation_sets (name, version, sha256, size, rows, labelled, created_at)
      VALUES (@name, @version, @sha256, @size, @rows, @labelled, @createdAt)
      ON CONFLICT (name, version) DO UPDATE SET sha256 = excluded.sha256, size = excluded.size, rows = excluded.rows,
      labelled = excluded.labelled, created_at = excluded.created_at`),
    deleteSet: db.prepare('DELETE FROM evaluation_sets WHERE name = ? AND version = ?'),
  };
  return {
    getGate: (name) => {
      const r = q.getGate.get(name) as RawGate | undefined;
      if (!r) return undefined;
      return {
        minTop1Agreement: r.min_top1_agreement,
        ...(r.max_abs_error !== null ? { maxAbsError: r.max_abs_error } : {}),
        ...(r.max_accuracy_drop !== null ? { maxAccuracyDrop: r.max_accuracy_drop } : {}),
        updatedAt: r.updated_at,
      };
    },
    setGate: (name, gate, at) => void q.setGate.run(name, gate.minTop1Agreement, gate.maxAbsError ?? null, gate.maxAccuracyDrop ?? null, at),
    getEvaluationSet: (name, version) => {
      const r = q.getSet.get(name, version) as RawSet | undefined;
      return r && { name: r.name, version: r.version, sha256: r.sha256, size: r.size, rows: r.rows, labelled: r.labelled === 1, createdAt: r.created_at };
    },
    putEvaluationSet: (row) => void q.putSet.run({ ...row, labelled: row.labelled ? 1 : 0 }),
    deleteEvaluationSet: (name, version) => void q.deleteSet.run(name, version),
  };
}
