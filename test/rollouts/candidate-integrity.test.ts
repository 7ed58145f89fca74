/**
 * A rollout's candidate arm is verified like any artifact before the directive takes effect: a
 * substituted candidate (wrong sha256) or a forged candidate manifest is refused with an
 * `artifact.rejected` event, the device keeps serving the baseline only and reports the model as
 * failed (which the engine counts as failed, not applied); a healthy transfer then loads it. Real
 * control plane and agent, tampering in a proxy between them (test/agent/http-fixtures.ts).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RolloutView } from '../../protocol/index.ts';
import { startTamperProxy, type TamperProxy, type TamperRules } from '../agent/http-fixtures.ts';
import { createTestSigner, sha256Hex } from '../agent/signed-fixtures.ts';
import { infer, startTestAgent, startTestStack, waitFor, type TestAgent, type TestStack } from '../helpers/agent.ts';
import { MODEL, modelV1, modelV2Good, modelV3Bad, WIDTH } from './rollout-models.ts';

describe('rollout candidates are verified before the directive applies (real control plane, tampering proxy)', () => {
  let stack: TestStack;
  let proxy: TamperProxy | undefined;
  let agent: TestAgent | undefined;
  let group = 0;
  const input = [{ name: 'input', shape: [1, WIDTH], datatype: 'FP32', data: [0.5, -0.5, 0.25, 0.1] }];

  beforeAll(async () => {
    stack = await startTestStack({ config: { rolloutIntervalSeconds: 1 } });
    await stack.pushModel(MODEL, '1', modelV1());
    await stack.pushModel(MODEL, '2', modelV2Good());
    await stack.api('PUT', `/v1/models/${MODEL}/aliases/prod`, { json: { version: '1' } });
  });
  afterEach(async () => {
    await agent?.stop();
    agent = undefined;
    await proxy?.close();
  });
  afterAll(async () => stack?.close());

  /** One agent in its own group behind a tampering proxy, serving v1, then a shadow rollout to v2 on that group. */
  async function rollOutBehindProxy(rules: TamperRules, options: { everything?: boolean } = {}): Promise<{ a: TestAgent; name: string }> {
    proxy = await startTamperProxy(stack.cp.url);
    Object.assign(proxy.rules, rules);
    const label = `integrity${++group}`;
    const flags = options.everything ? { controlPlaneUrl: proxy.url, mqttUrl: 'off' } : { controlPlaneUrl: stack.cp.url, artifactsUrl: proxy.url };
    const a = (agent = await startTestAgent({ ...flags, intraOpThreads: 1, enrollToken: await stack.enrollToken({ group: label }) }));
    await stack.api('PUT', `/v1/assignments/clf-${label}`, { json: { selector: `group=${label}`, model: MODEL, alias: 'prod' } });
    await waitFor(async () => (await infer(a.inferenceUrl, MODEL, input)).body.model_version === '1', { what: 'baseline served' });
    const name = `clf-${label}`;
    const spec = { model: MODEL, selector: `group=${label}`, baseline: { alias: 'prod' }, candidate: { version: '2' }, steps: [{ shadow: { deviceShare: 100 } }, { promote: {} }] };
    const res = await stack.api('POST', '/v1/rollouts', { json: { name, spec } });
    expect(res.status).toBe(201);
    return { a, name };
  }

  const view = async (name: string) => (await (await stack.api('GET', `/v1/rollouts/${name}`)).json()) as RolloutView;
  const rejected = (a: TestAgent) => a.events().find((e) => e.type === 'artifact.rejected' && e.version === '2');

  it('refuses a substituted candidate, keeps the baseline only and reports failed; loads it once the bytes are right', async () => {
    const candidateSha = sha256Hex(modelV2Good());
    const { a, name } = await rollOutBehindProxy({ artifact: (sha, bytes) => (sha === candidateSha ? modelV3Bad().subarray(0, bytes.byteLength) : bytes) });
    const event = await waitFor(() => rejected(a), { what: 'candidate rejected' });
    expect(event.evidence).toMatchObject({ reason: 'sha256', expected: candidateSha });
    expect(a.status().rollouts.directives).toEqual([]);
    expect(a.status().models.find((m) => m.name === MODEL)).toMatchObject({ status: 'failed', version: '1', desiredVersion: '2' });
    for (let i = 0; i < 5; i++) expect((await infer(a.inferenceUrl, MODEL, input)).body.model_version).toBe('1');
    // The engine sees a device that failed the step, not one that applied it.
    await waitFor(async () => (await view(name)).cohort.failed === 1, { what: 'counted as failed' });
    expect((await view(name)).cohort.applied).toBe(0);

    delete proxy!.rules.artifact; // a healthy transfer: the retry (with backoff) verifies and loads it
    await waitFor(() => a.status().rollouts.directives[0]?.candidateLoaded, { what: 'candidate loaded', timeoutMs: 15_000 });
    expect(a.status().models.find((m) => m.name === MODEL)).toMatchObject({ status: 'ready', version: '1' });
    await waitFor(async () => (await view(name)).cohort.applied === 1, { what: 'counted as applied' });
    await stack.api('POST', `/v1/rollouts/${name}/abort`);
  });

  it('refuses a candidate manifest signed by another key and never downloads its artifact', async () => {
    const attacker = createTestSigner();
    const json: TamperRules['json'] = (path, body) => {
      if (!path.endsWith('/desired-state')) return body;
      const state = body as { models: Array<{ rollout?: { arms: Array<{ name: string; signed: { manifest: Parameters<typeof attacker.sign>[0]; signature: string } }> } }> };
      for (const arm of state.models.flatMap((m) => m.rollout?.arms ?? [])) {
        if (arm.name === 'candidate') arm.signed.signature = attacker.sign(arm.signed.manifest); // valid Ed25519, wrong key
      }
      return state;
    };
    const { a, name } = await rollOutBehindProxy({ json }, { everything: true });
    const event = await waitFor(() => rejected(a), { what: 'candidate rejected' });
    expect(event.evidence).toMatchObject({ reason: 'signature' });
    expect(a.status().rollouts.directives).toEqual([]);
    expect(a.status().models.find((m) => m.name === MODEL)).toMatchObject({ status: 'failed', version: '1', lastError: expect.stringMatching(/pinned key/) });
    const candidatePath = `/v1/artifacts/${sha256Hex(modelV2Good())}`;
    expect(proxy!.requests.some((r) => r.path === candidatePath)).toBe(false);
    expect((await infer(a.inferenceUrl, MODEL, input)).body.model_version).toBe('1');
    await stack.api('POST', `/v1/rollouts/${name}/abort`);
    // The abort removes the directive: the failure no longer applies and the model is ready again.
    await waitFor(() => a.status().models.find((m) => m.name === MODEL)?.status === 'ready', { what: 'ready after abort' });
  });
});
