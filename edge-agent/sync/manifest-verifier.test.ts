import { describe, expect, it } from 'vitest';
import { desiredModelFor, createTestSigner, signedManifestFor } from '../../test/agent/signed-fixtures.ts';
import { ArtifactRejectedError } from './artifact-errors.ts';
import { createManifestVerifier } from './manifest-verifier.ts';

const bytes = new Uint8Array([1, 2, 3, 4]);

describe('manifest verifier', () => {
  const signer = createTestSigner();
  const verifier = createManifestVerifier(signer.publicKey());
  const entry = desiredModelFor(signedManifestFor(signer, bytes, { name: 'mlp', version: '1' }));

  it('accepts a manifest signed by the pinned key', () => {
    expect(() => verifier.verifyDesired(entry)).not.toThrow();
  });

  it('refuses a manifest changed after signing', () => {
    const forged = structuredClone(entry);
    forged.signed.manifest.size = 5;
    expect(() => verifier.verifyDesired(forged)).toThrow(/does not verify/);
  });

  it('refuses a valid signature from another key, even under the pinned key id', () => {
    const attacker = createTestSigner();
    const signed = signedManifestFor(attacker, bytes, { name: 'mlp', version: '1' });
    const forged = desiredModelFor({ ...signed, keyId: signer.keyId });
    const error = (() => {
      try {
        verifier.verifyDesired(forged);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ArtifactRejectedError);
    expect((error as ArtifactRejectedError).reason).toBe('signature');
    expect(() => verifier.verifyDesired(desiredModelFor(signed))).toThrow(/not the pinned key/);
  });

  it('refuses an entry that disagrees with its signed manifest', () => {
    expect(() => verifier.verifyDesired({ ...entry, version: '2' })).toThrow(/version 1 != 2/);
    expect(() => verifier.verifyDesired({ ...entry, artifactPath: `/v1/artifacts/${'0'.repeat(64)}` })).toThrow(/artifactPath/);
  });

  it('refuses garbage signatures without throwing anything else', () => {
    expect(() => verifier.verifyDesired({ ...entry, signed: { ...entry.signed, signature: '!!' } })).toThrow(ArtifactRejectedError);
  });
});
