import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The control plane's Prometheus metrics on their own registry (no global state, so tests can run
 * several control planes in one process). Names carry units, per Prometheus naming practice.
 */
export function createControlPlaneMetrics(options: { collectProcess?: boolean } = {}) {
  const registry = new Registry();
  if (options.collectProcess !== false) collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpDuration: new Histogram({
      name: 'edgefleet_http_request_duration_seconds',
      help: 'HTTP request duration by method, route and status.',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
      registers: [registry],
    }),
    mqttRefused: new Counter({
      name: 'edgefleet_mqtt_refused_total',
      help: 'MQTT operations refused by the broker, by kind (login, publish, subscribe).',
      labelNames: ['kind'] as const,
      registers: [registry],
    }),
    mqttDropped: new Counter({
      name: 'edgefleet_mqtt_messages_dropped_total',
      help: 'Device messages the control plane dropped, by channel and reason.',
      labelNames: ['channel', 'reason'] as const,
      registers: [registry],
    }),
    devices: new Gauge({
      name: 'edgefleet_devices',
      help: 'Enrolled devices by presence.',
      labelNames: ['presence'] as const,
      registers: [registry],
    }),
    models: new Gauge({ name: 'edgefleet_models', help: 'Registered models.', registers: [registry] }),
    modelVersions: new Gauge({ name: 'edgefleet_model_versions', help: 'Registered model versions.', registers: [registry] }),
    ...evaluationMetrics(registry),
  };
}
export type ControlPlaneMetrics = ReturnType<typeof createControlPlaneMetrics>;

/**
 * Fleet drift and quality from merged device summaries (features/evaluation), set at scrape time
 * from `evaluation.metricsSnapshot()`; drift over the last hour, quality over the last 15 minutes.
 */
function evaluationMetrics(registry: Registry) {
  const cohort = ['model', 'version', 'variant', 'arm'] as const;
  return {
    predictions: new Counter({ name: 'edgefleet_predictions_total', help: 'Predictions devices reported in accepted summaries.', labelNames: cohort, registers: [registry] }),
    predictionErrors: new Counter({ name: 'edgefleet_prediction_errors_total', help: 'Failed predictions devices reported in accepted summaries.', labelNames: cohort, registers: [registry] }),
    featureDrift: new Gauge({ name: 'edgefleet_feature_drift_score', help: 'Drift statistic of a feature over the last hour (the drift rule\'s test).', labelNames: ['model', 'version', 'feature'] as const, registers: [registry] }),
    featureDrifted: new Gauge({ name: 'edgefleet_feature_drifted', help: '1 when a feature drifted over the last hour.', labelNames: ['model', 'version', 'feature'] as const, registers: [registry] }),
    modelDrifted: new Gauge({ name: 'edgefleet_model_drifted', help: '1 when a model version\'s inputs drifted over the last hour (dataset verdict).', labelNames: ['model', 'version'] as const, registers: [registry] }),
    modelAccuracy: new Gauge({ name: 'edgefleet_model_accuracy_ratio', help: 'Accuracy from labelled feedback over the last 15 minutes.', labelNames: cohort, registers: [registry] }),
    modelErrors: new Gauge({ name: 'edgefleet_model_error_ratio', help: 'Failed predictions over predictions, last 15 minutes.', labelNames: cohort, registers: [registry] }),
    modelLatencyP95: new Gauge({ name: 'edgefleet_model_latency_p95_seconds', help: 'p95 inference latency on devices, last 15 minutes.', labelNames: cohort, registers: [registry] }),
    alertsFiring: new Gauge({ name: 'edgefleet_alerts_firing', help: 'Open alerts per rule.', labelNames: ['rule'] as const, registers: [registry] }),
  };
}
