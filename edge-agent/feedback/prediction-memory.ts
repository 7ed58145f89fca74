/**
 * Recent predictions by request id, so a label that comes back later joins the prediction it is
 * about. Bounded twice: by count and by age (`ttlMs`), because labels that arrive much later belong
 * to a window long gone and memory on an edge box is not free.
 *
 * The count bound is generational (as in hashlru): entries go into the current Map; when it holds
 * half of `maxEntries` it becomes the previous one and the old previous is dropped whole. A request
 * is therefore remembered for at least the next maxEntries/2 requests and at most maxEntries, and
 * a lookup moves a hit into the current generation (least recently used out first, by halves).
 * Why not an exact LRU: it needs a Map delete per request, and V8 leaves deleted Map entries in
 * place until a rehash; measured, that cost about 1 us per request with 10,000 entries (43 us with
 * the first-key eviction idiom), as much as the rest of the statistics. This costs one Map set.
 */
import type { PredictionRecord } from '../stats/stats-collector.ts';

export interface RememberedPrediction {
  record: PredictionRecord;
  at: number;
  /**
   * Labels by row (a second label for a row is a conflict); made on the first label. Kept so a
   * shadow prediction that finishes after its label came back still gets it.
   */
  labelled: Map<number, string | number> | null;
  /** A rollout candidate's shadow prediction on the same request: labels count for it too. */
  shadow?: PredictionRecord;
}

export type Lookup = { found: true; entry: RememberedPrediction } | { found: false; reason: 'unknown' | 'expired' };

export interface PredictionMemory {
  remember(requestId: string, record: PredictionRecord): void;
  lookup(requestId: string): Lookup;
  readonly size: number;
}

export function createPredictionMemory(options: { maxEntries: number; ttlMs: number; now: () => number }): PredictionMemory {
  const generation = Math.max(1, Math.ceil(options.maxEntries / 2));
  let current = new Map<string, RememberedPrediction>();
  let previous = new Map<string, RememberedPrediction>();

  const put = (requestId: string, entry: RememberedPrediction) => {
    current.set(requestId, entry);
    if (current.size >= generation) {
      previous = current;
      current = new Map();
    }
  };

  return {
    remember(requestId, record) {
      // A reused id (clients may send their own) refers to the newest request; the older entry of
      // the previous generation is shadowed by this one and leaves with its generation.
      put(requestId, { record, at: options.now(), labelled: null });
    },
    lookup(requestId) {
      let entry = current.get(requestId);
      if (!entry) {
        entry = previous.get(requestId);
        if (entry) put(requestId, entry);
      }
      if (!entry) return { found: false, reason: 'unknown' };
      if (options.now() - entry.at > options.ttlMs) return { found: false, reason: 'expired' };
      return { found: true, entry };
    },
    get size() {
      let n = current.size;
      for (const id of previous.keys()) if (!current.has(id)) n++;
      return n;
    },
  };
}
