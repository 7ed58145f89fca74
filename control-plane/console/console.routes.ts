import { Hono } from 'hono';
import { EdgefleetError } from '../../protocol/index.ts';
import type { AppEnv } from '../http/app-env.ts';
import type { ConsoleBundle } from './build-console.ts';
import { CONSOLE_CSP } from './index-html.ts';

/** A bundle, or why there is none (esbuild missing, a build error): the API keeps working either way. */
export type ConsoleSource = { bundle: ConsoleBundle } | { error: string };

const pageHeaders = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy': CONSOLE_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  // index.html names the current bundle; it must be revalidated so a restart's new bundle is used.
  'Cache-Control': 'no-cache',
};

/** `/` (the console page) and `/console/assets/*` (its bundle). No token: the page holds no data. */
export function createConsoleRoutes(source: ConsoleSource) {
  const app = new Hono<AppEnv>();
  app.get('/', (c) => {
    if ('error' in source) {
      return c.body(`<!doctype html><title>edgefleet</title><h1>The console is unavailable</h1><p>${escapeHtml(source.error)}</p>`
        + '<p>The REST API works; see <a href="/openapi.json">/openapi.json</a>.</p>', 503, pageHeaders);
    }
    return c.body(source.bundle.indexHtml, 200, pageHeaders);
  });
  app.get('/console/assets/:file', (c) => {
    const asset = 'bundle' in source ? source.bundle.assets.get(c.req.param('file')) : undefined;
    if (!asset) throw new EdgefleetError('NOT_FOUND', `no console asset ${c.req.param('file')}`);
    const headers: Record<string, string> = {
      'Content-Type': asset.contentType,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'public, max-age=31536000, immutable',
      Vary: 'Accept-Encoding',
    };
    if (asset.gzip && /\bgzip\b/.test(c.req.header('accept-encoding') ?? '')) {
      return c.body(asset.gzip as Uint8Array<ArrayBuffer>, 200, { ...headers, 'Content-Encoding': 'gzip' });
    }
    return c.body(asset.body as Uint8Array<ArrayBuffer>, 200, headers);
  });
  return app;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
