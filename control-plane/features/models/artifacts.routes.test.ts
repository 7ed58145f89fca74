import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelVersion } from '../../../protocol/index.ts';
import { buildMlp } from '../../../test/fixtures/models/index.ts';
import { createTestControlPlane, type TestControlPlane } from '../../../test/helpers/control-plane.ts';
import { enrollDevice } from '../../../test/helpers/fleet.ts';
import { expectError, push } from './test-support.ts';

/** A small MLP (a few hundred bytes); the seed changes the bytes, not the interface. */
const smallModel = (seed = 1) => buildMlp({ inputs: 4, hidden: [8], outputs: 3, seed });

describe('artifacts API', () => {
  let cp: TestControlPlane;
  let sha256: string;
  const bytes = new Uint8Array(smallModel()); // the fixture hands out a Buffer; compare plain bytes
  const size = bytes.length;
  const get = (headers: Record<string, string> = {}, token?: string | null) =>
    cp.call('GET', `/v1/artifacts/${sha256}`, { headers, token });

  // Read-only tests: one control plane and one push for all of them.
  beforeAll(async () => {
    cp = createTestControlPlane();
    const created = (await (await push(cp, '/v1/models/m/versions/1', bytes)).json()) as ModelVersion;
    sha256 = created.variants[0]?.sha256 as string;
  });
  afterAll(async () => cp.close());

  it('serves the whole artifact with its hash as ETag and advertises ranges', async () => {
    const res = await get();
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe(`"${sha256}"`);
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(res.headers.get('content-length')).toBe(String(size));
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(bytes);
  });

  it('answers If-None-Match with the ETag with 304 and no body', async () => {
    const res = await get({ 'if-none-match': `"${sha256}"` });
    expect(res.status).toBe(304);
    expect(res.headers.get('etag')).toBe(`"${sha256}"`);
    expect(await res.text()).toBe('');
    expect((await get({ 'if-none-match': '"something-else"' })).status).toBe(200);
  });

  it.each([
    ['bytes=0-9', 0, 9],
    ['bytes=100-', 100, size - 1],
    ['bytes=-16', size - 16, size - 1],
    ['bytes=10-99999', 10, size - 1],
  ])('answers Range %s with 206 and the exact bytes', async (range, start, end) => {
    const res = await get({ range });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe(`bytes ${start}-${end}/${size}`);
    expect(res.headers.get('content-length')).toBe(String(end - start + 1));
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(bytes.slice(start, end + 1));
  });

  it('answers an unsatisfiable range with 416 and the size', async () => {
    const res = await get({ range: `bytes=${size}-` });
    expect(res.headers.get('content-range')).toBe(`bytes */${size}`);
    await expectError(res, 416, 'RANGE_NOT_SATISFIABLE');
  });

  it('sends everything when If-Range names another version, and ignores multi-range requests', async () => {
    const stale = await get({ range: 'bytes=0-9', 'if-range': '"old"' });
    expect(stale.status).toBe(200);
    expect((await stale.arrayBuffer()).byteLength).toBe(size);
    expect((await get({ range: 'bytes=0-9', 'if-range': `"${sha256}"` })).status).toBe(206);
    expect((await get({ range: 'bytes=0-1,4-5' })).status).toBe(200);
  });

  it('answers HEAD with the headers only', async () => {
    const res = await cp.call('HEAD', `/v1/artifacts/${sha256}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe(String(size));
  });

  it('lets an enrolled device download artifacts but not browse the registry', async () => {
    const device = await enrollDevice(cp);
    const res = await get({ range: 'bytes=0-3' }, device.credential);
    expect(res.status).toBe(206);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(bytes.slice(0, 4));
    await expectError(await cp.call('GET', '/v1/models', { token: device.credential }), 403, 'FORBIDDEN');
  });

  it('lets viewers download, wants a token, and 404s unknown hashes', async () => {
    expect((await get({}, cp.viewerToken)).status).toBe(200);
    await expectError(await get({}, null), 401, 'UNAUTHENTICATED');
    await expectError(await cp.call('GET', `/v1/artifacts/${'0'.repeat(64)}`), 404, 'NOT_FOUND');
    await expectError(await cp.call('GET', '/v1/artifacts/not-a-hash'), 400, 'VALIDATION_FAILED');
    await expectError(await cp.call('GET', '/v1/artifacts/..%2Fkeys%2Fsigning-ed25519.pem'), 400, 'VALIDATION_FAILED');
  });
});
