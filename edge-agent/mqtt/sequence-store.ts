import { z } from 'zod';
import { readJsonFile, writeFileAtomic } from '../util/atomic-file.ts';

const fileSchema = z.record(z.string(), z.number().int().nonnegative());

/**
 * Per-device sequence numbers, one counter per channel (presence, reported, events), persisted
 * before each number is handed out. The control plane keeps a high-water mark per (device,
 * channel): a number reused after a restart would be dropped as a duplicate, and a counter shared by
 * all channels would look like gaps on each of them.
 */
export interface SequenceStore {
  next(channel: string): number;
}

export function createSequenceStore(path: string): SequenceStore {
  const parsed = fileSchema.safeParse(readJsonFile(path) ?? {});
  // A damaged file must not reset the counters to 0 (every message would be a "duplicate"); start
  // above anything plausible instead: the current time in ms is larger than any count so far.
  const counters: Record<string, number> = parsed.success ? { ...parsed.data } : { floor: Date.now() };
  const floor = counters['floor'] ?? 0;
  return {
    next(channel) {
      const value = Math.max(counters[channel] ?? 0, floor);
      counters[channel] = value + 1;
      writeFileAtomic(path, JSON.stringify(counters), 0o600);
      return value;
    },
  };
}
