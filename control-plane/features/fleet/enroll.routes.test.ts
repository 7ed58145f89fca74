import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { desiredStateSchema, devicePrefix, enrollResponseSchema } from '../../../protocol/index.ts';
import { createTestControlPlane, type TestControlPlane } from '../../../test/helpers/control-plane.ts';
import { cpuCapabilities, createEnrollToken, enrollDevice, expectError } from '../../../test/helpers/fleet.ts';

/** A clock tests move by hand. */
const manualClock = (start = Date.parse('2026-03-01T10:00:00Z')) => {
  let now = start;
  return { now: () => new Date(now), advance: (ms: number) => void (now += ms) };
};

describe('POST /v1/enroll', () => {
  let cp: TestControlPlane;
  let clock: ReturnType<typeof manualClock>;
  beforeEach(() => {
    clock = manualClock();
    cp = createTestControlPlane({ clock });
  });
  afterEach(() => cp.close());

  const enroll = (token: string, extra: Record<string, unknown> = {}) =>
    cp.call('POST', '/v1/enroll', { token: null, json: { token, name: 'kiosk-1', capabilities: cpuCapabilities, ...extra } });

  it('registers a device without an API token, stamps the token labels over its own and audits it', async () => {
    const token = await createEnrollToken(cp, { labels: { site: 'berlin', tier: 'cpu' }, uses: 5 });
    const res = await enroll(token, { labels: { site: 'paris', room: 'lobby' } });
    expect(res.status).toBe(201);
    const body = enrollResponseSchema.parse(await res.json());
    expect(body.deviceId).toMatch(/^dev_[a-z0-9]+$/);
    expect(body.credential).toMatch(/^efd_/);
    expect(body.labels).toEqual({ site: 'berlin', tier: 'cpu', room: 'lobby' });
    expect(body.mqtt).toEqual({ port: 0, topicPrefix: devicePrefix(body.deviceId) });
    const key = await (await cp.call('GET', '/v1/keys/signing', { token: null })).json();
    expect(body.signingKey).toEqual(key);

    const audit = (await (await cp.call('GET', '/v1/audit')).json()) as { entries: Array<{ action: string; target: string }> };
    expect(audit.entries).toContainEqual(expect.objectContaining({ action: 'device.enroll', target: body.deviceId }));
    const stored = cp.db.prepare('SELECT credential_hash FROM devices WHERE id = ?').get(body.deviceId) as { credential_hash: string };
    expect(stored.credential_hash).toMatch(/^[a-f0-9]{64}$/);
    expect(stored.credential_hash).not.toContain(body.credential);
  });

  it('gives the device a credential that reaches its own resources only', async () => {
    const a = await enrollDevice(cp);
    const b = await enrollDevice(cp);
    const own = await cp.call('GET', `/v1/devices/${a.deviceId}`, { token: a.credential });
    expect(own.status).toBe(200);
    expect(await own.json()).toMatchObject({ id: a.deviceId, presence: 'unknown', lastSeenAt: null, reported: null });
    await expectError(await cp.call('GET', `/v1/devices/${b.deviceId}`, { token: a.credential }), 403, 'FORBIDDEN');
    await expectError(await cp.call('GET', '/v1/devices', { token: a.credential }), 403, 'FORBIDDEN');
    await expectError(await cp.call('GET', '/v1/tokens', { token: a.credential }), 403, 'FORBIDDEN');
    await expectError(await cp.call('GET', '/v1/devices', { token: 'efd_forged' }), 401, 'UNAUTHENTICATED');
  });

  it('starts every device at desired revision 1 with no models', async () => {
    const a = await enrollDevice(cp);
    const res = await cp.call('GET', `/v1/devices/${a.deviceId}/desired-state`, { token: a.credential });
    expect(desiredStateSchema.parse(await res.json())).toMatchObject({ deviceId: a.deviceId, revision: 1, models: [] });
  });

  it('refuses an exhausted token with TOKEN_EXHAUSTED and keeps the use count exact', async () => {
    const token = await createEnrollToken(cp, { uses: 2 });
    expect((await enroll(token)).status).toBe(201);
    expect((await enroll(token)).status).toBe(201);
    await expectError(await enroll(token), 401, 'TOKEN_EXHAUSTED');
    expect((cp.db.prepare('SELECT count(*) AS n FROM devices').get() as { n: number }).n).toBe(2);
  });

  it('refuses an expired token with TOKEN_EXPIRED', async () => {
    const token = await createEnrollToken(cp, { ttlSeconds: 60 });
    clock.advance(61_000);
    await expectError(await enroll(token), 401, 'TOKEN_EXPIRED');
  });

  it('refuses unknown, revoked and non-enrollment tokens with UNAUTHENTICATED', async () => {
    await expectError(await enroll('efe_unknown'), 401, 'UNAUTHENTICATED');
    await expectError(await enroll(cp.adminToken), 401, 'UNAUTHENTICATED');
    const created = (await (await cp.call('POST', '/v1/tokens', { json: { role: 'enroll' } })).json()) as { id: string; token: string };
    await cp.call('DELETE', `/v1/tokens/${created.id}`);
    await expectError(await enroll(created.token), 401, 'UNAUTHENTICATED');
  });

  it('does not spend a use on a request that fails validation', async () => {
    const token = await createEnrollToken(cp, { uses: 1 });
    await expectError(await enroll(token, { capabilities: { platform: 'toaster' } }), 400, 'VALIDATION_FAILED');
    expect((await enroll(token)).status).toBe(201);
  });

  it.each([
    ['no capabilities', { token: 'efe_x', name: 'a' }],
    ['empty name', { token: 'efe_x', name: '', capabilities: cpuCapabilities }],
    ['a bad label key', { token: 'efe_x', name: 'a', labels: { 'bad key': 'x' }, capabilities: cpuCapabilities }],
    ['no token', { name: 'a', capabilities: cpuCapabilities }],
  ])('answers a body with %s with 400 VALIDATION_FAILED', async (_what, json) => {
    await expectError(await cp.call('POST', '/v1/enroll', { token: null, json }), 400, 'VALIDATION_FAILED');
  });

  it('answers malformed JSON with 400', async () => {
    const res = await cp.call('POST', '/v1/enroll', { token: null, body: '{"token":', headers: { 'content-type': 'application/json' } });
    await expectError(res, 400, 'VALIDATION_FAILED');
  });
});
