import {
  mergeSummaryStats,
  statsOf,
  summaryShapeError,
  type Profile,
  type SummaryStats,
  type WindowSummary,
} from '../../../protocol/index.ts';
import type { Clock } from '../../clock.ts';
import type { RunInTransaction } from '../../db/transaction.ts';
import type { SequenceCheck } from '../fleet/device-messages.store.ts';
import { foldJournal } from './bucket-journal.ts';
import type { BucketKey, BucketRow, BucketsStore } from './buckets.store.ts';
import { encodeStats } from './stats-codec.ts';

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
   * it into its bucket.
   */
  ingest(summary: WindowSummary, raw?: string): SummaryIngestResult;
  /** Fold the journal into the bucket rows; every reader calls this first. */
  flush(): void;
  totals(): CohortTotals[];
  /** Forget cached buckets, folding them first (after pruning, or in tests). */
  clearCache(): void;
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
}

/** A bucket as merged in memory: its row plus every journal entry; `dirty` while the row lags. */
interface LiveBucket {
  id: number;
  stats: SummaryStats;
  summaries: number;
  gaps: number;
  dirty: boolean;
}

const keyString = (k: BucketKey) =>
  `${k.model}\u0000${k.version}\u0000${k.variant}\u0000${k.arm}\u0000${k.deviceId}\u0000${k.profileSha256}\u0000${k.bucketStart}`;

/**
 * Ingest of window summaries, whatever the transport (MQTT handler, REST route). A summary is
 * accepted in one transaction with its sequence check, before the caller acknowledges it, so an
 * acknowledged summary is stored and a redelivered one changes nothing.
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

  function check(summary: WindowSummary): SummaryIngestResult | null {
    const profile = summary.profile ? profiles.bySha(summary.profile) : null;
    if (summary.profile && !profile) return { accepted: false, reason: 'unknown_profile' };
    if (profile && (profile.model !== summary.model || profile.version !== summary.version)) {
      return { accepted: false, reason: 'profile_mismatch', detail: `the profile belongs to ${profile.model}:${profile.version}` };
    }
    const shape = summaryShapeError(summary, profile);
    return shape ? { accepted: false, reason: 'profile_mismatch', detail: shape } : null;
  }

  /** A stored bucket with its journal merged in. */
  function load(row: BucketRow): LiveBucket {
    const journal = buckets.pending(row.id);
    return { id: row.id, ...foldJournal(row, journal), dirty: journal.length > 0 };
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

  const service: SummaryIngestService = {
    ingest(summary, raw) {
      const refused = check(summary);
      if (refused) return refused;
      const key: BucketKey = {
        model: summary.model, version: summary.version, variant: summary.variant, arm: summary.arm, deviceId: summary.deviceId,
        profileSha256: summary.profile ?? '',
        // A window belongs to the bucket it starts in; agents close windows well inside a bucket.
        bucketStart: Math.floor(Date.parse(summary.windowStart) / bucketMs) * bucketMs,
      };
      const id = keyString(key);
      let next: LiveBucket | undefined;
      const result = tx((): SummaryIngestResult => {
        if (!buckets.deviceExists(summary.deviceId)) return { accepted: false, reason: 'unknown_device' };
        const sequence = sequences.advanceSequence(summary.deviceId, 'summaries', summary.seq);
        if (sequence.duplicate) return { accepted: false, reason: 'duplicate' };
        const text = raw ?? JSON.stringify(summary);
        const stats = statsOf(summary);
        const row = cache.has(id) ? undefined : buckets.find(key);
        const current = cache.get(id) ?? (row && load(row));
        if (current) {
          buckets.appendPending(current.id, sequence.gap, text);
          next = { id: current.id, stats: mergeSummaryStats(current.stats, stats), summaries: current.summaries + 1, gaps: current.gaps + sequence.gap, dirty: true };
        } else {
          const { counts } = summary;
          const rowId = buckets.insert(key, {
            summaries: 1, predictions: counts.predictions, errors: counts.errors, nanOutputs: counts.nanOutputs, gaps: sequence.gap, stats: text,
          }, clock.now().toISOString());
          next = { id: rowId, stats, summaries: 1, gaps: sequence.gap, dirty: false };
        }
        return { accepted: true, gap: sequence.gap };
      });
      // Only after the commit: a rolled-back transaction must not leave its merge in the cache.
      if (result.accepted && next) {
        remember(id, next);
        count(summary);
      }
      return result;
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
    },
    totals: () => [...totals.values()].map((t) => ({ ...t })),
    clearCache() {
      service.flush();
      cache.clear();
    },
  };
  return service;
}
