/**
 * A bucket row with its journal entries (later summaries not yet folded into the row) merged in.
 * Pure; used by ingest (to resume a bucket) and by the store's reads (so every reader, in this
 * feature or another, sees every accepted summary whether or not it was folded yet).
 */
import { mergeSummaryStatsInto, type SummaryStats } from '../../../protocol/index.ts';
import { decodeStats } from './stats-codec.ts';

export interface JournalEntry {
  gap: number;
  summary: string;
}

export interface FoldedBucket {
  stats: SummaryStats;
  summaries: number;
  gaps: number;
}

export function foldJournal(row: { stats: string; summaries: number; gaps: number }, journal: readonly JournalEntry[]): FoldedBucket {
  const stats = decodeStats(row.stats); // freshly parsed: ours to merge into
  let gaps = row.gaps;
  for (const entry of journal) {
    mergeSummaryStatsInto(stats, decodeStats(entry.summary));
    gaps += entry.gap;
  }
  return { stats, summaries: row.summaries + journal.length, gaps };
}
