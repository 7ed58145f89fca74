/**
 * Copies an evaluation snapshot into the Prometheus metrics at scrape time. Counters only move
 * forward, so each is advanced by what the cumulative total grew since the last scrape; gauges are
 * reset first so a model version that left the window stops being reported.
 */
import type { ControlPlaneMetrics } from '../../metrics.ts';
import type { EvaluationMetricsSnapshot } from './evaluation-feature.ts';

export function createEvaluationMetricsSync(metrics: ControlPlaneMetrics): (snapshot: EvaluationMetricsSnapshot) => void {
  const seen = new Map<string, { predictions: number; errors: number }>();
  const set = (gauge: { set(labels: never, value: number): void }, labels: Record<string, string>, value: number | null | boolean) => {
    if (value === null) return;
    gauge.set(labels as never, typeof value === 'boolean' ? Number(value) : value);
  };
  return (snapshot) => {
    for (const t of snapshot.totals) {
      const key = JSON.stringify(t.labels);
      const before = seen.get(key) ?? { predictions: 0, errors: 0 };
      if (t.predictions > before.predictions) metrics.predictions.inc(t.labels, t.predictions - before.predictions);
      else metrics.predictions.inc(t.labels, 0); // expose the series from the first summary on
      if (t.errors > before.errors) metrics.predictionErrors.inc(t.labels, t.errors - before.errors);
      else metrics.predictionErrors.inc(t.labels, 0);
      seen.set(key, { predictions: t.predictions, errors: t.errors });
    }
    for (const g of [metrics.featureDrift, metrics.featureDrifted, metrics.modelDrifted, metrics.modelAccuracy, metrics.modelErrors, metrics.modelLatencyP95, metrics.alertsFiring]) g.reset();
    for (const d of snapshot.drift) {
      set(metrics.modelDrifted, { model: d.model, version: d.version }, d.drifted);
      for (const f of d.features) {
        const labels = { model: d.model, version: d.version, feature: f.feature };
        set(metrics.featureDrift, labels, f.statistic);
        set(metrics.featureDrifted, labels, f.drifted);
      }
    }
    for (const q of snapshot.quality) {
      set(metrics.modelAccuracy, q.labels, q.accuracy);
      set(metrics.modelErrors, q.labels, q.errorRate);
      set(metrics.modelLatencyP95, q.labels, q.latencyP95Ms === null ? null : q.latencyP95Ms / 1000);
    }
    for (const [rule, n] of Object.entries(snapshot.alertsFiring)) metrics.alertsFiring.set({ rule }, n);
  };
}
