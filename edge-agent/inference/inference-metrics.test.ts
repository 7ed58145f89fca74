import { spawnSync } from 'node:child_process';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createInferenceMetrics, failureReason } from './inference-metrics.ts';

describe('inference metrics', () => {
  it('registers Triton-like names with units on the injected registry', async () => {
    const registry = new Registry();
    const metrics = createInferenceMetrics(registry);
    metrics.requestSucceeded('m', '1');
    metrics.requestFailed('m', '1', failureReason('QUEUE_FULL'));
    metrics.batchExecuted('m', '1', { requests: 2, samples: 5, queueMs: [1, 2], computeMs: 3, failed: false });
    metrics.modelLoaded('m', '1', 0.2);
    metrics.modelActivated('m', '1', 'int8', 'cpu');
    metrics.modelActivated('m', '2', 'int8', 'cpu');
    const byName = Object.fromEntries((await registry.getMetricsAsJSON()).map((m) => [m.name, m]));
    expect(Object.keys(byName).sort()).toEqual([
      'edgefleet_inference_compute_duration_seconds',
      'edgefleet_inference_count_total',
      'edgefleet_inference_execution_count_total',
      'edgefleet_inference_queue_duration_seconds',
      'edgefleet_inference_request_failure_total',
      'edgefleet_inference_request_success_total',
      'edgefleet_model_active_info',
      'edgefleet_model_load_duration_seconds',
    ]);
    const text = await registry.metrics();
    expect(text).toContain('edgefleet_inference_count_total{model="m",version="1"} 5');
    expect(text).toContain('edgefleet_inference_execution_count_total{model="m",version="1"} 1');
    expect(text).toContain('edgefleet_inference_request_failure_total{model="m",version="1",reason="queue_full"} 1');
    expect(text).toContain('edgefleet_inference_queue_duration_seconds_count{model="m",version="1"} 2');
    expect(text).toContain('edgefleet_inference_compute_duration_seconds_sum{model="m",version="1"} 0.003');
    // Only the active version is shown.
    expect(text).not.toContain('edgefleet_model_active_info{model="m",version="1"');
    expect(text).toContain('edgefleet_model_active_info{model="m",version="2",variant="int8",execution_provider="cpu"} 1');
    metrics.modelRemoved('m');
    expect(await registry.metrics()).not.toContain('edgefleet_model_active_info{');
  });

  const promtool = spawnSync('promtool', ['--version']).status === 0;
  it.skipIf(!promtool)('exposition passes promtool check metrics', async () => {
    const registry = new Registry();
    const metrics = createInferenceMetrics(registry);
    metrics.batchExecuted('m', '1', { requests: 1, samples: 1, queueMs: [0.1], computeMs: 0.2, failed: false });
    metrics.modelActivated('m', '1', 'fp32', 'cpu');
    const result = spawnSync('promtool', ['check', 'metrics'], { input: await registry.metrics(), encoding: 'utf8' });
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('maps every error code to a closed set of reasons', () => {
    expect(failureReason('MODEL_NOT_FOUND')).toBe('not_found');
    expect(failureReason('INFERENCE_FAILED')).toBe('inference_error');
    expect(failureReason(undefined)).toBe('internal');
  });
});
