import { utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../test/agent/signed-fixtures.ts';
import { createTempDir } from '../../test/helpers/temp-dir.ts';
import { CacheFullError, createArtifactCache } from './artifact-cache.ts';

describe('artifact cache', () => {
  let dir: ReturnType<typeof createTempDir>;
  const pinned = new Set<string>();
  const put = (cacheDir: string, fill: number, size: number, usedAt: number) => {
    const bytes = new Uint8Array(size).fill(fill);
    const sha = sha256Hex(bytes);
    writeFileSync(join(cacheDir, sha), bytes);
    utimesSync(join(cacheDir, sha), usedAt / 1000, usedAt / 1000);
    return sha;
  };
  beforeEach(() => {
    dir = createTempDir('ef-cache-');
    pinned.clear();
  });
  afterEach(() => dir.remove());

  it('evicts the least recently used entries first and never pinned ones', () => {
    const cache = createArtifactCache({ dir: dir.path, maxBytes: 1000, pinned: () => pinned });
    const oldest = put(dir.path, 1, 300, 1_000_000);
    const older = put(dir.path, 2, 300, 2_000_000);
    const recent = put(dir.path, 3, 300, 3_000_000);
    pinned.add(oldest); // e.g. the previous version of a model: must survive
    expect(cache.reserve(400)).toEqual([older]);
    expect(cache.has(oldest)).toBe(true);
    expect(cache.has(recent)).toBe(true);
    expect(cache.totalBytes()).toBe(600);
  });

  it('says so when pinned versions leave no room', () => {
    const cache = createArtifactCache({ dir: dir.path, maxBytes: 1000, pinned: () => pinned });
    pinned.add(put(dir.path, 1, 700, 1_000_000));
    expect(() => cache.reserve(400)).toThrow(CacheFullError);
  });

  it('touch makes an entry recent', () => {
    const cache = createArtifactCache({ dir: dir.path, maxBytes: 700, pinned: () => pinned, now: () => 9_000_000 });
    const a = put(dir.path, 1, 300, 1_000_000);
    const b = put(dir.path, 2, 300, 2_000_000);
    cache.touch(a);
    expect(cache.reserve(300)).toEqual([b]);
  });

  it('verify() deletes a file whose content does not match its name', async () => {
    const cache = createArtifactCache({ dir: dir.path, maxBytes: 1000, pinned: () => pinned });
    const sha = put(dir.path, 1, 100, 1_000_000);
    expect(await cache.verify(sha, 100)).toBe(true);
    writeFileSync(join(dir.path, sha), new Uint8Array(100).fill(2));
    expect(await cache.verify(sha, 100)).toBe(false);
    expect(cache.has(sha)).toBe(false);
  });

  it('refuses names that are not a sha256', () => {
    const cache = createArtifactCache({ dir: dir.path, maxBytes: 1000, pinned: () => pinned });
    expect(() => cache.path('../../etc/passwd')).toThrow(/not a sha256/);
  });
});
