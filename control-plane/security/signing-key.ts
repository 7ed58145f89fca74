import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  sign as edSign,
  type KeyObject,
} from 'node:crypto';
import { closeSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalJson, type Manifest, type SigningKey } from '../../protocol/index.ts';

/** Signs manifests with the control plane's Ed25519 key. Agents pin `publicKey()` at enrollment. */
export interface ManifestSigner {
  readonly keyId: string;
  /** Ed25519 signature over `canonicalJson(manifest)`, base64. */
  sign(manifest: Manifest): string;
  publicKey(): SigningKey;
}

export const SIGNING_KEY_FILE = 'signing-ed25519.pem';

/**
 * Load the key from `<dataDir>/keys/`, creating it on first start. Synchronous because it runs once
 * while the services are wired, before anything is served.
 *
 * A key that exists but cannot be read is an error, never a reason to make a new one: every
 * enrolled agent has pinned the old public key and would refuse all new manifests.
 */
export function loadOrCreateSigningKey(dataDir: string): ManifestSigner {
  const dir = join(dataDir, 'keys');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, SIGNING_KEY_FILE);
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    pem = createKeyFile(dir, file);
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem);
  } catch (cause) {
    throw new Error(`signing key ${file} is unreadable; restore it from backup (agents pinned its public key)`, { cause });
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new Error(`signing key ${file} is ${privateKey.asymmetricKeyType ?? 'unknown'}, expected Ed25519`);
  }
  return createSigner(privateKey);
}

/** A signer over an existing private key (tests use throwaway keys). */
export function createSigner(privateKey: KeyObject): ManifestSigner {
  const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  const keyId = createHash('sha256').update(spki).digest('hex').slice(0, 16);
  const publicKey: SigningKey = { keyId, algorithm: 'Ed25519', publicKeySpki: spki.toString('base64') };
  return {
    keyId,
    // Ed25519 takes no digest argument: the algorithm hashes internally (RFC 8032), hence `null`.
    sign: (manifest) => edSign(null, Buffer.from(canonicalJson(manifest), 'utf8'), privateKey).toString('base64'),
    publicKey: () => ({ ...publicKey }),
  };
}

/**
 * Write a new key to a private temp file (0600 from the first byte), fsync it, then link it into
 * place. link(2) fails if the name exists, unlike rename(2), so two processes starting on the same
 * data folder cannot replace each other's key: the loser reads the winner's file.
 */
function createKeyFile(dir: string, file: string): string {
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  const tmp = join(dir, `.${SIGNING_KEY_FILE}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    writeSync(fd, pem);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(tmp, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return readFileSync(file, 'utf8');
  } finally {
    unlinkSync(tmp);
  }
  fsyncDir(dir);
  return pem;
}

/** Make a rename or link durable: the directory entry lives in the directory, not the file. */
export function fsyncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
