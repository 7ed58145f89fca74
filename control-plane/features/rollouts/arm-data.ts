/**
 * Gate inputs from the evaluation feature's merged summary buckets: one arm of one rollout step,
 * merged over the step's time range, per device and overall. Reads through the buckets store's
 * `list`, so the rollouts feature never writes (or owns) evaluation tables.
 */
import { mergeSummaryStats, type SummaryStats } from '../../../protocol/index.ts';
import type { BucketFilter } from '../evaluation/buckets.store.ts';

/** One merged bucket (device, arm, time bucket) as the gates need it; `stats()` decodes on demand. */
export interface ArmBucket {
  deviceId: string;
  profileSha256: string;
  predictions: number;
  stats(): SummaryStats;
}

/**
 * The evaluation feature's buckets as the gates read them. The adapter (rollouts-feature.ts) folds
 * the ingest journal first and decodes rows with the evaluation feature's own code, so the storage
 * format stays that feature's business.
 */
export interface BucketReader {
  list(filter: BucketFilter): ArmBucket[];
}

/** One arm's data for a step. */
export interface ArmData {
  arm: string;
  version: string;
  /** All devices merged; null when no device reported. */
  merged: SummaryStats | null;
  /** Each device's merged statistics: devices are the unit of the per-device tests. */
  perDevice: Map<string, SummaryStats>;
  /** Predictions left out because they were counted on another profile than the arm's main one. */
  excludedPredictions: number;
  /** sha256 of the profile the arm's windows were counted on ('' without one), null without data. */
  profileSha256: string | null;
}

export interface ArmQuery {
  model: string;
  version: string;
  arm: string;
  /** Epoch ms, inclusive: the step's start, floored to the bucket by the store's caller. */
  from: number;
  /** Epoch ms, exclusive. */
  to: number;
  /** Only these devices count (the cohort, or the target outside it). */
  devices: ReadonlySet<string>;
}

/** An empty arm: what a step with no traffic sees. */
export const emptyArm = (arm: string, version: string): ArmData => ({
  arm, version, merged: null, perDevice: new Map(), excludedPredictions: 0, profileSha256: null,
});

/**
 * Load and merge one arm. Windows merge only when counted on the same profile, so the arm keeps
 * the profile with the most predictions (a profile rebuilt mid-step leaves a few windows on the old
 * one) and reports the rest as excluded rather than failing the gate.
 */
export function loadArm(reader: BucketReader, query: ArmQuery): ArmData {
  const rows = reader
    .list({ model: query.model, version: query.version, arm: query.arm, from: query.from, to: query.to })
    .filter((r) => query.devices.has(r.deviceId));
  if (rows.length === 0) return emptyArm(query.arm, query.version);
  const byProfile = new Map<string, number>();
  for (const r of rows) byProfile.set(r.profileSha256, (byProfile.get(r.profileSha256) ?? 0) + r.predictions);
  const main = [...byProfile].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
  const perDevice = new Map<string, SummaryStats>();
  let excludedPredictions = 0;
  for (const r of rows) {
    if (r.profileSha256 !== main) {
      excludedPredictions += r.predictions;
      continue;
    }
    const stats = r.stats();
    const seen = perDevice.get(r.deviceId);
    perDevice.set(r.deviceId, seen ? mergeSummaryStats(seen, stats) : stats);
  }
  let merged: SummaryStats | null = null;
  for (const stats of perDevice.values()) merged = merged ? mergeSummaryStats(merged, stats) : stats;
  return { arm: query.arm, version: query.version, merged, perDevice, excludedPredictions, profileSha256: main };
}
