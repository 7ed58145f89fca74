import { afterEach, describe, expect, it } from 'vitest';
import type { DesiredState, ExperimentReport, RolloutSpec, RolloutView } from '../../../protocol/index.ts';
import { GOOD, MODEL, createRolloutHarness, type RolloutHarness } from '../../../test/helpers/rollout-harness.ts';

// The REST API over a fresh SQLite per test: validation, conflicts, operator actions with their
// audit entries, status and the experiment report, and `PUT` as `edgefleet apply` uses it.

const spec = (overrides: Partial<RolloutSpec> = {}): RolloutSpec => ({
  model: MODEL, fleet: 'edge', baseline: { alias: 'prod' }, candidate: { version: '2' },
  steps: [{ canary: { deviceShare: 50, requestShare: 50 } }, { pause: {} }, { canary: { deviceShare: 100, requestShare: 100 } }, { promote: {} }],
  gates: { minSamples: 200, minLabels: 50 },
  ...overrides,
});

let h: RolloutHarness;
afterEach(() => h?.close());

async function json<T>(res: Response, status: number): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text) as T;
}
const create = (name = 'bc-v2', body: RolloutSpec = spec()) => h.call('POST', '/v1/rollouts', { json: { name, spec: body } });

describe('/v1/rollouts', () => {
  it('validates plans against the schema, the registry and the fleet', async () => {
    h = await createRolloutHarness();
    const bad = await json<{ error: { code: string; message: string } }>(await h.call('POST', '/v1/rollouts', { json: { name: 'x', spec: { ...spec(), steps: [{ promote: {} }, { canary: { deviceShare: 10 } }] } } }), 400);
    expect(bad.error.message).toMatch(/promote can only be the last step/);
    await json(await create('x', spec({ candidate: { version: '9' } })), 404);
    await json(await create('x', spec({ candidate: { version: '1' } })), 400);
    await json(await create('x', spec({ fleet: 'nowhere' })), 400);
    await json(await create('x', { ...spec(), steps: [{ canary: { deviceShare: 10.001 } }] } as RolloutSpec), 400);
    await json(await h.call('POST', '/v1/rollouts', { json: { name: 'x', spec: spec() }, token: h.viewerToken }), 403);
  });

  it('allows one active rollout per model and target (409), and names are never reused', async () => {
    h = await createRolloutHarness();
    const started = await json<RolloutView>(await create(), 201);
    expect(started).toMatchObject({ state: 'running', step: 0, stepKind: 'canary', baselineVersion: '1', candidateVersion: '2' });
    expect(started.cohort).toMatchObject({ target: 10, cohort: 7 }); // buckets < 5000 of the pinned rollout id
    const clash = await json<{ error: { code: string; details: { rollout: string } } }>(await create('bc-v2-again'), 409);
    expect(clash.error).toMatchObject({ code: 'CONFLICT', details: { rollout: 'bc-v2' } });
    await json(await h.call('POST', '/v1/rollouts/bc-v2/abort'), 200);
    await json(await create(), 409); // the name keeps its history
    await json(await create('bc-v2-again'), 201); // the target is free again
  });

  it('reports status, decisions and the experiment, and refuses to delete an arm in use', async () => {
    h = await createRolloutHarness();
    await json(await create(), 201);
    for (let m = 0; m < 3; m++) {
      h.simulateMinute({ '1': GOOD, '2': GOOD });
      h.tick();
    }
    const list = await json<{ rollouts: RolloutView[] }>(await h.call('GET', '/v1/rollouts', { token: h.viewerToken }), 200);
    expect(list.rollouts.map((r) => r.name)).toEqual(['bc-v2']);
    const view = await json<RolloutView>(await h.call('GET', '/v1/rollouts/bc-v2'), 200);
    expect(view).toMatchObject({ step: 1, stepKind: 'pause', state: 'paused', cohort: { target: 10, applied: 10, pending: 0 } });
    const report = await json<ExperimentReport>(await h.call('GET', '/v1/rollouts/bc-v2/experiment'), 200);
    expect(report.arms.map((a) => a.arm)).toEqual(['baseline', 'candidate']);
    const { decisions } = await json<{ decisions: Array<{ decision: string; step: number }> }>(await h.call('GET', '/v1/rollouts/bc-v2/decisions?limit=10'), 200);
    expect(decisions.map((d) => `${d.decision}@${d.step}`)).toEqual(['advance@0', 'start@0']);
    await json(await h.call('DELETE', `/v1/models/${MODEL}/versions/2`), 409);
    await json(await h.call('GET', '/v1/rollouts/nope'), 404);
  });

  it('pauses, resumes past a pause step, promotes on demand, and audits every action', async () => {
    h = await createRolloutHarness();
    await json(await create(), 201);
    await json(await h.call('POST', '/v1/rollouts/bc-v2/resume'), 409); // not paused
    expect(await json<RolloutView>(await h.call('POST', '/v1/rollouts/bc-v2/pause'), 200)).toMatchObject({ state: 'paused' });
    expect(h.tick()).toMatchObject([{ action: 'skipped', reason: 'paused' }]);
    expect(await json<RolloutView>(await h.call('POST', '/v1/rollouts/bc-v2/resume'), 200)).toMatchObject({ state: 'running', step: 0 });
    for (let m = 0; m < 3; m++) {
      h.simulateMinute({ '1': GOOD, '2': GOOD });
      h.tick();
    }
    expect((await json<RolloutView>(await h.call('GET', '/v1/rollouts/bc-v2'), 200))).toMatchObject({ state: 'paused', step: 1 });
    // Resuming a pause step without duration moves on to the next step.
    expect(await json<RolloutView>(await h.call('POST', '/v1/rollouts/bc-v2/resume'), 200)).toMatchObject({ state: 'running', step: 2 });
    const promoted = await json<RolloutView>(await h.call('POST', '/v1/rollouts/bc-v2/promote'), 200);
    expect(promoted).toMatchObject({ state: 'promoted' });
    expect(h.services.models.getModel(MODEL).aliases.prod).toBe('2');
    await json(await h.call('POST', '/v1/rollouts/bc-v2/abort'), 409);
    const { entries } = await json<{ entries: Array<{ action: string; target: string; actor: string }> }>(await h.call('GET', '/v1/audit'), 200);
    const actions = entries.filter((e) => e.target === 'bc-v2').map((e) => e.action).reverse();
    expect(actions).toEqual(['rollout.start', 'rollout.pause', 'rollout.resume', 'rollout.advance', 'rollout.resume', 'rollout.promote']);
    expect(entries.find((e) => e.action === 'model.alias.set' || e.action.startsWith('model.alias'))?.actor).toMatch(/^token:/);
  });

  it('abort puts every device back on the baseline at once (one publish each)', async () => {
    h = await createRolloutHarness();
    const published: DesiredState[] = [];
    h.services.fleet.desired.attachPublisher({ publish: (_id, state) => void published.push(state), clear: () => {} });
    published.length = 0;
    await json(await create('bc-v2', spec({ steps: [{ canary: { deviceShare: 100, requestShare: 20 } }, { promote: {} }] })), 201);
    expect(published).toHaveLength(10);
    expect(published.every((s) => s.models[0]?.rollout?.arms[1]?.requestShare === 20)).toBe(true);
    published.length = 0;
    await json(await h.call('POST', '/v1/rollouts/bc-v2/abort'), 200);
    expect(published).toHaveLength(10);
    expect(published.every((s) => s.models[0]?.version === '1' && s.models[0].rollout === undefined)).toBe(true);
  });

  it('counts devices that have not applied a step: online ones block until the timeout, offline ones never', async () => {
    h = await createRolloutHarness();
    await json(await create('bc-v2', spec({ gates: { minSamples: 100, applyTimeout: '5m' } })), 201);
    // Three devices never report; one of them is online (it connected, but has not applied the step).
    const silent = new Set(['dev_0000001', 'dev_0000002', 'dev_0000003']);
    h.services.fleet.messages.presence({ schemaVersion: 1, deviceId: 'dev_0000003', seq: 1, sentAt: h.clock.now().toISOString(), status: 'online' });
    h.simulateMinute({ '1': GOOD, '2': GOOD }, { offline: silent });
    const view = await json<RolloutView>(await h.call('GET', '/v1/rollouts/bc-v2'), 200);
    expect(view.cohort).toMatchObject({ target: 10, applied: 7, pending: 1, offline: 2, timedOut: 0 });
    expect(h.tick()).toMatchObject([{ action: 'hold', reason: 'waiting for 1 device(s) to apply step 0' }]);
    const outcomes: string[] = [];
    for (let m = 0; m < 6 && outcomes.length === 0; m++) {
      h.services.fleet.messages.seen('dev_0000003'); // it stays connected (keepalives), it just never applies
      h.simulateMinute({ '1': GOOD, '2': GOOD }, { offline: silent });
      for (const o of h.tick()) if (o.action !== 'hold') outcomes.push(o.action);
    }
    expect(outcomes).toEqual(['advance']);
    const { decisions } = await json<{ decisions: Array<{ decision: string; evidence: { cohort: Record<string, number> } | null }> }>(await h.call('GET', '/v1/rollouts/bc-v2/decisions'), 200);
    expect(decisions[0]!.evidence!.cohort).toMatchObject({ pending: 0, offline: 2, timedOut: 1 });
  });

  it('PUT creates, keeps a same plan unchanged, updates gates, refuses to change the experiment', async () => {
    h = await createRolloutHarness();
    await json(await h.call('PUT', '/v1/rollouts/bc-v2', { json: spec() }), 201);
    await json(await h.call('PUT', '/v1/rollouts/bc-v2', { json: spec() }), 200);
    const updated = await json<RolloutView>(await h.call('PUT', '/v1/rollouts/bc-v2', { json: spec({ gates: { minSamples: 999 } }) }), 200);
    expect(updated.spec.gates?.minSamples).toBe(999);
    const refused = await json<{ error: { message: string } }>(await h.call('PUT', '/v1/rollouts/bc-v2', { json: spec({ candidate: { version: '3' } }) }), 409);
    expect(refused.error.message).toMatch(/cannot change candidate of a running rollout/);
    const openapi = await json<{ paths: Record<string, unknown> }>(await h.app.request('/openapi.json'), 200);
    expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(['/v1/rollouts', '/v1/rollouts/{name}', '/v1/rollouts/{name}/experiment', '/v1/rollouts/{name}/abort']));
  });
});
