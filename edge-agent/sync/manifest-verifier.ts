import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { canonicalJson, type DesiredModel, type SignedManifest, type SigningKey } from '../../protocol/index.ts';
import { ArtifactRejectedError } from './artifact-errors.ts';

export interface ManifestVerifier {
  /** Throws ArtifactRejectedError unless the signature verifies with the pinned key and the entry agrees with its manifest. */
  verifyDesired(model: DesiredModel): void;
  /** Throws ArtifactRejectedError unless the signature verifies with the pinned key. */
  verifySignature(signed: SignedManifest): void;
}

/**
 * Verifies manifests against the signing key pinned at enrollment (ADR 0002): Ed25519 over
 * canonicalJson(manifest). A key id that differs from the pinned one is refused rather than
 * fetched: a compromised control plane must not be able to hand over a new key with the manifest.
 */
export function createManifestVerifier(key: SigningKey): ManifestVerifier {
  let publicKey: KeyObject;
  try {
    publicKey = createPublicKey({ key: Buffer.from(key.publicKeySpki, 'base64'), format: 'der', type: 'spki' });
  } catch (cause) {
    throw new Error(`the pinned signing key ${key.keyId} is not a valid SPKI public key`, { cause });
  }
  if (publicKey.asymmetricKeyType !== 'ed25519') throw new Error(`the pinned signing key ${key.keyId} is not Ed25519`);

  const verifySignature = (signed: SignedManifest) => {
    const { manifest } = signed;
    const subject = `${manifest.name}:${manifest.version} (${manifest.variant})`;
    if (signed.keyId !== key.keyId) {
      throw new ArtifactRejectedError('signature', `manifest of ${subject} is signed by key ${signed.keyId}, not the pinned key ${key.keyId}`, {
        keyId: signed.keyId,
        pinnedKeyId: key.keyId,
      });
    }
    let valid = false;
    try {
      valid = verify(null, Buffer.from(canonicalJson(manifest), 'utf8'), publicKey, Buffer.from(signed.signature, 'base64'));
    } catch {
      valid = false;
    }
    if (!valid) {
      throw new ArtifactRejectedError('signature', `manifest signature of ${subject} does not verify with the pinned key ${key.keyId}`, {
        keyId: signed.keyId,
        sha256: manifest.sha256,
      });
    }
  };

  return {
    verifySignature,
    verifyDesired(model) {
      verifySignature(model.signed);
      const { manifest } = model.signed;
      const mismatches: string[] = [];
      if (manifest.name !== model.name) mismatches.push(`name ${manifest.name} != ${model.name}`);
      if (manifest.version !== model.version) mismatches.push(`version ${manifest.version} != ${model.version}`);
      if (manifest.variant !== model.variant) mismatches.push(`variant ${manifest.variant} != ${model.variant}`);
      if (model.artifactPath !== `/v1/artifacts/${manifest.sha256}`) mismatches.push(`artifactPath ${model.artifactPath} does not name sha256 ${manifest.sha256}`);
      if (manifest.kind !== 'onnx') mismatches.push(`kind ${manifest.kind} is not served by this agent`);
      if (mismatches.length > 0) {
        throw new ArtifactRejectedError('manifest', `desired ${model.name}:${model.version} disagrees with its signed manifest: ${mismatches.join('; ')}`, {
          mismatches,
        });
      }
    },
  };
}
