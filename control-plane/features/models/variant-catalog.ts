/**
 * The registry as the variant jobs see it (the VariantCatalog port of features/variants): read
 * versions and blobs, stage a built variant, record the gate's verdict. Signing stays here, with
 * the key: a variant is signed only when the gate says `ready`.
 */
import { EdgefleetError, type ModelVersion } from '../../../protocol/index.ts';
import type { Clock } from '../../clock.ts';
import type { RunInTransaction } from '../../db/transaction.ts';
import type { ManifestSigner } from '../../security/signing-key.ts';
import type { AuditLog } from '../audit/audit.store.ts';
import type { VariantCatalog } from '../variants/variant-ports.ts';
import { sha256Hex, type ArtifactStore } from './artifact-store.ts';
import { signVariantManifest } from './manifest-signing.ts';
import { interfaceDifferences, toModelVersion } from './model-views.ts';
import type { ModelsStore, VersionRow } from './models.store.ts';
import { inspectOnnx } from './onnx-inspect.ts';

export interface VariantCatalogDeps {
  store: ModelsStore;
  artifacts: ArtifactStore;
  signer: ManifestSigner;
  clock: Clock;
  tx: RunInTransaction;
  audit: AuditLog;
  /** A variant started or stopped being shippable: desired states must follow. */
  onCatalogChanged?: () => void;
}

const ACTOR = 'system:variant-gate';

export function createVariantCatalog(deps: VariantCatalogDeps): VariantCatalog {
  const { store, artifacts, signer, clock, tx, audit } = deps;
  const view = (row: VersionRow): ModelVersion => toModelVersion(row, store.listVariants(row.name, row.version), store.listAliases(row.name));

  return {
    version(name, version) {
      const row = store.getVersion(name, version);
      return row ? view(row) : null;
    },

    versionsOf: (name) => store.listVersions(name).map(view),

    async readBlob(sha256) {
      const chunks: Buffer[] = [];
      for await (const chunk of artifacts.openRead(sha256)) chunks.push(chunk as Buffer);
      return new Uint8Array(Buffer.concat(chunks));
    },

    putBlob: async (bytes) => {
      const { sha256, size } = await artifacts.put(bytes);
      return { sha256, size };
    },

    async stageVariant({ name, version, variant, bytes, job, build }) {
      const ref = `${name}:${version}`;
      const expected = store.getVersion(name, version);
      if (!expected) throw new EdgefleetError('NOT_FOUND', `${ref} was deleted`);
      const problems = interfaceDifferences(expected, inspectOnnx(bytes));
      if (problems.length > 0) throw new EdgefleetError('VALIDATION_FAILED', `the built ${variant} does not match ${ref}: ${problems.join('; ')}`);
      const blob = await artifacts.put(bytes);
      tx(() => {
        if (!store.getVersion(name, version)) throw new EdgefleetError('NOT_FOUND', `${ref} was deleted`);
        const existing = store.getVariant(name, version, variant);
        if (existing && existing.evidence?.['job'] !== job) throw new EdgefleetError('VERSION_EXISTS', `${ref} already has a ${variant} variant`);
        if (existing) store.deleteVariant(name, version, variant);
        const at = clock.now().toISOString();
        store.insertArtifact({ sha256: blob.sha256, size: blob.size, createdAt: at });
        store.insertVariant({
          name, version, variant, sha256: blob.sha256, size: blob.size, status: 'building', signed: null,
          evidence: { job, build }, createdAt: at,
        });
      });
      return { sha256: blob.sha256, size: blob.size };
    },

    settleVariant({ name, version, variant, bytes, status, evidence }) {
      const sha256 = sha256Hex(bytes);
      const changed = tx(() => {
        const row = store.getVariant(name, version, variant);
        if (!row || row.sha256 !== sha256) return false; // replaced or deleted meanwhile: the verdict is stale
        const at = clock.now().toISOString();
        const signed = status !== 'ready'
          ? null
          : row.signed ?? signVariantManifest(signer, { name, version, variant, at, onnx: inspectOnnx(bytes), sha256, size: bytes.length });
        store.updateVariant(name, version, variant, { status, signed, evidence });
        const gate = evidence['gate'] as { summary?: string } | undefined;
        audit.record({
          at, actor: ACTOR, action: `model.variant.${status}`, target: `${name}:${version}`,
          details: { variant, sha256, summary: gate?.summary ?? evidence['error'] ?? null },
        });
        return (row.status === 'ready') !== (status === 'ready');
      });
      if (changed) deps.onCatalogChanged?.();
    },
  };
}
