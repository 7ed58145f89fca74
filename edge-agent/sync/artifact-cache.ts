/**
 * Content-addressed artifact cache: `<data>/cache/<sha256>`, partial downloads in
 * `<data>/cache/tmp/<sha256>.part`. A disk budget bounds it; the least recently used entries go
 * first, but never one that is the active or previous version of any model (the caller's `pinned`).
 * Recency is the file's mtime, touched on every use, so it survives restarts without an index file.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { sha256Schema } from '../../protocol/index.ts';

export interface CacheEntry {
  sha256: string;
  size: number;
  usedAt: number;
}

export interface ArtifactCache {
  readonly dir: string;
  path(sha256: string): string;
  partPath(sha256: string): string;
  has(sha256: string): boolean;
  /** Hash the cached file; a file whose size or hash is wrong is deleted. */
  verify(sha256: string, size: number): Promise<boolean>;
  /** Evict unpinned entries, least recently used first, until `size` more bytes fit. Throws when they cannot. */
  reserve(size: number, keep?: readonly string[]): string[];
  /** Move a verified part file into the cache. */
  commit(sha256: string): void;
  touch(sha256: string): void;
  remove(sha256: string): void;
  entries(): CacheEntry[];
  totalBytes(): number;
}

export interface ArtifactCacheOptions {
  dir: string;
  maxBytes: number;
  /** sha256s that must never be evicted: the active and previous version of every model. */
  pinned: () => ReadonlySet<string>;
  now?: () => number;
}

export class CacheFullError extends Error {
  constructor(readonly needed: number, readonly maxBytes: number, readonly pinnedBytes: number) {
    super(`artifact cache budget of ${maxBytes} bytes cannot take ${needed} more bytes (${pinnedBytes} bytes are pinned by active and previous versions)`);
    this.name = 'CacheFullError';
  }
}

export function createArtifactCache(options: ArtifactCacheOptions): ArtifactCache {
  const { dir, maxBytes } = options;
  const tmp = join(dir, 'tmp');
  mkdirSync(tmp, { recursive: true, mode: 0o700 });
  const now = options.now ?? Date.now;
  const path = (sha: string) => {
    // The name comes from a manifest; never let it walk out of the folder.
    if (!sha256Schema.safeParse(sha).success) throw new Error(`not a sha256: ${sha}`);
    return join(dir, sha);
  };

  const entries = (): CacheEntry[] =>
    readdirSync(dir)
      .filter((name) => sha256Schema.safeParse(name).success)
      .flatMap((name) => {
        try {
          const stat = statSync(join(dir, name));
          return stat.isFile() ? [{ sha256: name, size: stat.size, usedAt: stat.mtimeMs }] : [];
        } catch {
          return [];
        }
      });

  const remove = (sha: string) => rmSync(path(sha), { force: true });

  return {
    dir,
    path,
    partPath: (sha) => join(tmp, `${path(sha).slice(dir.length + 1)}.part`),
    has: (sha) => existsSync(path(sha)),
    async verify(sha, size) {
      const file = path(sha);
      let actualSize: number;
      try {
        actualSize = statSync(file).size;
      } catch {
        return false;
      }
      if (actualSize !== size || (await hashFile(file)) !== sha) {
        remove(sha);
        return false;
      }
      return true;
    },
    reserve(size, keep = []) {
      const pinned = new Set([...options.pinned(), ...keep]);
      const all = entries();
      let total = all.reduce((sum, e) => sum + e.size, 0);
      if (total + size <= maxBytes) return [];
      const evictable = all.filter((e) => !pinned.has(e.sha256)).sort((a, b) => a.usedAt - b.usedAt);
      const pinnedBytes = all.filter((e) => pinned.has(e.sha256)).reduce((sum, e) => sum + e.size, 0);
      if (pinnedBytes + size > maxBytes) throw new CacheFullError(size, maxBytes, pinnedBytes);
      const evicted: string[] = [];
      for (const entry of evictable) {
        if (total + size <= maxBytes) break;
        remove(entry.sha256);
        total -= entry.size;
        evicted.push(entry.sha256);
      }
      return evicted;
    },
    commit(sha) {
      renameSync(this.partPath(sha), path(sha));
      this.touch(sha);
    },
    touch(sha) {
      const at = new Date(now());
      try {
        utimesSync(path(sha), at, at);
      } catch {
        // Gone already (evicted or never cached): nothing to mark.
      }
    },
    remove,
    entries,
    totalBytes: () => entries().reduce((sum, e) => sum + e.size, 0),
  };
}

/** sha256 of a file, hex, streamed so large models are not read into memory twice. */
export async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
