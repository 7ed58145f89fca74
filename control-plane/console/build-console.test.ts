import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildConsole, entrySource, findPageFiles, forbiddenInputs, type ConsoleBundle } from './build-console.ts';

describe('console build (esbuild JS API, in memory)', () => {
  let bundle: ConsoleBundle;
  beforeAll(async () => {
    bundle = await buildConsole();
  });

  it('finds every pages/*.page.ts and wires them into the generated entry', () => {
    const pages = findPageFiles();
    expect(pages).toEqual(expect.arrayContaining(['pages/overview.page.ts', 'pages/devices.page.ts', 'pages/device-detail.page.ts',
      'pages/models.page.ts', 'pages/model-detail.page.ts', 'pages/fleets.page.ts']));
    expect(pages.some((p) => p.endsWith('.test.ts'))).toBe(false);
    expect(bundle.pages).toEqual(pages);
    expect(entrySource(['pages/a.page.ts', 'pages/b.page.ts'])).toBe([
      "import { startConsole } from './main.ts';",
      "import { page as p0 } from './pages/a.page.ts';",
      "import { page as p1 } from './pages/b.page.ts';",
      'startConsole([p0, p1]);',
      '',
    ].join('\n'));
  });

  it('writes one hashed script and stylesheet (with uPlot\'s CSS), their maps, and an index.html naming them', () => {
    const names = [...bundle.assets.keys()];
    const script = names.find((n) => /^console-[A-Z0-9]+\.js$/.test(n));
    const style = names.find((n) => /^console-[A-Z0-9]+\.css$/.test(n));
    expect(script && style).toBeTruthy();
    expect(names).toContain(`${script}.map`);
    expect(bundle.indexHtml).toContain(`<script type="module" src="/console/assets/${script}"></script>`);
    expect(bundle.indexHtml).toContain(`<link rel="stylesheet" href="/console/assets/${style}">`);
    expect(bundle.indexHtml).not.toMatch(/https?:\/\//); // nothing from outside the machine
    const css = new TextDecoder().decode(bundle.assets.get(style as string)?.body);
    expect(css).toContain('.uplot');
    const js = bundle.assets.get(script as string);
    expect(gunzipSync(js?.gzip as Uint8Array).equals(Buffer.from(js?.body as Uint8Array))).toBe(true);
  });

  it('takes nothing from the control plane\'s server code or Node', () => {
    expect(forbiddenInputs(bundle.inputs)).toEqual([]);
    expect(bundle.inputs.some((i) => i.startsWith('node_modules/preact/'))).toBe(true);
    expect(bundle.inputs.some((i) => i.startsWith('node_modules/uplot/'))).toBe(true);
    expect(bundle.inputs.some((i) => i.startsWith('protocol/'))).toBe(true);
    expect(forbiddenInputs(['control-plane/http/auth.ts', 'node:fs', 'protocol/live.ts', 'control-plane/console/app/main.ts']))
      .toEqual(['control-plane/http/auth.ts', 'node:fs']);
  });
});
