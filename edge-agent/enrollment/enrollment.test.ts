import { statSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { capabilitiesSchema } from '../../protocol/index.ts';
import { createTempDir } from '../../test/helpers/temp-dir.ts';
import type { ProviderDetector } from '../inference/execution-providers.ts';
import { systemTimers } from '../util/timers.ts';
import { defaultProviders, detectCapabilities, parseNvidiaSmi } from './capabilities.ts';
import { ensureIdentity } from './enroll.ts';

const detector = (available: string[]): ProviderDetector => ({
  probe: async (name) => (available.includes(name) ? { name, available: true } : { name, available: false, reason: 'missing' }),
  select: async () => ({ providers: ['cpu'], active: 'cpu', skipped: [] }),
});

describe('capabilities', () => {
  it('parses nvidia-smi csv output', () => {
    expect(parseNvidiaSmi('NVIDIA A10G, 23028\nTesla T4, 15360\n')).toEqual([
      { name: 'NVIDIA A10G', memoryBytes: 23028 * 1024 * 1024 },
      { name: 'Tesla T4', memoryBytes: 15360 * 1024 * 1024 },
    ]);
  });

  it('lists CUDA only when a probe really works (fake GPU: no CUDA here)', async () => {
    const gpus = [{ name: 'NVIDIA A10G' }];
    expect(defaultProviders(gpus)).toEqual(['cuda', 'cpu']);
    expect(defaultProviders([])).toEqual(['cpu']);
    const withoutLibs = capabilitiesSchema.parse(await detectCapabilities({ detector: detector(['cpu']), gpus, preferred: ['cuda', 'cpu'] }));
    expect(withoutLibs.executionProviders).toEqual(['cpu']);
    expect(withoutLibs.gpus).toEqual(gpus);
    const withLibs = await detectCapabilities({ detector: detector(['cpu', 'cuda']), gpus, preferred: ['cpu'] });
    expect(withLibs.executionProviders).toEqual(['cpu', 'cuda']);
    expect(withLibs.runtime).toEqual({ name: 'onnxruntime-node', version: expect.stringMatching(/^1\.\d+/) });
  });
});

describe('ensureIdentity', () => {
  const dirs: Array<{ path: string; remove: () => void }> = [];
  afterEach(() => dirs.splice(0).forEach((d) => d.remove()));
  const base = (dir: string, fetchFn: typeof fetch) => ({
    identityFile: join(dir, 'identity.json'),
    controlPlaneUrl: 'http://cp.invalid/',
    enrollToken: 'efe_token',
    name: 'box',
    labels: { site: 'berlin' },
    capabilities: async () => capabilitiesSchema.parse(await detectCapabilities({ detector: detector(['cpu']), gpus: [], preferred: ['cpu'] })),
    fetch: fetchFn,
    timers: systemTimers,
    logger: pino({ level: 'silent' }),
    retryForMs: 0,
  });

  it('enrolls once, writes identity.json 0600, and reuses it without calling again', async () => {
    const dir = createTempDir('ef-id-');
    dirs.push(dir);
    const calls: unknown[] = [];
    const signingKey = { keyId: 'k1', algorithm: 'Ed25519', publicKeySpki: 'AAAA' };
    const fakeFetch = (async (url: string, init: RequestInit) => {
      calls.push({ url, body: JSON.parse(String(init.body)) as unknown });
      return Response.json({ deviceId: 'dev_abc123def', credential: 'efd_x', labels: {}, signingKey, mqtt: { port: 1883, topicPrefix: 'edgefleet/v1/devices/dev_abc123def/' } }, { status: 201 });
    }) as typeof fetch;
    const first = await ensureIdentity(base(dir.path, fakeFetch));
    expect(first).toMatchObject({ enrolled: true, identity: { deviceId: 'dev_abc123def', signingKey, controlPlaneUrl: 'http://cp.invalid' } });
    expect(calls).toEqual([{ url: 'http://cp.invalid/v1/enroll', body: expect.objectContaining({ token: 'efe_token', name: 'box', labels: { site: 'berlin' } }) }]);
    expect(statSync(join(dir.path, 'identity.json')).mode & 0o777).toBe(0o600);
    const second = await ensureIdentity(base(dir.path, fakeFetch));
    expect(second.enrolled).toBe(false);
    expect(calls).toHaveLength(1);
  });

  it('fails clearly without a token, and does not retry a refused one', async () => {
    const dir = createTempDir('ef-id-');
    dirs.push(dir);
    await expect(ensureIdentity({ ...base(dir.path, fetch), enrollToken: undefined })).rejects.toThrow(/not enrolled yet/);
    let calls = 0;
    const refusing = (async () => {
      calls++;
      return Response.json({ error: { code: 'UNAUTHENTICATED', message: 'unknown token' } }, { status: 401 });
    }) as unknown as typeof fetch;
    await expect(ensureIdentity({ ...base(dir.path, refusing), retryForMs: 60_000 })).rejects.toThrow(/enrollment refused: unknown token/);
    expect(calls).toBe(1);
  });
});
