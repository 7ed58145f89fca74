import type { Database } from 'better-sqlite3';
import type { Variant } from '../../../protocol/index.ts';
import type { Clock } from '../../clock.ts';
import type { RunInTransaction } from '../../db/transaction.ts';
import type { AuditLog } from '../audit/audit.store.ts';
import { createVariantJobsService, type VariantJobsService } from './variant-jobs.service.ts';
import { createVariantJobsStore } from './variant-jobs.store.ts';
import type { GateRuntime, VariantCatalog } from './variant-ports.ts';
import { createVariantSettingsService, type VariantSettingsService } from './variant-settings.service.ts';
import { createVariantSettingsStore } from './variant-settings.store.ts';

/** Variant builds and gates, as the routes, the composition root and the registry see them. */
export interface VariantsFeature {
  jobs: VariantJobsService;
  settings: VariantSettingsService;
  /** The registry calls these inside its push and delete transactions (models.service's VariantJobHooks). */
  hooks: {
    versionPushed(name: string, version: string): void;
    variantPushed(name: string, version: string, variant: Variant): void;
    versionDeleted(name: string, version: string): void;
  };
}

export interface VariantsFeatureDeps {
  db: Database;
  clock: Clock;
  tx: RunInTransaction;
  audit: AuditLog;
  catalog: VariantCatalog;
  runtime: GateRuntime;
  /** Generated gate inputs per variant when a version has no evaluation set; default 200. */
  samples?: number;
}

export function createVariantsFeature(deps: VariantsFeatureDeps): VariantsFeature {
  const { db, clock, tx, audit, catalog, runtime } = deps;
  const settingsStore = createVariantSettingsStore(db);
  const jobs = createVariantJobsService({
    store: createVariantJobsStore(db), settings: settingsStore, catalog, runtime, clock, tx,
    ...(deps.samples !== undefined ? { samples: deps.samples } : {}),
  });
  const settings = createVariantSettingsService({ store: settingsStore, jobs, catalog, clock, tx, audit });
  return {
    jobs,
    settings,
    hooks: {
      versionPushed: (name, version) => jobs.enqueueBuild(name, version),
      variantPushed: (name, version, variant) => jobs.enqueueGate(name, version, [variant]),
      versionDeleted(name, version) {
        jobs.forgetVersion(name, version);
        // A version pushed again under the same name must not inherit the old evaluation set.
        settingsStore.deleteEvaluationSet(name, version);
      },
    },
  };
}
