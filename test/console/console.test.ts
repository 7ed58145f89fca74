import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sileroVadPath } from '../fixtures/models/index.ts';
import { launchChromium, screenshotWidths, watchPage, type PageProblems } from '../helpers/browser.ts';
import { startConsoleStack, type ConsoleStack, type SimulatedDevice } from './console-stack.ts';

// The admin web console in Debian's Chromium against a real control plane (HTTP, live WebSocket,
// MQTT broker, SQLite) started in-process on port 0. One browser for the file; the tests run in
// order and build on each other (sign in, enroll, push, assign), like an admin's first session.

const SHOTS = 'console';

/** Form controls and buttons without an accessible name (a label, aria-label or text). */
const unlabelledControls = (page: Page) => page.evaluate(() =>
  [...document.querySelectorAll('input, select, button, textarea')]
    .filter((el) => !((el as HTMLInputElement).labels?.length) && !el.getAttribute('aria-label') && !el.textContent?.trim())
    .map((el) => el.outerHTML));

describe('admin console in Chromium', () => {
  let stack: ConsoleStack;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: PageProblems;
  let device: SimulatedDevice;
  let deviceId: string;

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startConsoleStack(), launchChromium()]);
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    // Waits are hang guards on a loaded two-core machine, not timing assertions.
    context.setDefaultTimeout(90_000);
    page = await context.newPage();
    problems = watchPage(page);
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  const heading = (name: string | RegExp) => page.getByRole('heading', { level: 1, name });
  const go = async (hash: string, title: string | RegExp) => {
    await page.evaluate((h) => { location.hash = h; }, hash);
    await heading(title).waitFor();
  };

  it('serves the console at / with a strict CSP, and explains a refused token in words', async () => {
    const res = await page.goto(`${stack.url}/`);
    expect(res?.status()).toBe(200);
    expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.getByRole('heading', { name: 'Sign in to the fleet console' }).waitFor();
    await screenshotWidths(page, SHOTS, 'sign-in');

    await page.getByLabel('API token').fill('efa_not_a_real_token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('the token is unknown, revoked or expired');
  });

  it('signs in with the admin token (keyboard only) and shows the empty fleet with next steps', async () => {
    await page.getByLabel('API token').fill('');
    await page.getByLabel('API token').focus();
    await page.keyboard.type(stack.adminToken);
    await page.keyboard.press('Enter');
    await heading('Overview').waitFor();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Live' }).count()).toBe(1);
    // The overview's cards load after the heading: wait for them rather than count once.
    await expect.poll(() => page.getByText('admin', { exact: true }).count()).toBe(1);
    await expect.poll(() => page.getByRole('heading', { name: 'Getting started' }).count()).toBe(1);
    await expect.poll(() => page.getByText('No rollouts yet').count()).toBe(1);
    // Kept for this tab only unless "keep me signed in" is ticked.
    expect(await page.evaluate(() => [sessionStorage.length, localStorage.length])).toEqual([1, 0]);
  });

  it('can be driven from the keyboard: skip link first, focus on each new page\'s heading', async () => {
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.getByRole('link', { name: 'Devices', exact: true }).focus();
    await page.keyboard.press('Enter');
    await heading('Devices').waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('page-title');
    expect(await page.evaluate(() => document.title)).toBe('Devices · edgefleet');
  });

  it('shows a newly enrolled device, its presence, reported models and a local rollback without a reload', async () => {
    await go('#/devices', 'Devices');
    await page.getByText('No devices enrolled yet').waitFor();
    await page.evaluate(() => { (window as unknown as { marker: number }).marker = 42; });

    const enrolled = await stack.enroll('edge-box-1', { site: 'lab' });
    deviceId = enrolled.deviceId;
    const row = page.getByRole('row').filter({ hasText: 'edge-box-1' });
    await row.waitFor();
    expect(await row.getByText('unknown').count()).toBe(1);

    device = await stack.connect(enrolled);
    await device.publish('presence', { status: 'online', agentVersion: '0.1.0' });
    await row.getByText('online').waitFor();
    await device.publish('reported', {
      desiredRevision: 1,
      models: [{ name: 'vad', version: '5', variant: 'fp32', executionProvider: 'cpu', status: 'ready' }],
    });
    await row.getByText('vad:5').waitFor();

    await page.getByRole('link', { name: 'edge-box-1' }).click();
    await heading('edge-box-1').waitFor();
    await page.getByRole('heading', { name: 'Capabilities' }).waitFor();
    await device.publish('events', {
      type: 'model.reverted', model: 'vad', version: '5',
      message: 'p95 latency 1450 ms over the 1000 ms budget during probation; reverted to 4',
      evidence: { p95LatencyMs: 1450, budgetP95LatencyMs: 1000, requests: 120, revertedTo: '4' },
    });
    const rollback = page.locator('.event-reverted');
    await rollback.getByText('local rollback').waitFor();
    expect(await rollback.getByText('budgetP95LatencyMs').count()).toBe(1);
    await page.getByRole('figure').filter({ hasText: 'Device events per hour' }).waitFor();
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
  });

  it('pushes the Silero VAD model from the page, with upload progress', async () => {
    await go('#/models', 'Models');
    await page.getByText('No models yet').waitFor();
    // Throttle uploads so the progress bar is really seen moving on a loopback connection.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 2 * 1024 * 1024 });

    await page.getByLabel('ONNX file').setInputFiles(sileroVadPath());
    expect(await page.getByLabel('Model name').inputValue()).toBe('silero_vad_v5');
    await page.getByLabel('Model name').fill('vad');
    await page.getByLabel('Version').fill('5');
    await page.getByRole('button', { name: 'Push model' }).click();
    await page.getByRole('progressbar', { name: 'Upload progress' }).waitFor();
    await page.getByText(/Uploading .* of 2\.\d MiB/).waitFor();
    await page.getByText(/Pushed vad:5 \(fp32, 2\.\d MiB\)/).waitFor({ timeout: 20_000 });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    await cdp.detach();
    await page.getByRole('row').filter({ hasText: 'vad' }).getByRole('link', { name: 'vad' }).waitFor();

    await page.getByRole('link', { name: 'Open vad:5' }).click();
    await heading('vad').waitFor();
    const inputs = page.getByRole('region', { name: 'Inputs' });
    for (const name of ['input', 'state', 'sr']) await inputs.getByRole('cell', { name, exact: true }).waitFor();
    // fp32 is what was pushed; the control plane may add fp16/int8 variants on its own meanwhile.
    const fp32 = page.getByRole('region', { name: 'Variants' }).getByRole('row').filter({ has: page.getByRole('cell', { name: 'fp32', exact: true }) });
    expect(await fp32.getByText('signed', { exact: true }).count()).toBe(1);
    expect(await fp32.getByText('ready', { exact: true }).count()).toBe(1);
    expect(await fp32.getByText(/2\.\d MiB/).count()).toBe(1);
  });

  it('moves an alias and shows it on the model without a reload', async () => {
    await page.getByLabel('Alias', { exact: true }).fill('production');
    await page.getByRole('button', { name: 'Move alias', exact: true }).click();
    await page.getByText('production now points at 5.').waitFor();
    await page.getByRole('list', { name: 'Aliases' }).getByText('production').waitFor();
    await page.getByRole('button', { name: '5 (production)' }).waitFor();
  });

  it('creates a fleet and an assignment, previewing which devices match', async () => {
    await go('#/fleets', 'Fleets & assignments');
    await page.getByText('No fleets yet').waitFor();
    await page.getByRole('button', { name: 'New fleet' }).click();
    await page.getByLabel('Name').fill('lab');
    await page.getByLabel('Label selector').fill('site in (lab');
    await page.getByText(/label selector "site in \(lab"/).waitFor(); // the protocol's parser explains the typo
    await page.getByLabel('Label selector').fill('site=lab');
    await page.getByText('Matches 1 of 1 device: edge-box-1').waitFor();
    await page.getByRole('button', { name: 'Create fleet' }).click();
    await page.getByText('Created fleet lab.').waitFor();
    await page.getByRole('region', { name: 'Fleets' }).getByRole('cell', { name: 'lab', exact: true }).waitFor();

    await page.getByRole('button', { name: 'New assignment' }).click();
    await page.getByLabel('Name').fill('vad-lab');
    await page.getByRole('button', { name: 'Create assignment' }).click();
    await page.getByText('Created assignment vad-lab.').waitFor();
    const row = page.getByRole('region', { name: 'Assignments' }).getByRole('row').filter({ hasText: 'vad-lab' });
    expect(await row.textContent()).toContain('@production');

    // The assignment reached the device's desired state, and the device page says so.
    await go(`#/devices/${deviceId}`, 'edge-box-1');
    await page.getByText(/Desired state revision \d+: vad:5 \w+ \(assignment vad-lab\)/).waitFor();
  });

  it('writes screenshots of every page at 1280 and 768 px', async () => {
    await device.publish('events', { type: 'model.activated', model: 'vad', version: '5', message: 'vad:5 fp32 serving on cpu' });
    const pages: Array<[string, string, string | RegExp]> = [
      ['overview', '#/', 'Overview'],
      ['devices', '#/devices', 'Devices'],
      ['device', `#/devices/${deviceId}`, 'edge-box-1'],
      ['models', '#/models', 'Models'],
      ['model', '#/models/vad', 'vad'],
      ['fleets', '#/fleets', 'Fleets & assignments'],
    ];
    for (const [name, hash, title] of pages) {
      await go(hash, title);
      await page.waitForLoadState('networkidle');
      const files = await screenshotWidths(page, SHOTS, name);
      expect(files).toHaveLength(2);
      expect(await unlabelledControls(page), name).toEqual([]);
    }
    // At 768 px nothing overflows the page sideways (tables scroll inside their own region).
    await page.setViewportSize({ width: 768, height: 900 });
    for (const [, hash, title] of pages) {
      await go(hash, title);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(768);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('lets a viewer see everything and change nothing, and shows a forced 403 in words', async () => {
    const viewerContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    viewerContext.setDefaultTimeout(90_000);
    const viewer = await viewerContext.newPage();
    const viewerProblems = watchPage(viewer);
    await viewer.goto(`${stack.url}/`);
    await viewer.getByLabel('API token').fill(stack.viewerToken);
    await viewer.getByLabel('Keep me signed in on this browser').check();
    await viewer.getByRole('button', { name: 'Sign in' }).click();
    await viewer.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    await viewer.getByRole('note').filter({ hasText: 'viewer tokens can look at everything but change nothing' }).waitFor();
    expect(await viewer.evaluate(() => [sessionStorage.length, localStorage.length])).toEqual([0, 1]);

    await viewer.evaluate(() => { location.hash = '#/models/vad'; });
    await viewer.getByRole('heading', { level: 1, name: 'vad' }).waitFor();
    const move = viewer.getByRole('button', { name: 'Move alias', exact: true });
    expect(await move.isDisabled()).toBe(true);
    expect(await move.getAttribute('aria-describedby')).toBe('alias-read-only');
    await viewer.getByText('Moving aliases needs an admin token.').waitFor();
    expect(await viewer.getByRole('button', { name: 'Remove alias production' }).isDisabled()).toBe(true);
    await screenshotWidths(viewer, SHOTS, 'viewer-model');

    // Force the control: the API refuses anyway, and the page says why.
    await move.evaluate((b) => b.removeAttribute('disabled'));
    await move.click();
    await viewer.getByRole('alert').filter({ hasText: 'viewer tokens can read but not change anything' }).waitFor();
    expect(await viewer.getByRole('alert').textContent()).toContain('FORBIDDEN');

    await viewer.evaluate(() => { location.hash = '#/models'; });
    await viewer.getByRole('heading', { level: 1, name: 'Models' }).waitFor();
    expect(await viewer.getByRole('button', { name: 'Push model' }).isDisabled()).toBe(true);
    await viewer.evaluate(() => { location.hash = '#/fleets'; });
    await viewer.getByRole('heading', { level: 1, name: 'Fleets & assignments' }).waitFor();
    expect(await viewer.getByRole('button', { name: 'New fleet' }).isDisabled()).toBe(true);
    expect(await viewer.getByRole('button', { name: 'Edit fleet lab' }).isDisabled()).toBe(true);

    // "Keep me signed in" survives a reload; revoking the token ends the session at once, live.
    await viewer.reload();
    await viewer.getByRole('heading', { level: 1, name: 'Fleets & assignments' }).waitFor();
    await stack.ok(await stack.api('DELETE', `/v1/tokens/${stack.viewerTokenId}`), 'revoke viewer');
    await viewer.getByRole('heading', { name: 'Sign in to the fleet console' }).waitFor();
    await viewer.getByText(/Signed out: the token was revoked or has expired/).waitFor();
    expect(await viewer.evaluate(() => [sessionStorage.length, localStorage.length])).toEqual([0, 0]);

    expect(viewerProblems.drain([/status of 403/])).toEqual([]);
    await viewerContext.close();
  });

  it('signs out and forgets the token', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to the fleet console' }).waitFor();
    expect(await page.evaluate(() => [sessionStorage.length, localStorage.length])).toEqual([0, 0]);
  });

  it('logged no errors in the browser console', () => {
    expect(problems.drain()).toEqual([]);
  });
});
