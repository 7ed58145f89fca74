import { canonicalJson, type DesiredModel, type Manifest, type RolloutArm, type SignedManifest, type SigningKey } from '../protocol/index.ts';

type ArtifactKind = Manifest['kind'];

export type RejectionReason = 'signature' | 'manifest' | 'size' | 'sha256';

/** A manifest or artifact that must not be used; reported as an `artifact.rejected` event with `evidence`. */
export class ArtifactRejectedError extends Error {
  constructor(readonly reason: RejectionReason, message: string, readonly evidence: Record<string, unknown> = {}) {
    super(message);
    this.name = 'ArtifactRejectedError';
  }
}

const base64ToBytes = (text: string): Uint8Array<ArrayBuffer> => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

/** Lowercase hex sha256 of bytes, by WebCrypto. */
export async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  let hex = '';
  for (const b of digest) hex += b.toString(16).padStart(2, '0');
  return hex;
}

export interface ManifestVerifier {
  /** Throws ArtifactRejectedError unless the signature verifies with the pinned key. */
  verifySignature(signed: SignedManifest): Promise<void>;
  /** The signature, then that the desired entry (or rollout arm) agrees with its signed manifest. */
  verifyEntry(entry: { name: string } & Pick<DesiredModel | RolloutArm, 'version' | 'variant' | 'artifactPath' | 'signed'>, kinds: readonly ArtifactKind[]): Promise<void>;
  /** Throws unless `bytes` are the manifest's artifact: size, then sha256. */
  verifyBytes(signed: SignedManifest, bytes: Uint8Array<ArrayBuffer>): Promise<void>;
}

/**
 * Manifest and artifact checks with WebCrypto, the same rules as the Node agent's verifier
 * (edge-agent/sync/manifest-verifier.ts, ADR 0002): Ed25519 over canonicalJson(manifest) with the
 * key pinned at enrollment — a manifest naming another key id is refused, not followed — then
 * size and sha256 of the very bytes handed to the engine.
 */
export async function createManifestVerifier(key: SigningKey): Promise<ManifestVerifier> {
  if (!globalThis.crypto?.subtle) throw new Error('WebCrypto is unavailable: the page must be a secure context (https or localhost)');
  let publicKey: CryptoKey;
  try {
    publicKey = await crypto.subtle.importKey('spki', base64ToBytes(key.publicKeySpki), { name: 'Ed25519' }, false, ['verify']);
  } catch (cause) {
    throw new Error(`the pinned signing key ${key.keyId} cannot be imported (does this browser support Ed25519 in WebCrypto?)`, { cause });
  }
  const encoder = new TextEncoder();

  async function verifySignature(signed: SignedManifest): Promise<void> {
    const { manifest } = signed;
    const subject = `${manifest.name}:${manifest.version} (${manifest.variant})`;
    if (signed.keyId !== key.keyId) {
      throw new ArtifactRejectedError('signature', `manifest of ${subject} is signed by key ${signed.keyId}, not the pinned key ${key.keyId}`, {
        keyId: signed.keyId, pinnedKeyId: key.keyId,
      });
    }
    let valid = false;
    try {
      valid = await crypto.subtle.verify({ name: 'Ed25519' }, publicKey, base64ToBytes(signed.signature), encoder.encode(canonicalJson(manifest)));
    } catch {
      valid = false;
    }
    if (!valid) {
      throw new ArtifactRejectedError('signature', `manifest signature of ${subject} does not verify with the pinned key ${key.keyId}`, {
        keyId: signed.keyId, sha256: manifest.sha256,
      });
    }
  }

  return {
    verifySignature,
    async verifyEntry(entry, kinds) {
      await verifySignature(entry.signed);
      const { manifest } = entry.signed;
      const mismatches: string[] = [];
      if (manifest.name !== entry.name) mismatches.push(`name ${manifest.name} != ${entry.name}`);
      if (manifest.version !== entry.version) mismatches.push(`version ${manifest.version} != ${entry.version}`);
      if (manifest.variant !== entry.variant) mismatches.push(`variant ${manifest.variant} != ${entry.variant}`);
      if (entry.artifactPath !== `/v1/artifacts/${manifest.sha256}`) mismatches.push(`artifactPath ${entry.artifactPath} does not name sha256 ${manifest.sha256}`);
      if (!kinds.includes(manifest.kind)) mismatches.push(`kind ${manifest.kind} is not served by this runtime`);
      if (mismatches.length > 0) {
        throw new ArtifactRejectedError('manifest', `desired ${entry.name}:${entry.version} disagrees with its signed manifest: ${mismatches.join('; ')}`, { mismatches });
      }
    },
    async verifyBytes(signed, bytes) {
      const { manifest } = signed;
      if (bytes.byteLength !== manifest.size) {
        throw new ArtifactRejectedError('size', `artifact of ${manifest.name}:${manifest.version} is ${bytes.byteLength} bytes, the manifest says ${manifest.size}`, {
          expected: manifest.size, actual: bytes.byteLength, sha256: manifest.sha256,
        });
      }
      const actual = await sha256Hex(bytes);
      if (actual !== manifest.sha256) {
        throw new ArtifactRejectedError('sha256', `artifact of ${manifest.name}:${manifest.version} hashes to ${actual}, the manifest says ${manifest.sha256}`, {
          expected: manifest.sha256, actual,
        });
      }
    },
  };
}
