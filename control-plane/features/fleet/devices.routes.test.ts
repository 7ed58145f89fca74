import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deviceSchema, type EnrollResponse, type ReportedState } from '../../../protocol/index.ts';
import { createTestControlPlane, type TestControlPlane } from '../../../test/helpers/control-plane.ts';
import { enrollDevice, expectError } from '../../../test/helpers/fleet.ts';

const manualClock = (start = Date.parse('2026-03-01T10:00:00Z')) => {
  let now = start;
  return { now: () => new Date(now), advance: (ms: number) => void (now += ms) };
};

const reported = (deviceId: string, seq: number): ReportedState => ({
  schemaVersion: 1, deviceId, seq, sentAt: '2026-03-01T10:00:00.000Z', desiredRevision: 1,
  models: [{ name: 'vad', version: '5', variant: 'fp32', executionProvider: 'cpu', status: 'ready' }],
});

describe('devices API', () => {
  let cp: TestControlPlane;
  let clock: ReturnType<typeof manualClock>;
  let berlinGpu: EnrollResponse;
  let berlinCpu: EnrollResponse;
  let paris: EnrollResponse;
  beforeEach(async () => {
    clock = manualClock();
    cp = createTestControlPlane({ clock });
    berlinGpu = await enrollDevice(cp, { name: 'bg', tokenLabels: { site: 'berlin', tier: 'gpu' } });
    berlinCpu = await enrollDevice(cp, { name: 'bc', tokenLabels: { site: 'berlin', tier: 'cpu' }, labels: { canary: 'yes' } });
    paris = await enrollDevice(cp, { name: 'pc', tokenLabels: { site: 'paris', tier: 'cpu' } });
  });
  afterEach(() => cp.close());

  const ids = async (selector?: string, token?: string) => {
    const q = selector === undefined ? '' : `?selector=${encodeURIComponent(selector)}`;
    const res = await cp.call('GET', `/v1/devices${q}`, { token });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { devices: unknown[] };
    return body.devices.map((d) => deviceSchema.parse(d).id).sort();
  };

  it('filters by label selector, for admins and viewers', async () => {
    expect(await ids()).toEqual([berlinGpu, berlinCpu, paris].map((d) => d.deviceId).sort());
    expect(await ids('site=berlin')).toEqual([berlinGpu.deviceId, berlinCpu.deviceId].sort());
    expect(await ids('tier in (gpu),site==berlin')).toEqual([berlinGpu.deviceId]);
    expect(await ids('site=berlin,!canary', cp.viewerToken)).toEqual([berlinGpu.deviceId]);
    expect(await ids('tier!=cpu')).toEqual([berlinGpu.deviceId]);
    expect(await ids('site notin (berlin)')).toEqual([paris.deviceId]);
    expect(await ids('canary')).toEqual([berlinCpu.deviceId]);
    expect(await ids('site=tokyo')).toEqual([]);
  });

  it.each(['tier in ()', 'a,,b', 'bad key=x', 'tier in (gpu', 'site=ber lin'])('answers selector %j with 400 BAD_SELECTOR', async (selector) => {
    await expectError(await cp.call('GET', `/v1/devices?selector=${encodeURIComponent(selector)}`), 400, 'BAD_SELECTOR');
  });

  it('shows presence and last-seen time, and shows a silent device offline after the timeout', async () => {
    cp.services.fleet.messages.presence({ schemaVersion: 1, deviceId: paris.deviceId, seq: 1, sentAt: clock.now().toISOString(), status: 'online' });
    let device = deviceSchema.parse(await (await cp.call('GET', `/v1/devices/${paris.deviceId}`)).json());
    expect(device).toMatchObject({ presence: 'online', lastSeenAt: '2026-03-01T10:00:00.000Z' });
    clock.advance(91_000); // the test control plane's presence timeout is 90 s
    device = deviceSchema.parse(await (await cp.call('GET', `/v1/devices/${paris.deviceId}`)).json());
    expect(device.presence).toBe('offline');
  });

  it('renames and relabels a device, audits it, and lets viewers and devices not do so', async () => {
    const res = await cp.call('PATCH', `/v1/devices/${paris.deviceId}`, { json: { name: 'paris-1', labels: { site: 'paris', tier: 'gpu' } } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ name: 'paris-1', labels: { site: 'paris', tier: 'gpu' } });
    expect(await ids('tier=gpu')).toEqual([berlinGpu.deviceId, paris.deviceId].sort());
    const audit = (await (await cp.call('GET', '/v1/audit')).json()) as { entries: Array<{ action: string; target: string }> };
    expect(audit.entries).toContainEqual(expect.objectContaining({ action: 'device.update', target: paris.deviceId }));
    await expectError(await cp.call('PATCH', `/v1/devices/${paris.deviceId}`, { token: cp.viewerToken, json: { name: 'x' } }), 403, 'FORBIDDEN');
    await expectError(await cp.call('PATCH', `/v1/devices/${paris.deviceId}`, { token: paris.credential, json: { name: 'x' } }), 403, 'FORBIDDEN');
  });

  it.each([
    [{ labels: { 'no spaces': 'x' } }],
    [{ name: '' }],
    [{ labels: 'site=berlin' }],
  ])('answers a bad patch %j with 400 VALIDATION_FAILED', async (json) => {
    await expectError(await cp.call('PATCH', `/v1/devices/${paris.deviceId}`, { json }), 400, 'VALIDATION_FAILED');
  });

  it('answers unknown and malformed device ids with 404 and 400', async () => {
    await expectError(await cp.call('GET', '/v1/devices/dev_doesnotexist'), 404, 'NOT_FOUND');
    await expectError(await cp.call('PATCH', '/v1/devices/dev_doesnotexist', { json: { name: 'x' } }), 404, 'NOT_FOUND');
    await expectError(await cp.call('DELETE', '/v1/devices/dev_doesnotexist'), 404, 'NOT_FOUND');
    await expectError(await cp.call('GET', '/v1/devices/dev_doesnotexist/desired-state'), 404, 'NOT_FOUND');
    await expectError(await cp.call('GET', '/v1/devices/Not-An-Id'), 400, 'VALIDATION_FAILED');
  });

  it('deletes a device with its events, after which its credential no longer works', async () => {
    cp.services.fleet.messages.event({
      schemaVersion: 1, deviceId: paris.deviceId, seq: 1, sentAt: clock.now().toISOString(), type: 'agent.started', message: 'hi',
    });
    await expectError(await cp.call('DELETE', `/v1/devices/${paris.deviceId}`, { token: cp.viewerToken }), 403, 'FORBIDDEN');
    expect((await cp.call('DELETE', `/v1/devices/${paris.deviceId}`)).status).toBe(204);
    await expectError(await cp.call('GET', `/v1/devices/${paris.deviceId}`), 404, 'NOT_FOUND');
    await expectError(await cp.call('GET', `/v1/devices/${paris.deviceId}/desired-state`, { token: paris.credential }), 401, 'UNAUTHENTICATED');
    expect(cp.db.prepare('SELECT count(*) AS n FROM device_events').get()).toEqual({ n: 0 });
  });

  it('lists a device\'s events newest first, pages them, and lets the device read its own', async () => {
    const { messages } = cp.services.fleet;
    for (let seq = 1; seq <= 3; seq += 1) {
      messages.event({
        schemaVersion: 1, deviceId: paris.deviceId, seq, sentAt: clock.now().toISOString(), type: 'model.activated',
        model: 'vad', version: String(seq), message: `activated ${seq}`, evidence: { p95Ms: seq },
      });
    }
    const res = await cp.call('GET', `/v1/devices/${paris.deviceId}/events?limit=2`, { token: paris.credential });
    const page = (await res.json()) as { events: Array<{ id: number; seq: number; evidence: unknown }> };
    expect(page.events.map((e) => e.seq)).toEqual([3, 2]);
    expect(page.events[0]?.evidence).toEqual({ p95Ms: 3 });
    const rest = (await (await cp.call('GET', `/v1/devices/${paris.deviceId}/events?before=${page.events[1]?.id}`)).json()) as { events: Array<{ seq: number }> };
    expect(rest.events.map((e) => e.seq)).toEqual([1]);
    await expectError(await cp.call('GET', `/v1/devices/${paris.deviceId}/events`, { token: berlinGpu.credential }), 403, 'FORBIDDEN');
    await expectError(await cp.call('GET', `/v1/devices/${paris.deviceId}/events?limit=0`), 400, 'VALIDATION_FAILED');
  });

  describe('PUT /v1/devices/:id/reported', () => {
    const put = (id: string, token: string, json: unknown) => cp.call('PUT', `/v1/devices/${id}/reported`, { token, json });

    it('stores what the device runs, once per sequence number', async () => {
      const first = await put(paris.deviceId, paris.credential, reported(paris.deviceId, 7));
      expect(await first.json()).toEqual({ accepted: true });
      const again = await put(paris.deviceId, paris.credential, reported(paris.deviceId, 7));
      expect(await again.json()).toEqual({ accepted: false, reason: 'duplicate' });
      const device = deviceSchema.parse(await (await cp.call('GET', `/v1/devices/${paris.deviceId}`)).json());
      expect(device.reported).toMatchObject({ seq: 7, models: [{ name: 'vad', status: 'ready' }] });
      expect(device.lastSeenAt).toBe('2026-03-01T10:00:00.000Z');
    });

    it('counts skipped sequence numbers as gaps', async () => {
      await put(paris.deviceId, paris.credential, reported(paris.deviceId, 1));
      await put(paris.deviceId, paris.credential, reported(paris.deviceId, 5));
      expect(cp.db.prepare("SELECT gaps FROM device_sequences WHERE device_id = ? AND channel = 'reported'").get(paris.deviceId)).toEqual({ gaps: 3 });
    });

    it('accepts it only from the device itself', async () => {
      await expectError(await put(paris.deviceId, cp.adminToken, reported(paris.deviceId, 1)), 403, 'FORBIDDEN');
      await expectError(await put(paris.deviceId, berlinGpu.credential, reported(paris.deviceId, 1)), 403, 'FORBIDDEN');
      await expectError(await put(paris.deviceId, cp.viewerToken, reported(paris.deviceId, 1)), 403, 'FORBIDDEN');
    });

    it.each([
      ['another device id in the body', (id: string) => reported(id.replace(/.$/, (c) => (c === 'a' ? 'b' : 'a')), 1)],
      ['a negative seq', (id: string) => reported(id, -1)],
      ['an unknown status', (id: string) => ({ ...reported(id, 1), models: [{ name: 'vad', version: '5', variant: 'fp32', executionProvider: null, status: 'dancing' }] })],
      ['schema version 2', (id: string) => ({ ...reported(id, 1), schemaVersion: 2 })],
    ])('answers %s with 400 VALIDATION_FAILED', async (_what, body) => {
      await expectError(await put(paris.deviceId, paris.credential, body(paris.deviceId)), 400, 'VALIDATION_FAILED');
    });
  });

  it('serves desired state to the device itself, admins and viewers, not to other devices', async () => {
    const path = `/v1/devices/${paris.deviceId}/desired-state`;
    expect((await cp.call('GET', path, { token: paris.credential })).status).toBe(200);
    expect((await cp.call('GET', path)).status).toBe(200);
    expect((await cp.call('GET', path, { token: cp.viewerToken })).status).toBe(200);
    await expectError(await cp.call('GET', path, { token: berlinGpu.credential }), 403, 'FORBIDDEN');
    // A polling agent is a live agent.
    expect(deviceSchema.parse(await (await cp.call('GET', `/v1/devices/${paris.deviceId}`)).json()).lastSeenAt).not.toBeNull();
  });
});

describe('devices gauge', () => {
  it('exports enrolled devices by presence on /metrics', async () => {
    const cp = createTestControlPlane();
    try {
      const d = await enrollDevice(cp);
      await enrollDevice(cp);
      cp.services.fleet.messages.presence({ schemaVersion: 1, deviceId: d.deviceId, seq: 1, sentAt: new Date().toISOString(), status: 'online' });
      const text = await (await cp.call('GET', '/metrics', { token: null })).text();
      expect(text).toContain('edgefleet_devices{presence="online"} 1');
      expect(text).toContain('edgefleet_devices{presence="unknown"} 1');
    } finally {
      await cp.close();
    }
  });
});
