/**
 * The arm router and shadow runner behind the real OIP app (app.request) on real onnxruntime
 * sessions: request split by share, sticky keys, shadow after the answer, the bounded shadow queue,
 * pinned versions, and the way back to the baseline.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { requestBucket, requestGoesToCandidate, type RolloutArm, type RolloutDirective } from '../../protocol/index.ts';
import { buildMlp } from '../../test/fixtures/models/index.ts';
import type { Tensor } from '../inference/engine.ts';
import { createModelRegistry, type ModelRegistry } from '../inference/model-registry.ts';
import { createOnnxEngine } from '../inference/onnx-engine.ts';
import { createOipApp } from '../inference/oip-server.ts';
import { createArmRouter, STICKY_HEADER, type ArmRouter } from './arm-router.ts';
import type { ShadowOutcome } from './shadow-compare.ts';
import { createShadowRunner, type ShadowRunner, type ShadowRunnerOptions } from './shadow-runner.ts';

const engine = createOnnxEngine({ intraOpNumThreads: 1 });
const mlp = (seed: number, inputs = 4) => buildMlp({ inputs, hidden: [8], outputs: 3, seed, softmax: true });
const ROLLOUT = 'ro_router_test';

function arm(name: RolloutArm['name'], version: string, requestShare: number): RolloutArm {
  const sha256 = (name === 'baseline' ? 'a' : 'b').repeat(64);
  return {
    name, version, variant: 'fp32', artifactPath: `/v1/artifacts/${sha256}`, requestShare,
    signed: {
      keyId: 'k', signature: 's',
      manifest: { schemaVersion: 1, name: 'm', version, variant: 'fp32', kind: 'onnx', sha256, size: 1, inputs: [], outputs: [], opset: 17, createdAt: '2026-01-01T00:00:00.000Z' },
    },
  };
}

function directive(share: number, extra: Partial<RolloutDirective> = {}): RolloutDirective {
  return { id: ROLLOUT, step: 1, arms: [arm('baseline', '1', 100 - share), arm('candidate', '2', share)], ...extra };
}

interface Setup {
  app: ReturnType<typeof createOipApp>;
  router: ArmRouter;
  runner: ShadowRunner;
  registry: ModelRegistry;
  candidates: ModelRegistry;
  outcomes: ShadowOutcome[];
}

let current: Setup | undefined;
afterEach(async () => {
  await current?.runner.close();
  await current?.candidates.close();
  await current?.registry.close();
  current = undefined;
});

async function setup(d: RolloutDirective, options: { shadow?: Partial<ShadowRunnerOptions>; candidateInputs?: number } = {}): Promise<Setup> {
  const registry = createModelRegistry();
  const candidates = createModelRegistry({ keepPrevious: false });
  const outcomes: ShadowOutcome[] = [];
  const runner = createShadowRunner({ onResult: (o) => outcomes.push(o), ...options.shadow });
  const router = createArmRouter({ candidates, shadow: runner });
  registry.activate('m', '1', await engine.load(mlp(1)));
  router.loadCandidate('m', d.arms[1]!, await engine.load(mlp(2, options.candidateInputs)), {});
  router.apply('m', d);
  const app = createOipApp({ registry, router });
  current = { app, router, runner, registry, candidates, outcomes };
  return current;
}

const row = (i: number) => Array.from({ length: 4 }, (_, k) => Math.sin(i * 4 + k));

async function infer(app: Setup['app'], i: number, init: { id?: string; parameters?: Record<string, unknown>; headers?: Record<string, string>; version?: string } = {}) {
  const path = init.version ? `/v2/models/m/versions/${init.version}/infer` : '/v2/models/m/infer';
  const body = { ...(init.id ? { id: init.id } : {}), ...(init.parameters ? { parameters: init.parameters } : {}), inputs: [{ name: 'input', shape: [1, 4], datatype: 'FP32', data: row(i) }] };
  const res = await app.request(path, { method: 'POST', headers: { 'content-type': 'application/json', ...init.headers }, body: JSON.stringify(body) });
  const json = (await res.json()) as { model_version?: string; outputs?: Array<{ data: number[] }> };
  return { status: res.status, version: json.model_version, requestId: res.headers.get('x-request-id')!, output: json.outputs?.[0]?.data };
}

/** Run deferred pumps until `n` shadows have finished. */
async function drain(runner: ShadowRunner, deferred: Array<() => void>, n: number): Promise<void> {
  while (runner.status().compared + runner.status().failed < n) {
    deferred.splice(0).forEach((fn) => fn());
    await new Promise((r) => setTimeout(r, 1));
  }
}

const goesToCandidate = (key: string, share: number) => requestGoesToCandidate(requestBucket(ROLLOUT, key), share);

async function direct(seed: number, i: number): Promise<number[]> {
  const model = await engine.load(mlp(seed));
  const out = await model.run({ input: { datatype: 'FP32', shape: [1, 4], data: new Float32Array(row(i)) } as Tensor });
  await model.dispose();
  return Array.from(out['output']!.data as Float32Array);
}

describe('arm router', () => {
  it('serves the candidate its request share, decided by the request id', async () => {
    const { app } = await setup(directive(30));
    const answers: Awaited<ReturnType<typeof infer>>[] = [];
    for (let chunk = 0; chunk < 6; chunk++) answers.push(...(await Promise.all(Array.from({ length: 100 }, (_, i) => infer(app, chunk * 100 + i)))));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    for (const a of answers) expect(a.version).toBe(goesToCandidate(a.requestId, 30) ? '2' : '1');
    const share = answers.filter((a) => a.version === '2').length / answers.length;
    expect(share).toBeGreaterThan(0.3 - 5 * Math.sqrt(0.21 / 600));
    expect(share).toBeLessThan(0.3 + 5 * Math.sqrt(0.21 / 600));
    // A client's own id is the key: the same id lands on the same arm every time.
    for (let i = 0; i < 20; i++) {
      const [a, b] = [await infer(app, i, { id: `req-${i}` }), await infer(app, i + 1, { id: `req-${i}` })];
      expect(a.version).toBe(b.version);
      expect(a.version).toBe(goesToCandidate(`req-${i}`, 30) ? '2' : '1');
    }
  });

  it('keeps a caller on one arm by its sticky key: OIP parameter, its own header, or X-Edgefleet-Key', async () => {
    const { app } = await setup(directive(50, { stickyKey: 'user' }));
    for (let u = 0; u < 40; u++) {
      const expected = goesToCandidate(`user-${u}`, 50) ? '2' : '1';
      expect((await infer(app, u, { parameters: { user: `user-${u}` } })).version).toBe(expected);
      expect((await infer(app, u + 7, { headers: { user: `user-${u}` } })).version).toBe(expected);
      expect((await infer(app, u + 9, { headers: { [STICKY_HEADER]: `user-${u}` } })).version).toBe(expected);
    }
    // Without the key the request id decides.
    const loose = await infer(app, 1);
    expect(loose.version).toBe(goesToCandidate(loose.requestId, 50) ? '2' : '1');
  });

  it('shadow: the baseline answers every request, the candidate runs on the same inputs after the answer', async () => {
    const deferred: Array<() => void> = [];
    const { app, outcomes, runner } = await setup(directive(0, { shadow: { arm: 'candidate' } }), { shadow: { schedule: (fn) => deferred.push(fn) } });
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => infer(app, i)));
    expect(answers.every((a) => a.status === 200 && a.version === '1')).toBe(true);
    // Every answer is out and no shadow has started: they wait for the next turn.
    expect(outcomes).toEqual([]);
    expect(runner.status()).toMatchObject({ queued: 30, running: 0 });
    await drain(runner, deferred, 30);
    expect(outcomes.map((o) => o.served.requestId).sort()).toEqual(answers.map((a) => a.requestId).sort());
    const first = outcomes.find((o) => o.served.requestId === answers[3]!.requestId)!;
    expect(first.version).toBe('2');
    expect(Array.from(first.outputs!['output']!.data as Float32Array)).toEqual(await direct(2, 3));
    expect(Array.from(first.served.outputs['output']!.data as Float32Array)).toEqual(await direct(1, 3));
    expect(first.rows).toHaveLength(1);
    expect(first.runMs).toBeGreaterThan(0);
  });

  it('drops and counts shadows past the queue bound; the answers are not touched', async () => {
    const deferred: Array<() => void> = [];
    const { app, runner } = await setup(directive(0, { shadow: { arm: 'candidate' } }), { shadow: { maxQueue: 5, schedule: (fn) => deferred.push(fn) } });
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => infer(app, i)));
    expect(answers.every((a) => a.status === 200 && a.version === '1')).toBe(true);
    expect(runner.status()).toMatchObject({ queued: 5, dropped: 15 });
    await drain(runner, deferred, 5);
    expect(runner.status()).toMatchObject({ queued: 0, compared: 5, dropped: 15 });
  });

  it('pinned versions bypass the split; the candidate is reachable by version while it is loaded', async () => {
    const { app } = await setup(directive(100));
    expect((await infer(app, 1)).version).toBe('2');
    expect((await infer(app, 1, { version: '1' })).version).toBe('1');
    expect((await infer(app, 1, { version: '2' })).version).toBe('2');
    expect((await app.request('/v2/models/m/versions/2/ready')).status).toBe(200);
  });

  it('clear puts the baseline back at once and unloads the candidate', async () => {
    const { app, router, candidates } = await setup(directive(100));
    expect((await infer(app, 1)).version).toBe('2');
    await router.clear('m');
    expect((await infer(app, 1)).version).toBe('1');
    expect((await infer(app, 1, { version: '2' })).status).toBe(404);
    expect(candidates.describe('m')).toBeUndefined();
    expect(router.status()).toEqual([]);
    expect(router.pinned().size).toBe(0);
  });

  it('a candidate with other inputs never takes a request, and its shadow counts as failed', async () => {
    const split = await setup(directive(100), { candidateInputs: 5 });
    expect((await infer(split.app, 1)).version).toBe('1');
    split.router.apply('m', directive(0, { shadow: { arm: 'candidate' } }));
    expect((await infer(split.app, 2)).status).toBe(200);
    while (split.outcomes.length === 0) await new Promise((r) => setTimeout(r, 5));
    expect(split.runner.status()).toMatchObject({ failed: 1, compared: 0 });
    expect(split.outcomes[0]!.error?.message).toMatch(/takes other inputs/);
  });
});
