import type { Database } from 'better-sqlite3';
import type { ModelVersion, Profile, ProfileRef } from '../../../protocol/index.ts';
import type { Clock } from '../../clock.ts';
import type { RunInTransaction } from '../../db/transaction.ts';
import { newId } from '../../security/secrets.ts';
import type { AuditLog } from '../audit/audit.store.ts';
import { createBucketsStore } from '../evaluation/buckets.store.ts';
import { mergeRows } from '../evaluation/evaluation-queries.service.ts';
import type { FleetFeature } from '../fleet/fleet-feature.ts';
import type { BucketReader } from './arm-data.ts';
import type { RolloutCatalog, RolloutFleet, RolloutsDeps } from './rollout-ports.ts';
import { createRolloutEngine, type IntervalTimer, type RolloutEngine } from './rollout-engine.ts';
import { createRolloutOverlay } from './rollout-overlay.ts';
import { createRolloutTicker, type RolloutTicker, type TickOutcome } from './rollout-ticker.ts';
import { createRolloutsService, type RolloutsService } from './rollouts.service.ts';
import { createRolloutsStore } from './rollouts.store.ts';

export interface RolloutsFeature {
  service: RolloutsService;
  ticker: RolloutTicker;
  /** Ticks every `intervalMs`; `main.ts` starts it, route and engine tests tick by hand. */
  engine: RolloutEngine;
}

export interface RolloutsFeatureDeps {
  db: Database;
  clock: Clock;
  tx: RunInTransaction;
  audit: AuditLog;
  models: Pick<RolloutCatalog, 'setAlias'> & { resolve(name: string, ref: { alias?: string; version?: string }): ModelVersion | null };
  fleet: Pick<FleetFeature, 'specs' | 'devices' | 'desired'>;
  /** Where a version's reference profile is (evaluation feature), so each arm carries its own. */
  profileRef?: (name: string, version: string) => ProfileRef | null;
  /** The evaluation ingest's journal fold: every reader of buckets calls it first. */
  flushSummaries?: () => void;
  /** Reference profiles by hash (evaluation feature): which arms' histograms line up. */
  profiles?: { bySha(sha256: string): Profile | null };
  /** Engine interval (default 15 s). */
  intervalMs?: number;
  timer?: IntervalTimer;
  newId?: () => string;
  onError?: (rollout: string, err: unknown) => void;
  onTick?: (outcomes: TickOutcome[]) => void;
}

/**
 * Stores from the database, services from stores, and the rollouts' overlay attached to the fleet's
 * desired states: the rollouts feature's composition root.
 */
export function createRolloutsFeature(deps: RolloutsFeatureDeps): RolloutsFeature {
  const { fleet } = deps;
  const store = createRolloutsStore(deps.db);
  const catalog: RolloutCatalog = {
    resolve: (name, ref) => deps.models.resolve(name, ref),
    setAlias: (name, alias, version, by) => deps.models.setAlias(name, alias, version, by),
    ...(deps.profileRef ? { profileRef: deps.profileRef } : {}),
  };
  const fleetSelector = (name: string) => fleet.specs.listFleets().find((f) => f.name === name)?.selector ?? null;
  const fleetPort: RolloutFleet = {
    fleetSelector,
    devices: (selector) => fleet.devices.list(selector),
    desiredState: (id) => fleet.desired.get(id),
    recompute: (ids) => fleet.desired.recompute(ids),
    publish: (states) => fleet.desired.publish(states),
  };
  const bucketsStore = createBucketsStore(deps.db);
  const buckets: BucketReader = {
    list(filter) {
      deps.flushSummaries?.();
      return bucketsStore.list(filter).map((row) => ({
        deviceId: row.deviceId, profileSha256: row.profileSha256, predictions: row.predictions,
        stats: () => mergeRows([row])!,
      }));
    },
  };
  const rolloutsDeps: RolloutsDeps = {
    store, buckets, catalog, fleet: fleetPort, audit: deps.audit, clock: deps.clock, tx: deps.tx,
    newId: deps.newId ?? (() => newId('ro')),
    ...(deps.profiles ? { profiles: deps.profiles } : {}),
  };
  fleet.desired.attachOverlay(createRolloutOverlay({ store, catalog, fleetSelector }));
  const ticker = createRolloutTicker(rolloutsDeps);
  return {
    service: createRolloutsService(rolloutsDeps),
    ticker,
    engine: createRolloutEngine({
      ticker, intervalMs: deps.intervalMs ?? 15_000,
      ...(deps.timer ? { timer: deps.timer } : {}), ...(deps.onError ? { onError: deps.onError } : {}), ...(deps.onTick ? { onTick: deps.onTick } : {}),
    }),
  };
}
