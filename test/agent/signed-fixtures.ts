import { createHash, generateKeyPairSync } from 'node:crypto';
import { createSigner, type ManifestSigner } from '../../control-plane/security/signing-key.ts';
import type { DesiredModel, DesiredState, Manifest, SignedManifest } from '../../protocol/index.ts';

/** A throwaway Ed25519 signer, the same code the control plane signs with. */
export function createTestSigner(): ManifestSigner {
  return createSigner(generateKeyPairSync('ed25519').privateKey);
}

export const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A manifest for these bytes, signed by `signer`. */
export function signedManifestFor(
  signer: ManifestSigner,
  bytes: Uint8Array,
  fields: { name: string; version: string; variant?: Manifest['variant']; budget?: Manifest['budget'] },
): SignedManifest {
  const manifest: Manifest = {
    schemaVersion: 1,
    name: fields.name,
    version: fields.version,
    variant: fields.variant ?? 'fp32',
    kind: 'onnx',
    sha256: sha256Hex(bytes),
    size: bytes.byteLength,
    inputs: [],
    outputs: [],
    opset: 17,
    createdAt: '2026-01-01T00:00:00.000Z',
    ...(fields.budget ? { budget: fields.budget } : {}),
  };
  return { manifest, signature: signer.sign(manifest), keyId: signer.keyId };
}

export function desiredModelFor(signed: SignedManifest): DesiredModel {
  const { manifest } = signed;
  return { name: manifest.name, version: manifest.version, variant: manifest.variant, artifactPath: `/v1/artifacts/${manifest.sha256}`, signed };
}

export function desiredStateFor(deviceId: string, revision: number, models: DesiredModel[]): DesiredState {
  return { schemaVersion: 1, deviceId, revision, generatedAt: new Date().toISOString(), models };
}
