import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { basename, dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderIndexHtml } from './index-html.ts';

/** Where the browser app's source lives. */
export const CONSOLE_APP_DIR = join(dirname(fileURLToPath(import.meta.url)), 'app');
const REPO_ROOT = join(CONSOLE_APP_DIR, '..', '..', '..');
/** URL prefix of the bundled files; `console.routes.ts` serves it. */
export const ASSET_PREFIX = '/console/assets/';

export interface ConsoleAsset {
  body: Uint8Array;
  contentType: string;
  /** Gzipped once at build time for text assets: the script is mostly zod and shrinks about 4x. */
  gzip?: Uint8Array;
}

export interface ConsoleBundle {
  indexHtml: string;
  /** By file name (`console-3FQX2K.js`); names carry a content hash, so they are cached forever. */
  assets: ReadonlyMap<string, ConsoleAsset>;
  /** Page files found, relative to the app folder (`pages/devices.page.ts`). */
  pages: readonly string[];
  /** Every source file that went into the bundle, relative to the repository root. */
  inputs: readonly string[];
  builtInMs: number;
}

const contentTypes: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** Every `pages/*.page.ts`, sorted: the page registry's plug-in point. */
export function findPageFiles(appDir = CONSOLE_APP_DIR): string[] {
  return readdirSync(join(appDir, 'pages'))
    .filter((f) => /^[a-z0-9-]+\.page\.ts$/.test(f))
    .sort()
    .map((f) => `pages/${f}`);
}

/** The generated entry: import each page file and start the app with them. */
export function entrySource(pageFiles: readonly string[]): string {
  const imports = pageFiles.map((f, i) => `import { page as p${i} } from './${f}';`);
  return [`import { startConsole } from './main.ts';`, ...imports, `startConsole([${pageFiles.map((_, i) => `p${i}`).join(', ')}]);`, ''].join('\n');
}

/**
 * The console may import its own files, `protocol/` and browser libraries, never control-plane
 * server code or Node built-ins: it runs in the browser. Checked on every build, not only in lint.
 */
export function forbiddenInputs(inputs: readonly string[]): string[] {
  const appPrefix = relative(REPO_ROOT, CONSOLE_APP_DIR).split(sep).join('/') + '/';
  return inputs.filter((p) =>
    p.startsWith('node:') ||
    (!p.startsWith('node_modules/') && !p.startsWith('protocol/') && !p.startsWith(appPrefix) && p !== '<stdin>'));
}

/**
 * Bundle the console with esbuild's JS API, in memory: one JS and one CSS file (Preact, uPlot,
 * zod and the protocol schemas inside), a source map each, and index.html pointing at them.
 * Run at control-plane start (a few hundred ms) and by tests; nothing is written to disk.
 */
export async function buildConsole(options: { minify?: boolean } = {}): Promise<ConsoleBundle> {
  const started = performance.now();
  // esbuild is loaded only here, so a control plane without it still serves the API.
  const esbuild = await import('esbuild');
  const pages = findPageFiles();
  const result = await esbuild.build({
    stdin: { contents: entrySource(pages), resolveDir: CONSOLE_APP_DIR, sourcefile: 'console-entry.ts', loader: 'ts' },
    absWorkingDir: REPO_ROOT,
    bundle: true,
    write: false,
    outdir: join(REPO_ROOT, '.console-build'), // virtual: write is false
    entryNames: 'console-[hash]',
    format: 'esm',
    platform: 'browser',
    target: ['chrome111', 'firefox111', 'safari16.4'],
    minify: options.minify ?? true,
    sourcemap: 'linked',
    metafile: true,
    legalComments: 'linked',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    logLevel: 'silent',
  });
  const inputs = Object.keys(result.metafile.inputs);
  const bad = forbiddenInputs(inputs);
  if (bad.length > 0) throw new Error(`the console imports code it must not (server or Node): ${bad.join(', ')}`);

  const assets = new Map<string, ConsoleAsset>();
  for (const file of result.outputFiles) {
    const name = basename(file.path);
    const ext = name.slice(name.lastIndexOf('.'));
    const contentType = contentTypes[ext] ?? (name.endsWith('.LEGAL.txt') ? 'text/plain; charset=utf-8' : 'application/octet-stream');
    const gzip = ext === '.js' || ext === '.css' ? gzipSync(file.contents, { level: 6 }) : undefined;
    assets.set(name, { body: file.contents, contentType, ...(gzip ? { gzip } : {}) });
  }
  const icon = faviconSvg();
  assets.set(icon.name, icon.asset);
  const pick = (ext: string) => [...assets.keys()].find((n) => n.startsWith('console-') && n.endsWith(ext));
  const script = pick('.js');
  const style = pick('.css');
  if (!script || !style) throw new Error('esbuild produced no console script or stylesheet');
  const indexHtml = renderIndexHtml({ script: ASSET_PREFIX + script, style: ASSET_PREFIX + style, icon: ASSET_PREFIX + icon.name });
  return { indexHtml, assets, pages, inputs, builtInMs: Math.round(performance.now() - started) };
}

/** A small icon, so browsers do not log a 404 for /favicon.ico. */
function faviconSvg(): { name: string; asset: ConsoleAsset } {
  const svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#1f3a7a"/>'
    + '<circle cx="10" cy="22" r="3" fill="#9ec1ff"/><circle cx="22" cy="22" r="3" fill="#9ec1ff"/><circle cx="16" cy="10" r="4" fill="#fff"/>'
    + '<path d="M16 10 10 22M16 10l6 12" stroke="#fff" stroke-width="1.6"/></svg>';
  const body = new TextEncoder().encode(svg);
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 8);
  return { name: `icon-${hash}.svg`, asset: { body, contentType: contentTypes['.svg'] as string } };
}
