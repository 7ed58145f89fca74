/**
 * The server side of bench/shadow.ts, in its own process (the load generator must not share the
 * event loop that runs the shadows). OIP apps over the same sessions: `raw` and `control` (no
 * router: the path every request took before rollouts), and `shadow` (the agent's arm router with a
 * shadow directive: the baseline answers, the candidate runs on the same inputs after).
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
// BENCH_SHADOW_MAX_SHARE tries another shadow time budget (the runner's default is 0.05).
const maxShare = process.env['BENCH_SHADOW_MAX_SHARE'] ? Number(process.env['BENCH_SHADOW_MAX_SHARE']) : undefined;
const runner = createShadowRunner({ onResult: () => {}, ...(maxShare !== undefined ? { maxShare } : {}) });
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
// A second router-less app: raw against raw shows how much of a difference this machine's noise makes.
const control = await listen(createOipApp({ registry }));
const shadow = await listen(createOipApp({ registry, router }));
process.send?.({ raw: raw.port, control: control.port, shadow: shadow.port });

process.on('message', (message) => {
  if (message === 'stats') process.send?.({ stats: runner.status() });
  if (message === 'stop') {
    raw.close();
    control.close();
    shadow.close();
    void runner.close().then(() => process.exit(0));
  }
});
