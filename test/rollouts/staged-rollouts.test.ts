/**
 * Staged rollouts end to end: a real control plane (HTTP, SQLite, embedded broker, the rollout
 * engine on a one-second tick) and twenty real agents in this process (onnxruntime, one thread
 * each), with traffic and labels through the agents' own APIs. The agents carry out the directive —
 * request split, shadow runs, arm-labelled windows, applied revision — and the engine decides from
 * what they report. Time jumps to the next summary bucket after each step (rollout-fleet.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RolloutSpec } from '../../protocol/index.ts';
import { infer, waitFor } from '../helpers/agent.ts';
import { MODEL, WIDTH } from './rollout-models.ts';
import { startRolloutFleet, type RolloutFleet } from './rollout-fleet.ts';

const AGENTS = 20;
const gates: RolloutSpec['gates'] = {
  minSamples: 120,
  minLabels: 40,
  // Latency is loose on purpose: twenty agents, a driver and a control plane share two busy cores.
  guardrails: { minShadowAgreement: 0.9, maxShadowOutputDelta: 0.1, maxErrorRate: 0.02, maxLatencyIncrease: 0.5 },
};
const STAGED: RolloutSpec['steps'] = [
  { shadow: { deviceShare: 100 } },
  { canary: { deviceShare: 100, requestShare: 10, gates: { minSamples: 60 } } },
  { canary: { deviceShare: 100, requestShare: 50 } },
  { canary: { deviceShare: 100, requestShare: 100 } },
  { promote: {} },
];
const plan = (candidate: string, steps: RolloutSpec['steps'] = STAGED): RolloutSpec => ({
  model: MODEL, selector: 'suite=rollouts', baseline: { alias: 'prod' }, candidate: { version: candidate }, steps, gates,
});
const trail = (decisions: Array<{ decision: string; step: number }>) => decisions.map((d) => `${d.decision}@${d.step}`);

/** Every agent answers unpinned requests with `version` only, and no longer holds `gone`. */
async function servesOnly(fleet: RolloutFleet, version: string, gone: string): Promise<void> {
  const input = [{ name: 'input', shape: [1, WIDTH], datatype: 'FP32', data: [0.1, -0.2, 0.3, -0.4] }];
  for (const agent of fleet.agents) {
    for (let i = 0; i < 3; i++) expect((await infer(agent.inferenceUrl, MODEL, input)).body.model_version).toBe(version);
    expect((await infer(agent.inferenceUrl, MODEL, input, gone)).status).toBe(404);
  }
}

describe(`staged rollouts with ${AGENTS} real agents, a real control plane and broker`, () => {
  let fleet: RolloutFleet;
  const timings: Record<string, number> = {};

  beforeAll(async () => {
    const started = Date.now();
    fleet = await startRolloutFleet({ agents: AGENTS });
    await fleet.baselineOnly('1', 30_000);
    timings['start'] = Date.now() - started;
  }, 90_000);

  afterAll(async () => {
    await fleet?.close();
    console.log('rollout e2e timings (ms):', timings);
    if (process.env['EDGEFLEET_TEST_GATES']) console.log(fleet?.gateLog.join('\n'));
  });

  it('(c) without traffic the rollout holds: it neither fails nor promotes; an abort puts every device back on the baseline', async () => {
    const started = Date.now();
    await fleet.start('clf-idle', plan('2'));
    const applied = await fleet.applied('clf-idle');
    expect(applied.cohort).toMatchObject({ target: AGENTS, cohort: AGENTS, applied: AGENTS, failed: 0 });
    // Both arms loaded and the shadow directive in force on every agent before it reported the revision.
    for (const agent of fleet.agents) expect(agent.status().rollouts.directives).toMatchObject([{ model: MODEL, mode: 'shadow', baseline: '1', candidate: '2', candidateLoaded: true }]);
    for (let i = 0; i < 3; i++) {
      fleet.time.jumpToNextBucket();
      await new Promise((r) => setTimeout(r, 1100)); // an engine tick
    }
    const view = await fleet.view('clf-idle');
    expect(view).toMatchObject({ state: 'running', step: 0, gate: { decision: 'hold', code: 'not_enough_data' } });
    expect(trail(await fleet.decisions('clf-idle'))).toEqual(['start@0', 'hold@0']);

    await fleet.act('clf-idle', 'abort');
    timings['abort -> baseline only'] = await fleet.baselineOnly('1');
    await servesOnly(fleet, '1', '2');
    timings['(c)'] = Date.now() - started;
  }, 40_000);

  it('(b) a bad candidate is rolled back in shadow, with evidence naming the metric; devices drop it at once', async () => {
    const started = Date.now();
    await fleet.start('clf-bad', plan('3'));
    const view = await fleet.drive('clf-bad', (v) => v.state !== 'running');
    expect(view.state).toBe('rolled_back');
    const rollback = (await fleet.decisions('clf-bad')).at(-1)!;
    expect(rollback).toMatchObject({ decision: 'rollback', step: 0, actor: 'engine' });
    expect(['shadow_agreement', 'shadow_output_delta', 'accuracy']).toContain(rollback.metric);
    expect(rollback.reason).toContain(`${rollback.metric}:`);
    const metrics = rollback.evidence!.metrics;
    const agreement = metrics.find((m) => m.metric === 'shadow_agreement')!;
    // The agents' agreement events: v3 agrees with v1 on about three requests in four.
    expect(agreement.candidate.value!).toBeGreaterThan(0.6);
    expect(agreement.candidate.value!).toBeLessThan(0.85);
    expect(agreement.passed).toBe(false);
    expect(metrics.find((m) => m.metric === 'shadow_output_delta')!.candidate.value!).toBeGreaterThan(0.15);
    // Shadow runs one candidate prediction per served request: the split is 1:1, and it held.
    expect(rollback.evidence!.samples.candidate.predictions).toBeGreaterThanOrEqual(120);
    expect(rollback.evidence!.srm).toMatchObject({ unit: 'requests', expectedShares: [1, 1], mismatch: false });
    timings['rollback -> baseline only'] = await fleet.baselineOnly('1');
    await servesOnly(fleet, '1', '3');
    timings['(b)'] = Date.now() - started;
  }, 60_000);

  it('(e) agents that misroute requests cause a sample ratio mismatch, which holds the rollout', async () => {
    const started = Date.now();
    fleet.skew.on = true;
    try {
      await fleet.start('clf-srm', plan('2', [{ canary: { deviceShare: 100, requestShare: 50 } }, { promote: {} }]));
      const held = await fleet.drive('clf-srm', (v) => v.gate?.code === 'srm' || v.state !== 'running');
      expect(held).toMatchObject({ state: 'running', step: 0, gate: { decision: 'hold', code: 'srm', metric: 'srm' } });
      await fleet.send(400);
      await new Promise((r) => setTimeout(r, 2500));
      const still = await fleet.view('clf-srm');
      expect(still).toMatchObject({ state: 'running', step: 0, gate: { code: 'srm' } });
      const hold = (await fleet.decisions('clf-srm')).find((d) => d.metric === 'srm')!;
      const srm = hold.evidence!.srm!;
      expect(srm).toMatchObject({ unit: 'requests', expectedShares: [50, 50], mismatch: true });
      expect(srm.observed[1]! / (srm.observed[0]! + srm.observed[1]!)).toBeLessThan(0.45);
      expect(trail(await fleet.decisions('clf-srm'))).not.toContain('advance@0');
      await fleet.act('clf-srm', 'abort');
    } finally {
      fleet.skew.on = false;
    }
    await fleet.baselineOnly('1');
    timings['(e)'] = Date.now() - started;
  }, 60_000);

  it('(a) a good candidate goes shadow -> 10% -> 50% -> 100% and is promoted', async () => {
    const started = Date.now();
    await fleet.start('clf-good', plan('2'));
    const view = await fleet.drive('clf-good', (v) => v.state !== 'running', { timeoutMs: 60_000 });
    expect(view.state).toBe('promoted');
    const decisions = await fleet.decisions('clf-good');
    expect(trail(decisions).filter((d) => !d.startsWith('hold'))).toEqual(['start@0', 'advance@0', 'advance@1', 'advance@2', 'advance@3', 'promote@4']);
    const advance = (step: number) => decisions.find((d) => d.decision === 'advance' && d.step === step)!.evidence!;
    // Shadow: agreement and output difference came from the agents' shadow events.
    const shadow = advance(0);
    expect(shadow.metrics.find((m) => m.metric === 'shadow_agreement')).toMatchObject({ passed: true });
    expect(shadow.metrics.find((m) => m.metric === 'shadow_agreement')!.candidate.value!).toBeGreaterThan(0.93);
    expect(shadow.metrics.find((m) => m.metric === 'shadow_output_delta')!.candidate.value!).toBeLessThan(0.06);
    expect(shadow.samples.candidate.labels).toBeGreaterThan(0); // labels joined the shadow predictions
    // Canaries split each device's own requests: the observed split is the planned one.
    for (const [step, share] of [[1, 10], [2, 50]] as const) {
      const evidence = advance(step);
      expect(evidence.srm).toMatchObject({ unit: 'requests', expectedShares: [100 - share, share], mismatch: false });
      const [baseline, candidate] = evidence.srm!.observed as [number, number];
      const p = share / 100;
      expect(Math.abs(candidate / (baseline + candidate) - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / (baseline + candidate)));
      expect(evidence.samples.candidate.devices).toBeGreaterThan(2); // devices split their own traffic
    }
    expect(advance(3).samples.baseline.predictions).toBe(0); // every request on the candidate: guardrails only
    const model = (await (await fleet.stack.api('GET', `/v1/models/${MODEL}`)).json()) as { aliases: Record<string, string> };
    expect(model.aliases['prod']).toBe('2');
    timings['promote -> v2 everywhere'] = await fleet.baselineOnly('2');
    await servesOnly(fleet, '2', '3');
    timings['(a)'] = Date.now() - started;
  }, 90_000);

  it('(d) the control plane stopped mid-rollout and started again on the same data resumes where it was', async () => {
    const started = Date.now();
    await fleet.setAlias('1');
    await fleet.baselineOnly('1', 15_000);
    await fleet.start('clf-restart', plan('2', [STAGED[0]!, STAGED[2]!, STAGED[4]!]));
    const atCanary = await fleet.drive('clf-restart', (v) => v.step === 1 || v.state !== 'running');
    expect(atCanary).toMatchObject({ state: 'running', step: 1 });
    await fleet.applied('clf-restart');
    await fleet.nextBucket();
    const decided = async () => trail(await fleet.decisions('clf-restart')).filter((d) => !d.startsWith('hold'));
    const before = await decided();
    expect(before).toEqual(['start@0', 'advance@0']);

    await fleet.stack.stopControlPlane();
    // The devices keep following the directive while the control plane is away; their windows wait in the outbox.
    const away = await fleet.send(200);
    expect(away.failed).toBe(0);
    expect(away.byVersion['1']! + away.byVersion['2']!).toBe(200);
    expect(away.byVersion['2']!).toBeGreaterThan(50);
    await waitFor(() => fleet.agents.every((a) => a.status().telemetry.outboxDepth > 0), { what: 'windows queued while away' });
    const restartedAt = Date.now();
    await fleet.stack.restartControlPlane();
    timings['control plane restart'] = Date.now() - restartedAt;

    const resumed = await fleet.view('clf-restart');
    expect(resumed).toMatchObject({ state: 'running', step: 1, stepStartedAt: atCanary.stepStartedAt });
    expect(await decided()).toEqual(before);
    const view = await fleet.drive('clf-restart', (v) => v.state !== 'running', { timeoutMs: 40_000 });
    expect(view.state).toBe('promoted');
    expect(await decided()).toEqual(['start@0', 'advance@0', 'advance@1', 'promote@2']);
    await fleet.baselineOnly('2');
    timings['(d)'] = Date.now() - started;
  }, 90_000);

  it('agents count routed requests per arm and shadow runs; none failed or was dropped at this load', async () => {
    const totals = { baseline: 0, candidate: 0, compared: 0, failed: 0, dropped: 0 };
    for (const agent of fleet.agents) {
      const text = await (await fetch(`${agent.inferenceUrl}/metrics`)).text();
      const value = (prefix: string) => Number(text.split('\n').find((l) => l.startsWith(prefix))?.split(' ').at(-1) ?? 0);
      totals.baseline += value(`edgefleet_agent_rollout_requests_total{model="${MODEL}",arm="baseline"}`);
      totals.candidate += value(`edgefleet_agent_rollout_requests_total{model="${MODEL}",arm="candidate"}`);
      for (const outcome of ['compared', 'failed', 'dropped'] as const) totals[outcome] += value(`edgefleet_agent_shadow_runs_total{model="${MODEL}",outcome="${outcome}"}`);
      expect(agent.status().rollouts).toMatchObject({ directives: [], shadow: { queued: 0, running: 0 } });
    }
    expect(totals.baseline).toBeGreaterThan(0);
    expect(totals.candidate).toBeGreaterThan(0);
    expect(totals.compared).toBeGreaterThan(0);
    expect(totals).toMatchObject({ failed: 0, dropped: 0 });
  });
});
