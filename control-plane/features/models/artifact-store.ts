import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, mkdirSync, statSync } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';

export interface StoredArtifact {
  sha256: string;
  size: number;
  /** False when a file with this hash was already in place (content addressing makes puts idempotent). */
  created: boolean;
}

/** An inclusive byte range, as HTTP Range counts it. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Content-addressed blobs in `<dataDir>/artifacts/<sha256>`. `put` returns only once the file is
 * durable under its final name, so a caller that commits its database row afterwards never has a
 * row without a file. A file without a row (the commit failed) is harmless: the next put of the
 * same bytes reuses it.
 */
export interface ArtifactStore {
  put(bytes: Uint8Array): Promise<StoredArtifact>;
  /** Size of the stored file, or null when there is none. */
  size(sha256: string): number | null;
  /** Stream the file, or one inclusive byte range of it, without reading it into memory. */
  openRead(sha256: string, range?: ByteRange): Readable;
}

const SHA256 = /^[a-f0-9]{64}$/;

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function createArtifactStore(options: { dataDir: string }): ArtifactStore {
  const dir = join(options.dataDir, 'artifacts');
  mkdirSync(dir, { recursive: true });

  // Hashes come from URLs; checking the shape keeps a path like "../keys/x" out of join().
  const pathOf = (sha256: string) => {
    if (!SHA256.test(sha256)) throw new Error(`not a sha256: ${sha256.slice(0, 80)}`);
    return join(dir, sha256);
  };

  async function existingSize(path: string): Promise<number | null> {
    try {
      return (await stat(path)).size;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  return {
    async put(bytes) {
      const sha256 = sha256Hex(bytes);
      const path = pathOf(sha256);
      // Same name means same bytes, unless the file was damaged on disk: then write it again.
      if ((await existingSize(path)) === bytes.length) return { sha256, size: bytes.length, created: false };
      await mkdir(dir, { recursive: true });
      const tmp = join(dir, `.${sha256}.${randomBytes(6).toString('hex')}.tmp`);
      try {
        const file = await open(tmp, 'wx', 0o644);
        try {
          await file.writeFile(bytes);
          await file.sync();
        } finally {
          await file.close();
        }
        await rename(tmp, path);
      } catch (err) {
        await rm(tmp, { force: true });
        throw err;
      }
      await syncDir(dir);
      return { sha256, size: bytes.length, created: true };
    },
    size(sha256) {
      try {
        return statSync(pathOf(sha256)).size;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
    },
    openRead(sha256, range) {
      return createReadStream(pathOf(sha256), range ? { start: range.start, end: range.end } : {});
    },
  };
}

/** The rename is durable only once the directory entry is on disk too. */
async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
