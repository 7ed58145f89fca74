import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshotWidths, watchPage } from '../helpers/browser.ts';
import { startBrowserStack, type BrowserStack } from './browser-stack.ts';
import { sileroVersion } from './vad-fixtures.ts';

// The `/demo/vad` page as a visitor uses it: open the link the admin handed out (enrollment token
// in the fragment), wait for the model, run it on the bundled clip, and find the device in the
// console. Everything the page loads comes from the control plane (strict CSP, no CDN).

describe('the VAD demo page in Chromium', () => {
  let stack: BrowserStack;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startBrowserStack(), launchChromium()]);
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await stack.pushModel('vad', '1', await sileroVersion('1'));
    await stack.assign('vad-browsers', { model: 'vad', version: '1', selector: 'platform=browser' });
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('joins the fleet from the link, runs Silero VAD on the clip and finds the three voiced stretches', { timeout: 90_000 }, async () => {
    const page = await context.newPage();
    const problems = watchPage(page);
    const offCdn: string[] = [];
    page.on('request', (r) => { if (!r.url().startsWith(stack.url) && !r.url().startsWith('blob:') && !r.url().startsWith('data:')) offCdn.push(r.url()); });
    const response = await page.goto(`${stack.url}/demo/vad#token=${await stack.enrollToken()}&name=demo%20kiosk`);
    expect(response?.headers()['content-security-policy']).toContain("'wasm-unsafe-eval'");
    await expect.poll(() => page.locator('#state').textContent(), { timeout: 10_000 }).toBe('online');
    const run = page.getByRole('button', { name: 'Run on the bundled clip' });
    await expect.poll(() => run.isEnabled(), { timeout: 60_000 }).toBe(true);
    await run.click();
    await expect.poll(() => page.locator('#segments li').count(), { timeout: 60_000 }).toBe(3);
    expect(await page.locator('#segments li').allTextContents()).toEqual([
      expect.stringMatching(/^speech from 1\.\d\d s/), expect.stringMatching(/^speech from 3\.\d\d s/), expect.stringMatching(/^speech from 5\.\d\d s/),
    ]);
    await screenshotWidths(page, 'browser-runtime', 'demo-vad');
    expect(offCdn).toEqual([]);
    expect(problems.drain()).toEqual([]);
  });

  it('shows the browser in the fleet and on the console\'s Devices page', { timeout: 60_000 }, async () => {
    const device = (await stack.devices()).find((d) => d.name === 'demo kiosk');
    expect(device).toMatchObject({ presence: 'online', labels: { platform: 'browser' }, capabilities: { platform: 'browser' } });
    const console = await context.newPage();
    await console.goto(`${stack.url}/`);
    await console.getByLabel('API token').fill(stack.adminToken);
    await console.getByLabel('API token').press('Enter');
    await console.evaluate(() => { location.hash = '#/devices'; });
    await console.getByText('demo kiosk').first().waitFor();
    await screenshotWidths(console, 'browser-runtime', 'console-devices', [1280]);
  });
});
