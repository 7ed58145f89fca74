import { Hono } from 'hono';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AppEnv } from '../../http/app-env.ts';
import { handleError, handleNotFound } from '../../http/errors.ts';
import { createOrtFiles } from './ort-assets.ts';
import { buildBrowserRuntime, forbiddenRuntimeInputs, type RuntimeBundle } from './runtime-bundle.ts';
import { createRuntimeRoutes, type RuntimeSource } from './runtime.routes.ts';

function appFor(source: RuntimeSource) {
  const app = new Hono<AppEnv>();
  app.onError(handleError);
  app.notFound(handleNotFound);
  app.route('/', createRuntimeRoutes({ source, ortFile: createOrtFiles() }));
  return app;
}

describe('browser runtime bundle and routes', () => {
  let bundle: RuntimeBundle;
  beforeAll(async () => {
    bundle = await buildBrowserRuntime();
  });

  it('bundles the runtime from its own files, protocol/ and npm packages only, with web-llm split off', () => {
    expect(forbiddenRuntimeInputs(bundle.inputs)).toEqual([]);
    expect(bundle.inputs).toContain('browser-runtime/index.ts');
    expect(bundle.inputs.some((p) => p.startsWith('protocol/'))).toBe(true);
    expect(forbiddenRuntimeInputs(['node:fs', 'control-plane/app.ts', 'edge-agent/agent.ts', 'protocol/x.ts', 'node_modules/zod/index.js']))
      .toEqual(['node:fs', 'control-plane/app.ts', 'edge-agent/agent.ts']);
    const entry = new TextDecoder().decode(bundle.assets.get('edgefleet.js')!.body);
    expect(entry).toMatch(/export\s*\{[^}]*\bconnect\b/);
    // web-llm is only in a chunk loaded on demand, never in what every page loads.
    const webllmChunk = [...bundle.assets.keys()].find((k) => k.endsWith('.js') && bundle.assets.get(k)!.body.length > 3_000_000);
    expect(webllmChunk).toMatch(/^chunks\//);
  });

  it('serves the entry revalidated and chunks as immutable', async () => {
    const app = appFor({ bundle });
    const entry = await app.request('/runtime/edgefleet.js');
    expect(entry.status).toBe(200);
    expect(entry.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(entry.headers.get('cache-control')).toBe('no-cache');
    const chunk = [...bundle.assets.keys()].find((k) => k.startsWith('chunks/') && k.endsWith('.js'))!;
    expect((await app.request(`/runtime/${chunk}`)).headers.get('cache-control')).toContain('immutable');
    expect((await app.request('/runtime/nope.js')).status).toBe(404);
  });

  it('serves onnxruntime-web\'s WebAssembly from the package, and nothing else from its folder', async () => {
    const app = appFor({ bundle });
    const wasm = await app.request('/runtime/ort/ort-wasm-simd-threaded.jsep.wasm');
    expect(wasm.status).toBe(200);
    expect(wasm.headers.get('content-type')).toBe('application/wasm');
    expect(Number(wasm.headers.get('content-length'))).toBeGreaterThan(1_000_000);
    await wasm.body?.cancel();
    const again = await app.request('/runtime/ort/ort-wasm-simd-threaded.jsep.wasm', { headers: { 'if-none-match': wasm.headers.get('etag')! } });
    expect(again.status).toBe(304);
    for (const name of ['ort.min.js', '..%2Fpackage.json', 'ort-wasm-simd-threaded.jsep.wasm.map']) {
      expect((await app.request(`/runtime/ort/${name}`)).status).toBe(404);
    }
  });

  it('serves the demo page with a CSP that allows WebAssembly and nothing from elsewhere', async () => {
    const res = await appFor({ bundle }).request('/demo/vad');
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).toContain("connect-src 'self'");
    expect(await res.text()).toContain('src="/runtime/demo-vad.js"');
  });

  it('explains a failed build instead of serving nothing', async () => {
    const app = appFor({ error: 'the browser runtime could not be built: boom' });
    expect((await app.request('/demo/vad')).status).toBe(503);
    const entry = await app.request('/runtime/edgefleet.js');
    expect(entry.status).toBe(503);
    expect(await entry.json()).toMatchObject({ error: { code: 'UNAVAILABLE', message: expect.stringContaining('boom') } });
  });
});
