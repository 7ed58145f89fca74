import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
/** Where the page-side agent lives; read by esbuild as files, never imported by the control plane. */
export const RUNTIME_DIR = join(REPO_ROOT, 'browser-runtime');
/** URL prefix of the bundle; `runtime.routes.ts` serves it. */
export const RUNTIME_PREFIX = '/runtime/';

/** Entry points, by the file name they are served as under RUNTIME_PREFIX. */
export const RUNTIME_ENTRIES = {
  /** The public API: `import { connect } from '/runtime/edgefleet.js'`. */
  edgefleet: 'index.ts',
  /** The Silero VAD demo page's script (`/demo/vad`). */
  'demo-vad': 'demo/vad-demo.ts',
} as const;

export interface RuntimeAsset {
  body: Uint8Array;
  contentType: string;
  /** Entry files keep their names across builds and must be revalidated; chunks carry a content hash. */
  immutable: boolean;
}

export interface RuntimeBundle {
  /** By path under RUNTIME_PREFIX: `edgefleet.js`, `chunks/web-llm-XXXX.js`, their source maps. */
  assets: ReadonlyMap<string, RuntimeAsset>;
  /** Every source file that went into it, relative to the repository root. */
  inputs: readonly string[];
  builtInMs: number;
}

const contentTypes: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The browser runtime may bundle its own files, `protocol/` and npm packages, never control-plane
 * code or Node built-ins. Checked on every build, not only by the linter.
 */
export function forbiddenRuntimeInputs(inputs: readonly string[]): string[] {
  const own = relative(REPO_ROOT, RUNTIME_DIR).split(sep).join('/') + '/';
  return inputs.filter((p) => p.startsWith('node:') || (!p.startsWith('node_modules/') && !p.startsWith('protocol/') && !p.startsWith(own)));
}

/**
 * Bundle the runtime with esbuild's JS API, in memory, at control-plane start (like the console):
 * ES modules with code splitting, so web-llm (6 MB) is a chunk loaded only when an `llm` model
 * arrives, and the demo page shares the runtime's code with `edgefleet.js`. onnxruntime-web's own
 * WebAssembly files are not bundled; `runtime.routes.ts` serves them from its package.
 */
export async function buildBrowserRuntime(options: { minify?: boolean } = {}): Promise<RuntimeBundle> {
  const started = performance.now();
  const esbuild = await import('esbuild');
  const entryPoints = Object.fromEntries(Object.entries(RUNTIME_ENTRIES).map(([name, file]) => [name, join(RUNTIME_DIR, file)]));
  const result = await esbuild.build({
    entryPoints,
    absWorkingDir: REPO_ROOT,
    bundle: true,
    splitting: true,
    write: false,
    outdir: join(REPO_ROOT, '.runtime-build'), // virtual: write is false
    entryNames: '[name]',
    chunkNames: 'chunks/[name]-[hash]',
    format: 'esm',
    platform: 'browser',
    // WebGPU, top-level await and Ed25519 in WebCrypto: Chromium 113+ for the first two; the third is checked at run time.
    target: ['chrome113', 'firefox120', 'safari17'],
    minify: options.minify ?? true,
    sourcemap: 'linked',
    metafile: true,
    legalComments: 'linked',
    logLevel: 'silent',
  });
  const inputs = Object.keys(result.metafile.inputs);
  const bad = forbiddenRuntimeInputs(inputs);
  if (bad.length > 0) throw new Error(`the browser runtime imports code it must not (server or Node): ${bad.join(', ')}`);
  const outdir = join(REPO_ROOT, '.runtime-build');
  const assets = new Map<string, RuntimeAsset>();
  for (const file of result.outputFiles) {
    const name = relative(outdir, file.path).split(sep).join('/');
    const ext = name.endsWith('.LEGAL.txt') ? '.txt' : name.slice(name.lastIndexOf('.'));
    const entry = !name.startsWith('chunks/');
    assets.set(name, { body: file.contents, contentType: contentTypes[ext] ?? 'application/octet-stream', immutable: !entry });
  }
  if (!assets.has('edgefleet.js')) throw new Error('esbuild produced no edgefleet.js');
  return { assets, inputs, builtInMs: Math.round(performance.now() - started) };
}
