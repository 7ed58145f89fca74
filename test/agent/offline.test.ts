/**
 * Offline first: the agent serves from its data folder with no control plane and no broker, after
 * re-verifying what it cached, and catches up when they come back.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MLP_INPUT } from '../fixtures/models/index.ts';
import { infer, startTestAgent, startTestStack, waitFor, type TestAgent, type TestStack } from '../helpers/agent.ts';
import { mlpV1, mlpV2 } from './models.ts';
import { sha256Hex } from './signed-fixtures.ts';

describe('edge agent offline (real control plane stopped and restarted)', () => {
  let stack: TestStack;
  let agent: TestAgent;
  const x = [{ name: MLP_INPUT, shape: [1, 8], datatype: 'FP32', data: [1, 2, 3, 4, 5, 6, 7, 8] }];
  const servedVersion = async () => (await infer(agent.inferenceUrl, 'mlp', x)).body.model_version;

  beforeAll(async () => {
    stack = await startTestStack();
    await stack.pushModel('mlp', '1', mlpV1());
    await stack.pushModel('mlp', '2', mlpV2());
    agent = await startTestAgent({ controlPlaneUrl: stack.cp.url, enrollToken: await stack.enrollToken({ suite: 'offline' }) });
    await stack.assign('mlp', { selector: 'suite=offline', model: 'mlp', version: '1' });
    await waitFor(async () => (await servedVersion()) === '1', { what: 'mlp 1' });
    await stack.assign('mlp', { selector: 'suite=offline', model: 'mlp', version: '2' });
    await waitFor(async () => (await servedVersion()) === '2', { what: 'mlp 2' });
  });
  afterAll(async () => {
    await agent?.stop();
    await stack?.close();
  });

  it('restarts with the control plane and broker down and serves the last good model', async () => {
    const deviceId = agent.deviceId;
    await agent.stop();
    await stack.stopControlPlane();
    agent = await startTestAgent({}, { dataDir: agent.dataDir });
    expect(agent.deviceId).toBe(deviceId); // no second enrollment
    expect(await servedVersion()).toBe('2');
    expect(agent.status().mqtt.connected).toBe(false);
    expect(agent.status().models).toEqual([expect.objectContaining({ name: 'mlp', version: '2', status: 'ready' })]);
  });

  it('refuses a tampered cache file at restart and serves the previous version instead', async () => {
    await agent.stop();
    // Same size, different bytes under v2's name: only re-hashing can tell.
    writeFileSync(join(agent.dataDir, 'cache', sha256Hex(mlpV2())), mlpV1());
    agent = await startTestAgent({}, { dataDir: agent.dataDir });
    expect(await servedVersion()).toBe('1');
    expect(agent.status().models[0]).toMatchObject({ version: '1', status: 'ready', lastError: expect.stringMatching(/did not verify/) });
    expect(await (await fetch(`${agent.inferenceUrl}/metrics`)).text()).toContain('edgefleet_agent_artifact_verification_failures_total{reason="sha256"} 1');
  });

  it('catches up when the control plane comes back', async () => {
    await stack.restartControlPlane();
    // The desired state still says 2: its cached copy was thrown away, so it is downloaded again.
    await waitFor(async () => (await servedVersion()) === '2', { timeoutMs: 15_000, what: 'back on mlp 2' });
    await waitFor(() => agent.status().mqtt.connected, { what: 'mqtt reconnected' });
    await stack.assign('mlp', { selector: 'suite=offline', model: 'mlp', version: '1' });
    await waitFor(async () => (await servedVersion()) === '1', { what: 'mlp 1 again' });
    const device = (await (await stack.api('GET', `/v1/devices/${agent.deviceId}`)).json()) as { presence: string };
    expect(device.presence).toBe('online');
  });
});
