/**
 * The agent against a real control plane, broker and onnxruntime: assigned models become servable
 * and answer exactly like onnxruntime run directly; a version that fails to load never replaces the
 * one serving; a version that emits NaN is reverted locally and not re-applied.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBrokenModel, buildNanModel, MLP_INPUT, MLP_OUTPUT, NAN_INPUT } from '../fixtures/models/index.ts';
import { infer, startTestAgent, startTestStack, waitFor, type TestAgent, type TestStack } from '../helpers/agent.ts';
import { buildDoubler, mlpV1 } from './models.ts';

interface DeviceView {
  presence: string;
  reported: { models: Array<{ name: string; version: string | null; status: string; lastError?: string | null; desiredVersion?: string }> } | null;
}
interface EventView {
  type: string;
  model: string | null;
  version: string | null;
  evidence: Record<string, unknown> | null;
}

describe('edge agent model sync (real control plane, broker, onnxruntime)', () => {
  let stack: TestStack;
  let agent: TestAgent;
  const rows = [
    [0.1, -0.2, 0.3, 0.4, -0.5, 0.6, 0.7, -0.8],
    [1, 2, 3, 4, 5, 6, 7, 8],
  ];

  const device = async () => (await (await stack.api('GET', `/v1/devices/${agent.deviceId}`)).json()) as DeviceView;
  const events = async () => ((await (await stack.api('GET', `/v1/devices/${agent.deviceId}/events`)).json()) as { events: EventView[] }).events;
  const reportedModel = async (name: string) => (await device()).reported?.models.find((m) => m.name === name);

  beforeAll(async () => {
    stack = await startTestStack();
    await stack.pushModel('mlp', '1', mlpV1());
    agent = await startTestAgent({ controlPlaneUrl: stack.cp.url, enrollToken: await stack.enrollToken({ suite: 'sync' }) });
  });
  afterAll(async () => {
    await agent?.stop();
    await stack?.close();
  });

  it('enrolls once, keeps its identity private and links up over MQTT', async () => {
    expect(agent.deviceId).toMatch(/^dev_/);
    expect(statSync(join(agent.dataDir, 'identity.json')).mode & 0o777).toBe(0o600);
    await waitFor(() => agent.status().mqtt.connected, { what: 'mqtt link' });
    expect(agent.status().mqtt.protocolVersion).toBe(4); // aedes speaks 3.1.1: the link fell back
    await waitFor(async () => (await device()).presence === 'online', { what: 'presence online' });
  });

  it('serves a pushed and assigned model; OIP outputs equal a direct onnxruntime run', async () => {
    await stack.assign('mlp', { selector: 'suite=sync', model: 'mlp', version: '1' });
    await waitFor(async () => (await fetch(`${agent.inferenceUrl}/v2/models/mlp/ready`)).status === 200, { what: 'mlp ready' });

    const result = await infer(agent.inferenceUrl, 'mlp', [{ name: MLP_INPUT, shape: [2, 8], datatype: 'FP32', data: rows.flat() }]);
    expect(result.status).toBe(200);
    expect(result.body.model_version).toBe('1');
    const session = await ort.InferenceSession.create(mlpV1());
    const direct = await session.run({ [MLP_INPUT]: new ort.Tensor('float32', Float32Array.from(rows.flat()), [2, 8]) });
    await session.release();
    const output = result.body.outputs?.find((o) => o.name === MLP_OUTPUT);
    expect(output?.shape).toEqual([2, 3]);
    // Same bytes, same runtime: the JSON round trip of float32 values is exact.
    expect(output?.data).toEqual(Array.from(direct[MLP_OUTPUT]?.data as Float32Array));

    await waitFor(async () => (await reportedModel('mlp'))?.status === 'ready', { what: 'reported ready' });
    expect(await reportedModel('mlp')).toMatchObject({ version: '1', status: 'ready', lastError: null });
    await waitFor(async () => (await events()).some((e) => e.type === 'model.activated' && e.version === '1'), { what: 'model.activated event' });

    const metrics = await (await fetch(`${agent.inferenceUrl}/metrics`)).text();
    expect(metrics).toContain('edgefleet_agent_artifact_downloads_total{outcome="complete"} 1');
    expect(metrics).toMatch(/edgefleet_inference_request_success_total\{model="mlp",version="1"\} 1/);
    expect(metrics).toContain('edgefleet_agent_mqtt_connected 1');
  });

  it('a version that fails to load leaves the old one serving and is reported', async () => {
    // Well-formed protobuf the registry accepts, with a graph onnxruntime refuses to build.
    await stack.pushModel('mlp', '2', buildBrokenModel('invalid-graph'));
    await stack.assign('mlp', { selector: 'suite=sync', model: 'mlp', version: '2' });
    const failed = await waitFor(async () => {
      const m = await reportedModel('mlp');
      return m?.status === 'failed' ? m : undefined;
    }, { what: 'reported failure' });
    expect(failed).toMatchObject({ version: '1', desiredVersion: '2' });
    expect(failed.lastError).toMatch(/load/i);
    const result = await infer(agent.inferenceUrl, 'mlp', [{ name: MLP_INPUT, shape: [1, 8], datatype: 'FP32', data: rows[0] as number[] }]);
    expect(result.body.model_version).toBe('1');
    await waitFor(async () => (await events()).some((e) => e.type === 'model.load_failed' && e.version === '2'), { what: 'model.load_failed event' });
    expect(await (await fetch(`${agent.inferenceUrl}/metrics`)).text()).toContain('edgefleet_agent_model_load_failures_total{model="mlp"} 1');
  });

  it('a version that emits NaN is reverted locally within 5 s, with evidence, and not re-applied', async () => {
    await stack.pushModel('scorer', '1', buildDoubler());
    await stack.pushModel('scorer', '2', buildNanModel());
    await stack.assign('scorer', { selector: 'suite=sync', model: 'scorer', version: '1' });
    const x = [{ name: NAN_INPUT, shape: [1, 4], datatype: 'FP32', data: [1, 2, 3, 4] }];
    await waitFor(async () => (await infer(agent.inferenceUrl, 'scorer', x)).body.model_version === '1', { what: 'scorer 1' });

    await stack.assign('scorer', { selector: 'suite=sync', model: 'scorer', version: '2' });
    await waitFor(async () => (await infer(agent.inferenceUrl, 'scorer', x)).body.model_version === '2', { what: 'scorer 2' });
    // probationMinSamples defaults to 10: the tenth NaN answer tips the budget (maxNanRate 0.01).
    let lastNanAt = 0;
    for (let i = 0; i < 12; i++) {
      const r = await infer(agent.inferenceUrl, 'scorer', x);
      if (r.body.model_version === '2') {
        expect(r.body.outputs?.[0]?.data).toEqual(['NaN', 'NaN', 'NaN', 'NaN']);
        lastNanAt = Date.now();
      }
    }
    const back = await waitFor(async () => {
      const r = await infer(agent.inferenceUrl, 'scorer', x);
      return r.body.model_version === '1' ? r : undefined;
    }, { timeoutMs: 5000, what: 'revert to scorer 1' });
    expect(Date.now() - lastNanAt).toBeLessThan(5000);
    expect(back.body.outputs?.[0]?.data).toEqual([2, 4, 6, 8]);

    const reverted = await waitFor(async () => (await events()).find((e) => e.type === 'model.reverted' && e.model === 'scorer'), { what: 'model.reverted event' });
    expect(reverted.version).toBe('2');
    expect(reverted.evidence).toMatchObject({
      from: '2',
      to: '1',
      breaches: ['nan_rate'],
      nanRate: 1,
      samples: 10,
      nonFiniteOutputs: 10,
      budget: { maxNanRate: 0.01 },
      minSamples: 10,
    });
    await waitFor(async () => (await reportedModel('scorer'))?.status === 'reverted', { what: 'reported reverted' });
    expect(await reportedModel('scorer')).toMatchObject({ version: '1', desiredVersion: '2' });

    // Same desired revision: a re-check (and a restart) keeps the good version.
    await agent.settled();
    expect((await infer(agent.inferenceUrl, 'scorer', x)).body.model_version).toBe('1');
    await agent.stop();
    agent = await startTestAgent({}, { dataDir: agent.dataDir });
    await agent.settled();
    await new Promise((r) => setTimeout(r, 500)); // a few polls / the retained message
    expect((await infer(agent.inferenceUrl, 'scorer', x)).body.model_version).toBe('1');
  });
});
