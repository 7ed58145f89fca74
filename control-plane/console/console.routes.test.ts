import { pino } from 'pino';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestControlPlane, type TestControlPlane } from '../../test/helpers/control-plane.ts';
import { createApp } from '../app.ts';
import { buildConsole, type ConsoleBundle } from './build-console.ts';
import type { ConsoleSource } from './console.routes.ts';

describe('console routes', () => {
  let bundle: ConsoleBundle;
  let cp: TestControlPlane;
  beforeAll(async () => {
    bundle = await buildConsole();
  });
  beforeEach(() => {
    cp = createTestControlPlane();
  });
  afterEach(() => cp.close());

  const appWith = (source: ConsoleSource) => createApp({
    services: cp.services, metrics: cp.metrics, logger: pino({ level: 'silent' }),
    limits: { maxJsonBytes: 1024 * 1024, maxArtifactBytes: 1024 * 1024 }, console: source,
  });

  it('serves index.html at / without a token, revalidated, under a same-origin-only CSP', async () => {
    const res = await appWith({ bundle }).request('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const csp = res.headers.get('content-security-policy') ?? '';
    for (const rule of ["default-src 'none'", "script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'"]) expect(csp).toContain(rule);
    expect(await res.text()).toBe(bundle.indexHtml);
  });

  it('serves hashed assets for a year, gzipped when the browser accepts it', async () => {
    const app = appWith({ bundle });
    const script = [...bundle.assets.keys()].find((n) => n.endsWith('.js')) as string;
    const plain = await app.request(`/console/assets/${script}`);
    expect(plain.status).toBe(200);
    expect(plain.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(plain.headers.get('cache-control')).toContain('immutable');
    expect(plain.headers.get('content-encoding')).toBeNull();
    const zipped = await app.request(`/console/assets/${script}`, { headers: { 'accept-encoding': 'gzip, deflate' } });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(Number((await zipped.arrayBuffer()).byteLength)).toBeLessThan(bundle.assets.get(script)?.body.length ?? 0);
  });

  it('answers an unknown asset with the protocol error body, and keeps the API working', async () => {
    const app = appWith({ bundle });
    const res = await app.request('/console/assets/nope.js');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    const api = await app.request('/v1/models', { headers: { authorization: `Bearer ${cp.adminToken}` } });
    expect(api.status).toBe(200);
  });

  it('says why when the bundle could not be built (the API is still served)', async () => {
    const res = await appWith({ error: 'the console could not be built: <esbuild missing>' }).request('/');
    expect(res.status).toBe(503);
    const html = await res.text();
    expect(html).toContain('&#60;esbuild missing&#62;');
    expect(html).toContain('/openapi.json');
  });

  it('is left out of app.request() tests that pass no console', async () => {
    expect((await cp.app.request('/')).status).toBe(404);
  });
});
