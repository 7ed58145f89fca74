import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { synthesizeClip } from '../../browser-runtime/demo/audio-clip.ts';
import { requestBucket, requestGoesToCandidate, rolloutViewSchema, type RolloutView } from '../../protocol/index.ts';
import { launchChromium } from '../helpers/browser.ts';
import { startBrowserStack, type BrowserStack } from './browser-stack.ts';
import { connectInPage, openRuntimePage, statusInPage } from './runtime-page.ts';
import { sileroVersion } from './vad-fixtures.ts';

// A staged rollout through the rollouts REST, with a browser as its cohort: a canary that sends half
// of the requests (split by the sticky key's cohort hash) to version 2, window summaries per arm,
// the gate advancing on them, and the promotion moving the page to version 2 alone.

const REQUESTS = 120;
type PageFleet = { fleet: { ready(n: string, o?: unknown): Promise<unknown>; flush(o?: unknown): Promise<boolean> } };

/** `n` requests, each with its own sticky value; answers the arm and version that served each. */
const PAGE_STICKY_REQUESTS = async ({ frame, n }: { frame: number[]; n: number }) => {
  const fleet = (globalThis as unknown as { fleet: { infer(name: string, inputs: unknown, o: unknown): Promise<{ arm: string; version: string }> } }).fleet;
  const served: Array<{ arm: string; version: string }> = [];
  for (let i = 0; i < n; i++) {
    const r = await fleet.infer('vad', {
      input: { data: Float32Array.from(frame), shape: [1, 512] },
      state: { data: new Float32Array(256), shape: [2, 1, 128] },
      sr: { data: BigInt64Array.from([16000n]), shape: [], datatype: 'INT64' },
    }, { stickyValue: `session-${i}` });
    served.push({ arm: r.arm, version: r.version });
  }
  return served;
};

describe('a staged rollout moves a browser from version 1 to version 2', () => {
  let stack: BrowserStack;
  let browser: Browser;
  let page: Page;
  let deviceId: string;
  let rollout: RolloutView;

  const view = async () => rolloutViewSchema.parse(await stack.ok(stack.api('GET', '/v1/rollouts/vad-v2'), 'rollout'));

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startBrowserStack({ rolloutIntervalSeconds: 1 }), launchChromium()]);
    await stack.pushModel('vad', '1', await sileroVersion('1'));
    await stack.pushModel('vad', '2', await sileroVersion('2'));
    await stack.setAlias('vad', 'prod', '1');
    await stack.assign('vad-browsers', { model: 'vad', alias: 'prod', selector: 'platform=browser' });
    page = await openRuntimePage(await browser.newContext(), stack.url);
    deviceId = await connectInPage(page, { enrollToken: await stack.enrollToken(), name: 'canary tab' });
    await page.evaluate(() => (globalThis as unknown as PageFleet).fleet.ready('vad', { timeoutMs: 60_000 }));
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('serves both arms of a canary step, split by the cohort hash of the sticky key', { timeout: 90_000 }, async () => {
    rollout = rolloutViewSchema.parse(await stack.ok(stack.api('POST', '/v1/rollouts', {
      name: 'vad-v2',
      spec: {
        model: 'vad', selector: 'platform=browser', baseline: { alias: 'prod' }, candidate: { version: '2' },
        steps: [{ canary: { deviceShare: 100, requestShare: 50, stickyKey: 'session' } }, { promote: {} }],
        gates: { minSamples: 40, minDevices: 1 },
      },
    }), 'create rollout'));
    await expect.poll(async () => (await statusInPage(page)).models[0]?.arms.map((a) => `${a.arm}:${a.version}:${a.requestShare}`), { timeout: 60_000 })
      .toEqual(['baseline:1:50', 'candidate:2:50']);

    const frame = Array.from(synthesizeClip().subarray(16_000, 16_512));
    const served = await page.evaluate(PAGE_STICKY_REQUESTS, { frame, n: REQUESTS });
    // The page split exactly as the protocol's cohort hash says it must.
    const expected = Array.from({ length: REQUESTS }, (_, i) =>
      requestGoesToCandidate(requestBucket(rollout.id, `session-${i}`), 50) ? { arm: 'candidate', version: '2' } : { arm: 'baseline', version: '1' });
    expect(served).toEqual(expected);
    const candidates = served.filter((s) => s.arm === 'candidate').length;
    expect(candidates).toBeGreaterThan(40);
    expect(REQUESTS - candidates).toBeGreaterThan(40);

    // Each arm's windows reach the control plane labelled with the arm, version and variant.
    expect(await page.evaluate(() => (globalThis as unknown as PageFleet).fleet.flush({ timeoutMs: 10_000 }))).toBe(true);
    const quality = await stack.ok<{ groups: Array<{ arm: string; version: string; devices: number; tiers: { infrastructure: { predictions: number } } }> }>(
      stack.api('GET', '/v1/evaluation/quality?model=vad&since=1h'), 'quality');
    const byArm = Object.fromEntries(quality.groups.map((g) => [`${g.arm}:${g.version}`, g.tiers.infrastructure.predictions]));
    expect(byArm).toEqual({ 'baseline:1': REQUESTS - candidates, 'candidate:2': candidates });
  });

  // The gate only counts windows in buckets that start after the step did (1-minute buckets), so
  // waiting for it would cost up to a minute here; the operator's promote moves the alias the same way.
  it('is promoted, and the page ends up serving version 2 alone', { timeout: 60_000 }, async () => {
    await stack.ok(stack.api('POST', '/v1/rollouts/vad-v2/promote'), 'promote');
    await expect.poll(async () => (await view()).state, { timeout: 30_000 }).toBe('promoted');
    await expect.poll(async () => (await statusInPage(page)).models[0]?.arms.map((a) => `${a.arm}:${a.version}`), { timeout: 30_000 })
      .toEqual(['baseline:2']);
    const device = (await stack.devices()).find((d) => d.id === deviceId);
    await expect.poll(async () => (await stack.devices()).find((d) => d.id === deviceId)?.reported, { timeout: 5000 })
      .toMatchObject({ models: [{ name: 'vad', version: '2', status: 'ready' }] });
    expect(device?.presence).toBe('online');
  });

  it('in a shadow step runs the candidate beside the baseline, never returns its output, and compares them', { timeout: 60_000 }, async () => {
    await stack.ok(stack.api('POST', '/v1/rollouts', {
      name: 'vad-shadow',
      spec: { model: 'vad', selector: 'platform=browser', baseline: { alias: 'prod' }, candidate: { version: '1' }, steps: [{ shadow: {} }] },
    }), 'create shadow rollout');
    await expect.poll(async () => (await statusInPage(page)).models[0]?.arms.map((a) => `${a.arm}:${a.version}:${a.requestShare}`), { timeout: 30_000 })
      .toEqual(['baseline:2:100', 'candidate:1:0']);
    const frame = Array.from(synthesizeClip().subarray(16_000, 16_512));
    const served = await page.evaluate(PAGE_STICKY_REQUESTS, { frame, n: 30 });
    expect(new Set(served.map((s) => `${s.arm}:${s.version}`))).toEqual(new Set(['baseline:2']));
    // The shadow runs after each answer: wait until all 30 are counted before closing the windows.
    await expect.poll(async () => (await statusInPage(page)).stats.openPredictions).toBe(60);
    expect(await page.evaluate(() => (globalThis as unknown as PageFleet).fleet.flush({ timeoutMs: 10_000 }))).toBe(true);
    const quality = await stack.ok<{ groups: Array<{ arm: string; version: string; tiers: { infrastructure: { predictions: number }; business: { events: Array<{ name: string; count: number; mean: number | null }> } } }> }>(
      stack.api('GET', '/v1/evaluation/quality?model=vad&version=1&arm=candidate&since=1h'), 'quality');
    expect(quality.groups).toHaveLength(1);
    const shadow = quality.groups[0]!.tiers;
    expect(shadow.infrastructure.predictions).toBe(30);
    // Same graph in both versions: they agree on every request, with no difference in output.
    expect(shadow.business.events).toEqual(expect.arrayContaining([
      expect.objectContaining({ name: 'edgefleet.shadow.agreement', count: 30, mean: 1 }),
      expect.objectContaining({ name: 'edgefleet.shadow.output_delta', count: 30, mean: 0 }),
      expect.objectContaining({ name: 'edgefleet.shadow.latency_delta_ms', count: 30 }),
    ]));
  });
});
