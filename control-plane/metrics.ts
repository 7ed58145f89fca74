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
  };
}
export type ControlPlaneMetrics = ReturnType<typeof createControlPlaneMetrics>;
