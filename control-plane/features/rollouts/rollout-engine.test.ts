import { afterEach, describe, expect, it } from 'vitest';
import { inCohort, type RolloutDecision, type RolloutSpec, type RolloutView } from '../../../protocol/index.ts';
import { GOOD, MODEL, createRolloutHarness, type Behaviour, type RolloutHarness } from '../../../test/helpers/rollout-harness.ts';
import { createRolloutEngine } from './rollout-engine.ts';

// The state machine end to end over real SQLite: summaries go in through the evaluation ingest,
// simulated agents follow their desired states, the engine is ticked with a manual clock.

const plan = (overrides: Partial<RolloutSpec> = {}): RolloutSpec => ({
  model: MODEL, fleet: 'edge', baseline: { alias: 'prod' }, candidate: { version: '2' },
  steps: [{ shadow: { deviceShare: 100 } }, { canary: { deviceShare: 10, requestShare: 100 } }, { canary: { deviceShare: 50, requestShare: 100 } }, { canary: { deviceShare: 100, requestShare: 100 } }, { promote: {} }],
  gates: {
    minSamples: 300, minLabels: 100,
    guardrails: { maxErrorRate: 0.05, maxNanRate: 0.01, maxP95LatencyMs: 40, maxOutputShift: 0.1, minShadowAgreement: 0.8, maxShadowOutputDelta: 0.1, maxFeatureDrift: 0.25 },
  },
  ...overrides,
});

let h: RolloutHarness;
afterEach(() => h?.close());

async function start(spec: RolloutSpec, name = 'bc-v2'): Promise<RolloutView> {
  const res = await h.call('POST', '/v1/rollouts', { json: { name, spec } });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as RolloutView;
}

async function status(name = 'bc-v2'): Promise<RolloutView> {
  return (await (await h.call('GET', `/v1/rollouts/${name}`)).json()) as RolloutView;
}

async function decisions(name = 'bc-v2'): Promise<RolloutDecision[]> {
  const body = (await (await h.call('GET', `/v1/rollouts/${name}/decisions`)).json()) as { decisions: RolloutDecision[] };
  return body.decisions.reverse();
}

/** Simulate and tick minute by minute until the rollout leaves `running` (or the budget ends). */
function run(behaviours: Record<string, Behaviour>, minutes: number, options: Parameters<RolloutHarness['simulateMinute']>[1] = {}): string[] {
  const trail: string[] = [];
  for (let m = 0; m < minutes; m++) {
    h.simulateMinute(behaviours, options);
    for (const o of h.tick()) if (o.action !== 'hold') trail.push(`${o.action}@${o.step}`);
    const state = h.services.rollouts.service.get('bc-v2').state;
    if (state !== 'running' && state !== 'paused') break;
  }
  return trail;
}

describe('rollout engine', () => {
  it('takes a good candidate shadow -> 10% -> 50% -> 100% and promotes it (alias moved)', async () => {
    h = await createRolloutHarness();
    await start(plan());
    const directed = () => h.deviceIds.filter((d) => h.services.fleet.desired.get(d).models[0]?.rollout).length;
    expect(directed()).toBe(10); // shadow on every device

    const trail = run({ '1': GOOD, '2': GOOD }, 40);
    expect(trail).toEqual(['advance@1', 'advance@2', 'advance@3', 'promote@4']);
    const view = await status();
    expect(view.state).toBe('promoted');
    expect(h.services.models.getModel(MODEL).aliases.prod).toBe('2');
    for (const id of h.deviceIds) {
      const [model] = h.services.fleet.desired.get(id).models;
      expect(model).toMatchObject({ name: MODEL, version: '2' });
      expect(model?.rollout).toBeUndefined();
    }
    const log = await decisions();
    expect(log.map((d) => `${d.decision}@${d.step}`)).toEqual(expect.arrayContaining(['start@0', 'advance@0', 'advance@1', 'advance@2', 'advance@3', 'promote@4']));
    const canary10 = log.find((d) => d.decision === 'advance' && d.step === 1)!;
    // Evidence: cohort sizes, sample sizes, every metric with its numbers.
    const cohort10 = h.deviceIds.filter((d) => inCohort(view.id, d, 10));
    expect(cohort10).toEqual(['dev_0000005', 'dev_0000009']); // buckets 64 and 667 of 10,000
    expect(canary10.evidence?.cohort).toMatchObject({ target: 10, cohort: 2, applied: 10, pending: 0 });
    expect(canary10.evidence?.samples.candidate.devices).toBe(2);
    expect(canary10.evidence?.samples.baseline.devices).toBe(8);
    expect(canary10.evidence?.metrics.map((m) => m.metric)).toEqual(expect.arrayContaining(['error_rate', 'latency_mean_ms', 'accuracy', 'latency_p95_ms']));
  });

  it('rolls back a candidate with worse accuracy on labelled traffic, naming the metric', async () => {
    h = await createRolloutHarness();
    await start(plan());
    const trail = run({ '1': GOOD, '2': { ...GOOD, accuracy: 0.75 } }, 30);
    expect(trail).toEqual(['rollback@0']);
    const log = await decisions();
    const rollback = log.at(-1)!;
    expect(rollback).toMatchObject({ decision: 'rollback', metric: 'accuracy', actor: 'engine' });
    const accuracy = rollback.evidence!.metrics.find((m) => m.metric === 'accuracy')!;
    expect(accuracy.passed).toBe(false);
    expect(accuracy.candidate.value!).toBeLessThan(accuracy.baseline.value!);
    expect(accuracy.adjustedP!).toBeLessThan(0.05);
    expect(accuracy.candidate.n).toBeGreaterThanOrEqual(100);
    // Every device is back on the baseline, without a directive.
    for (const id of h.deviceIds) expect(h.services.fleet.desired.get(id).models[0]).toMatchObject({ version: '1' });
    expect(h.deviceIds.some((id) => h.services.fleet.desired.get(id).models[0]?.rollout)).toBe(false);
    expect(h.services.models.getModel(MODEL).aliases.prod).toBe('1');
  });

  it('rolls back shifted outputs on the output-shift guardrail', async () => {
    h = await createRolloutHarness();
    await start(plan());
    run({ '1': GOOD, '2': { ...GOOD, class1: 0.8 } }, 10);
    const rollback = (await decisions()).at(-1)!;
    expect(rollback).toMatchObject({ decision: 'rollback', metric: 'output_shift_js' });
    expect(rollback.reason).toMatch(/output_shift_js: candidate [\d.]+ above the limit 0.1/);
  });

  it('rolls back in shadow when the candidate disagrees with the served baseline', async () => {
    h = await createRolloutHarness();
    await start(plan());
    expect(run({ '1': GOOD, '2': { ...GOOD, agreement: 0.6 } }, 10)).toEqual(['rollback@0']);
    const rollback = (await decisions()).at(-1)!;
    expect(rollback.metric).toBe('shadow_agreement');
    expect(rollback.reason).toMatch(/shadow_agreement: candidate 0\.\d+ below the minimum 0\.8; shadow_output_delta: candidate 0\.\d+ above the limit 0\.1/);
  });

  it('rolls back higher latency in a canary, where shadow did not run', async () => {
    h = await createRolloutHarness();
    await start(plan({ steps: [{ canary: { deviceShare: 50, requestShare: 50 } }, { promote: {} }] }));
    run({ '1': GOOD, '2': { ...GOOD, latencyMedianMs: 13 } }, 20);
    const rollback = (await decisions()).at(-1)!;
    expect(rollback.decision).toBe('rollback');
    expect(rollback.metric).toBe('latency_mean_ms');
    const latency = rollback.evidence!.metrics.find((m) => m.metric === 'latency_mean_ms')!;
    expect(latency.lift!).toBeGreaterThan(0.15);
    expect(latency.liftInterval![0]!).toBeGreaterThan(0);
  });

  it('holds without traffic: never fails, never promotes, logs the hold once', async () => {
    h = await createRolloutHarness();
    await start(plan());
    for (let m = 0; m < 120; m++) h.tick();
    const view = await status();
    expect(view).toMatchObject({ state: 'running', step: 0, gate: { decision: 'hold', code: 'not_enough_data' } });
    expect(view.gate?.reason).toMatch(/not enough data: baseline 0\/300 predictions/);
    expect((await decisions()).map((d) => d.decision)).toEqual(['start', 'hold']);
  });

  it('holds on a sample ratio mismatch and says so', async () => {
    h = await createRolloutHarness();
    await start(plan({ steps: [{ canary: { deviceShare: 100, requestShare: 50 } }, { promote: {} }] }));
    run({ '1': GOOD, '2': GOOD }, 8, { requestSkew: 0.3 });
    const view = await status();
    expect(view).toMatchObject({ state: 'running', step: 0, gate: { decision: 'hold', code: 'srm', metric: 'srm' } });
    const hold = (await decisions()).find((d) => d.decision === 'hold')!;
    expect(hold.evidence?.srm).toMatchObject({ unit: 'requests', expectedShares: [50, 50], mismatch: true });
    expect(hold.evidence!.srm!.pValue!).toBeLessThan(0.001);
  });

  it('resumes where it was after a restart (same SQLite file, new services)', async () => {
    h = await createRolloutHarness();
    await start(plan());
    const behaviours = { '1': GOOD, '2': GOOD };
    for (let m = 0; m < 40 && h.services.rollouts.service.get('bc-v2').step < 2; m++) {
      h.simulateMinute(behaviours);
      h.tick();
    }
    const before = await status();
    expect(before).toMatchObject({ state: 'running', step: 2 });
    const desiredBefore = h.services.fleet.desired.get('dev_0000005');

    h.reopen();
    const after = await status();
    expect(after).toMatchObject({ state: 'running', step: 2, stepStartedAt: before.stepStartedAt, id: before.id });
    expect(h.services.fleet.desired.get('dev_0000005')).toEqual(desiredBefore);
    const trail = run(behaviours, 40);
    expect(trail).toEqual(['advance@3', 'promote@4']);
    expect(h.services.models.getModel(MODEL).aliases.prod).toBe('2');
  });
});

describe('rollout engine schedule', () => {
  it('ticks on the injected timer, reports errors without stopping, and stops', () => {
    let scheduled: (() => void) | undefined;
    let cleared = 0;
    const timer = {
      setInterval: (fn: () => void, ms: number) => {
        expect(ms).toBe(15_000);
        scheduled = fn;
        return 'handle';
      },
      clearInterval: (handle: unknown) => void (cleared += handle === 'handle' ? 1 : 0),
    };
    let ticks = 0;
    const errors: string[] = [];
    const engine = createRolloutEngine({
      intervalMs: 15_000, timer,
      ticker: { tick: () => { ticks++; if (ticks === 2) throw new Error('database closed'); return []; } },
    });
    engine.start({ onError: (rollout, err) => errors.push(`${rollout}: ${(err as Error).message}`) });
    engine.start(); // already running: no second schedule
    scheduled!();
    scheduled!();
    scheduled!();
    expect(ticks).toBe(3);
    expect(errors).toEqual(['*: database closed']);
    engine.stop();
    engine.stop();
    expect(cleared).toBe(1);
  });
});
