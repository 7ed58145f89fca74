/**
 * Every artifact is checked before it is loaded: size and sha256 against the signed manifest, the
 * manifest against the key pinned at enrollment. Tampering happens for real, in a proxy between the
 * agent and the real control plane; interrupted downloads resume with Range.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MLP_INPUT } from '../fixtures/models/index.ts';
import { infer, startTestAgent, startTestStack, waitFor, type TestAgent, type TestStack } from '../helpers/agent.ts';
import { startTamperProxy, type TamperProxy, type TamperRules } from './http-fixtures.ts';
import { mlpV1, mlpV2 } from './models.ts';
import { createTestSigner, sha256Hex } from './signed-fixtures.ts';

interface EventView {
  type: string;
  version: string | null;
  evidence: Record<string, unknown> | null;
}

describe('edge agent artifact integrity (real control plane, tampering proxy)', () => {
  let stack: TestStack;
  let proxy: TamperProxy;
  let agent: TestAgent | undefined;
  let suite = 0;
  const x = [{ name: MLP_INPUT, shape: [1, 8], datatype: 'FP32', data: [1, 2, 3, 4, 5, 6, 7, 8] }];

  beforeAll(async () => {
    stack = await startTestStack();
    await stack.pushModel('mlp', '1', mlpV1());
  });
  afterEach(async () => {
    await agent?.stop();
    agent = undefined;
    await proxy?.close();
  });
  afterAll(async () => stack?.close());

  /** A fresh agent in its own label group, with artifacts (or everything) going through a tampering proxy. */
  const startAgentBehindProxy = async (rules: TamperRules, options: { everything?: boolean } = {}) => {
    proxy = await startTamperProxy(stack.cp.url);
    Object.assign(proxy.rules, rules);
    const label = `g${++suite}`;
    const flags = options.everything
      ? { controlPlaneUrl: proxy.url, mqttUrl: 'off' }
      : { controlPlaneUrl: stack.cp.url, artifactsUrl: proxy.url };
    agent = await startTestAgent({ ...flags, enrollToken: await stack.enrollToken({ group: label }) });
    await stack.assign(`mlp-${label}`, { selector: `group=${label}`, model: 'mlp', version: '1' });
    return agent;
  };
  const rejection = (a: TestAgent) => a.events().find((e) => e.type === 'artifact.rejected') as EventView | undefined;

  it('refuses a corrupted (short) download, reports why, and gets it right once the bytes are good', async () => {
    const a = await startAgentBehindProxy({ artifact: (_sha, bytes) => bytes.subarray(0, bytes.byteLength - 100) });
    const event = await waitFor(() => rejection(a), { what: 'artifact.rejected' });
    expect(event.evidence).toMatchObject({ reason: 'size', expectedSize: mlpV1().byteLength, actualSize: mlpV1().byteLength - 100 });
    expect(a.status().models.find((m) => m.name === 'mlp')).toMatchObject({ status: 'failed', version: null, desiredVersion: '1' });
    expect((await infer(a.inferenceUrl, 'mlp', x)).status).toBe(404);
    expect(await (await fetch(`${a.inferenceUrl}/metrics`)).text()).toContain('edgefleet_agent_artifact_verification_failures_total{reason="size"}');

    delete proxy.rules.artifact; // the transfer is healthy again: the retry (with backoff) succeeds
    await waitFor(async () => (await infer(a.inferenceUrl, 'mlp', x)).status === 200, { what: 'served after retry' });
  });

  it('refuses a substituted artifact whose sha256 is not the signed one', async () => {
    const other = mlpV2(); // a real model of the same size: only the hash tells them apart
    expect(other.byteLength).toBe(mlpV1().byteLength);
    const a = await startAgentBehindProxy({ artifact: () => other });
    const event = await waitFor(() => rejection(a), { what: 'artifact.rejected' });
    expect(event.evidence).toMatchObject({ reason: 'sha256', expected: sha256Hex(mlpV1()), actual: sha256Hex(other) });
    expect(a.status().models[0]?.lastError).toMatch(/hashes to/);
    expect((await infer(a.inferenceUrl, 'mlp', x)).status).toBe(404);
  });

  it('refuses a manifest with a forged signature and never downloads its artifact', async () => {
    const attacker = createTestSigner();
    const json: TamperRules['json'] = (path, body) => {
      if (!path.endsWith('/desired-state')) return body;
      const state = body as { models: Array<{ signed: { manifest: Parameters<typeof attacker.sign>[0]; signature: string; keyId: string } }> };
      for (const m of state.models) {
        m.signed.manifest = { ...m.signed.manifest, budget: { maxNanRate: 1 } };
        m.signed.signature = attacker.sign(m.signed.manifest); // valid Ed25519, wrong key, pinned key id
      }
      return state;
    };
    // MQTT off: the desired state comes over REST, through the proxy.
    const a = await startAgentBehindProxy({ json }, { everything: true });
    const event = await waitFor(() => rejection(a), { what: 'artifact.rejected' });
    expect(event.evidence).toMatchObject({ reason: 'signature' });
    expect(a.status().models[0]).toMatchObject({ status: 'failed', lastError: expect.stringMatching(/does not verify with the pinned key/) });
    expect(proxy.requests.some((r) => r.path.startsWith('/v1/artifacts/'))).toBe(false);
    expect((await infer(a.inferenceUrl, 'mlp', x)).status).toBe(404);
    // The reported state still reaches the control plane through the same (REST) path.
    await waitFor(async () => {
      const device = (await (await stack.api('GET', `/v1/devices/${a.deviceId}`)).json()) as { reported: { models: Array<{ status: string }> } | null };
      return device.reported?.models[0]?.status === 'failed';
    }, { what: 'reported over REST' });
  });

  it('resumes an interrupted download with Range', async () => {
    const half = Math.floor(mlpV1().byteLength / 2);
    const a = await startAgentBehindProxy({ cutArtifact: { bytes: half, times: 1 } });
    await waitFor(async () => (await infer(a.inferenceUrl, 'mlp', x)).status === 200, { what: 'served' });
    const fetches = proxy.requests.filter((r) => r.path.startsWith('/v1/artifacts/'));
    expect(fetches).toHaveLength(2);
    expect(fetches[0]?.headers.range).toBeUndefined();
    expect(fetches[1]?.headers.range).toMatch(/^bytes=\d+-$/);
    const resumedAt = Number(/bytes=(\d+)-/.exec(String(fetches[1]?.headers.range))?.[1]);
    expect(resumedAt).toBeGreaterThan(0);
    expect(resumedAt).toBeLessThanOrEqual(half);
    expect(await (await fetch(`${a.inferenceUrl}/metrics`)).text()).toContain('edgefleet_agent_artifact_downloads_total{outcome="resumed"} 1');
  });
});
