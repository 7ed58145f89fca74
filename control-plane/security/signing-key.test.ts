import { createHash, createPublicKey, verify } from 'node:crypto';
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { canonicalJson, signingKeySchema, type Manifest } from '../../protocol/index.ts';
import { createTempDir } from '../../test/helpers/temp-dir.ts';
import { SIGNING_KEY_FILE, loadOrCreateSigningKey } from './signing-key.ts';

const manifest: Manifest = {
  schemaVersion: 1, name: 'vad', version: '5', variant: 'fp32', kind: 'onnx', sha256: 'a'.repeat(64), size: 2327524,
  inputs: [{ name: 'sr', datatype: 'INT64', shape: [] }], outputs: [], opset: 16, createdAt: '2026-01-01T00:00:00.000Z',
};

function verifies(spkiBase64: string, m: unknown, signature: string): boolean {
  const key = createPublicKey({ key: Buffer.from(spkiBase64, 'base64'), format: 'der', type: 'spki' });
  return verify(null, Buffer.from(canonicalJson(m)), key, Buffer.from(signature, 'base64'));
}

describe('signing key', () => {
  const dirs: Array<{ remove(): void }> = [];
  const tempDir = () => {
    const d = createTempDir('ef-key-');
    dirs.push(d);
    return d.path;
  };
  afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

  it('creates a private 0600 key on first start and loads the same key later', () => {
    const dataDir = tempDir();
    const first = loadOrCreateSigningKey(dataDir);
    const file = join(dataDir, 'keys', SIGNING_KEY_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(join(dataDir, 'keys'))).toEqual([SIGNING_KEY_FILE]); // no temp file left behind
    const again = loadOrCreateSigningKey(dataDir);
    expect(again.keyId).toBe(first.keyId);
    expect(again.publicKey()).toEqual(first.publicKey());
  });

  it('publishes the protocol key shape with keyId = first 16 hex of sha256(SPKI DER)', () => {
    const key = signingKeySchema.parse(loadOrCreateSigningKey(tempDir()).publicKey());
    expect(key.algorithm).toBe('Ed25519');
    const spki = Buffer.from(key.publicKeySpki, 'base64');
    expect(key.keyId).toBe(createHash('sha256').update(spki).digest('hex').slice(0, 16));
    expect(createPublicKey({ key: spki, format: 'der', type: 'spki' }).asymmetricKeyType).toBe('ed25519');
  });

  it('signs canonical JSON: node:crypto verifies it, and any changed field breaks it', () => {
    const signer = loadOrCreateSigningKey(tempDir());
    const signature = signer.sign(manifest);
    const spki = signer.publicKey().publicKeySpki;
    expect(verifies(spki, manifest, signature)).toBe(true);
    // Key order does not matter to a verifier that canonicalises too.
    expect(verifies(spki, Object.fromEntries(Object.entries(manifest).reverse()), signature)).toBe(true);
    expect(verifies(spki, { ...manifest, size: manifest.size + 1 }, signature)).toBe(false);
    expect(verifies(spki, { ...manifest, sha256: 'b'.repeat(64) }, signature)).toBe(false);
    expect(verifies(loadOrCreateSigningKey(tempDir()).publicKey().publicKeySpki, manifest, signature)).toBe(false);
  });

  it('refuses to start over a damaged key instead of silently making a new one', () => {
    const dataDir = tempDir();
    loadOrCreateSigningKey(dataDir);
    writeFileSync(join(dataDir, 'keys', SIGNING_KEY_FILE), 'not a key');
    expect(() => loadOrCreateSigningKey(dataDir)).toThrow(/unreadable/);
  });
});
