import {
  EdgefleetError,
  durationSeconds,
  mergeSummaryStats,
  type DriftQuery,
  type DriftReport,
  type EvaluationQuery,
  type IngestStatus,
  type Profile,
  type QualityReport,
  type SummaryStats,
  type Timeseries,
  type TimeseriesQuery,
} from '../../../protocol/index.ts';
import type { Clock } from '../../clock.ts';
import type { BucketRow, BucketsStore } from './buckets.store.ts';
import { computeDrift, judgeHistoryWindow, type JudgedWindow, type NullThresholdCache } from './drift-report.ts';
import { computeQuality } from './quality-report.ts';
import { decodeStats } from './stats-codec.ts';
import { metricValue } from './timeseries-metrics.ts';

export interface EvaluationQueries {
  drift(query: DriftQuery): { reports: DriftReport[] };
  quality(query: EvaluationQuery): { groups: QualityReport[] };
  timeseries(query: TimeseriesQuery): Timeseries;
  ingestStatus(query: EvaluationQuery): IngestStatus;
}

export interface EvaluationQueriesDeps {
  buckets: Pick<BucketsStore, 'list' | 'cohorts'>;
  profiles: { current(model: string, version: string): { sha256: string; profile: Profile } | null; bySha(sha256: string): Profile | null };
  /** Called before every read: folds the ingest journal into the bucket rows. */
  beforeRead?: () => void;
  /** Device ids a label selector matches (throws BAD_SELECTOR). */
  devicesMatching(selector: string): Set<string>;
  clock: Clock;
  /** Past windows of the report's length looked at for history thresholds (default 24). */
  historyWindows?: number;
  /** Healthy past windows needed for a history threshold (default 10). */
  minHistory?: number;
  defaults?: { alpha?: number; maxDriftedShare?: number };
}

const MAX_POINTS = 2000;

/** A cache that forgets its oldest entry past `limit`, and entries older than `ttlMs` (by `now`). */
function boundedCache<V>(limit: number, ttlMs = Infinity, now: () => number = () => 0) {
  const map = new Map<string, { value: V; at: number }>();
  return {
    get(key: string, compute: () => V): V {
      const hit = map.get(key);
      if (hit && now() - hit.at < ttlMs) return hit.value;
      const value = compute();
      map.delete(key);
      if (map.size >= limit) map.delete(map.keys().next().value as string);
      map.set(key, { value, at: now() });
      return value;
    },
  };
}

/** Merge bucket rows (all counted on one profile) into one window; null when there are none. */
export function mergeRows(rows: readonly BucketRow[]): SummaryStats | null {
  let merged: SummaryStats | null = null;
  for (const row of rows) {
    const stats = decodeStats(row.stats);
    merged = merged ? mergeSummaryStats(merged, stats) : stats;
  }
  return merged;
}

const groupBy = <T>(items: readonly T[], key: (t: T) => string) => {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
};

/**
 * Reports over merged buckets: drift per (model, version) against its current profile, quality per
 * (model, version, variant, arm, profile), time series and ingest status. Reads only; every report
 * merges the bucket rows of its range (merges are exact, so the order does not matter).
 */
export function createEvaluationQueries(deps: EvaluationQueriesDeps): EvaluationQueries {
  const { buckets, profiles, clock } = deps;
  const historyWindows = deps.historyWindows ?? 24;
  const minHistory = deps.minHistory ?? 10;
  const nullThresholds: NullThresholdCache = boundedCache<number>(10_000);
  // Past windows judged once and kept for 10 minutes (late summaries still reach them after that).
  const judgedHistory = boundedCache<JudgedWindow | null>(5_000, 10 * 60_000, () => clock.now().getTime());

  function range(query: EvaluationQuery): { from: number; to: number } {
    deps.beforeRead?.(); // every report starts here
    const to = query.until ? Date.parse(query.until) : clock.now().getTime();
    const seconds = durationSeconds(query.since);
    const from = Number.isNaN(seconds) ? Date.parse(query.since) : to - seconds * 1000;
    if (!(from < to)) throw new EdgefleetError('VALIDATION_FAILED', '"since" must be before "until"');
    return { from, to };
  }

  function rowsFor(query: EvaluationQuery, from: number, to: number, extra: { model?: string; version?: string; profileSha256?: string } = {}) {
    const rows = buckets.list({
      from, to, model: extra.model ?? query.model, version: extra.version ?? query.version,
      variant: query.variant, arm: query.arm, profileSha256: extra.profileSha256,
    });
    if (query.selector === undefined || query.selector === '') return rows;
    const allowed = deps.devicesMatching(query.selector);
    return rows.filter((r) => allowed.has(r.deviceId));
  }

  function driftReport(query: DriftQuery, model: string, version: string, from: number, to: number): DriftReport | null {
    const current = profiles.current(model, version);
    if (!current) return null;
    const cohort = { model, version, profileSha256: current.sha256 };
    const now = rowsFor(query, from, to, cohort);
    const stats = mergeRows(now);
    if (!stats) return null;
    const options = {
      alpha: query.alpha ?? deps.defaults?.alpha ?? 0.01,
      maxDriftedShare: query.maxDriftedShare ?? deps.defaults?.maxDriftedShare ?? 0.5,
      minHistory,
    };
    // History: the windows of the same length right before this one, each judged once and cached.
    const length = to - from;
    const history: JudgedWindow[] = [];
    for (let j = 1; j <= (query.history === 'off' ? 0 : historyWindows); j++) {
      const start = from - j * length;
      const key = [current.sha256, query.variant, query.arm, query.selector, options.alpha, start, length].join('|');
      const judged = judgedHistory.get(key, () => {
        const past = mergeRows(rowsFor(query, start, start + length, cohort));
        return past ? judgeHistoryWindow(current.profile, past, options, nullThresholds, current.sha256) : null;
      });
      if (judged) history.push(judged);
    }
    const verdict = computeDrift(current.profile, stats, history, options, nullThresholds, current.sha256);
    return {
      model, version, profile: current.sha256, variant: query.variant ?? null, arm: query.arm ?? null, selector: query.selector ?? null,
      since: new Date(from).toISOString(), until: new Date(to).toISOString(),
      predictions: stats.counts.predictions, devices: new Set(now.map((r) => r.deviceId)).size,
      summaries: now.reduce((n, r) => n + r.summaries, 0),
      alpha: options.alpha, maxDriftedShare: options.maxDriftedShare, ...verdict,
    };
  }

  return {
    drift(query) {
      const { from, to } = range(query);
      const cohorts = new Map<string, { model: string; version: string }>();
      for (const c of buckets.cohorts({ from, to, model: query.model, version: query.version })) cohorts.set(`${c.model}\u0000${c.version}`, c);
      const reports = [...cohorts.values()].map((c) => driftReport(query, c.model, c.version, from, to)).filter((r): r is DriftReport => r !== null);
      return { reports };
    },

    quality(query) {
      const { from, to } = range(query);
      const rows = rowsFor(query, from, to);
      const groups = groupBy(rows, (r) => [r.model, r.version, r.variant, r.arm, r.profileSha256].join('\u0000'));
      const since = new Date(from).toISOString();
      const until = new Date(to).toISOString();
      return {
        groups: [...groups.values()].map((group) => {
          const first = group[0]!;
          const profile = first.profileSha256 ? profiles.bySha(first.profileSha256) : null;
          return computeQuality({
            model: first.model, version: first.version, variant: first.variant as QualityReport['variant'], arm: first.arm,
            profile: first.profileSha256 || null, devices: new Set(group.map((r) => r.deviceId)).size,
            summaries: group.reduce((n, r) => n + r.summaries, 0), gaps: group.reduce((n, r) => n + r.gaps, 0),
          }, mergeRows(group)!, profile, { since, until });
        }),
      };
    },

    timeseries(query) {
      const { from, to } = range(query);
      const bucketMs = durationSeconds(query.bucket) * 1000;
      if ((to - from) / bucketMs > MAX_POINTS) {
        throw new EdgefleetError('VALIDATION_FAILED', `${query.bucket} buckets over this range make more than ${MAX_POINTS} points; use a larger bucket`);
      }
      const rows = rowsFor(query, from, to);
      const series = groupBy(rows, (r) => [r.model, r.version, r.variant, r.arm, r.profileSha256].join('\u0000'));
      return {
        metric: query.metric, bucketSeconds: bucketMs / 1000,
        series: [...series.values()].map((group) => {
          const first = group[0]!;
          const profile = first.profileSha256 ? profiles.bySha(first.profileSha256) : null;
          const points = [...groupBy(group, (r) => String(Math.floor(r.bucketStart / bucketMs) * bucketMs)).entries()]
            .map(([t, pointRows]) => {
              const stats = mergeRows(pointRows)!;
              const value = metricValue(query.metric, stats, profile, pointRows);
              return { t: new Date(Number(t)).toISOString(), value, n: stats.counts.predictions };
            })
            .sort((a, b) => (a.t < b.t ? -1 : 1));
          return { model: first.model, profile: first.profileSha256 || null, version: first.version, variant: first.variant as QualityReport['variant'], arm: first.arm, points };
        }),
      };
    },

    ingestStatus(query) {
      const { from, to } = range(query);
      const byDevice = groupBy(rowsFor(query, from, to), (r) => r.deviceId);
      return {
        devices: [...byDevice.entries()].map(([deviceId, rows]) => ({
          deviceId,
          summaries: rows.reduce((n, r) => n + r.summaries, 0),
          predictions: rows.reduce((n, r) => n + r.predictions, 0),
          gaps: rows.reduce((n, r) => n + r.gaps, 0),
          lastBucket: new Date(Math.max(...rows.map((r) => r.bucketStart))).toISOString(),
        })).sort((a, b) => (a.deviceId < b.deviceId ? -1 : 1)),
      };
    },
  };
}
