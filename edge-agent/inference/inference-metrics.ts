/**
 * Prometheus metrics of the inference core, named after Triton's (nv_inference_request_success,
 * nv_inference_count, nv_inference_exec_count, nv_inference_queue_duration_us, ...) with the
 * edgefleet prefix and base units (seconds). Registered on an injected Registry so the agent's
 * /metrics and tests each own theirs.
 */
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { BatchStats } from './batcher.ts';
import type { RegistryObserver } from './model-registry.ts';
import type { InferenceErrorCode } from './errors.ts';

/** Failure reasons, a closed set so the label cannot grow with client input. */
export type FailureReason = 'not_found' | 'invalid_request' | 'payload_too_large' | 'queue_full' | 'unavailable' | 'inference_error' | 'internal';

export function failureReason(code: InferenceErrorCode | undefined): FailureReason {
  switch (code) {
    case 'MODEL_NOT_FOUND':
      return 'not_found';
    case 'INVALID_REQUEST':
      return 'invalid_request';
    case 'PAYLOAD_TOO_LARGE':
      return 'payload_too_large';
    case 'QUEUE_FULL':
      return 'queue_full';
    case 'MODEL_UNAVAILABLE':
      return 'unavailable';
    case 'INFERENCE_FAILED':
      return 'inference_error';
    default:
      return 'internal';
  }
}

/** Latency buckets from 50 µs to 5 s: CPU inference on small models sits well under a millisecond. */
const LATENCY_BUCKETS = [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
const LOAD_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

export interface InferenceMetrics {
  requestSucceeded(model: string, version: string): void;
  /** Unknown models are counted under model="" so arbitrary URLs cannot create series. */
  requestFailed(model: string, version: string, reason: FailureReason): void;
  batchExecuted(model: string, version: string, stats: BatchStats): void;
  modelLoaded(model: string, version: string, seconds: number): void;
  modelActivated(model: string, version: string, variant: string, executionProvider: string): void;
  modelRemoved(model: string): void;
}

export function createInferenceMetrics(registry: Registry): InferenceMetrics {
  const registers = [registry];
  const success = new Counter({
    name: 'edgefleet_inference_request_success_total',
    help: 'Inference requests that returned a result.',
    labelNames: ['model', 'version'] as const,
    registers,
  });
  const failure = new Counter({
    name: 'edgefleet_inference_request_failure_total',
    help: 'Inference requests that failed, by reason.',
    labelNames: ['model', 'version', 'reason'] as const,
    registers,
  });
  const samples = new Counter({
    name: 'edgefleet_inference_count_total',
    help: 'Inferences performed (samples: a request of batch size 8 counts 8).',
    labelNames: ['model', 'version'] as const,
    registers,
  });
  const executions = new Counter({
    name: 'edgefleet_inference_execution_count_total',
    help: 'Model executions (one per dynamic batch).',
    labelNames: ['model', 'version'] as const,
    registers,
  });
  const queue = new Histogram({
    name: 'edgefleet_inference_queue_duration_seconds',
    help: 'Time a request waited in the scheduling queue before its batch started.',
    labelNames: ['model', 'version'] as const,
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const compute = new Histogram({
    name: 'edgefleet_inference_compute_duration_seconds',
    help: 'Time spent executing one batch in the runtime.',
    labelNames: ['model', 'version'] as const,
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const load = new Histogram({
    name: 'edgefleet_model_load_duration_seconds',
    help: 'Time to create a runtime session and warm it up.',
    labelNames: ['model', 'version'] as const,
    buckets: LOAD_BUCKETS,
    registers,
  });
  const active = new Gauge({
    name: 'edgefleet_model_active_info',
    help: 'The model version serving requests (value 1), with its variant and execution provider.',
    labelNames: ['model', 'version', 'variant', 'execution_provider'] as const,
    registers,
  });

  // Gauge.remove() needs the exact label set, so remember what each model currently shows.
  const shown = new Map<string, { model: string; version: string; variant: string; execution_provider: string }>();
  const hide = (model: string) => {
    const labels = shown.get(model);
    if (labels) active.remove(labels);
    shown.delete(model);
  };

  return {
    requestSucceeded: (model, version) => success.inc({ model, version }),
    requestFailed: (model, version, reason) => failure.inc({ model, version, reason }),
    batchExecuted(model, version, stats) {
      const labels = { model, version };
      executions.inc(labels);
      if (!stats.failed) samples.inc(labels, stats.samples);
      for (const ms of stats.queueMs) queue.observe(labels, ms / 1000);
      compute.observe(labels, stats.computeMs / 1000);
    },
    modelLoaded: (model, version, seconds) => load.observe({ model, version }, seconds),
    modelActivated(model, version, variant, executionProvider) {
      hide(model);
      const labels = { model, version, variant, execution_provider: executionProvider };
      active.set(labels, 1);
      shown.set(model, labels);
    },
    modelRemoved: hide,
  };
}

/** Feeds registry events (loads, activations, batches) into the metrics. */
export function metricsRegistryObserver(metrics: InferenceMetrics): RegistryObserver {
  return {
    onActivate(event) {
      if (!event.rollback) metrics.modelLoaded(event.name, event.version, event.model.loadMs / 1000);
      metrics.modelActivated(event.name, event.version, event.variant, event.model.executionProvider);
    },
    onUnload: (event) => metrics.modelRemoved(event.name),
    onBatch: (event) => metrics.batchExecuted(event.name, event.version, event),
  };
}
