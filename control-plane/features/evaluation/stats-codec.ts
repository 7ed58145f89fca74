/**
 * The format of `evaluation_buckets.stats` and `evaluation_pending.summary`: JSON. A bucket row
 * holds either a merged SummaryStats or, for a bucket with one summary, that summary as received
 * (envelope and identity fields included), so readers always go through `decodeStats`, which keeps
 * only the statistics. (A binary layout was measured and lost to V8's JSON.stringify/parse.)
 */
import { statsOf, type SummaryStats } from '../../../protocol/index.ts';

/** Statistics as stored. */
export function encodeStats(stats: SummaryStats): string {
  return JSON.stringify(stats);
}

/**
 * The statistics of a stored bucket or journal entry.
 *
 * @example
 * decodeStats<SummaryStats>(row.stats).counts.predictions
 */
export function decodeStats<T extends SummaryStats = SummaryStats>(stored: string | Uint8Array): T {
  const text = typeof stored === 'string' ? stored : Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength).toString('utf8');
  return statsOf(JSON.parse(text) as SummaryStats) as T;
}
