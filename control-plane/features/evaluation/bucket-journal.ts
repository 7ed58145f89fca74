/**
 * A bucket row with its journal entries (later summaries not yet folded into the row) merged in.
 * Pure; used by ingest (to resume a bucket) and by the store's reads (so every reader, in this
 * feature or another, sees every accepted summary whether or not it was folded yet).
 */
import { mergeSummaryStats, type SummaryStats } from '../../../protocol/index.ts';
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
  let stats = decodeStats(row.stats);
  let gaps = row.gaps;
  for (const entry of journal) {
    stats = mergeSummaryStats(stats, decodeStats(entry.summary));
    gaps += entry.gap;
  }
  return { stats, summaries: row.summaries + journal.length, gaps };
}
