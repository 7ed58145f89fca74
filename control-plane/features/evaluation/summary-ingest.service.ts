import {
  copySummaryStats,
  mergeSummaryStatsInto,
  statsOf,
  summaryShapeError,
  type Profile,
  type SummaryStats,
  type WindowSummary,
} from '../../../protocol/index.ts';
import { EdgefleetError } from '../../../protocol/index.ts';
import type { Clock } from '../../clock.ts';
import type { RunInTransaction } from '../../db/transaction.ts';
import type { SequenceCheck } from '../fleet/device-messages.store.ts';
import { foldJournal } from './bucket-journal.ts';
import type { BucketKey, BucketRow, BucketsStore } from './buckets.store.ts';
import { encodeStats } from './stats-codec.ts';
import { createGroupCommitter, type GroupCommitterTimers, type Settled } from './summary-ingest-committer.ts';

export type SummaryDropReason = 'duplicate' | 'unknown_device' | 'unknown_profile' | 'profile_mismatch';
export type SummaryIngestResult = { accepted: true; gap: number } | { accepted: false; reason: SummaryDropReason; detail?: string };

/** Running totals since start per cohort, for the Prometheus counters (synced at scrape). */
export interface CohortTotals {
  labels: { model: string; version: string; variant: string; arm: string };
  predictions: number;
  errors: number;
  summaries: number;
}

export interface SummaryIngestService {
  /**
   * A summary validated at the boundary (zod), with the JSON it arrived as when the transport has
   * it (stored as is; without it the summary is serialised). Dedupes on (device, seq) and merges
   * it into its bucket, in a transaction of its own, now.
   */
  ingest(summary: WindowSummary, raw?: string): SummaryIngestResult;
  /**
   * The same, group-committed: queued with others and stored in one transaction a few
   * milliseconds later. Settles after that transaction committed, so a transport acknowledges on
   * it (PUBACK, the HTTP answer) only what is stored. Rejects (EdgefleetError UNAVAILABLE) when the
   * summary could not be stored — the transaction failed, or ingest is closed — and the sender
   * must send it again.
   */
  submit(summary: WindowSummary, raw?: string): Promise<SummaryIngestResult>;
  /** Fold the journal into the bucket rows; every reader calls this first. */
  flush(): void;
  totals(): CohortTotals[];
  /** Forget cached buckets, folding them first (after pruning, or in tests). */
  clearCache(): void;
  /** Commit what `submit` queued, then refuse new submissions (before the database closes). */
  close(): void;
}

export interface SummaryIngestDeps {
  buckets: BucketsStore;
  /** The fleet's (device, channel) high-water marks (`device_sequences`), so summaries dedupe like every device message. */
  sequences: { advanceSequence(deviceId: string, channel: string, seq: number): SequenceCheck };
  profiles: { bySha(sha256: string): Profile | null };
  clock: Clock;
  tx: RunInTransaction;
  /** Bucket width (default 60 s). */
  bucketSeconds?: number;
  /** Buckets kept merged in memory (default 20,000). */
  cacheSize?: number;
  /** Group commit of `submit`: largest batch (default 256) and longest wait (default 5 ms). */
  groupCommit?: { maxBatch?: number; maxDelayMs?: number; timers?: GroupCommitterTimers };
}

/** A bucket as merged in memory: its row plus every journal entry; `dirty` while the row lags. */
interface LiveBucket {
  id: number;
  /** Epoch ms of the bucket's start. */
  start: number;
  stats: SummaryStats;
  summaries: number;
  gaps: number;
  dirty: boolean;
}

/** Folded buckets this many bucket widths older than the newest one leave the cache at a fold. */
const STALE_BUCKETS = 2;

/** A summary waiting for its group commit. */
interface Submitted {
  summary: WindowSummary;
  raw: string | undefined;
}

/** What storing one summary changed, applied to the cache once its transaction committed. */
interface Applied {
  result: SummaryIngestResult;
  summary: WindowSummary;
  id?: string;
  next?: LiveBucket;
}

const keyString = (k: BucketKey) =>
  `${k.model}\u0000${k.version}\u0000${k.variant}\u0000${k.arm}\u0000${k.deviceId}\u0000${k.profileSha256}\u0000${k.bucketStart}`;

/**
 * Ingest of window summaries, whatever the transport (MQTT handler, REST route). A summary is
 * accepted in a transaction with its sequence check, before the caller acknowledges it, so an
 * acknowledged summary is stored and a redelivered one changes nothing. The transports `submit`:
 * summaries are group-committed, many to a transaction (summary-ingest-committer.ts), and each
 * promise settles after its transaction committed; duplicates within a batch are caught by the
 * same sequence check, which sees the batch's earlier writes.
 *
 * Storage is one merged row per (model, version, variant, arm, device, profile, time bucket). The
 * first summary of a bucket becomes its row; later ones are appended, as received, to the
 * bucket's journal (`evaluation_pending`) and merged into the bucket kept in memory. Serialising
 * the merged bucket on every summary cost as much as everything else in ingest together; instead a
 * fold writes each changed bucket once — before any read (`flush`), on the periodic tick, and when
 * a bucket leaves the bounded cache. After a restart the journal is still there and is folded the
 * same way. The cache assumes this process is the only writer of its database.
 */
export function createSummaryIngestService(deps: SummaryIngestDeps): SummaryIngestService {
  const { buckets, sequences, profiles, clock, tx } = deps;
  const bucketMs = (deps.bucketSeconds ?? 60) * 1000;
  const cacheSize = deps.cacheSize ?? 20_000;
  const cache = new Map<string, LiveBucket>();
  const totals = new Map<string, CohortTotals>();
  /** The newest bucket start in the cache: summaries arrive in time order, so older buckets go cold. */
  let newest = -Infinity;

  function check(summary: WindowSummary): SummaryIngestResult | null {
    const profile = summary.profile ? profiles.bySha(summary.profile) : null;
    if (summary.profile && !profile) return { accepted: false, reason: 'unknown_profile' };
    if (profile && (profile.model !== summary.model || profile.version !== summary.version)) {
      return { accepted: false, reason: 'profile_mismatch', detail: `the profile belongs to ${profile.model}:${profile.version}` };
    }
    const shape = summaryShapeError(summary, profile);
    return shape ? { accepted: false, reason: 'profile_mismatch', detail: shape } : null;
  }

  function bucketKeyOf(summary: WindowSummary): BucketKey {
    return {
      model: summary.model, version: summary.version, variant: summary.variant, arm: summary.arm, deviceId: summary.deviceId,
      profileSha256: summary.profile ?? '',
      // A window belongs to the bucket it starts in; agents close windows well inside a bucket.
      bucketStart: Math.floor(Date.parse(summary.windowStart) / bucketMs) * bucketMs,
    };
  }

  /** A stored bucket with its journal merged in. */
  function load(row: BucketRow): LiveBucket {
    const journal = buckets.pending(row.id);
    return { id: row.id, start: row.bucketStart, ...foldJournal(row, journal), dirty: journal.length > 0 };
  }

  /** Write a bucket's merged state to its row and empty its journal (inside a transaction). */
  function write(bucket: LiveBucket): void {
    const { counts } = bucket.stats;
    buckets.update(bucket.id, {
      summaries: bucket.summaries, predictions: counts.predictions, errors: counts.errors, nanOutputs: counts.nanOutputs,
      gaps: bucket.gaps, stats: encodeStats(bucket.stats),
    }, clock.now().toISOString());
    buckets.deletePending(bucket.id);
  }

  function remember(key: string, bucket: LiveBucket): void {
    cache.delete(key); // re-insert: Map order is the eviction order (least recently written first)
    cache.set(key, bucket);
    if (bucket.start > newest) newest = bucket.start;
    if (cache.size <= cacheSize) return;
    const [oldestKey, oldest] = cache.entries().next().value as [string, LiveBucket];
    if (oldest.dirty) tx(() => write(oldest));
    cache.delete(oldestKey);
  }

  function count(summary: WindowSummary): void {
    const labels = { model: summary.model, version: summary.version, variant: summary.variant, arm: summary.arm };
    const id = `${labels.model}\u0000${labels.version}\u0000${labels.variant}\u0000${labels.arm}`;
    const entry = totals.get(id) ?? { labels, predictions: 0, errors: 0, summaries: 0 };
    entry.predictions += summary.counts.predictions;
    entry.errors += summary.counts.errors;
    entry.summaries += 1;
    totals.set(id, entry);
  }

  /**
   * Store one summary, already `check`ed, inside the caller's transaction: sequence check, then a new bucket row or a
   * journal entry. Returns the merged bucket; the caller stages it (`staged` is read before the
   * cache, so later summaries of the same batch merge onto it) and the cache gets it only after
   * the commit.
   */
  function store(summary: WindowSummary, raw: string | undefined, staged: Map<string, LiveBucket>): Applied {
    const key = bucketKeyOf(summary);
    const id = keyString(key);
    if (!buckets.deviceExists(summary.deviceId)) return { result: { accepted: false, reason: 'unknown_device' }, summary };
    const sequence = sequences.advanceSequence(summary.deviceId, 'summaries', summary.seq);
    if (sequence.duplicate) return { result: { accepted: false, reason: 'duplicate' }, summary };
    const text = raw ?? JSON.stringify(summary);
    const stats = statsOf(summary);
    const known = staged.get(id) ?? cache.get(id);
    const row = known ? undefined : buckets.find(key);
    const current = known ?? (row && load(row));
    let next: LiveBucket;
    if (current) {
      buckets.appendPending(current.id, sequence.gap, text);
      // In place: a new merged copy per summary was most of ingest's garbage (GC ran a third of the time).
      mergeSummaryStatsInto(current.stats, stats);
      current.summaries += 1;
      current.gaps += sequence.gap;
      current.dirty = true;
      next = current;
    } else {
      const { counts } = summary;
      const rowId = buckets.insert(key, {
        summaries: 1, predictions: counts.predictions, errors: counts.errors, nanOutputs: counts.nanOutputs, gaps: sequence.gap, stats: text,
      }, clock.now().toISOString());
      // A copy: later summaries merge into it in place, and the caller's summary is the caller's.
      next = { id: rowId, start: key.bucketStart, stats: copySummaryStats(stats), summaries: 1, gaps: sequence.gap, dirty: false };
    }
    return { result: { accepted: true, gap: sequence.gap }, summary, id, next };
  }

  /**
   * `store` in a transaction, or a savepoint of the caller's; what it merged is staged once that
   * holds. If it fails, the bucket it may have merged into in place is forgotten (staged and
   * cached): the next summary of that bucket reloads it, row and journal, from the database.
   */
  function storeStaged(item: Submitted, staged: Map<string, LiveBucket>): Applied {
    let applied: Applied;
    try {
      applied = tx(() => store(item.summary, item.raw, staged));
    } catch (error) {
      const id = keyString(bucketKeyOf(item.summary));
      staged.delete(id);
      cache.delete(id);
      throw error;
    }
    if (applied.id && applied.next) staged.set(applied.id, applied.next);
    return applied;
  }

  /** After the commit: the merged buckets into the cache, the summaries into the totals. */
  function committed(applied: readonly Applied[], staged: Map<string, LiveBucket>): void {
    for (const a of applied) if (a.result.accepted) count(a.summary);
    for (const [id, bucket] of staged) remember(id, bucket);
  }

  /**
   * One transaction for the whole batch, one savepoint per summary: a summary that throws rolls
   * back alone (its promise rejects) and the others commit. If the commit itself fails, nothing
   * of the batch is stored and every promise rejects.
   */
  function commitBatch(items: readonly Submitted[]): Array<Settled<SummaryIngestResult>> {
    const staged = new Map<string, LiveBucket>();
    const applied: Applied[] = [];
    let settled: Array<Settled<SummaryIngestResult>>;
    try {
      settled = tx(() =>
        items.map((item): Settled<SummaryIngestResult> => {
          try {
            const a = storeStaged(item, staged);
            applied.push(a);
            return { ok: true, value: a.result };
          } catch (error) {
            // Its savepoint is rolled back and it staged nothing; the batch goes on.
            return { ok: false, error: new EdgefleetError('UNAVAILABLE', 'the summary could not be stored; send it again', { cause: error }) };
          }
        }),
      );
    } catch (error) {
      // Every promise of the batch rejects, whatever SQLite kept (an error that makes SQLite roll
      // the whole transaction back leaves later items to commit on their own). The batch merged
      // into cached buckets in place: forget them, so the next access reloads them from disk.
      for (const id of staged.keys()) cache.delete(id);
      throw error;
    }
    committed(applied, staged);
    return settled;
  }

  const committer = createGroupCommitter<Submitted, SummaryIngestResult>({
    commit: (items) => {
      try {
        return commitBatch(items);
      } catch (error) {
        throw new EdgefleetError('UNAVAILABLE', 'summaries could not be stored; send them again', { cause: error });
      }
    },
    maxBatch: deps.groupCommit?.maxBatch,
    maxDelayMs: deps.groupCommit?.maxDelayMs,
    timers: deps.groupCommit?.timers,
  });

  const service: SummaryIngestService = {
    ingest(summary, raw) {
      // Refusals that need no transaction are answered without one.
      const refused = check(summary);
      if (refused) return refused;
      const staged = new Map<string, LiveBucket>();
      const applied = storeStaged({ summary, raw }, staged);
      // Only after the commit: a rolled-back transaction must not leave its merge in the cache.
      committed([applied], staged);
      return applied.result;
    },
    submit(summary, raw) {
      const refused = check(summary);
      if (refused) return Promise.resolve(refused);
      return committer.submit({ summary, raw });
    },
    flush() {
      const dirty = [...cache.values()].filter((b) => b.dirty);
      tx(() => {
        for (const bucket of dirty) write(bucket);
        // Journal rows of buckets not in memory (a restart, an eviction that failed mid-way).
        const cached = new Set(dirty.map((b) => b.id));
        for (const bucketId of buckets.bucketsWithPending()) {
          if (cached.has(bucketId)) continue;
          const row = buckets.byId(bucketId);
          if (row) write(load(row));
        }
      });
      for (const bucket of dirty) bucket.dirty = false;
      // Keep what summaries still merge into: a bucket minutes behind the newest is written and
      // cold, and thousands of them in memory made every major GC mark them all (ingest spent a
      // quarter of its time in GC). A late summary for one reloads it, row and journal.
      const before = newest - STALE_BUCKETS * bucketMs;
      for (const [key, bucket] of cache) if (!bucket.dirty && bucket.start < before) cache.delete(key);
    },
    totals: () => [...totals.values()].map((t) => ({ ...t })),
    clearCache() {
      service.flush();
      cache.clear();
    },
    close: () => committer.close(),
  };
  return service;
}
