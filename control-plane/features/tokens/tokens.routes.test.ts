import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestControlPlane, type TestControlPlane } from '../../../test/helpers/control-plane.ts';

describe('tokens API', () => {
  let cp: TestControlPlane;
  beforeEach(() => {
    cp = createTestControlPlane();
  });
  afterEach(() => cp.close());

  it('creates a viewer token that can read but not change, and records who did it', async () => {
    const res = await cp.call('POST', '/v1/tokens', { json: { role: 'viewer', name: 'grafana' } });
    expect(res.status).toBe(201);
    const created = (await res.json()) as { id: string; token: string };
    expect(created.token).toMatch(/^efa_/);
    expect((await cp.call('GET', '/v1/tokens', { token: created.token })).status).toBe(200);
    const denied = await cp.call('POST', '/v1/tokens', { token: created.token, json: { role: 'admin' } });
    expect(denied.status).toBe(403);
    expect(((await denied.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
    const audit = (await (await cp.call('GET', '/v1/audit')).json()) as { entries: Array<{ action: string; target: string }> };
    expect(audit.entries.some((e) => e.action === 'token.create' && e.target === created.id)).toBe(true);
  });

  it('answers a missing or unknown token with 401 and UNAUTHENTICATED', async () => {
    for (const token of [null, 'efa_nope']) {
      const res = await cp.call('GET', '/v1/tokens', { token });
      expect(res.status).toBe(401);
      const body = (await res.json()) as { error: { code: string; requestId: string } };
      expect(body.error.code).toBe('UNAUTHENTICATED');
      expect(body.error.requestId).toBeTruthy();
    }
  });

  it('stores only hashes of secrets', async () => {
    const created = (await (await cp.call('POST', '/v1/tokens', { json: { role: 'enroll', uses: 2 } })).json()) as { token: string };
    const rows = cp.db.prepare('SELECT secret_hash FROM api_tokens').all() as Array<{ secret_hash: string }>;
    expect(rows.every((r) => !r.secret_hash.includes(created.token) && /^[a-f0-9]{64}$/.test(r.secret_hash))).toBe(true);
  });

  it('refuses an enrollment token as an API credential, and a revoked token', async () => {
    const enroll = (await (await cp.call('POST', '/v1/tokens', { json: { role: 'enroll' } })).json()) as { token: string };
    expect((await cp.call('GET', '/v1/tokens', { token: enroll.token })).status).toBe(401);
    const viewer = (await (await cp.call('POST', '/v1/tokens', { json: { role: 'viewer' } })).json()) as { id: string; token: string };
    expect((await cp.call('DELETE', `/v1/tokens/${viewer.id}`)).status).toBe(204);
    expect((await cp.call('GET', '/v1/tokens', { token: viewer.token })).status).toBe(401);
  });

  it.each([
    [{ role: 'root' }, 'VALIDATION_FAILED'],
    [{ role: 'viewer', uses: 3 }, 'VALIDATION_FAILED'],
    [{ role: 'enroll', ttlSeconds: -1 }, 'VALIDATION_FAILED'],
  ])('refuses bad token request %j with 400', async (json, code) => {
    const res = await cp.call('POST', '/v1/tokens', { json });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe(code);
  });

  it('answers malformed JSON and oversized bodies with a coded error', async () => {
    const bad = await cp.call('POST', '/v1/tokens', { body: '{"role":', headers: { 'content-type': 'application/json' } });
    expect(bad.status).toBe(400);
    const big = await cp.call('POST', '/v1/tokens', { json: { role: 'viewer', name: 'x'.repeat(2 * 1024 * 1024) } });
    expect(big.status).toBe(413);
    expect(((await big.json()) as { error: { code: string } }).error.code).toBe('PAYLOAD_TOO_LARGE');
  });
});
