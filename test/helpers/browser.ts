import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium, headless, with nothing that reaches the network on its own. */
export const CHROMIUM_PATH = process.env.EDGEFLEET_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** One browser per test file; pages and contexts are reused inside it. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

export interface PageProblems {
  /** Console errors and uncaught exceptions, in order. */
  readonly errors: string[];
  /**
   * Take the errors out, except those the test expects (a forced 403 makes Chromium log
   * "Failed to load resource: ... 403"): each `expected` pattern must match at least one error.
   */
  drain(expected?: RegExp[]): string[];
}

/** Collect everything a page reports as an error: `console.error`, CSP violations, failed loads, exceptions. */
export function watchPage(page: Page): PageProblems {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()} (${msg.location().url})`);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  return {
    errors,
    drain(expected = []) {
      const taken = errors.splice(0);
      for (const pattern of expected) {
        if (!taken.some((e) => pattern.test(e))) throw new Error(`expected a browser error matching ${pattern}; got ${JSON.stringify(taken)}`);
      }
      return taken.filter((e) => !expected.some((p) => p.test(e)));
    },
  };
}

const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'test-artifacts');

/**
 * Full-page screenshots at each width into `test-artifacts/<folder>/<name>-<width>.png`
 * (gitignored), restoring the viewport afterwards. Returns the files written.
 */
export async function screenshotWidths(page: Page, folder: string, name: string, widths: number[] = [1280, 768]): Promise<string[]> {
  const dir = join(ARTIFACTS, folder);
  mkdirSync(dir, { recursive: true });
  const before = page.viewportSize();
  const files: string[] = [];
  for (const width of widths) {
    await page.setViewportSize({ width, height: 900 });
    // Charts follow their container through a ResizeObserver; give layout a frame to settle.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const path = join(dir, `${name}-${width}.png`);
    await page.screenshot({ path, fullPage: true });
    files.push(path);
  }
  if (before) await page.setViewportSize(before);
  return files;
}
