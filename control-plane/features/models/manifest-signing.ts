import { manifestSchema, type SignedManifest, type Variant } from '../../../protocol/index.ts';
import type { ManifestSigner } from '../../security/signing-key.ts';
import { producerLabel } from './model-views.ts';
import type { OnnxSummary } from './onnx-inspect.ts';

export interface ManifestFacts {
  name: string;
  version: string;
  variant: Variant;
  at: string;
  onnx: OnnxSummary;
  sha256: string;
  size: number;
}

/** The signed manifest of one variant file: what an agent checks before it loads anything. */
export function signVariantManifest(signer: ManifestSigner, f: ManifestFacts): SignedManifest {
  const producer = producerLabel(f.onnx.producerName, f.onnx.producerVersion);
  // Parsed so the control plane never signs something an agent's schema would refuse.
  const manifest = manifestSchema.parse({
    schemaVersion: 1, name: f.name, version: f.version, variant: f.variant, kind: 'onnx',
    sha256: f.sha256, size: f.size, inputs: f.onnx.inputs, outputs: f.onnx.outputs,
    opset: f.onnx.opset, ...(producer ? { producer } : {}), createdAt: f.at,
  });
  return { manifest, signature: signer.sign(manifest), keyId: signer.keyId };
}
