import type { BrowserContext, Page } from 'playwright-core';
import type { ConnectOptions, RuntimeStatus } from '../../browser-runtime/index.ts';

/**
 * A same-origin page with the runtime module loaded as `window.ef` (the bundle the control plane
 * serves at /runtime/edgefleet.js, imported the way an app imports it). The page is `/healthz`: any
 * page of the origin will do, and it must be the control plane's origin for WebCrypto (a secure
 * context: http://127.0.0.1 counts) and same-origin fetches.
 */
export async function openRuntimePage(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${url}/healthz`);
  await importRuntime(page);
  return page;
}

/** Import the runtime module into the page (again after a reload). A string: vitest rewrites `import()` in functions. */
export async function importRuntime(page: Page): Promise<void> {
  await page.evaluate("import('/runtime/edgefleet.js').then((m) => { globalThis.ef = m; })");
}

/** connect() in the page; the runtime is kept as `window.fleet`. Returns the device id. */
export async function connectInPage(page: Page, options: ConnectOptions): Promise<string> {
  return page.evaluate(async (opts) => {
    const g = globalThis as unknown as { ef: { connect(o: unknown): Promise<{ deviceId: string }> }; fleet: unknown };
    const fleet = await g.ef.connect(opts);
    g.fleet = fleet;
    return fleet.deviceId;
  }, options);
}

/** The runtime's status, read in the page. */
export function statusInPage(page: Page): Promise<RuntimeStatus> {
  return page.evaluate(() => (globalThis as unknown as { fleet: { status(): RuntimeStatus } }).fleet.status());
}
