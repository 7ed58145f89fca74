import type { Database } from 'better-sqlite3';
import type { Variant } from '../../../protocol/index.ts';
import type { JobKind, VariantJob, VariantOutcome } from './variant-schemas.ts';

/** SQL for `variant_jobs` (migration 0008). Callers bring the transaction. */
export interface VariantJobsStore {
  insert(row: { name: string; version: string; kind: JobKind; variants: Variant[]; createdAt: string }): number;
  get(id: number): VariantJob | undefined;
  /** Jobs of one version, oldest first. */
  list(name: string, version: string): VariantJob[];
  /** A job of this kind for the version that has not started yet (re-gates merge into it). */
  findQueued(name: string, version: string, kind: JobKind): VariantJob | undefined;
  setVariants(id: number, variants: Variant[]): void;
  /** Number of queued jobs. */
  queued(): number;
  /** Oldest queued job, marked building (attempts + 1); undefined when the queue is empty. */
  claimNext(at: string): VariantJob | undefined;
  setProgress(id: number, progress: number, step: string): void;
  setResult(id: number, variant: Variant, outcome: VariantOutcome): void;
  /** End a building job; one cancelled meanwhile (its version deleted) keeps its failure. */
  finish(id: number, status: 'done' | 'failed', at: string, error?: string): void;
  /** Back to queued without counting the attempt: the control plane is stopping, not failing. */
  release(id: number): void;
  /** Jobs left building by a process that died: queued again, or failed after `maxAttempts`. */
  recoverUnfinished(maxAttempts: number, at: string): { requeued: number; abandoned: number };
  /** The version was deleted: its unfinished jobs fail with a reason. */
  cancelForVersion(name: string, version: string, at: string): void;
}

interface RawJob {
  id: number; name: string; version: string; kind: JobKind; variants: string; status: VariantJob['status'];
  progress: number; step: string | null; results: string; error: string | null; attempts: number;
  created_at: string; started_at: string | null; finished_at: string | null;
}

const fromRaw = (r: RawJob): VariantJob => ({
  id: r.id, name: r.name, version: r.version, kind: r.kind, variants: JSON.parse(r.variants) as Variant[],
  status: r.status, progress: r.progress, step: r.step, results: JSON.parse(r.results) as VariantJob['results'],
  error: r.error, attempts: r.attempts, createdAt: r.created_at, startedAt: r.started_at, finishedAt: r.finished_at,
});

export function createVariantJobsStore(db: Database): VariantJobsStore {
  const q = {
    insert: db.prepare(`INSERT INTO variant_jobs (name, version, kind, variants, status, created_at)
      VALUES (?, ?, ?, ?, 'queued', ?)`),
    get: db.prepare('SELECT * FROM variant_jobs WHERE id = ?'),
    list: db.prepare('SELECT * FROM variant_jobs WHERE name = ? AND version = ? ORDER BY id'),
    findQueued: db.prepare(`SELECT * FROM variant_jobs WHERE name = ? AND version = ? AND kind = ? AND status = 'queued'
      ORDER BY id LIMIT 1`),
    setVariants: db.prepare('UPDATE variant_jobs SET variants = ? WHERE id = ?'),
    queued: db.prepare(`SELECT count(*) AS n FROM variant_jobs WHERE status = 'queued'`),
    next: db.prepare(`SELECT * FROM variant_jobs WHERE status = 'queued' ORDER BY id LIMIT 1`),
    claim: db.prepare(`UPDATE variant_jobs SET status = 'building', attempts = attempts + 1, started_at = ?, error = NULL
      WHERE id = ?`),
    progress: db.prepare('UPDATE variant_jobs SET progress = ?, step = ? WHERE id = ?'),
    results: db.prepare('SELECT results FROM variant_jobs WHERE id = ?'),
    setResults: db.prepare('UPDATE variant_jobs SET results = ? WHERE id = ?'),
    finish: db.prepare(`UPDATE variant_jobs SET status = ?, finished_at = ?, error = ?, step = NULL,
      progress = CASE WHEN ? = 'done' THEN 1 ELSE progress END WHERE id = ? AND status = 'building'`),
    release: db.prepare(`UPDATE variant_jobs SET status = 'queued', attempts = max(attempts - 1, 0), step = NULL
      WHERE id = ? AND status = 'building'`),
    abandon: db.prepare(`UPDATE variant_jobs SET status = 'failed', finished_at = ?, step = NULL,
      error = 'the control plane stopped during this job ' || attempts || ' times; not retried'
      WHERE status = 'building' AND attempts >= ?`),
    requeue: db.prepare(`UPDATE variant_jobs SET status = 'queued', step = NULL WHERE status = 'building'`),
    cancel: db.prepare(`UPDATE variant_jobs SET status = 'failed', finished_at = ?, step = NULL, error = 'the version was deleted'
      WHERE name = ? AND version = ? AND status IN ('queued', 'building')`),
  };
  return {
    insert: (row) => Number(q.insert.run(row.name, row.version, row.kind, JSON.stringify(row.variants), row.createdAt).lastInsertRowid),
    get: (id) => {
      const r = q.get.get(id) as RawJob | undefined;
      return r && fromRaw(r);
    },
    list: (name, version) => (q.list.all(name, version) as RawJob[]).map(fromRaw),
    findQueued: (name, version, kind) => {
      const r = q.findQueued.get(name, version, kind) as RawJob | undefined;
      return r && fromRaw(r);
    },
    setVariants: (id, variants) => void q.setVariants.run(JSON.stringify(variants), id),
    queued: () => (q.queued.get() as { n: number }).n,
    claimNext: (at) => {
      const r = q.next.get() as RawJob | undefined;
      if (!r) return undefined;
      q.claim.run(at, r.id);
      return fromRaw(q.get.get(r.id) as RawJob);
    },
    setProgress: (id, progress, step) => void q.progress.run(progress, step, id),
    setResult: (id, variant, outcome) => {
      const current = JSON.parse((q.results.get(id) as { results: string }).results) as VariantJob['results'];
      q.setResults.run(JSON.stringify({ ...current, [variant]: outcome }), id);
    },
    finish: (id, status, at, error) => void q.finish.run(status, at, error ?? null, status, id),
    release: (id) => void q.release.run(id),
    recoverUnfinished: (maxAttempts, at) => {
      const abandoned = q.abandon.run(at, maxAttempts).changes;
      const requeued = q.requeue.run().changes;
      return { requeued, abandoned };
    },
    cancelForVersion: (name, version, at) => void q.cancel.run(at, name, version),
  };
}
