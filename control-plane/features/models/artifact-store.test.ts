import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { afterEach, describe, expect, it } from 'vitest';
import { createTempDir } from '../../../test/helpers/temp-dir.ts';
import { createArtifactStore, sha256Hex } from './artifact-store.ts';

describe('artifact store', () => {
  const dirs: Array<{ remove(): void }> = [];
  const newStore = () => {
    const d = createTempDir('ef-art-');
    dirs.push(d);
    return { dataDir: d.path, store: createArtifactStore({ dataDir: d.path }) };
  };
  afterEach(() => dirs.splice(0).forEach((d) => d.remove()));
  const bytes = new TextEncoder().encode('0123456789abcdef');

  it('stores bytes under their sha256, leaves no temp file, and is idempotent', async () => {
    const { dataDir, store } = newStore();
    const first = await store.put(bytes);
    expect(first).toEqual({ sha256: sha256Hex(bytes), size: 16, created: true });
    const path = join(dataDir, 'artifacts', first.sha256);
    expect(new Uint8Array(readFileSync(path))).toEqual(bytes);
    expect(await store.put(bytes)).toEqual({ ...first, created: false });
    expect(readdirSync(join(dataDir, 'artifacts'))).toEqual([first.sha256]);
    expect(store.size(first.sha256)).toBe(16);
    expect(store.size('0'.repeat(64))).toBeNull();
  });

  it('rewrites a file damaged on disk instead of trusting its name', async () => {
    const { dataDir, store } = newStore();
    const { sha256 } = await store.put(bytes);
    writeFileSync(join(dataDir, 'artifacts', sha256), 'cut');
    expect((await store.put(bytes)).created).toBe(true);
    expect(store.size(sha256)).toBe(16);
  });

  it('streams the whole file or an inclusive byte range', async () => {
    const { store } = newStore();
    const { sha256 } = await store.put(bytes);
    expect(await text(store.openRead(sha256))).toBe('0123456789abcdef');
    expect(await text(store.openRead(sha256, { start: 2, end: 4 }))).toBe('234');
    expect(await text(store.openRead(sha256, { start: 15, end: 15 }))).toBe('f');
  });

  it('never turns a name that is not a hash into a path', () => {
    const { store } = newStore();
    expect(() => store.openRead('../keys/signing-ed25519.pem')).toThrow(/not a sha256/);
    expect(() => store.size('../../etc/passwd')).toThrow(/not a sha256/);
  });
});
