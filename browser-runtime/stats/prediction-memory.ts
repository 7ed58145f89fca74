import type { PredictionRecord } from './stats-collector.ts';

/**
 * Recent requests by id, for labels that arrive later (`feedback(requestId, label)`). Bounded in
 * count and age: a Map keeps insertion order, so the oldest entry is the first one.
 */
export function createPredictionMemory(options: { maxEntries?: number; ttlMs?: number } = {}) {
  const max = options.maxEntries ?? 10_000;
  const ttl = options.ttlMs ?? 60 * 60_000;
  const entries = new Map<string, { record: PredictionRecord; at: number; labelled: Set<number> }>();

  return {
    remember(requestId: string, record: PredictionRecord): void {
      entries.delete(requestId);
      entries.set(requestId, { record, at: Date.now(), labelled: new Set() });
      while (entries.size > max) entries.delete(entries.keys().next().value as string);
    },
    /** The record of a recent request, without using up a label. */
    peek(requestId: string): PredictionRecord | null {
      const entry = entries.get(requestId);
      return entry && Date.now() - entry.at <= ttl ? entry.record : null;
    },
    /** The record for a label on `row`, or why there is none. */
    take(requestId: string, row: number): PredictionRecord | 'unknown' | 'labelled' {
      const entry = entries.get(requestId);
      if (!entry || Date.now() - entry.at > ttl) return 'unknown';
      if (entry.labelled.has(row)) return 'labelled';
      entry.labelled.add(row);
      return entry.record;
    },
  };
}
export type PredictionMemory = ReturnType<typeof createPredictionMemory>;
