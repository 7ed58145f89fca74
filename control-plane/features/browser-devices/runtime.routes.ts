import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import { EdgefleetError } from '../../../protocol/index.ts';
import type { AppEnv } from '../../http/app-env.ts';
import { DEMO_CSP, DEMO_STYLE, renderDemoPage } from './demo-page.ts';
import type { OrtFile } from './ort-assets.ts';
import { RUNTIME_PREFIX, type RuntimeBundle } from './runtime-bundle.ts';

/** A bundle, or why there is none: the API and MQTT devices keep working either way. */
export type RuntimeSource = { bundle: RuntimeBundle } | { error: string };

export interface RuntimeRoutesDeps {
  source: RuntimeSource;
  /** onnxruntime-web's files by name (ort-assets.ts). */
  ortFile: (name: string) => OrtFile | null;
}

const styleBody = new TextEncoder().encode(DEMO_STYLE);
const styleName = `demo-${createHash('sha256').update(styleBody).digest('hex').slice(0, 8)}.css`;

/**
 * `/runtime/*` (the browser runtime: `edgefleet.js`, its chunks, onnxruntime-web's WebAssembly under
 * `/runtime/ort/`) and `/demo/vad`. Public, like the console's assets: code, no data. The scripts
 * allow any origin, so a page elsewhere can import the module (its API calls still need CORS on
 * the control plane, which is not configured here).
 */
export function createRuntimeRoutes(deps: RuntimeRoutesDeps) {
  const app = new Hono<AppEnv>();
  const { source } = deps;

  app.get(`${RUNTIME_PREFIX}ort/:file`, (c) => {
    const file = deps.ortFile(c.req.param('file'));
    if (!file) throw new EdgefleetError('NOT_FOUND', `no onnxruntime-web file ${c.req.param('file')}`);
    const headers: Record<string, string> = {
      'Content-Type': file.contentType, ETag: file.etag, 'Cache-Control': 'public, max-age=86400',
      'Access-Control-Allow-Origin': '*', 'X-Content-Type-Options': 'nosniff',
    };
    if (c.req.header('if-none-match') === file.etag) return c.body(null, 304, headers);
    return c.body(file.open(), 200, { ...headers, 'Content-Length': String(file.size) });
  });

  app.get(`${RUNTIME_PREFIX}*`, (c) => {
    const name = c.req.path.slice(RUNTIME_PREFIX.length);
    if ('error' in source) throw new EdgefleetError('UNAVAILABLE', source.error);
    const asset = source.bundle.assets.get(name);
    if (!asset) throw new EdgefleetError('NOT_FOUND', `no runtime file ${name}`);
    return c.body(asset.body as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': asset.contentType,
      'Cache-Control': asset.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      'Access-Control-Allow-Origin': '*',
      'X-Content-Type-Options': 'nosniff',
    });
  });

  app.get(`/demo/${styleName}`, (c) => c.body(styleBody as Uint8Array<ArrayBuffer>, 200, {
    'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=31536000, immutable',
  }));

  app.get('/demo/vad', (c) => {
    const headers = {
      'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': DEMO_CSP,
      'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer', 'Cache-Control': 'no-cache',
    };
    if ('error' in source) {
      return c.body(`<!doctype html><title>edgefleet demo</title><h1>The browser runtime is unavailable</h1><p>${escapeHtml(source.error)}</p>`, 503, headers);
    }
    return c.body(renderDemoPage({ script: `${RUNTIME_PREFIX}demo-vad.js`, style: `/demo/${styleName}` }), 200, headers);
  });
  return app;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
