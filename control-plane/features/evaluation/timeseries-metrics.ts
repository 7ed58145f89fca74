/** The value of one time-series metric in one merged point. Pure. */
import { LATENCY_EDGES_MS, type Profile, type SummaryStats } from '../../../protocol/index.ts';
import type { BucketRow } from './buckets.store.ts';
import { featureDriftStatistic } from './drift-report.ts';
import { classification, histogramQuantile, regression } from './quality-report.ts';

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

/**
 * `metric` of a point (see `timeseriesMetrics` in protocol/evaluation.ts); null when the point has
 * no data for it (no labels for accuracy, an unknown feature for drift).
 *
 * @example
 * metricValue('latency_p95', stats, profile, rows) // 12.7 (ms)
 */
export function metricValue(metric: string, stats: SummaryStats, profile: Profile | null, rows: readonly BucketRow[]): number | null {
  const { counts } = stats;
  const colon = metric.indexOf(':');
  if (colon > 0) {
    const kind = metric.slice(0, colon);
    const name = metric.slice(colon + 1);
    if (kind === 'business') {
      const i = stats.business?.names.indexOf(name) ?? -1;
      return i >= 0 ? stats.business!.counts[i]! : 0;
    }
    if (!profile) return null;
    const drift = featureDriftStatistic(profile, stats, name);
    return drift === null ? null : kind === 'psi' ? drift.psi : drift.statistic;
  }
  switch (metric) {
    case 'predictions': return counts.predictions;
    case 'errors': return counts.errors;
    case 'error_rate': return ratio(counts.errors, counts.predictions);
    case 'nan_rate': return ratio(counts.nanOutputs, counts.predictions);
    case 'latency_p50': return histogramQuantile(LATENCY_EDGES_MS, stats.latency.counts, 0.5, stats.latency.moments);
    case 'latency_p95': return histogramQuantile(LATENCY_EDGES_MS, stats.latency.counts, 0.95, stats.latency.moments);
    case 'latency_p99': return histogramQuantile(LATENCY_EDGES_MS, stats.latency.counts, 0.99, stats.latency.moments);
    case 'accuracy': return profile?.output?.spec.task === 'classification' ? classification(stats, profile.output.spec.classes ?? []).accuracy : null;
    case 'mae': return regression(stats).mae;
    case 'rmse': return regression(stats).rmse;
    case 'cpu': return stats.resources?.cpu?.count ? stats.resources.cpu.mean : null;
    case 'memory_bytes': return stats.resources?.memoryBytes?.count ? stats.resources.memoryBytes.mean : null;
    case 'summaries': return rows.reduce((n, r) => n + r.summaries, 0);
    case 'gaps': return rows.reduce((n, r) => n + r.gaps, 0);
    case 'feedback': return stats.feedback?.n ?? 0;
    default: return null;
  }
}
