import type { Browser, BrowserContext, Page, WebSocketRoute } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIP_SAMPLE_RATE, synthesizeClip } from '../../browser-runtime/demo/audio-clip.ts';
import { speechSegments } from '../../browser-runtime/demo/vad-stream.ts';
import { COHORT_HASH_VECTORS, DEVICE_SOCKET_PATH, desiredStateSchema, type ModelVersion } from '../../protocol/index.ts';
import { launchChromium, watchPage, type PageProblems } from '../helpers/browser.ts';
import { startBrowserStack, type BrowserStack } from './browser-stack.ts';
import { connectInPage, importRuntime, openRuntimePage, statusInPage } from './runtime-page.ts';
import { PAGE_VAD_LOOP, nodeVadProbabilities, sileroVersion, vadEvaluationSet } from './vad-fixtures.ts';

// The browser runtime in Debian's Chromium (WASM: --disable-gpu, no WebGPU adapter) against a real
// control plane on port 0. One browser for the file; the tests build on each other like a device's
// life: enroll, get the model, serve, report, lose the network, reload, move to the next version.

const clip = synthesizeClip();
const samples = Array.from(clip);
const FRAMES = Math.floor(clip.length / 512);
type PageFleet = { fleet: { ready(n: string, o?: unknown): Promise<unknown>; flush(o?: unknown): Promise<boolean>; close(): Promise<void> } };

describe('browser runtime on WASM in Chromium', () => {
  let stack: BrowserStack;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: PageProblems;
  let deviceId: string;
  let v1: ModelVersion;
  let served = 0;

  const ingested = async () => (await stack.ingest()).devices.find((d) => d.deviceId === deviceId)?.predictions ?? 0;
  const device = async () => (await stack.devices()).find((d) => d.id === deviceId);

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startBrowserStack({ variantJobs: true }), launchChromium()]);
    context = await browser.newContext();
    // Variant builds on, so the int8 variant a WASM device should get exists: Silero's recurrent
    // state drifts ~0.17 under int8 while its speech probability stays within 0.01, hence the bound.
    await stack.ok(stack.api('PUT', '/v1/models/vad/gate', { minTop1Agreement: 0.99, maxAbsError: 0.2 }), 'gate');
    await stack.pushModel('vad', '1', await sileroVersion('1'));
    await stack.ok(stack.api('PUT', '/v1/models/vad/versions/1/evaluation-set', vadEvaluationSet(clip)), 'evaluation set');
    v1 = await stack.variantReady('vad', '1', 'int8');
    await stack.setAlias('vad', 'prod', '1');
    await stack.assign('vad-browsers', { model: 'vad', alias: 'prod', selector: 'platform=browser' });
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('passes the cohort hash test vectors in the page, with the bundle the runtime splits requests with', async () => {
    page = await openRuntimePage(context, stack.url);
    problems = watchPage(page);
    const mismatches = await page.evaluate((vectors) => {
      const ef = (globalThis as unknown as { ef: Record<string, (...a: unknown[]) => number> }).ef;
      const bad: string[] = [];
      for (const v of vectors.murmur3) if (ef.murmur3x86_32!(v.input, v.seed) !== v.hash) bad.push(`murmur3 ${v.input}`);
      for (const v of vectors.devices) if (ef.deviceBucket!(v.rolloutId, v.deviceId) !== v.bucket) bad.push(`device ${v.deviceId}`);
      for (const v of vectors.requests) if (ef.requestBucket!(v.rolloutId, v.stickyValue) !== v.bucket) bad.push(`request ${v.stickyValue}`);
      return bad;
    }, COHORT_HASH_VECTORS);
    expect(mismatches).toEqual([]);
  });

  it('enrolls and appears in the fleet as an online browser device on WASM', async () => {
    const token = await stack.enrollToken({ site: 'lab' });
    deviceId = await connectInPage(page, { enrollToken: token, name: 'chromium wasm', reconnect: { initialMs: 200, maxMs: 1000 } });
    await expect.poll(async () => (await device())?.presence, { timeout: 10_000 }).toBe('online');
    const d = await device();
    expect(d).toMatchObject({
      name: 'chromium wasm', labels: { platform: 'browser', site: 'lab' },
      capabilities: { platform: 'browser', executionProviders: ['wasm'], webgpu: { available: false, shaderF16: false }, runtime: { name: 'onnxruntime-web' } },
    });
  });

  it('receives Silero VAD, verifies it, and computes what onnxruntime-node computes on the same clip', { timeout: 90_000 }, async () => {
    await page.evaluate(() => (globalThis as unknown as PageFleet).fleet.ready('vad', { timeoutMs: 60_000 }));
    const status = await statusInPage(page);
    // The control plane's choice for a WASM device: the int8 variant (control-plane/features/fleet/choose-variant.ts).
    expect(status.models).toMatchObject([{ name: 'vad', version: '1', variant: 'int8', executionProvider: 'wasm', status: 'ready' }]);
    const desired = desiredStateSchema.parse(await stack.ok(stack.api('GET', `/v1/devices/${deviceId}/desired-state`), 'desired'));
    const artifact = new Uint8Array(await (await stack.api('GET', desired.models[0]!.artifactPath)).arrayBuffer());
    expect(desired.models[0]!.signed.manifest.sha256).toBe(v1.variants.find((v) => v.variant === 'int8')!.sha256);

    const [inPage, inNode] = await Promise.all([page.evaluate(PAGE_VAD_LOOP, { samples, model: 'vad' }), nodeVadProbabilities(artifact, clip)]);
    served += inPage.length;
    expect(inPage).toHaveLength(FRAMES);
    const worst = Math.max(...inPage.map((p, i) => Math.abs(p - inNode[i]!)));
    console.info(`[wasm] int8, ${FRAMES} frames; largest difference from onnxruntime-node: ${worst.toExponential(2)}`);
    expect(worst).toBeLessThan(1e-4);
    expect(speechSegments(inPage, CLIP_SAMPLE_RATE)).toEqual(speechSegments(inNode, CLIP_SAMPLE_RATE));
    expect(speechSegments(inPage, CLIP_SAMPLE_RATE)).toHaveLength(3);

    await expect.poll(async () => (await device())?.reported, { timeout: 5000 })
      .toMatchObject({ desiredRevision: desired.revision, models: [{ name: 'vad', version: '1', status: 'ready', executionProvider: 'wasm' }] });
    const events = await stack.events(deviceId);
    expect(events).toContainEqual(expect.objectContaining({ type: 'model.activated', model: 'vad', version: '1' }));
  });

  it('delivers its window summaries; each leaves the outbox only on its ack', async () => {
    expect(await page.evaluate(() => (globalThis as unknown as PageFleet).fleet.flush({ timeoutMs: 10_000 }))).toBe(true);
    expect((await statusInPage(page)).outbox).toBe(0);
    expect(await ingested()).toBe(served);
    const ingest = (await stack.ingest()).devices.find((d) => d.deviceId === deviceId);
    expect(ingest?.gaps).toBe(0);
  });

  it('keeps counting with the socket cut and across a reload, and loses nothing', { timeout: 90_000 }, async () => {
    await page.evaluate(() => (globalThis as unknown as PageFleet).fleet.close());
    await page.close();
    // A route on the device socket that can play "network down": it refuses new sockets and closes the open one.
    let offline = false;
    let open: WebSocketRoute | null = null;
    await context.routeWebSocket((url) => url.pathname === DEVICE_SOCKET_PATH, (ws) => {
      if (offline) return void ws.close({ code: 4000, reason: 'offline (test)' });
      open = ws;
      ws.connectToServer();
    });
    const artifactRequests: string[] = [];
    page = await openRuntimePage(context, stack.url);
    problems = watchPage(page);
    page.on('request', (r) => { if (r.url().includes('/v1/artifacts/')) artifactRequests.push(r.url()); });
    // No token: the credential stored at enrollment is reused, so this is the same device.
    expect(await connectInPage(page, { reconnect: { initialMs: 200, maxMs: 1000 }, stats: { checkpointMs: 100 } })).toBe(deviceId);
    await page.evaluate(() => (globalThis as unknown as PageFleet).fleet.ready('vad', { timeoutMs: 60_000 }));
    await expect.poll(async () => (await statusInPage(page)).connection).toBe('online');

    offline = true;
    (open as WebSocketRoute | null)?.close({ code: 4000, reason: 'offline (test)' });
    await expect.poll(async () => (await statusInPage(page)).connection).not.toBe('online');
    served += (await page.evaluate(PAGE_VAD_LOOP, { samples, model: 'vad', limit: 40 })).length;
    await expect.poll(async () => (await statusInPage(page)).stats).toMatchObject({ openPredictions: 40, checkpointedPredictions: 40 });

    await page.reload();
    await importRuntime(page);
    expect(await connectInPage(page, { reconnect: { initialMs: 200, maxMs: 1000 }, stats: { checkpointMs: 100 } })).toBe(deviceId);
    // Offline after the reload: the model comes from the last desired state and Cache Storage.
    await page.evaluate(() => (globalThis as unknown as PageFleet).fleet.ready('vad', { timeoutMs: 60_000 }));
    const afterReload = await statusInPage(page);
    expect(afterReload.connection).not.toBe('online');
    expect(afterReload.outbox).toBeGreaterThanOrEqual(1); // the checkpoint, now a closed summary
    served += (await page.evaluate(PAGE_VAD_LOOP, { samples, model: 'vad', limit: 25 })).length;
    expect(artifactRequests).toEqual([]); // served from Cache Storage both times

    offline = false;
    await expect.poll(async () => (await statusInPage(page)).connection, { timeout: 10_000 }).toBe('online');
    expect(await page.evaluate(() => (globalThis as unknown as PageFleet).fleet.flush({ timeoutMs: 10_000 }))).toBe(true);
    expect(await ingested()).toBe(served);
    expect((await stack.devices()).filter((d) => d.labels.platform === 'browser')).toHaveLength(1);
  });

  it('moves to the next version when the alias moves, and reports it', { timeout: 60_000 }, async () => {
    await stack.pushModel('vad', '2', await sileroVersion('2'));
    await stack.setAlias('vad', 'prod', '2');
    await expect.poll(async () => (await statusInPage(page)).models[0]?.version, { timeout: 30_000 }).toBe('2');
    const result = await page.evaluate(PAGE_VAD_LOOP, { samples, model: 'vad', limit: 5 });
    served += result.length;
    await expect.poll(async () => (await device())?.reported, { timeout: 5000 }).toMatchObject({ models: [{ name: 'vad', version: '2', status: 'ready' }] });
    expect(await stack.events(deviceId)).toContainEqual(expect.objectContaining({ type: 'model.activated', version: '2' }));
  });

  it('shows the device offline as soon as the page is gone', async () => {
    await page.close();
    await expect.poll(async () => (await device())?.presence, { timeout: 10_000 }).toBe('offline');
    expect(problems.drain([])).toEqual([]);
  });
});
