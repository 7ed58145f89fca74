import { verify as edVerify, createPublicKey } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canonicalJson, desiredStateSchema, type DesiredState, type EnrollResponse, type ModelVersion } from '../../../protocol/index.ts';
import { buildMlp, loadSileroVad } from '../../../test/fixtures/models/index.ts';
import { createTestControlPlane, type TestControlPlane } from '../../../test/helpers/control-plane.ts';
import { enrollDevice, expectError, pushModelVersion } from '../../../test/helpers/fleet.ts';

// Real models through the models feature: the Silero VAD from @ricky0123/vad-web and small MLPs.

const manualClock = (start = Date.parse('2026-03-01T10:00:00Z')) => {
  let now = start;
  return { now: () => new Date(now), advance: (ms: number) => void (now += ms) };
};

describe('fleets, assignments and desired state', () => {
  let cp: TestControlPlane;
  let clock: ReturnType<typeof manualClock>;
  let berlin: EnrollResponse;
  let paris: EnrollResponse;
  let vad: ModelVersion;
  beforeEach(async () => {
    clock = manualClock();
    cp = createTestControlPlane({ clock });
    vad = (await pushModelVersion(cp, 'vad', '5', await loadSileroVad())) as ModelVersion;
    await pushModelVersion(cp, 'mlp', '1', buildMlp({ inputs: 4, hidden: [8], outputs: 3, seed: 1 }));
    await pushModelVersion(cp, 'mlp', '2', buildMlp({ inputs: 4, hidden: [8], outputs: 3, seed: 2 }));
    expect((await cp.call('PUT', '/v1/models/vad/aliases/prod', { json: { version: '5' } })).status).toBe(200);
    expect((await cp.call('PUT', '/v1/models/mlp/aliases/prod', { json: { version: '1' } })).status).toBe(200);
    berlin = await enrollDevice(cp, { tokenLabels: { site: 'berlin', tier: 'cpu' } });
    paris = await enrollDevice(cp, { tokenLabels: { site: 'paris', tier: 'cpu' } });
  });
  afterEach(() => cp.close());

  const desired = async (d: EnrollResponse): Promise<DesiredState> =>
    desiredStateSchema.parse(await (await cp.call('GET', `/v1/devices/${d.deviceId}/desired-state`, { token: d.credential })).json());
  const putAssignment = (name: string, json: unknown, token?: string) => cp.call('PUT', `/v1/assignments/${name}`, { json, token });

  it('puts the signed fp32 manifest of the assigned version into matching devices\' state only', async () => {
    const res = await putAssignment('vad-berlin', { model: 'vad', alias: 'prod', selector: 'site=berlin' });
    expect(res.status).toBe(201);
    const state = await desired(berlin);
    expect(state.revision).toBe(2);
    const fp32 = vad.variants.find((v) => v.variant === 'fp32');
    expect(state.models).toEqual([{
      name: 'vad', version: '5', variant: 'fp32', artifactPath: `/v1/artifacts/${fp32?.sha256}`,
      signed: fp32?.signed, assignment: 'vad-berlin',
    }]);
    // The manifest verifies against the key the device pinned at enrollment.
    const key = createPublicKey({ key: Buffer.from(berlin.signingKey.publicKeySpki, 'base64'), format: 'der', type: 'spki' });
    const signed = state.models[0]?.signed;
    expect(signed && edVerify(null, Buffer.from(canonicalJson(signed.manifest)), key, Buffer.from(signed.signature, 'base64'))).toBe(true);
    expect(await desired(paris)).toMatchObject({ revision: 1, models: [] });
    // The artifact path is served to the device.
    expect((await cp.call('GET', state.models[0]?.artifactPath as string, { token: berlin.credential })).status).toBe(200);
  });

  it('moves the revision only when the content changes', async () => {
    await putAssignment('vad-all', { model: 'vad', alias: 'prod', selector: '' });
    clock.advance(1000);
    expect((await putAssignment('vad-all', { model: 'vad', alias: 'prod', selector: '' })).status).toBe(200);
    expect((await desired(paris)).revision).toBe(2);
    await cp.call('PATCH', `/v1/devices/${paris.deviceId}`, { json: { name: 'renamed' } });
    expect((await desired(paris)).revision).toBe(2);
    expect(cp.services.fleet.desired.refreshDesiredStates()).toBe(0);
    expect((await cp.call('DELETE', '/v1/assignments/vad-all')).status).toBe(204);
    expect(await desired(paris)).toMatchObject({ revision: 3, models: [] });
  });

  it('resolves conflicts for one model: the more specific selector wins, then the later update', async () => {
    await putAssignment('mlp-all', { model: 'mlp', alias: 'prod', selector: '' });
    await putAssignment('mlp-berlin', { model: 'mlp', version: '2', selector: 'site=berlin' });
    expect((await desired(berlin)).models).toMatchObject([{ name: 'mlp', version: '2', assignment: 'mlp-berlin' }]);
    expect((await desired(paris)).models).toMatchObject([{ name: 'mlp', version: '1', assignment: 'mlp-all' }]);
    clock.advance(1000);
    await putAssignment('mlp-cpu', { model: 'mlp', version: '1', selector: 'tier=cpu' });
    expect((await desired(berlin)).models).toMatchObject([{ version: '1', assignment: 'mlp-cpu' }]);
  });

  it('follows an alias move at once, and protects versions in use', async () => {
    await putAssignment('mlp-all', { model: 'mlp', alias: 'prod', selector: '' });
    expect(cp.services.fleet.desired.isVersionInUse('mlp', '1')).toBe(true);
    await expectError(await cp.call('DELETE', '/v1/models/mlp/versions/1'), 409, 'VERSION_IN_USE');
    await cp.call('PUT', '/v1/models/mlp/aliases/prod', { json: { version: '2' } });
    // The alias move refreshed both devices' states already: a second refresh changes nothing.
    expect(cp.services.fleet.desired.refreshDesiredStates()).toBe(0);
    expect(await desired(paris)).toMatchObject({ revision: 3, models: [{ version: '2' }] });
    expect(cp.services.fleet.desired.isVersionInUse('mlp', '1')).toBe(false);
    expect((await cp.call('DELETE', '/v1/models/mlp/versions/1')).status).toBe(204);
  });

  it('targets fleets by name and moves devices when the fleet or the labels change', async () => {
    expect((await cp.call('PUT', '/v1/fleets/berlin', { json: { selector: 'site=berlin', description: 'Berlin boxes' } })).status).toBe(201);
    await putAssignment('vad-berlin', { model: 'vad', alias: 'prod', fleet: 'berlin' });
    expect((await desired(berlin)).models).toHaveLength(1);
    const fleet = await (await cp.call('GET', '/v1/fleets/berlin', { token: cp.viewerToken })).json();
    expect(fleet).toMatchObject({ name: 'berlin', selector: 'site=berlin', description: 'Berlin boxes', devices: [berlin.deviceId] });

    await cp.call('PATCH', `/v1/devices/${paris.deviceId}`, { json: { labels: { site: 'berlin' } } });
    expect((await desired(paris)).models).toHaveLength(1);
    expect((await cp.call('PUT', '/v1/fleets/berlin', { json: { selector: 'site=nowhere' } })).status).toBe(200);
    expect((await desired(paris)).models).toHaveLength(0);
    expect((await desired(berlin)).models).toHaveLength(0);

    await expectError(await cp.call('DELETE', '/v1/fleets/berlin'), 409, 'CONFLICT');
    await cp.call('DELETE', '/v1/assignments/vad-berlin');
    expect((await cp.call('DELETE', '/v1/fleets/berlin')).status).toBe(204);
    await expectError(await cp.call('GET', '/v1/fleets/berlin'), 404, 'NOT_FOUND');
    expect(await (await cp.call('GET', '/v1/fleets')).json()).toEqual({ fleets: [] });
  });

  it('lists and reads assignments and records each change in the audit log', async () => {
    await putAssignment('vad-all', { model: 'vad', version: '5', selector: '', variant: 'fp32' });
    const list = (await (await cp.call('GET', '/v1/assignments', { token: cp.viewerToken })).json()) as { assignments: unknown[] };
    expect(list.assignments).toEqual([{ name: 'vad-all', spec: { model: 'vad', version: '5', selector: '', variant: 'fp32' }, updatedAt: '2026-03-01T10:00:00.000Z' }]);
    expect(await (await cp.call('GET', '/v1/assignments/vad-all')).json()).toEqual(list.assignments[0]);
    await cp.call('DELETE', '/v1/assignments/vad-all');
    const audit = (await (await cp.call('GET', '/v1/audit')).json()) as { entries: Array<{ action: string; target: string }> };
    expect(audit.entries.filter((e) => e.target === 'vad-all').map((e) => e.action)).toEqual(['assignment.delete', 'assignment.put']);
  });

  describe('bad input', () => {
    it.each([
      ['a bad selector', { model: 'vad', alias: 'prod', selector: 'site in (' }, 400, 'BAD_SELECTOR'],
      ['both alias and version', { model: 'vad', alias: 'prod', version: '5', selector: '' }, 400, 'VALIDATION_FAILED'],
      ['neither selector nor fleet', { model: 'vad', alias: 'prod' }, 400, 'VALIDATION_FAILED'],
      ['both selector and fleet', { model: 'vad', alias: 'prod', selector: '', fleet: 'x' }, 400, 'VALIDATION_FAILED'],
      ['an unknown fleet', { model: 'vad', alias: 'prod', fleet: 'nowhere' }, 400, 'VALIDATION_FAILED'],
      ['an unknown variant', { model: 'vad', alias: 'prod', selector: '', variant: 'fp8' }, 400, 'VALIDATION_FAILED'],
      ['an unknown model', { model: 'nope', alias: 'prod', selector: '' }, 404, 'NOT_FOUND'],
      ['an unknown alias', { model: 'vad', alias: 'canary', selector: '' }, 404, 'NOT_FOUND'],
      ['an unknown version', { model: 'vad', version: '9', selector: '' }, 404, 'NOT_FOUND'],
    ])('answers an assignment with %s with %i %s', async (_what, json, status, code) => {
      await expectError(await putAssignment('a', json), status, code);
    });

    it('checks names, roles and existence', async () => {
      await expectError(await putAssignment('Bad_Name', { model: 'vad', alias: 'prod', selector: '' }), 400, 'VALIDATION_FAILED');
      await expectError(await cp.call('PUT', '/v1/fleets/UPPER', { json: { selector: '' } }), 400, 'VALIDATION_FAILED');
      await expectError(await cp.call('PUT', '/v1/fleets/f', { json: { selector: 'a,,b' } }), 400, 'BAD_SELECTOR');
      await expectError(await cp.call('PUT', '/v1/fleets/f', { json: {} }), 400, 'VALIDATION_FAILED');
      await expectError(await putAssignment('a', { model: 'vad', alias: 'prod', selector: '' }, cp.viewerToken), 403, 'FORBIDDEN');
      await expectError(await putAssignment('a', { model: 'vad', alias: 'prod', selector: '' }, berlin.credential), 403, 'FORBIDDEN');
      await expectError(await cp.call('GET', '/v1/fleets', { token: berlin.credential }), 403, 'FORBIDDEN');
      await expectError(await cp.call('GET', '/v1/assignments/missing'), 404, 'NOT_FOUND');
      await expectError(await cp.call('DELETE', '/v1/assignments/missing'), 404, 'NOT_FOUND');
      await expectError(await cp.call('DELETE', '/v1/fleets/missing'), 404, 'NOT_FOUND');
    });
  });
});
