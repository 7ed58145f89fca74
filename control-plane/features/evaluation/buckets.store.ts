import type { Database } from 'better-sqlite3';
import { foldJournal, type JournalEntry } from './bucket-journal.ts';
import { encodeStats } from './stats-codec.ts';

/** Which bucket a summary merges into. */
export interface BucketKey {
  model: string;
  version: string;
  variant: string;
  arm: string;
  deviceId: string;
  /** '' when the device had no profile. */
  profileSha256: string;
  /** Epoch ms. */
  bucketStart: number;
}

/** A bucket's folded totals; `stats` is the merged SummaryStats as JSON (a summary's JSON for a one-summary bucket). */
export interface BucketValues {
  summaries: number;
  predictions: number;
  errors: number;
  nanOutputs: number;
  gaps: number;
  stats: string;
}

export type BucketRow = BucketKey & BucketValues & { id: number };

export interface BucketFilter {
  model?: string;
  version?: string;
  variant?: string;
  arm?: string;
  profileSha256?: string;
  /** Epoch ms, inclusive. */
  from: number;
  /** Epoch ms, exclusive. */
  to: number;
}

/**
 * Merged summary buckets and their journal of not-yet-folded summaries (migration 0006), plus the
 * one read of the fleet's `devices` that ingest needs.
 */
export interface BucketsStore {
  deviceExists(deviceId: string): boolean;
  find(key: BucketKey): BucketRow | undefined;
  byId(id: number): BucketRow | undefined;
  insert(key: BucketKey, values: BucketValues, updatedAt: string): number;
  update(id: number, values: BucketValues, updatedAt: string): void;
  appendPending(bucketId: number, gap: number, summary: string): void;
  pending(bucketId: number): Array<{ gap: number; summary: string }>;
  deletePending(bucketId: number): void;
  /** Buckets with journal rows (a fold after a restart finds them here). */
  bucketsWithPending(): number[];
  /**
   * Buckets in a range, each with its journal merged in: a reader sees every accepted summary
   * whether or not ingest has folded it yet. Decode `stats` with stats-codec.ts `decodeStats`.
   */
  list(filter: BucketFilter): BucketRow[];
  /** Distinct (model, version, profile) with data in the range. */
  cohorts(filter: Pick<BucketFilter, 'model' | 'version' | 'from' | 'to'>): Array<{ model: string; version: string; profileSha256: string }>;
  /** Delete buckets (and their journal) that start before `before` (epoch ms); returns how many. */
  prune(before: number): number;
}

interface RawBucket {
  id: number; model: string; version: string; variant: string; arm: string; device_id: string; profile_sha256: string; bucket_start: number;
  summaries: number; predictions: number; errors: number; nan_outputs: number; gaps: number; stats: string;
}

const fromRaw = (r: RawBucket): BucketRow => ({
  id: r.id, model: r.model, version: r.version, variant: r.variant, arm: r.arm, deviceId: r.device_id, profileSha256: r.profile_sha256,
  bucketStart: r.bucket_start, summaries: r.summaries, predictions: r.predictions, errors: r.errors, nanOutputs: r.nan_outputs,
  gaps: r.gaps, stats: r.stats,
});

export function createBucketsStore(db: Database): BucketsStore {
  const deviceExists = db.prepare('SELECT 1 FROM devices WHERE id = ?').pluck();
  const find = db.prepare(`SELECT * FROM evaluation_buckets WHERE model = @model AND version = @version AND variant = @variant
    AND arm = @arm AND device_id = @deviceId AND profile_sha256 = @profileSha256 AND bucket_start = @bucketStart`);
  const byId = db.prepare('SELECT * FROM evaluation_buckets WHERE id = ?');
  const insert = db.prepare(`INSERT INTO evaluation_buckets
      (model, version, variant, arm, device_id, profile_sha256, bucket_start, summaries, predictions, errors, nan_outputs, gaps, stats, updated_at)
    VALUES (@model, @version, @variant, @arm, @deviceId, @profileSha256, @bucketStart, @summaries, @predictions, @errors, @nanOutputs, @gaps, @stats, @updatedAt)`);
  const update = db.prepare(`UPDATE evaluation_buckets SET summaries = @summaries, predictions = @predictions, errors = @errors,
    nan_outputs = @nanOutputs, gaps = @gaps, stats = @stats, updated_at = @updatedAt WHERE id = @id`);
  const appendPending = db.prepare('INSERT INTO evaluation_pending (bucket_id, gap, summary) VALUES (?, ?, ?)');
  const pending = db.prepare('SELECT gap, summary FROM evaluation_pending WHERE bucket_id = ? ORDER BY id');
  const deletePending = db.prepare('DELETE FROM evaluation_pending WHERE bucket_id = ?');
  const withPending = db.prepare('SELECT DISTINCT bucket_id FROM evaluation_pending').pluck();
  // Optional filters as "(@x IS NULL OR column = @x)" keep one prepared statement for every combination.
  const list = db.prepare(`SELECT * FROM evaluation_buckets
    WHERE bucket_start >= @from AND bucket_start < @to
      AND (@model IS NULL OR model = @model) AND (@version IS NULL OR version = @version)
      AND (@variant IS NULL OR variant = @variant) AND (@arm IS NULL OR arm = @arm)
      AND (@profileSha256 IS NULL OR profile_sha256 = @profileSha256)
    ORDER BY bucket_start`);
  const listPending = db.prepare(`SELECT p.bucket_id, p.gap, p.summary FROM evaluation_pending p
    JOIN evaluation_buckets b ON b.id = p.bucket_id
    WHERE b.bucket_start >= @from AND b.bucket_start < @to
      AND (@model IS NULL OR b.model = @model) AND (@version IS NULL OR b.version = @version)
      AND (@variant IS NULL OR b.variant = @variant) AND (@arm IS NULL OR b.arm = @arm)
      AND (@profileSha256 IS NULL OR b.profile_sha256 = @profileSha256)
    ORDER BY p.id`);
  const cohorts = db.prepare(`SELECT DISTINCT model, version, profile_sha256 FROM evaluation_buckets
    WHERE bucket_start >= @from AND bucket_start < @to AND (@model IS NULL OR model = @model) AND (@version IS NULL OR version = @version)
    ORDER BY model, version`);
  const prune = db.prepare('DELETE FROM evaluation_buckets WHERE bucket_start < ?');
  const nullable = (f: Partial<BucketFilter>) => ({
    model: f.model ?? null, version: f.version ?? null, variant: f.variant ?? null, arm: f.arm ?? null,
    profileSha256: f.profileSha256 ?? null, from: f.from, to: f.to,
  });
  return {
    deviceExists: (deviceId) => deviceExists.get(deviceId) !== undefined,
    find(key) {
      const r = find.get(key) as RawBucket | undefined;
      return r && fromRaw(r);
    },
    byId(id) {
      const r = byId.get(id) as RawBucket | undefined;
      return r && fromRaw(r);
    },
    insert: (key, values, updatedAt) => Number(insert.run({ ...key, ...values, updatedAt }).lastInsertRowid),
    update: (id, values, updatedAt) => void update.run({ ...values, id, updatedAt }),
    appendPending: (bucketId, gap, summary) => void appendPending.run(bucketId, gap, summary),
    pending: (bucketId) => pending.all(bucketId) as Array<{ gap: number; summary: string }>,
    deletePending: (bucketId) => void deletePending.run(bucketId),
    bucketsWithPending: () => withPending.all() as number[],
    list(filter) {
      const params = nullable(filter);
      const rows = (list.all(params) as RawBucket[]).map(fromRaw);
      const journal = new Map<number, JournalEntry[]>();
      for (const p of listPending.all(params) as Array<{ bucket_id: number } & JournalEntry>) {
        const entries = journal.get(p.bucket_id) ?? [];
        entries.push({ gap: p.gap, summary: p.summary });
        journal.set(p.bucket_id, entries);
      }
      if (journal.size === 0) return rows;
      return rows.map((row) => {
        const entries = journal.get(row.id);
        if (!entries) return row;
        const folded = foldJournal(row, entries);
        const { counts } = folded.stats;
        return {
          ...row, summaries: folded.summaries, gaps: folded.gaps, predictions: counts.predictions, errors: counts.errors,
          nanOutputs: counts.nanOutputs, stats: encodeStats(folded.stats),
        };
      });
    },
    cohorts: (filter) =>
      (cohorts.all(nullable(filter)) as Array<{ model: string; version: string; profile_sha256: string }>).map((r) => ({
        model: r.model, version: r.version, profileSha256: r.profile_sha256,
      })),
    prune: (before) => prune.run(before).changes,
  };
}
