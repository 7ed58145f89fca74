/**
 * The server side of bench/shadow.ts, in its own process (the load generator must not share the
 * event loop that runs the shadows). Two OIP apps over the same sessions: `raw` on one port (no
 * router: the path every request took before rollouts), `shadow` on another (the agent's arm router
 * with a shadow directive: the baseline answers, the candidate runs on the same inputs after).
 * Reports its ports over IPC; answers 'stats' with the shadow runner's counts.
 */
import { serve } from '@hono/node-server';
import type { RolloutArm, RolloutDirective } from '../protocol/index.ts';
import { createModelRegistry } from '../edge-agent/inference/model-registry.ts';
import { createOnnxEngine } from '../edge-agent/inference/onnx-engine.ts';
import { createOipApp } from '../edge-agent/inference/oip-server.ts';
import { createArmRouter } from '../edge-agent/rollout/arm-router.ts';
import { createShadowRunner } from '../edge-agent/rollout/shadow-runner.ts';
import { SHADOW_MODELS } from './shadow-setup.ts';
import { ENGINE_CONFIG } from './infer-setup.ts';

const engine = createOnnxEngine(ENGINE_CONFIG);
const registry = createModelRegistry({ maxQueueSize: 1024 });
const candidates = createModelRegistry({ keepPrevious: false, maxQueueSize: 1024 });
// Results are only counted here; the agent turns them into window statistics (not part of the served path either).
const runner = createShadowRunner({ onResult: () => {} });
const router = createArmRouter({ candidates, shadow: runner });

function arm(name: RolloutArm['name'], version: string, requestShare: number): RolloutArm {
  const sha256 = (name === 'baseline' ? 'a' : 'b').repeat(64);
  return {
    name, version, variant: 'fp32', artifactPath: `/v1/artifacts/${sha256}`, requestShare,
    signed: { keyId: 'bench', signature: 'bench', manifest: { schemaVersion: 1, name: 'bench', version, variant: 'fp32', kind: 'onnx', sha256, size: 1, inputs: [], outputs: [], opset: 17, createdAt: '2026-01-01T00:00:00.000Z' } },
  };
}

for (const model of SHADOW_MODELS) {
  registry.activate(model.name, '1', await engine.load(model.build(1)));
  const directive: RolloutDirective = { id: 'ro_bench', step: 0, arms: [arm('baseline', '1', 100), arm('candidate', '2', 0)], shadow: { arm: 'candidate' } };
  router.loadCandidate(model.name, directive.arms[1]!, await engine.load(model.build(2)), {});
  router.apply(model.name, directive);
}

const listen = (app: ReturnType<typeof createOipApp>) =>
  new Promise<{ port: number; close: () => void }>((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve({ port: info.port, close: () => server.close() }));
  });
const raw = await listen(createOipApp({ registry }));
const shadow = await listen(createOipApp({ registry, router }));
process.send?.({ raw: raw.port, shadow: shadow.port });

process.on('message', (message) => {
  if (message === 'stats') process.send?.({ stats: runner.status() });
  if (message === 'stop') {
    raw.close();
    shadow.close();
    void runner.close().then(() => process.exit(0));
  }
});
