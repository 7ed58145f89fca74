/**
 * Lossless telemetry, end to end: real control plane (HTTP, SQLite, embedded broker), real agent,
 * real onnxruntime. The agent serves predictions while a PUBACK is lost (duplicate delivery), while
 * the control plane and its broker are down and come back, and while it is itself killed mid-window
 * and started again from its data folder; the control plane must end up with exactly the number of
 * predictions the agent served, each counted once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MLP_INPUT } from '../fixtures/models/index.ts';
import { infer, startTestAgent, startTestStack, waitFor, type TestAgent, type TestStack } from '../helpers/agent.ts';
import { mlpV1 } from './models.ts';
import { duplicateSummaries, losingFirstSummaryPuback, mlpProfileRequest, mlpRows, qualityTotals } from './telemetry-helpers.ts';

describe('telemetry: on-device windows reach the control plane exactly once (real CP, broker, agent, onnxruntime)', () => {
  let stack: TestStack;
  let agent: TestAgent;
  let served = 0;
  let labelled = 0;
  const rows = mlpRows(200, 11);
  const flags = { statsWindowPredictions: 25, statsWindowSeconds: 600, statsCheckpointSeconds: 0.2 };
  const puback = losingFirstSummaryPuback();

  /** Serve `n` single-row predictions; label every fifth one through /v1/feedback. */
  const serve = async (n: number) => {
    for (let i = 0; i < n; i++) {
      const row = rows[served % rows.length]!;
      const res = await fetch(`${agent.inferenceUrl}/v2/models/mlp/infer`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ inputs: [{ name: MLP_INPUT, shape: [1, 8], datatype: 'FP32', data: row }] }),
      });
      expect(res.status).toBe(200);
      const requestId = res.headers.get('x-request-id')!;
      await res.arrayBuffer();
      served++;
      if (served % 5 === 0) {
        const fb = await fetch(`${agent.inferenceUrl}/v1/feedback`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ requestId, label: 'b' }) });
        expect(fb.status).toBe(202);
        labelled++;
      }
    }
  };

  beforeAll(async () => {
    stack = await startTestStack();
    await stack.pushModel('mlp', '1', mlpV1());
    const profile = await stack.api('POST', '/v1/models/mlp/versions/1/profile', { json: mlpProfileRequest() });
    expect(profile.status).toBe(201);
    agent = await startTestAgent(
      { controlPlaneUrl: stack.cp.url, enrollToken: await stack.enrollToken({ suite: 'telemetry' }), ...flags },
      { deps: { mqttConnect: puback.connect } },
    );
    await stack.assign('mlp', { selector: 'suite=telemetry', model: 'mlp', version: '1' });
    await waitFor(async () => (await infer(agent.inferenceUrl, 'mlp', [{ name: MLP_INPUT, shape: [1, 8], datatype: 'FP32', data: rows[0]! }])).status === 200, { what: 'mlp served' });
    served++; // the readiness probe above was a prediction too
    await waitFor(() => agent.status().mqtt.connected, { what: 'mqtt link' });
  });
  afterAll(async () => {
    await agent?.stop();
    await stack?.close();
  });

  it('a summary whose PUBACK was lost arrives twice and is counted once', async () => {
    await serve(29); // 30 with the probe: one window of 25 closes and is sent
    await waitFor(async () => (await duplicateSummaries(stack)) >= 1, { what: 'the re-sent summary', timeoutMs: 15_000 });
    expect(puback.lost()).toBe(true);
    await waitFor(() => agent.status().telemetry.outboxDepth === 0, { what: 'outbox drained' });
    const totals = await qualityTotals(stack, 'mlp');
    expect(totals.predictions).toBe(25);
    expect(totals.summaries).toBe(1);
    // Counted on the reference profile the control plane built and the device downloaded.
    const profile = (await (await stack.api('GET', '/v1/models/mlp/versions/1/profile')).text()).length;
    expect(profile).toBeGreaterThan(0);
    expect(totals.groups.map((g) => g.profile)).toEqual([expect.stringMatching(/^[a-f0-9]{64}$/)]);
    expect(totals.groups[0]!.tiers.model.referenceAccuracy).not.toBeNull();
  });

  it('nothing is lost across a control plane and broker restart and an agent killed mid-window', async () => {
    await stack.stopControlPlane();
    await serve(20); // the open window reaches 25 and closes into the outbox: no broker, no REST
    expect(agent.status().telemetry.outboxDepth).toBe(1);
    await stack.restartControlPlane();
    await waitFor(() => agent.status().telemetry.outboxDepth === 0, { what: 'backlog delivered', timeoutMs: 15_000 });

    await serve(15); // an open window of 15
    // The crash comes after the checkpoint that covers the window's predictions and labels.
    await waitFor(() => agent.status().telemetry.checkpointedPredictions === 15 && agent.status().telemetry.unsavedWindows === 0, { what: 'window checkpointed' });
    const deviceId = agent.deviceId;
    await agent.stop({ flush: false }); // as a crash: the window is neither closed nor sent
    agent = await startTestAgent(flags, { dataDir: agent.dataDir });
    expect(agent.deviceId).toBe(deviceId);

    await waitFor(async () => (await qualityTotals(stack, 'mlp')).predictions >= served, { what: 'every prediction merged', timeoutMs: 15_000 });
    const totals = await qualityTotals(stack, 'mlp');
    expect(served).toBe(65);
    expect(totals.predictions).toBe(served);
    expect(totals.summaries).toBe(3);
    expect(totals.feedback).toBe(labelled);
    expect(totals.groups.reduce((sum, g) => sum + g.gaps, 0)).toBe(0);
  });
});
