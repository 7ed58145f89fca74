import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startArtifactOrigin, type ArtifactOrigin } from '../../test/agent/http-fixtures.ts';
import { sha256Hex } from '../../test/agent/signed-fixtures.ts';
import { createTempDir } from '../../test/helpers/temp-dir.ts';
import { createAgentMetrics } from '../metrics.ts';
import { systemTimers } from '../util/timers.ts';
import { createArtifactCache, type ArtifactCache } from './artifact-cache.ts';
import { ArtifactRejectedError } from './artifact-errors.ts';
import { createArtifactDownloader } from './artifact-downloader.ts';

const payload = new Uint8Array(300_000).map((_, i) => (i * 7) % 251);
const sha = sha256Hex(payload);

describe('artifact downloader', () => {
  let dir: ReturnType<typeof createTempDir>;
  let origin: ArtifactOrigin;
  let cache: ArtifactCache;
  let metrics: ReturnType<typeof createAgentMetrics>;
  const download = () =>
    createArtifactDownloader({ cache, fetch, metrics: metrics.sync, timers: systemTimers, logger: pino({ level: 'silent' }) })({
      url: `${origin.url}/v1/artifacts/${sha}`,
      sha256: sha,
      size: payload.byteLength,
      headers: { authorization: 'Bearer efd_test' },
    });

  beforeEach(async () => {
    dir = createTempDir('ef-dl-');
    origin = await startArtifactOrigin(new Map([[sha, payload]]));
    cache = createArtifactCache({ dir: join(dir.path, 'cache'), maxBytes: 10_000_000, pinned: () => new Set() });
    metrics = createAgentMetrics({ collectProcess: false });
  });
  afterEach(async () => {
    await origin.close();
    dir.remove();
  });

  it('downloads, verifies and stores under the sha256 with the bearer credential', async () => {
    const result = await download();
    expect(result).toMatchObject({ received: payload.byteLength, resumed: false });
    expect(sha256Hex(readFileSync(cache.path(sha)))).toBe(sha);
    expect(origin.requests[0]?.headers.authorization).toBe('Bearer efd_test');
    expect(existsSync(cache.partPath(sha))).toBe(false);
  });

  it('resumes with Range after the connection is cut midway', async () => {
    origin.cutNext(100_000);
    const result = await download();
    expect(result.resumed).toBe(true);
    expect(origin.requests).toHaveLength(2);
    const range = String(origin.requests[1]?.headers.range);
    const resumedAt = Number(/bytes=(\d+)-/.exec(range)?.[1]);
    expect(resumedAt).toBeGreaterThanOrEqual(100_000);
    expect(resumedAt).toBeLessThan(payload.byteLength);
    expect(origin.requests[1]?.headers['if-range']).toBe(`"${sha}"`);
    expect(result.received).toBe(payload.byteLength);
    expect(sha256Hex(readFileSync(cache.path(sha)))).toBe(sha);
    expect(await metrics.registry.getSingleMetricAsString('edgefleet_agent_artifact_downloads_total')).toMatch(/outcome="resumed"} 1/);
  });

  it('resumes a part file left by an earlier run', async () => {
    writeFileSync(cache.partPath(sha), payload.subarray(0, 123_456));
    const result = await download();
    expect(result).toMatchObject({ received: payload.byteLength - 123_456, resumed: true });
    expect(origin.requests[0]?.headers.range).toBe('bytes=123456-');
  });

  it('refuses bytes that do not hash to the manifest sha256 and keeps nothing', async () => {
    writeFileSync(cache.partPath(sha), new Uint8Array(1000).fill(9)); // a corrupted head, then the real tail
    const error = await download().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArtifactRejectedError);
    expect((error as ArtifactRejectedError).reason).toBe('sha256');
    expect(cache.has(sha)).toBe(false);
    expect(existsSync(cache.partPath(sha))).toBe(false);
  });

  it('refuses an artifact larger than the manifest size', async () => {
    const error = await createArtifactDownloader({ cache, fetch, metrics: metrics.sync, timers: systemTimers, logger: pino({ level: 'silent' }) })({
      url: `${origin.url}/v1/artifacts/${sha}`,
      sha256: sha,
      size: 1000,
      headers: {},
    }).catch((e: unknown) => e);
    expect((error as ArtifactRejectedError).reason).toBe('size');
  });

  it('gives up on a missing artifact with the HTTP status', async () => {
    const error = await createArtifactDownloader({ cache, fetch, metrics: metrics.sync, timers: systemTimers, logger: pino({ level: 'silent' }), attempts: 2 })({
      url: `${origin.url}/v1/artifacts/${'a'.repeat(64)}`,
      sha256: 'a'.repeat(64),
      size: 10,
      headers: {},
    }).catch((e: unknown) => e);
    expect(String(error)).toMatch(/HTTP 404/);
  });
});
