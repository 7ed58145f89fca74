import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import {
  EdgefleetError,
  buildProfile,
  canonicalJson,
  extractFeatureRows,
  outputRows,
  type FeatureValue,
  type ModelVersion,
  type Profile,
  type ProfileRef,
  type ProfileRequest,
  type StoredProfile,
} from '../../../protocol/index.ts';
import type { Clock } from '../../clock.ts';
import type { RunInTransaction } from '../../db/transaction.ts';
import { actorName, type Principal } from '../../http/principal.ts';
import type { AuditLog } from '../audit/audit.store.ts';
import { labelCell, parseCsv, parseJsonLines, type Dataset } from './dataset-parser.ts';
import type { OpenModel } from './model-runner.ts';
import { assertColumns, assertLabelColumn, buildBatch, planInputs, type InputPlan } from './profile-inputs.ts';
import type { ProfileRow, ProfilesStore } from './profiles.store.ts';

export interface ProfilesService {
  /** Run the model over the data set, build the reference profile, store it and publish it to devices. */
  build(name: string, version: string, request: ProfileRequest, by: Principal): Promise<StoredProfile>;
  /** The current profile of a version (NOT_FOUND without one). */
  get(name: string, version: string): { sha256: string; profile: Profile };
  current(name: string, version: string): { sha256: string; profile: Profile } | null;
  /** The exact bytes devices download and hash (NOT_FOUND for an unknown hash). */
  body(sha256: string): string;
  /** Parsed profile by hash (immutable, cached); null when unknown. */
  bySha(sha256: string): Profile | null;
  /** What the desired state carries for a version: path and hash, or null without a profile. */
  ref(name: string, version: string): ProfileRef | null;
}

export interface ProfilesServiceDeps {
  store: ProfilesStore;
  models: {
    getVersion(name: string, version: string): ModelVersion;
    artifact(sha256: string): { open(): Readable };
  };
  openModel: OpenModel;
  clock: Clock;
  tx: RunInTransaction;
  audit: AuditLog;
  /** Called after a profile is stored, so desired states (which carry the profile's hash) are recomputed. */
  onProfileStored?: () => void;
}

/** Rows per model run when the batch dimension is dynamic. */
const BATCH_ROWS = 256;

async function readAll(stream: Readable): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

function invalid(message: string, cause?: unknown): EdgefleetError {
  return new EdgefleetError('VALIDATION_FAILED', message, { cause });
}

export function createProfilesService(deps: ProfilesServiceDeps): ProfilesService {
  const { store, models, clock, tx, audit } = deps;
  const parsed = new Map<string, Profile>();
  const refs = new Map<string, ProfileRef | null>();

  const parse = (row: ProfileRow): Profile => {
    let profile = parsed.get(row.sha256);
    if (!profile) {
      profile = JSON.parse(row.body) as Profile; // written by this service from a built profile
      if (parsed.size >= 256) parsed.delete(parsed.keys().next().value as string);
      parsed.set(row.sha256, profile);
    }
    return profile;
  };

  /** Features and primary-output rows of the whole data set, batch by batch. */
  async function runModel(mv: ModelVersion, plans: InputPlan[], dataset: Dataset, request: ProfileRequest) {
    const featureRows: FeatureValue[][] = [];
    const outputs: number[][] = [];
    const spec = request.output;
    const fp32 = mv.variants.find((v) => v.variant === 'fp32') ?? mv.variants[0];
    if (spec && !fp32) throw new EdgefleetError('NOT_FOUND', `${mv.name}:${mv.version} has no artifact to run`);
    const session = spec ? await deps.openModel(await readAll(models.artifact(fp32!.sha256).open())) : null;
    try {
      const step = plans.every((p) => p.dynamicBatch) ? BATCH_ROWS : 1;
      for (let start = 0; start < dataset.rows.length; start += step) {
        const feeds = buildBatch(plans, dataset.rows.slice(start, start + step));
        featureRows.push(...extractFeatureRows(request.features, feeds));
        if (!session || !spec) continue;
        const result = await session.run(feeds);
        const tensor = result[spec.tensor];
        if (!tensor) throw invalid(`the model has no output "${spec.tensor}"`);
        for (const row of outputRows(tensor)) outputs.push(Array.from(row));
      }
    } finally {
      await session?.close();
    }
    return { featureRows, outputs };
  }

  const service: ProfilesService = {
    async build(name, version, request, by) {
      const mv = models.getVersion(name, version);
      const dataset = request.format === 'jsonl' ? parseJsonLines(request.dataset) : parseCsv(request.dataset);
      if (dataset.rows.length === 0) throw invalid('invalid dataset: it has no data rows');
      const plans = planInputs(request.features, mv.inputs);
      if (request.output && !mv.outputs.some((o) => o.name === request.output!.tensor)) {
        throw invalid(`output "${request.output.tensor}" is not one of the model's outputs (${mv.outputs.map((o) => o.name).join(', ')})`);
      }
      assertColumns(dataset, request.features);
      assertLabelColumn(dataset, request.labelColumn);
      const { featureRows, outputs } = await runModel(mv, plans, dataset, request);
      const labels = request.labelColumn ? { column: request.labelColumn, values: dataset.rows.map((r) => labelCell(r, request.labelColumn!)) } : null;
      const createdAt = clock.now().toISOString();
      let profile: Profile;
      try {
        profile = buildProfile(featureRows, request.features, request.output ? { spec: request.output, rows: outputs } : null, labels,
          { model: name, version, createdAt, ...(request.bins !== undefined && { bins: request.bins }) });
      } catch (err) {
        if (err instanceof RangeError) throw invalid(`cannot build the profile: ${err.message}`, err);
        throw err;
      }
      const body = canonicalJson(profile);
      const sha256 = createHash('sha256').update(body).digest('hex');
      tx(() => {
        store.insert({ sha256, model: name, version, createdAt, createdBy: actorName(by), body });
        audit.record({ at: createdAt, actor: actorName(by), action: 'model.profile.build', target: `${name}:${version}`,
          details: { sha256, rows: profile.rows, features: profile.features.length } });
      });
      refs.delete(`${name}\u0000${version}`);
      deps.onProfileStored?.();
      return {
        model: name, version, sha256, path: `/v1/profiles/${sha256}`, createdAt, rows: profile.rows, features: profile.features.length,
        ...(profile.quality && { quality: Object.fromEntries(Object.entries(profile.quality).filter(([, v]) => typeof v === 'number')) as Record<string, number> }),
      };
    },
    current(name, version) {
      const row = store.current(name, version);
      return row ? { sha256: row.sha256, profile: parse(row) } : null;
    },
    get(name, version) {
      const found = service.current(name, version);
      if (!found) throw new EdgefleetError('NOT_FOUND', `${name}:${version} has no profile; POST one to /v1/models/${name}/versions/${version}/profile`);
      return found;
    },
    body(sha256) {
      const row = store.bySha(sha256);
      if (!row) throw new EdgefleetError('NOT_FOUND', `no profile ${sha256}`);
      return row.body;
    },
    bySha(sha256) {
      const cached = parsed.get(sha256);
      if (cached) return cached;
      const row = store.bySha(sha256);
      return row ? parse(row) : null;
    },
    ref(name, version) {
      const key = `${name}\u0000${version}`;
      if (!refs.has(key)) {
        const row = store.current(name, version);
        refs.set(key, row ? { path: `/v1/profiles/${row.sha256}`, sha256: row.sha256 } : null);
      }
      return refs.get(key) ?? null;
    },
  };
  return service;
}
