import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshotWidths, watchPage, type PageProblems } from '../helpers/browser.ts';
import { HISTOGRAM_COLORS } from '../../control-plane/console/app/components/chart-colors.ts';
import { countPixels } from './canvas-pixels.ts';
import { startConsoleStack, type ConsoleStack } from './console-stack.ts';
import { createShiftedClock, setupRolloutFleet, type RolloutFleet } from './rollout-fleet.ts';

// Rollouts, drift & quality and experiments in Debian's Chromium against a real control plane
// (HTTP, live WebSocket, SQLite, the rollout engine ticking every second) on port 0. The fleet is
// set up and driven over the public API (rollout-fleet.ts); the control plane's clock is real time
// plus an offset the test moves a minute ahead, because gates count whole one-minute buckets that
// start after the step did. The tests run in order, like an admin's session.

const SHOTS = 'console';
const clock = createShiftedClock();

const unlabelledControls = (page: Page) => page.evaluate(() =>
  [...document.querySelectorAll('input, select, button, textarea')]
    .filter((el) => !((el as HTMLInputElement).labels?.length) && !el.getAttribute('aria-label') && !el.textContent?.trim())
    .map((el) => el.outerHTML));

/** Screenshots at 1280 and 768 px, then: every control labelled, nothing wider than 768 px. */
async function shoot(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  expect(await screenshotWidths(page, SHOTS, name)).toHaveLength(2);
  expect(await unlabelledControls(page), name).toEqual([]);
  await page.setViewportSize({ width: 768, height: 900 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth), name).toBeLessThanOrEqual(768);
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function signIn(page: Page, url: string, token: string): Promise<void> {
  await page.goto(`${url}/`);
  await page.getByLabel('API token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
}

describe('rollouts, drift and experiments in Chromium', () => {
  let stack: ConsoleStack;
  let browser: Browser;
  let page: Page;
  let problems: PageProblems;
  let fleet: RolloutFleet;

  const heading = (name: string | RegExp) => page.getByRole('heading', { level: 1, name });
  const go = async (hash: string, title: string | RegExp) => {
    await page.evaluate((h) => { location.hash = h; }, hash);
    await heading(title).waitFor();
  };
  const setMarker = () => page.evaluate(() => { (window as unknown as { marker: number }).marker = 7; });
  const marker = () => page.evaluate(() => (window as unknown as { marker?: number }).marker);

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startConsoleStack({ clock, rolloutIntervalSeconds: 1 }), launchChromium()]);
    fleet = await setupRolloutFleet(stack, clock);
    // A minute of traffic before any rollout, with three inputs shifted: drift to look at.
    await fleet.minute({ shift: 1.5 });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(90_000);
    page = await context.newPage();
    problems = watchPage(page);
    await signIn(page, stack.url, stack.adminToken);
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('says what to do next where there is nothing yet', async () => {
    await page.getByRole('region', { name: 'Active rollouts' }).getByText('No rollouts yet').waitFor();
    await go('#/rollouts', 'Rollouts');
    await page.getByText('No rollouts yet').waitFor();
    expect(await page.getByRole('region', { name: 'All rollouts' }).textContent()).toContain('edgefleet rollout start');
    await go('#/experiments', 'Experiments');
    await page.getByText('No experiments yet').waitFor();
  });

  it('starts a rollout from the form, checking the plan as it is typed', async () => {
    await go('#/rollouts', 'Rollouts');
    await page.getByRole('button', { name: 'Start a rollout' }).click();
    const form = page.getByRole('form', { name: 'Start a rollout' });
    await form.waitFor();
    expect(await page.getByLabel('Baseline').inputValue()).toBe('alias:prod');
    expect(await page.getByLabel('Candidate version').inputValue()).toBe('2');
    expect(await page.getByLabel('Rollout name').inputValue()).toBe('bc-v2');
    await page.getByText('Matches 6 of 6 devices').waitFor();
    expect(await page.getByRole('list', { name: 'Plan preview' }).getByRole('listitem').allTextContents()).toEqual([
      'Shadow on 100% of devices (candidate answers are not served)', 'Canary on 10% of devices', 'Canary on 50% of devices',
      'Canary on 100% of devices', 'Promote: move alias prod to the candidate',
    ]);
    // A typo is explained before anything is sent; the template puts the plan back.
    await page.getByLabel('Steps').fill('shadow,canary:ten');
    await page.getByText(/Not ready to start: steps: "canary:ten": write canary:DEVICE%/).waitFor();
    expect(await page.getByRole('button', { name: 'Start rollout' }).isDisabled()).toBe(true);
    await page.getByLabel('Plan template').selectOption('standard');
    await page.getByLabel('Predictions per arm before a gate decides').fill('300');
    await page.getByRole('button', { name: 'Start rollout' }).click();

    await heading('bc-v2').waitFor();
    await page.getByText('step 1 of 5: shadow').first().waitFor();
    const steps = page.getByRole('list', { name: 'Steps' });
    expect(await steps.locator('[aria-current="step"]').textContent()).toContain('Shadow on 100% of devices');
    await page.getByRole('list', { name: 'Decisions' }).getByText('start: bc 1 -> 2 on fleet:edge').waitFor();
  });

  it('pauses from the page; the paused rollout keeps its step while data comes in', async () => {
    await setMarker();
    // From the keyboard: Tab reaches the control, Enter presses it.
    await page.getByRole('link', { name: 'All rollouts' }).focus();
    for (let i = 0; i < 10 && (await page.evaluate(() => document.activeElement?.textContent)) !== 'Pause'; i++) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByText('Paused: devices keep the current step until resumed.').waitFor();
    await page.getByRole('list', { name: 'Decisions' }).getByText('paused by operator').waitFor();
    await page.getByRole('button', { name: 'Resume' }).waitFor();
    // Devices apply the shadow step and send a minute of both arms; a minute later, another one.
    // The first minute's bucket began before the step did, so only the second counts.
    await fleet.minute({ shift: 1.5 });
    clock.advance(60_000);
    await fleet.minute({ shift: 1.5 });
    await page.getByRole('region', { name: 'Cohort' }).getByText('6 of 6 cohort devices run this step.').waitFor();
    expect(await page.getByText('step 1 of 5: shadow').count()).toBeGreaterThan(0);
    expect(await marker()).toBe(7);
  });

  it('draws the shadow step\'s lifts with their 95% intervals on the Experiments page', async () => {
    await go('#/experiments?rollout=bc-v2', 'Experiments');
    const arms = page.getByRole('region', { name: 'Arms' });
    await arms.getByRole('row', { name: /candidate/ }).waitFor();
    await page.getByText('no sample ratio mismatch').waitFor();
    const plot = page.locator('figure[data-chart="intervals"]');
    await plot.waitFor();
    expect(Number(await plot.getAttribute('data-intervals'))).toBeGreaterThanOrEqual(3); // error rate, latency, accuracy
    const widths = await plot.locator('line.ci-interval').evaluateAll((lines) => lines.map((l) => Number(l.getAttribute('x2')) - Number(l.getAttribute('x1'))));
    expect(widths.every((w) => Number.isFinite(w) && w > 0)).toBe(true);
    const metrics = page.getByRole('region', { name: 'Experiment metrics' });
    for (const name of ['Error rate', 'Mean latency', 'Accuracy']) await metrics.getByRole('rowheader', { name: new RegExp(name) }).waitFor();
    expect(await metrics.textContent()).toMatch(/n \d/);
    await shoot(page, 'experiments');
  });

  it('resumes from the page and shows the gate advance the step, with its evidence, without a reload', async () => {
    await go('#/rollouts/bc-v2', 'bc-v2');
    await setMarker();
    await page.getByRole('button', { name: 'Resume' }).click();
    await page.getByText('step 2 of 5: canary').first().waitFor({ timeout: 10_000 });
    const decisions = page.getByRole('list', { name: 'Decisions' });
    const advance = decisions.getByRole('listitem').filter({ hasText: 'gates passed' });
    await advance.waitFor();
    const evidence = advance.getByRole('region', { name: /Evidence of decision/ });
    await evidence.waitFor();
    expect(await evidence.getByRole('columnheader', { name: 'p (sequential)' }).count()).toBe(1);
    expect(await evidence.getByRole('rowheader', { name: /Accuracy/ }).count()).toBe(1);
    expect(await advance.textContent()).toMatch(/baseline vs .* candidate predictions/);
    expect(await marker()).toBe(7);
  });

  it('draws drift: the reference histogram over the current one, the drift over time, and quality', async () => {
    await go('#/drift', 'Drift & quality');
    const inputs = page.getByRole('region', { name: /Input drift: bc:1/ });
    await inputs.waitFor();
    expect(await inputs.textContent()).toContain('drifted');
    await page.getByRole('button', { name: 'Show radius_mean' }).click();
    expect(await page.getByRole('button', { name: 'Show radius_mean' }).getAttribute('aria-pressed')).toBe('true');
    const histogram = page.locator('figure[data-chart="histogram"]');
    await histogram.locator('canvas').waitFor();
    await expect.poll(() => countPixels(histogram, HISTOGRAM_COLORS.current)).toBeGreaterThan(500);
    expect(await countPixels(histogram, HISTOGRAM_COLORS.reference)).toBeGreaterThan(100);
    expect(await histogram.locator('.u-legend').textContent()).toContain('reference');
    await page.getByRole('region', { name: 'Feature radius_mean' }).getByRole('figure', { name: /KS statistic of radius_mean/ }).waitFor();
    const quality = page.getByRole('region', { name: /Quality: bc:1/ });
    await quality.getByRole('columnheader', { name: 'Accuracy', exact: true }).waitFor();
    await quality.getByRole('figure', { name: 'Latency percentiles' }).waitFor();
    expect(await quality.locator('.uplot').count()).toBe(2);
  });

  it('fills the Overview cards: active rollouts, a firing alert, fleet drift, and updates them live', async () => {
    await go('#/', 'Overview');
    await setMarker();
    const rollouts = page.getByRole('region', { name: 'Active rollouts' });
    await rollouts.getByRole('link', { name: 'bc-v2' }).waitFor();
    expect(await rollouts.textContent()).toContain('step 2 of 5: canary');
    const drift = page.getByRole('region', { name: 'Fleet drift' });
    await drift.getByRole('link', { name: 'bc:1' }).waitFor();
    expect(await drift.textContent()).toMatch(/drifted.*radius_mean/);
    const alerts = page.getByRole('region', { name: 'Alerts' });
    await alerts.getByText('No alerts firing').waitFor();
    // A drift rule whose webhook cannot be reached: the alert fires anyway and says so.
    await stack.ok(await stack.api('PUT', '/v1/alerts/rules/bc-drift', { condition: { kind: 'drift', model: 'bc', window: '1h' }, webhook: 'http://127.0.0.1:9/hook' }), 'alert rule');
    const check = await stack.ok<{ fired: number }>(await stack.api('POST', '/v1/alerts/evaluate'), 'alert check');
    expect(check.fired, JSON.stringify(check)).toBeGreaterThan(0); // both versions drifted
    await alerts.getByRole('list', { name: 'Alerts' }).getByText('firing', { exact: true }).first().waitFor();
    expect(await alerts.textContent()).toContain('bc-drift');
    expect(await marker()).toBe(7);
  });

  it('lets a viewer read every page and steer nothing, and shows a forced 403 in words', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(90_000);
    const viewer = await context.newPage();
    const viewerProblems = watchPage(viewer);
    await signIn(viewer, stack.url, stack.viewerToken);
    await viewer.evaluate(() => { location.hash = '#/rollouts/bc-v2'; });
    await viewer.getByRole('heading', { level: 1, name: 'bc-v2' }).waitFor();
    const pause = viewer.getByRole('button', { name: 'Pause' });
    for (const name of ['Pause', 'Promote now', 'Abort']) {
      const button = viewer.getByRole('button', { name });
      expect(await button.isDisabled(), name).toBe(true);
      expect(await button.getAttribute('aria-describedby'), name).toBe('rollout-read-only');
    }
    await viewer.getByText('Pausing, resuming, promoting and aborting rollouts needs an admin token.').waitFor();
    await screenshotWidths(viewer, SHOTS, 'viewer-rollout');
    await pause.evaluate((b) => b.removeAttribute('disabled'));
    await pause.click();
    await viewer.getByRole('alert').filter({ hasText: 'viewer tokens can read but not change anything' }).waitFor();

    await viewer.evaluate(() => { location.hash = '#/rollouts'; });
    await viewer.getByRole('heading', { level: 1, name: 'Rollouts' }).waitFor();
    expect(await viewer.getByRole('button', { name: 'Start a rollout' }).isDisabled()).toBe(true);
    await viewer.evaluate(() => { location.hash = '#/drift'; });
    await viewer.getByRole('region', { name: /Input drift: bc:1/ }).waitFor();
    expect(viewerProblems.drain([/status of 403/])).toEqual([]);
    await context.close();
  });

  it('writes screenshots of the new pages at 1280 and 768 px: labelled controls, nothing sideways', async () => {
    const pages: Array<[string, string, string | RegExp, string]> = [
      ['overview-cards', '#/', 'Overview', 'Active rollouts'],
      ['rollouts', '#/rollouts', 'Rollouts', 'All rollouts'],
      ['rollout-start', '#/rollouts?new=1', 'Rollouts', 'Start a rollout'],
      ['rollout', '#/rollouts/bc-v2', 'bc-v2', 'Decision log'],
      ['drift', '#/drift?feature=radius_mean', 'Drift & quality', 'Feature radius_mean'],
    ];
    for (const [name, hash, title, region] of pages) {
      await go(hash, title);
      await page.getByRole('region', { name: region }).first().waitFor();
      await shoot(page, name);
    }
  });

  it('aborts from the page after asking twice; devices go back to the baseline', async () => {
    await go('#/rollouts/bc-v2', 'bc-v2');
    await page.getByRole('button', { name: 'Abort' }).click();
    await page.getByRole('button', { name: 'Abort bc-v2? Press again' }).click();
    await page.getByText('Aborted: every device is back on its baseline.').waitFor();
    await page.getByText(/This rollout is aborted; there is nothing left to steer/).waitFor();
    await page.getByRole('list', { name: 'Decisions' }).getByText(/aborted by operator/).waitFor();
    await go('#/', 'Overview');
    await page.getByRole('region', { name: 'Active rollouts' }).getByText('No active rollouts').waitFor();
    // Names are never reused: the server's refusal is shown in its own words.
    await go('#/rollouts?new=1', 'Rollouts');
    await page.getByRole('button', { name: 'Start rollout' }).click();
    await page.getByRole('alert').filter({ hasText: 'rollouts keep their history, pick a new name' }).waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('Rollout not started');
  });

  it('logged no errors in the browser console (but the refused start)', () => {
    expect(problems.drain([/status of 409/])).toEqual([]);
  });
});
