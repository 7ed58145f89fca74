import { createHash, generateKeyPairSync } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSigner, loadOrCreateSigningKey } from '../../control-plane/security/signing-key.ts';
import { DEVICE_SOCKET_PATH, type DesiredModel, type LlmPackage, type Manifest } from '../../protocol/index.ts';
import { launchChromium, watchPage } from '../helpers/browser.ts';
import { startBrowserStack, type BrowserStack } from './browser-stack.ts';
import { connectInPage, openRuntimePage, statusInPage } from './runtime-page.ts';
import { sileroVersion } from './vad-fixtures.ts';

// What the runtime refuses, in Chromium: bytes that do not hash to the signed manifest, a manifest
// the pinned key did not sign, and — for `llm` artifacts, which the registry cannot hold yet — how
// far a package gets (verified, staged into web-llm's cache, handed to web-llm) on a machine with
// no LLM weights and no GPU. Each test is a fresh browser profile, so a new device.

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
type PageFleet = { fleet: { infer(n: string, i: unknown): Promise<unknown> } };

describe('browser runtime refuses what does not verify', () => {
  let stack: BrowserStack;
  let browser: Browser;
  let vad: Uint8Array;

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startBrowserStack(), launchChromium()]);
    vad = await sileroVersion('1');
    await stack.pushModel('vad', '1', vad);
    await stack.assign('vad-browsers', { model: 'vad', version: '1', selector: 'platform=browser' });
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  /** A fresh profile with a page on the control plane, connected as a new device. */
  async function freshDevice(setup: (context: BrowserContext) => Promise<void>): Promise<{ context: BrowserContext; page: Page; deviceId: string }> {
    const context = await browser.newContext();
    await setup(context);
    const page = await openRuntimePage(context, stack.url);
    const deviceId = await connectInPage(page, { enrollToken: await stack.enrollToken(), name: 'integrity' });
    return { context, page, deviceId };
  }

  const eventually = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 20_000 });

  it('refuses an artifact whose bytes were changed in transit, reports it and never caches it', { timeout: 60_000 }, async () => {
    const { context, page, deviceId } = await freshDevice(async (ctx) => {
      await ctx.route('**/v1/artifacts/*', async (route) => {
        const response = await route.fetch();
        const body = Buffer.from(await response.body());
        const at = body.length - 100;
        body.writeUInt8(body.readUInt8(at) ^ 0xff, at); // one flipped byte, same size
        await route.fulfill({ response, body });
      });
    });
    const problems = watchPage(page);
    await eventually(async () => (await statusInPage(page)).models[0]?.status).toBe('failed');
    const status = await statusInPage(page);
    expect(status.models[0]).toMatchObject({ name: 'vad', version: null, lastError: expect.stringContaining('hashes to') });
    await eventually(() => stack.events(deviceId)).toContainEqual(expect.objectContaining({
      type: 'artifact.rejected', model: 'vad', version: '1',
      evidence: expect.objectContaining({ reason: 'sha256', expected: sha256(vad) }),
    }));
    await eventually(async () => (await stack.devices()).find((d) => d.id === deviceId)?.reported)
      .toMatchObject({ models: [{ name: 'vad', status: 'failed', desiredVersion: '1' }] });
    const infer = await page.evaluate(() => (globalThis as unknown as PageFleet).fleet.infer('vad', {}).then(() => 'served', (e: Error) => e.name + ': ' + e.message));
    expect(infer).toMatch(/^InferenceError: model "vad" is not ready/);
    expect(await page.evaluate(async () => (await (await caches.open('edgefleet-artifacts-v1')).keys()).length)).toBe(0);
    expect(problems.drain()).toEqual([]);
    await context.close();
  });

  it('refuses a manifest signed by another key before downloading anything', { timeout: 60_000 }, async () => {
    const attacker = createSigner(generateKeyPairSync('ed25519').privateKey);
    const pinned = loadOrCreateSigningKey(stack.dataDir).keyId;
    const evil = new Uint8Array([...vad.slice(0, -1), 0]);
    const downloads: string[] = [];
    const { context, page, deviceId } = await freshDevice(async (ctx) => {
      ctx.on('request', (r) => { if (r.url().includes('/v1/artifacts/')) downloads.push(r.url()); });
      // The "control plane" the device hears from swaps in a manifest for other bytes, signed with a
      // key of its own under the pinned key's id.
      await ctx.routeWebSocket((url) => url.pathname === DEVICE_SOCKET_PATH, (ws) => {
        const server = ws.connectToServer();
        ws.onMessage((m) => server.send(m));
        server.onMessage((message) => {
          const frame = JSON.parse(String(message)) as { type: string; state?: { models: DesiredModel[] } };
          for (const model of frame.state?.models ?? []) {
            const manifest: Manifest = { ...model.signed.manifest, sha256: sha256(evil), size: evil.length };
            model.signed = { manifest, signature: attacker.sign(manifest), keyId: pinned };
            model.artifactPath = `/v1/artifacts/${manifest.sha256}`;
          }
          ws.send(JSON.stringify(frame));
        });
      });
    });
    await eventually(async () => (await statusInPage(page)).models[0]?.status).toBe('failed');
    await eventually(() => stack.events(deviceId)).toContainEqual(expect.objectContaining({
      type: 'artifact.rejected', model: 'vad', evidence: expect.objectContaining({ reason: 'signature', keyId: pinned }),
    }));
    expect((await statusInPage(page)).models[0]?.lastError).toContain('does not verify with the pinned key');
    expect(downloads).toEqual([]);
    await context.close();
  });

  it('verifies and stages an llm package for web-llm, and reports what it could not run here', { timeout: 60_000 }, async () => {
    const signer = loadOrCreateSigningKey(stack.dataDir); // the control plane's own key: the device pinned it
    const text = (s: string) => new TextEncoder().encode(s);
    const files: Record<string, Uint8Array> = {
      'mlc-chat-config.json': text(JSON.stringify({ tokenizer_files: ['tokenizer.json'], conv_template: { name: 'test' } })),
      'tokenizer.json': text('{"version":"1.0","model":{"type":"BPE","vocab":{},"merges":[]}}'),
      'tensor-cache.json': text('{"metadata":{},"records":[]}'),
    };
    // No compiled model library exists here either: the smallest valid WebAssembly module stands in.
    const lib = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
    const pkg: LlmPackage = {
      schemaVersion: 1, modelId: 'test-llm-q4f16',
      files: Object.entries(files).map(([path, bytes]) => ({ path, sha256: sha256(bytes), size: bytes.length })),
      modelLib: { sha256: sha256(lib), size: lib.length },
    };
    const index = text(JSON.stringify(pkg));
    const byHash = new Map<string, Uint8Array>([[sha256(index), index], [sha256(lib), lib], ...Object.values(files).map((b) => [sha256(b), b] as const)]);
    const manifest: Manifest = {
      schemaVersion: 1, name: 'chat', version: '1', variant: 'fp16', kind: 'llm', sha256: sha256(index), size: index.length,
      inputs: [], outputs: [], opset: 0, createdAt: new Date().toISOString(),
    };
    const llm: DesiredModel = {
      name: 'chat', version: '1', variant: 'fp16', artifactPath: `/v1/artifacts/${manifest.sha256}`,
      signed: { manifest, signature: signer.sign(manifest), keyId: signer.keyId },
    };
    const { context, page, deviceId } = await freshDevice(async (ctx) => {
      // The registry cannot hold `llm` artifacts yet: this route serves the package's files as the
      // artifact endpoint would, and everything else goes to the real control plane.
      await ctx.route('**/v1/artifacts/*', (route) => {
        const bytes = byHash.get(route.request().url().split('/').pop()!);
        return bytes ? route.fulfill({ status: 200, body: Buffer.from(bytes), contentType: 'application/octet-stream' }) : route.fallback();
      });
      await ctx.routeWebSocket((url) => url.pathname === DEVICE_SOCKET_PATH, (ws) => {
        const server = ws.connectToServer();
        ws.onMessage((m) => server.send(m));
        server.onMessage((message) => {
          const frame = JSON.parse(String(message)) as { type: string; state?: { models: DesiredModel[] } };
          frame.state?.models.push(llm);
          ws.send(JSON.stringify(frame));
        });
      });
    });
    await eventually(async () => (await statusInPage(page)).models.find((m) => m.name === 'chat')?.status).toBe('failed');
    const status = await statusInPage(page);
    const chat = status.models.find((m) => m.name === 'chat');
    // Reported for the record: what web-llm said when it was handed the staged, verified package.
    console.info(`[llm] web-llm stopped at: ${chat?.lastError}`);
    expect(chat?.lastError).toMatch(/^web-llm could not load test-llm-q4f16: /);
    expect(status.models.find((m) => m.name === 'vad')?.status).toBe('ready'); // the other model is unaffected
    const staged = await page.evaluate(async (base) => ({
      config: (await (await caches.open('webllm/config')).keys()).map((r) => r.url.replace(base, '')),
      model: (await (await caches.open('webllm/model')).keys()).map((r) => r.url.replace(base, '')).sort(),
    }), stack.url);
    const folder = `/v1/llm/${manifest.sha256}/resolve/main/`;
    expect(staged).toEqual({ config: [`${folder}mlc-chat-config.json`], model: [`${folder}tensor-cache.json`, `${folder}tokenizer.json`] });
    await eventually(() => stack.events(deviceId)).toContainEqual(expect.objectContaining({ type: 'model.load_failed', model: 'chat', version: '1' }));
    await context.close();
  });
});
