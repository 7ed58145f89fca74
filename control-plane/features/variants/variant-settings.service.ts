/**
 * What a variant is judged by: the model's gate and the version's evaluation set. The gate is the
 * current policy, so changing either re-gates the variants already decided: a variant that no
 * longer passes stops shipping, one that now passes starts.
 */
import { EdgefleetError, modelNameSchema, parseOrThrow, versionSchema } from '../../../protocol/index.ts';
import type { Clock } from '../../clock.ts';
import type { RunInTransaction } from '../../db/transaction.ts';
import { actorName, type Principal } from '../../http/principal.ts';
import type { AuditLog } from '../audit/audit.store.ts';
import { parseEvaluationSet } from './evaluation-set.ts';
import type { VariantJobsService } from './variant-jobs.service.ts';
import type { VariantCatalog } from './variant-ports.ts';
import { DEFAULT_GATE, gateSettingsSchema, type EvaluationSetInfo, type GateView } from './variant-schemas.ts';
import type { VariantSettingsStore } from './variant-settings.store.ts';

export interface VariantSettingsService {
  /** The model's gate, or the defaults (`default: true`). Any valid name: a gate may precede the first push. */
  getGate(name: string): GateView;
  /** Set the model's gate and re-gate the variants of its versions. VALIDATION_FAILED names the field. */
  setGate(name: string, body: unknown, by: Principal): GateView;
  /** Validate (400 naming the line) and store a version's evaluation set, then re-gate its variants. */
  putEvaluationSet(name: string, version: string, text: string, by: Principal): Promise<EvaluationSetInfo>;
  getEvaluationSet(name: string, version: string): EvaluationSetInfo;
}

export interface VariantSettingsDeps {
  store: VariantSettingsStore;
  jobs: Pick<VariantJobsService, 'regate'>;
  catalog: VariantCatalog;
  clock: Clock;
  tx: RunInTransaction;
  audit: AuditLog;
}

export function createVariantSettingsService(deps: VariantSettingsDeps): VariantSettingsService {
  const { store, jobs, catalog, clock, tx, audit } = deps;

  function requireVersion(name: string, version: string) {
    const found = catalog.version(name, version);
    if (!found) throw new EdgefleetError('NOT_FOUND', `no version ${name}:${version}`);
    return found;
  }

  const view = (name: string): GateView => {
    const row = store.getGate(name);
    return row ? { name, default: false, ...row } : { name, default: true, ...DEFAULT_GATE };
  };

  return {
    getGate(name) {
      return view(parseOrThrow(modelNameSchema, name, 'model name'));
    },

    setGate(name, body, by) {
      parseOrThrow(modelNameSchema, name, 'model name');
      const gate = parseOrThrow(gateSettingsSchema, body, 'gate');
      return tx(() => {
        const at = clock.now().toISOString();
        store.setGate(name, gate, at);
        for (const v of catalog.versionsOf(name)) jobs.regate(name, v.version);
        audit.record({ at, actor: actorName(by), action: 'model.gate.set', target: name, details: { ...gate } });
        return view(name);
      });
    },

    async putEvaluationSet(name, version, text, by) {
      parseOrThrow(versionSchema, version, 'version');
      const { inputs } = requireVersion(name, version);
      const parsed = parseEvaluationSet(text, inputs);
      const blob = await catalog.putBlob(new TextEncoder().encode(text));
      return tx(() => {
        requireVersion(name, version); // it may have been deleted during the write
        const at = clock.now().toISOString();
        const info: EvaluationSetInfo = { name, version, sha256: blob.sha256, size: blob.size, rows: parsed.rows, labelled: parsed.labels !== null, createdAt: at };
        store.putEvaluationSet(info);
        jobs.regate(name, version);
        audit.record({ at, actor: actorName(by), action: 'model.evaluation_set.put', target: `${name}:${version}`, details: { sha256: blob.sha256, rows: parsed.rows, labelled: info.labelled } });
        return info;
      });
    },

    getEvaluationSet(name, version) {
      requireVersion(name, version);
      const info = store.getEvaluationSet(name, version);
      if (!info) throw new EdgefleetError('NOT_FOUND', `${name}:${version} has no evaluation set; variants are gated on generated inputs`);
      return info;
    },
  };
}
