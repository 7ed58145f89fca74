import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIP_SAMPLE_RATE, synthesizeClip } from '../../browser-runtime/demo/audio-clip.ts';
import { speechSegments } from '../../browser-runtime/demo/vad-stream.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../helpers/browser.ts';
import { startBrowserStack, type BrowserStack } from './browser-stack.ts';
import { connectInPage, openRuntimePage, statusInPage } from './runtime-page.ts';
import { PAGE_VAD_LOOP, nodeVadProbabilities, sileroVersion } from './vad-fixtures.ts';

// WebGPU in Debian's Chromium without a GPU: with --enable-unsafe-webgpu (and without
// --disable-gpu) Chromium offers SwiftShader, a software *fallback* adapter without shader-f16.
// The runtime's default policy skips fallback adapters (WASM is faster than shaders run on the CPU);
// `webgpu: 'allow-fallback'` takes it, which is how this file exercises the WebGPU path for real.

const WEBGPU_ARGS = [...CHROMIUM_ARGS.filter((a) => a !== '--disable-gpu'), '--enable-unsafe-webgpu'];
const clip = synthesizeClip();
const FRAMES = Math.floor((2 * CLIP_SAMPLE_RATE) / 512);
type PageFleet = { fleet: { ready(n: string, o?: unknown): Promise<unknown> } };

describe('browser runtime on WebGPU (SwiftShader software adapter) in Chromium', () => {
  let stack: BrowserStack;
  let browser: Browser;
  let model: Uint8Array;

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startBrowserStack(), chromium.launch({ executablePath: CHROMIUM_PATH, args: WEBGPU_ARGS })]);
    model = await sileroVersion('1');
    await stack.pushModel('vad', '1', model);
    await stack.assign('vad-browsers', { model: 'vad', version: '1', selector: 'platform=browser' });
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('by default skips the software adapter and reports WASM, saying why', async () => {
    const context = await browser.newContext();
    const page = await openRuntimePage(context, stack.url);
    const deviceId = await connectInPage(page, { enrollToken: await stack.enrollToken(), name: 'webgpu auto' });
    const status = await statusInPage(page);
    expect(status.webgpu).toMatchObject({ available: false, fallback: true, reason: expect.stringContaining('software fallback') });
    const device = (await stack.devices()).find((d) => d.id === deviceId);
    expect(device?.capabilities).toMatchObject({ executionProviders: ['wasm'], webgpu: { available: false, shaderF16: false } });
    await context.close();
  });

  it('with allow-fallback, enrolls as WebGPU without shader-f16, gets fp32 and matches onnxruntime-node', { timeout: 120_000 }, async () => {
    const context = await browser.newContext();
    const page = await openRuntimePage(context, stack.url);
    const deviceId = await connectInPage(page, { enrollToken: await stack.enrollToken(), name: 'webgpu', webgpu: 'allow-fallback' });
    const device = (await stack.devices()).find((d) => d.id === deviceId);
    expect(device?.capabilities).toMatchObject({
      executionProviders: ['webgpu', 'wasm'], webgpu: { available: true, shaderF16: false },
      gpus: [{ name: expect.stringContaining('software fallback') }],
    });
    await page.evaluate(() => (globalThis as unknown as PageFleet).fleet.ready('vad', { timeoutMs: 90_000 }));
    const info = (await statusInPage(page)).models[0];
    // WebGPU without shader-f16 gets fp32 (control-plane/features/fleet/choose-variant.ts).
    expect(info).toMatchObject({ name: 'vad', variant: 'fp32', status: 'ready', executionProvider: 'webgpu' });

    // SwiftShader runs about 4 frames a second here: the first 2 s of the clip (silence, then the
    // onset of the first vowel at 1 s) is enough to compare, and keeps the test under a minute.
    const started = performance.now();
    const inPage = await page.evaluate(PAGE_VAD_LOOP, { samples: Array.from(clip), model: 'vad', limit: FRAMES });
    const pageMs = performance.now() - started;
    const inNode = (await nodeVadProbabilities(model, clip)).slice(0, FRAMES);
    const worst = Math.max(...inPage.map((p, i) => Math.abs(p - inNode[i]!)));
    console.info(`[webgpu] ${inPage.length} frames in ${Math.round(pageMs)} ms on SwiftShader; largest difference from onnxruntime-node: ${worst.toExponential(2)}`);
    expect(inPage).toHaveLength(FRAMES);
    expect(worst).toBeLessThan(1e-3);
    expect(speechSegments(inPage, CLIP_SAMPLE_RATE)).toEqual(speechSegments(inNode, CLIP_SAMPLE_RATE));
    expect(speechSegments(inPage, CLIP_SAMPLE_RATE)[0]?.start).toBeCloseTo(1, 0);
    await context.close();
  });
});
