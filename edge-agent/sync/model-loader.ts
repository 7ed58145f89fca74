import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { SignedManifest } from '../../protocol/index.ts';
import type { InferenceEngine, LoadedModel } from '../inference/engine.ts';
import { ModelLoadError } from '../inference/errors.ts';
import type { Logger } from '../logger.ts';
import { ArtifactRejectedError } from './artifact-errors.ts';
import type { ArtifactCache } from './artifact-cache.ts';
import type { ManifestVerifier } from './manifest-verifier.ts';

export type WarmupPolicy = 'auto' | 'strict' | 'off';

export interface ModelLoaderDeps {
  engine: InferenceEngine;
  cache: ArtifactCache;
  verifier: ManifestVerifier;
  warmup: WarmupPolicy;
  logger: Logger;
}

export interface LoadOutcome {
  model: LoadedModel;
  /** Set when a generated warm-up failed on a model with symbolic dimensions and was let through. */
  warning?: string;
}

/**
 * Load a cached artifact: the signature, size and sha256 are checked again on the bytes actually
 * handed to onnxruntime (the cache is a folder anyone with the agent's rights can write), then the
 * session is created and warmed up. A version that fails here is never activated.
 */
export function createModelLoader(deps: ModelLoaderDeps) {
  return async function loadVerified(signed: SignedManifest): Promise<LoadOutcome> {
    const { manifest } = signed;
    deps.verifier.verifySignature(signed);
    let bytes: Buffer;
    try {
      bytes = await readFile(deps.cache.path(manifest.sha256));
    } catch (cause) {
      throw new ArtifactRejectedError('size', `cached artifact ${manifest.sha256} is missing: ${(cause as Error).message}`, { sha256: manifest.sha256 });
    }
    if (bytes.byteLength !== manifest.size) {
      deps.cache.remove(manifest.sha256);
      throw new ArtifactRejectedError('size', `cached artifact is ${bytes.byteLength} bytes, its manifest says ${manifest.size}`, {
        expectedSize: manifest.size,
        actualSize: bytes.byteLength,
      });
    }
    const actual = createHash('sha256').update(bytes).digest('hex');
    if (actual !== manifest.sha256) {
      deps.cache.remove(manifest.sha256);
      throw new ArtifactRejectedError('sha256', `cached artifact hashes to ${actual}, its manifest says ${manifest.sha256}`, {
        expected: manifest.sha256,
        actual,
      });
    }
    deps.cache.touch(manifest.sha256);
    const model = await deps.engine.load(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
      warmup: deps.warmup === 'off' ? 'off' : 'auto',
    });
    if (model.warmup.ok) return { model };
    const symbolic = model.inputs.some((input) => input.shape.some((d) => d < 0));
    const message = `warm-up failed: ${model.warmup.error ?? 'unknown error'}`;
    if (deps.warmup === 'strict' || !symbolic) {
      await model.dispose();
      throw new ModelLoadError(message);
    }
    deps.logger.warn({ model: manifest.name, version: manifest.version, err: model.warmup.error }, 'generated warm-up failed on a model with symbolic dimensions; loading it anyway');
    return { model, warning: `${message} (generated input; the model has symbolic dimensions, so it was loaded)` };
  };
}
export type ModelLoader = ReturnType<typeof createModelLoader>;
