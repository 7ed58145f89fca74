import type { Database } from 'better-sqlite3';
import { canonicalJson, type SignedManifest, type TensorSpec, type Variant, type VariantInfo } from '../../../protocol/index.ts';

export interface ModelRow {
  name: string;
  createdAt: string;
  updatedAt: string;
}

export interface VersionRow {
  name: string;
  version: string;
  createdAt: string;
  createdBy: string | null;
  inputs: TensorSpec[];
  outputs: TensorSpec[];
  opset: number;
  producer: string | null;
}

export interface VariantRow {
  name: string;
  version: string;
  variant: Variant;
  sha256: string;
  size: number;
  status: VariantInfo['status'];
  signed: SignedManifest | null;
  evidence: Record<string, unknown> | null;
  createdAt: string;
}

export interface AliasRow {
  name: string;
  alias: string;
  version: string;
}

/** SQL for the registry tables of migration 0002. Callers bring the transaction. */
export interface ModelsStore {
  touchModel(name: string, at: string): void;
  getModel(name: string): ModelRow | undefined;
  listModels(): ModelRow[];
  deleteModel(name: string): void;
  insertVersion(row: VersionRow): void;
  getVersion(name: string, version: string): VersionRow | undefined;
  /** Oldest first, so the last one is the latest. */
  listVersions(name?: string): VersionRow[];
  /** Removes the version and its variants. */
  deleteVersion(name: string, version: string): void;
  /** A row per distinct blob; a second variant with the same bytes shares it. */
  insertArtifact(row: { sha256: string; size: number; createdAt: string }): void;
  getArtifact(sha256: string): { sha256: string; size: number } | undefined;
  insertVariant(row: VariantRow): void;
  getVariant(name: string, version: string, variant: Variant): VariantRow | undefined;
  /** A gate's verdict on a variant (migration 0008's jobs): status, signature and evidence change together. */
  updateVariant(name: string, version: string, variant: Variant, change: Pick<VariantRow, 'status' | 'signed' | 'evidence'>): void;
  deleteVariant(name: string, version: string, variant: Variant): void;
  listVariants(name: string, version: string): VariantRow[];
  setAlias(row: AliasRow, at: string): void;
  deleteAlias(name: string, alias: string): boolean;
  listAliases(name?: string): AliasRow[];
  counts(): { models: number; versions: number };
}

interface RawVersion {
  name: string; version: string; created_at: string; created_by: string | null; inputs: string; outputs: string;
  opset: number; producer: string | null;
}
interface RawVariant {
  name: string; version: string; variant: Variant; sha256: string; size: number; status: VariantRow['status'];
  manifest: string | null; signature: string | null; key_id: string | null; evidence: string | null; created_at: string;
}

const versionFromRaw = (r: RawVersion): VersionRow => ({
  name: r.name, version: r.version, createdAt: r.created_at, createdBy: r.created_by,
  inputs: JSON.parse(r.inputs) as TensorSpec[], outputs: JSON.parse(r.outputs) as TensorSpec[],
  opset: r.opset, producer: r.producer,
});

const variantFromRaw = (r: RawVariant): VariantRow => ({
  name: r.name, version: r.version, variant: r.variant, sha256: r.sha256, size: r.size, status: r.status,
  signed: r.manifest && r.signature && r.key_id
    ? { manifest: JSON.parse(r.manifest) as SignedManifest['manifest'], signature: r.signature, keyId: r.key_id }
    : null,
  evidence: r.evidence ? (JSON.parse(r.evidence) as Record<string, unknown>) : null,
  createdAt: r.created_at,
});

export function createModelsStore(db: Database): ModelsStore {
  const q = {
    touchModel: db.prepare(`INSERT INTO models (name, created_at, updated_at) VALUES (?, ?, ?)
      ON CONFLICT (name) DO UPDATE SET updated_at = excluded.updated_at`),
    getModel: db.prepare('SELECT name, created_at AS createdAt, updated_at AS updatedAt FROM models WHERE name = ?'),
    listModels: db.prepare('SELECT name, created_at AS createdAt, updated_at AS updatedAt FROM models ORDER BY name'),
    deleteModel: db.prepare('DELETE FROM models WHERE name = ?'),
    insertVersion: db.prepare(`INSERT INTO model_versions
      (name, version, created_at, created_by, inputs, outputs, opset, producer)
      VALUES (@name, @version, @createdAt, @createdBy, @inputs, @outputs, @opset, @producer)`),
    getVersion: db.prepare('SELECT * FROM model_versions WHERE name = ? AND version = ?'),
    // rowid breaks ties between versions pushed in the same millisecond.
    listAllVersions: db.prepare('SELECT * FROM model_versions ORDER BY name, created_at, rowid'),
    listVersions: db.prepare('SELECT * FROM model_versions WHERE name = ? ORDER BY created_at, rowid'),
    deleteVariants: db.prepare('DELETE FROM model_variants WHERE name = ? AND version = ?'),
    deleteVersion: db.prepare('DELETE FROM model_versions WHERE name = ? AND version = ?'),
    insertArtifact: db.prepare('INSERT OR IGNORE INTO artifacts (sha256, size, created_at) VALUES (?, ?, ?)'),
    getArtifact: db.prepare('SELECT sha256, size FROM artifacts WHERE sha256 = ?'),
    insertVariant: db.prepare(`INSERT INTO model_variants
      (name, version, variant, sha256, size, status, manifest, signature, key_id, evidence, created_at)
      VALUES (@name, @version, @variant, @sha256, @size, @status, @manifest, @signature, @keyId, @evidence, @createdAt)`),
    getVariant: db.prepare('SELECT * FROM model_variants WHERE name = ? AND version = ? AND variant = ?'),
    listVariants: db.prepare('SELECT * FROM model_variants WHERE name = ? AND version = ? ORDER BY created_at, rowid'),
    updateVariant: db.prepare(`UPDATE model_variants SET status = @status, manifest = @manifest, signature = @signature,
      key_id = @keyId, evidence = @evidence WHERE name = @name AND version = @version AND variant = @variant`),
    deleteVariant: db.prepare('DELETE FROM model_variants WHERE name = ? AND version = ? AND variant = ?'),
    setAlias: db.prepare(`INSERT INTO model_aliases (name, alias, version, updated_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (name, alias) DO UPDATE SET version = excluded.version, updated_at = excluded.updated_at`),
    deleteAlias: db.prepare('DELETE FROM model_aliases WHERE name = ? AND alias = ?'),
    listAllAliases: db.prepare('SELECT name, alias, version FROM model_aliases ORDER BY name, alias'),
    listAliases: db.prepare('SELECT name, alias, version FROM model_aliases WHERE name = ? ORDER BY alias'),
    countModels: db.prepare('SELECT count(*) AS n FROM models'),
    countVersions: db.prepare('SELECT count(*) AS n FROM model_versions'),
  };
  return {
    touchModel: (name, at) => void q.touchModel.run(name, at, at),
    getModel: (name) => q.getModel.get(name) as ModelRow | undefined,
    listModels: () => q.listModels.all() as ModelRow[],
    deleteModel: (name) => void q.deleteModel.run(name),
    insertVersion: (row) =>
      void q.insertVersion.run({ ...row, inputs: JSON.stringify(row.inputs), outputs: JSON.stringify(row.outputs) }),
    getVersion: (name, version) => {
      const r = q.getVersion.get(name, version) as RawVersion | undefined;
      return r && versionFromRaw(r);
    },
    listVersions: (name) =>
      ((name === undefined ? q.listAllVersions.all() : q.listVersions.all(name)) as RawVersion[]).map(versionFromRaw),
    deleteVersion: (name, version) => {
      q.deleteVariants.run(name, version);
      q.deleteVersion.run(name, version);
    },
    insertArtifact: (row) => void q.insertArtifact.run(row.sha256, row.size, row.createdAt),
    getArtifact: (sha256) => q.getArtifact.get(sha256) as { sha256: string; size: number } | undefined,
    insertVariant: (row) =>
      void q.insertVariant.run({
        name: row.name, version: row.version, variant: row.variant, sha256: row.sha256, size: row.size,
        status: row.status, createdAt: row.createdAt,
        // Stored as the canonical text that was signed, so a reader re-serialising it gets the same bytes.
        manifest: row.signed ? canonicalJson(row.signed.manifest) : null,
        signature: row.signed?.signature ?? null,
        keyId: row.signed?.keyId ?? null,
        evidence: row.evidence ? JSON.stringify(row.evidence) : null,
      }),
    getVariant: (name, version, variant) => {
      const r = q.getVariant.get(name, version, variant) as RawVariant | undefined;
      return r && variantFromRaw(r);
    },
    listVariants: (name, version) => (q.listVariants.all(name, version) as RawVariant[]).map(variantFromRaw),
    updateVariant: (name, version, variant, change) =>
      void q.updateVariant.run({
        name, version, variant, status: change.status,
        manifest: change.signed ? canonicalJson(change.signed.manifest) : null,
        signature: change.signed?.signature ?? null,
        keyId: change.signed?.keyId ?? null,
        evidence: change.evidence ? JSON.stringify(change.evidence) : null,
      }),
    deleteVariant: (name, version, variant) => void q.deleteVariant.run(name, version, variant),
    setAlias: (row, at) => void q.setAlias.run(row.name, row.alias, row.version, at),
    deleteAlias: (name, alias) => q.deleteAlias.run(name, alias).changes === 1,
    listAliases: (name) => (name === undefined ? q.listAllAliases.all() : q.listAliases.all(name)) as AliasRow[],
    counts: () => ({
      models: (q.countModels.get() as { n: number }).n,
      versions: (q.countVersions.get() as { n: number }).n,
    }),
  };
}
