import type { Readable } from 'node:stream';
import {
  EdgefleetError,
  aliasSchema,
  modelNameSchema,
  parseOrThrow,
  sha256Schema,
  variantSchema,
  versionSchema,
  type ModelSummary,
  type ModelVersion,
  type SigningKey,
  type Variant,
} from '../../../protocol/index.ts';
import type { Clock } from '../../clock.ts';
import type { RunInTransaction } from '../../db/transaction.ts';
import { actorName, type Principal } from '../../http/principal.ts';
import type { ManifestSigner } from '../../security/signing-key.ts';
import type { AuditLog } from '../audit/audit.store.ts';
import type { ArtifactStore, ByteRange } from './artifact-store.ts';
import { signVariantManifest, type ManifestFacts } from './manifest-signing.ts';
import { interfaceDifferences, producerLabel, toModelSummary, toModelVersion } from './model-views.ts';
import type { ModelsStore, VersionRow } from './models.store.ts';
import { inspectOnnx } from './onnx-inspect.ts';

export interface PushInput {
  name: string;
  version: string;
  /** Defaults to fp32. */
  variant?: string;
  bytes: Uint8Array;
}

/** A registered blob, ready to stream. */
export interface ArtifactHandle {
  sha256: string;
  size: number;
  open(range?: ByteRange): Readable;
}

export interface ModelsService {
  /** Register a new, immutable version with its first variant. */
  pushVersion(input: PushInput, by: Principal): Promise<ModelVersion>;
  /**
   * Add another variant (fp16, int8) built elsewhere; its tensors must match by name and type. With
   * the variants feature wired it is stored `building` and ships only once the accuracy gate passes.
   */
  pushVariant(input: PushInput & { variant: string }, by: Principal): Promise<ModelVersion>;
  list(): ModelSummary[];
  getModel(name: string): ModelSummary;
  getVersion(name: string, version: string): ModelVersion;
  setAlias(name: string, alias: string, version: string, by: Principal): ModelSummary;
  deleteAlias(name: string, alias: string, by: Principal): void;
  deleteVersion(name: string, version: string, by: Principal): void;
  /**
   * Alias or version -> the version with its signed variants; null when it does not exist. The fleet
   * resolves assignments with this; `version` wins when both are given.
   */
  resolve(name: string, ref: { alias?: string; version?: string }): ModelVersion | null;
  counts(): { models: number; versions: number };
  artifact(sha256: string): ArtifactHandle;
  signingKey(): SigningKey;
}

export interface ModelsServiceDeps {
  store: ModelsStore;
  artifacts: ArtifactStore;
  signer: ManifestSigner;
  clock: Clock;
  tx: RunInTransaction;
  audit: AuditLog;
  /** The fleet's answer to "does an assignment or a device still use this version?". */
  isVersionInUse: (name: string, version: string) => boolean;
  /** Called after a change that can alter devices' desired states (alias moved, variant added) commits. */
  onCatalogChanged?: () => void;
  /** The variants feature (builds and gates); without it pushed variants ship ungated, as before. */
  variantJobs?: VariantJobHooks;
}

/** The variants feature's side of the registry's writes; each is called inside that write's transaction. */
export interface VariantJobHooks {
  versionPushed(name: string, version: string): void;
  variantPushed(name: string, version: string, variant: Variant): void;
  versionDeleted(name: string, version: string): void;
}

const ref = (name: string, version: string) => `${name}:${version}`;
const notFound = (message: string) => new EdgefleetError('NOT_FOUND', message);

export function createModelsService(deps: ModelsServiceDeps): ModelsService {
  const { store, artifacts, signer, clock, tx, audit } = deps;
  /** Run a catalog change in one transaction, then tell the fleet so desired states follow. */
  function changeCatalog<T>(fn: () => T): T {
    const result = tx(fn);
    deps.onCatalogChanged?.();
    return result;
  }

  const view = (row: VersionRow) =>
    toModelVersion(row, store.listVariants(row.name, row.version), store.listAliases(row.name));

  function summaryOf(name: string): ModelSummary {
    const model = store.getModel(name);
    if (!model) throw notFound(`no model "${name}"`);
    return toModelSummary(model, store.listVersions(name), store.listAliases(name));
  }

  function requireVersion(name: string, version: string): VersionRow {
    const row = store.getVersion(name, version);
    if (!row) throw notFound(store.getModel(name) ? `model "${name}" has no version "${version}"` : `no model "${name}"`);
    return row;
  }

  function assertNewVersion(name: string, version: string): void {
    if (store.getVersion(name, version)) {
      throw new EdgefleetError('VERSION_EXISTS', `${ref(name, version)} already exists; versions are immutable, push a new one`);
    }
  }

  function assertNewVariant(name: string, version: string, variant: Variant): void {
    if (store.getVariant(name, version, variant)) {
      throw new EdgefleetError('VERSION_EXISTS', `${ref(name, version)} already has a ${variant} variant; variants are immutable`);
    }
  }

  /**
   * Insert one variant row (and its blob row), signed when `ready`; a variant still to be gated is
   * `building` and unsigned. Runs inside the caller's transaction.
   */
  function insertVariant(args: ManifestFacts & { status: 'ready' | 'building' }) {
    store.insertArtifact({ sha256: args.sha256, size: args.size, createdAt: args.at });
    store.insertVariant({
      name: args.name, version: args.version, variant: args.variant, sha256: args.sha256, size: args.size,
      status: args.status, signed: args.status === 'ready' ? signVariantManifest(signer, args) : null, evidence: null, createdAt: args.at,
    });
  }

  function parsePush(input: PushInput) {
    return {
      name: parseOrThrow(modelNameSchema, input.name, 'model name'),
      version: parseOrThrow(versionSchema, input.version, 'version'),
      variant: parseOrThrow(variantSchema, input.variant ?? 'fp32', 'variant'),
    };
  }

  return {
    async pushVersion(input, by) {
      const { name, version, variant } = parsePush(input);
      assertNewVersion(name, version);
      const onnx = inspectOnnx(input.bytes);
      // The file is durable before the row is committed; a failed commit leaves only a reusable blob.
      const blob = await artifacts.put(input.bytes);
      return tx(() => {
        assertNewVersion(name, version); // another push of the same version may have won during the write
        const at = clock.now().toISOString();
        const actor = actorName(by);
        store.touchModel(name, at);
        store.insertVersion({
          name, version, createdAt: at, createdBy: actor, inputs: onnx.inputs, outputs: onnx.outputs,
          opset: onnx.opset, producer: producerLabel(onnx.producerName, onnx.producerVersion) ?? null,
        });
        insertVariant({ name, version, variant, at, onnx, sha256: blob.sha256, size: blob.size, status: 'ready' });
        // A version pushed as FP32 gets its int8 and fp16 variants built in the background.
        if (variant === 'fp32') deps.variantJobs?.versionPushed(name, version);
        audit.record({ at, actor, action: 'model.push', target: ref(name, version), details: { variant, sha256: blob.sha256, size: blob.size } });
        return view(requireVersion(name, version));
      });
    },

    async pushVariant(input, by) {
      const { name, version, variant } = parsePush(input);
      const existing = requireVersion(name, version);
      assertNewVariant(name, version, variant);
      const onnx = inspectOnnx(input.bytes);
      const problems = interfaceDifferences(existing, onnx);
      if (problems.length > 0) {
        throw new EdgefleetError('VALIDATION_FAILED', `the ${variant} variant does not match ${ref(name, version)}: ${problems.join('; ')}`, {
          details: { problems },
        });
      }
      const blob = await artifacts.put(input.bytes);
      return changeCatalog(() => {
        requireVersion(name, version); // it may have been deleted during the write
        assertNewVariant(name, version, variant);
        const at = clock.now().toISOString();
        store.touchModel(name, at);
        // A variant built elsewhere is gated like one built here before it may ship; fp32 is the reference.
        const gated = deps.variantJobs !== undefined && variant !== 'fp32';
        insertVariant({ name, version, variant, at, onnx, sha256: blob.sha256, size: blob.size, status: gated ? 'building' : 'ready' });
        if (gated) deps.variantJobs?.variantPushed(name, version, variant);
        audit.record({ at, actor: actorName(by), action: 'model.variant.push', target: ref(name, version), details: { variant, sha256: blob.sha256, size: blob.size } });
        return view(requireVersion(name, version));
      });
    },

    list() {
      const versions = store.listVersions();
      const aliases = store.listAliases();
      return store.listModels().map((m) =>
        toModelSummary(m, versions.filter((v) => v.name === m.name), aliases.filter((a) => a.name === m.name)));
    },

    getModel: summaryOf,

    getVersion: (name, version) => view(requireVersion(name, version)),

    setAlias(name, alias, version, by) {
      parseOrThrow(aliasSchema, alias, 'alias');
      parseOrThrow(versionSchema, version, 'version');
      return changeCatalog(() => {
        requireVersion(name, version);
        const at = clock.now().toISOString();
        const previous = store.listAliases(name).find((a) => a.alias === alias)?.version ?? null;
        store.setAlias({ name, alias, version }, at);
        store.touchModel(name, at);
        audit.record({ at, actor: actorName(by), action: 'model.alias.set', target: name, details: { alias, version, previous } });
        return summaryOf(name);
      });
    },

    deleteAlias(name, alias, by) {
      changeCatalog(() => {
        const current = store.listAliases(name).find((a) => a.alias === alias);
        if (!current) throw notFound(`model "${name}" has no alias "${alias}"`);
        const at = clock.now().toISOString();
        store.deleteAlias(name, alias);
        store.touchModel(name, at);
        audit.record({ at, actor: actorName(by), action: 'model.alias.delete', target: name, details: { alias, version: current.version } });
      });
    },

    deleteVersion(name, version, by) {
      tx(() => {
        requireVersion(name, version);
        const aliases = store.listAliases(name).filter((a) => a.version === version).map((a) => a.alias);
        if (aliases.length > 0) {
          throw new EdgefleetError('VERSION_IN_USE', `${ref(name, version)} is in use: alias ${aliases.join(', ')} points at it; move or delete the alias first`, {
            details: { aliases },
          });
        }
        if (deps.isVersionInUse(name, version)) {
          throw new EdgefleetError('VERSION_IN_USE', `${ref(name, version)} is in use by the fleet: an assignment or a device still runs it`, {
            details: { fleet: true },
          });
        }
        const at = clock.now().toISOString();
        // Blobs stay: they are content-addressed and may back other variants or be mid-download.
        store.deleteVersion(name, version);
        deps.variantJobs?.versionDeleted(name, version);
        if (store.listVersions(name).length === 0) store.deleteModel(name);
        else store.touchModel(name, at);
        audit.record({ at, actor: actorName(by), action: 'model.version.delete', target: ref(name, version) });
      });
    },

    resolve(name, { alias, version }) {
      const target = version ?? (alias === undefined ? undefined : store.listAliases(name).find((a) => a.alias === alias)?.version);
      if (target === undefined) return null;
      const row = store.getVersion(name, target);
      return row ? view(row) : null;
    },

    counts: () => store.counts(),

    artifact(sha256) {
      parseOrThrow(sha256Schema, sha256, 'artifact hash');
      const row = store.getArtifact(sha256);
      if (!row) throw notFound(`no artifact ${sha256}`);
      // A row is committed only after its file is in place, so a missing file means the data folder was damaged.
      if (artifacts.size(sha256) !== row.size) throw new Error(`artifact ${sha256} is missing or damaged on disk`);
      return { sha256, size: row.size, open: (range) => artifacts.openRead(sha256, range) };
    },

    signingKey: () => signer.publicKey(),
  };
}
