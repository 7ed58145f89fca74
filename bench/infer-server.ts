/**
 * The OIP server under benchmark, run as a child process of bench/infer.ts so the load generator and
 * the server do not share one event loop (on a real device the client is another process too).
 * Prints nothing; reports its port over IPC.
 */
import { serve } from '@hono/node-server';
import { Registry } from 'prom-client';
import { createInferenceMetrics, metricsRegistryObserver } from '../edge-agent/inference/inference-metrics.ts';
import { createModelRegistry } from '../edge-agent/inference/model-registry.ts';
import { createOnnxEngine } from '../edge-agent/inference/onnx-engine.ts';
import { createOipApp } from '../edge-agent/inference/oip-server.ts';
import { buildBenchMlp, loadSileroVad } from '../test/fixtures/models/index.ts';
import { BATCHING, ENGINE_CONFIG, VAD_WARMUP } from './infer-setup.ts';

const engine = createOnnxEngine(ENGINE_CONFIG);
const promRegistry = new Registry();
const metrics = createInferenceMetrics(promRegistry);
const registry = createModelRegistry({ maxQueueSize: 1024, observer: metricsRegistryObserver(metrics) });
const mlp = buildBenchMlp();
registry.activate('mlp', '1', await engine.load(mlp));
registry.activate('mlp-batched', '1', await engine.load(mlp), { batching: BATCHING });
registry.activate('vad', '5', await engine.load(await loadSileroVad(), { warmup: { feeds: VAD_WARMUP } }));

const app = createOipApp({ registry, metrics });
// The driver reads batch sizes from here after the run (samples / executions).
app.get('/metrics', async (c) => c.text(await promRegistry.metrics()));
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
  process.send?.({ port: info.port });
});

process.on('message', (message) => {
  if (message === 'stop') {
    server.close();
    void registry.close().then(() => process.exit(0));
  }
});
