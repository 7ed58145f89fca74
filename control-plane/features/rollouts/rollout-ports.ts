/**
 * What the rollouts feature needs from the rest of the control plane, as interfaces: the model
 * registry, the fleet, the evaluation feature's buckets, audit, clock and transactions.
 * `rollouts-feature.ts` adapts the real services to these.
 */
import type { DesiredState, Device, ModelVersion, Profile, ProfileRef } from '../../../protocol/index.ts';
import type { Clock } from '../../clock.ts';
import type { RunInTransaction } from '../../db/transaction.ts';
import type { Principal } from '../../http/principal.ts';
import type { AuditLog } from '../audit/audit.store.ts';
import type { BucketReader } from './arm-data.ts';
import type { RolloutsStore } from './rollouts.store.ts';

export interface RolloutCatalog {
  resolve(name: string, ref: { alias?: string; version?: string }): ModelVersion | null;
  /** Point an alias at a version (promotion). Runs its own transaction and refreshes desired states. */
  setAlias(name: string, alias: string, version: string, by: Principal): unknown;
  profileRef?(name: string, version: string): ProfileRef | null;
}

export interface RolloutFleet {
  /** The selector of a named fleet, or null when there is none. */
  fleetSelector(name: string): string | null;
  /** Devices a selector matches, with effective presence and reported state. */
  devices(selector: string): Device[];
  /** Stored desired state of a device (computed on first read). */
  desiredState(deviceId: string): DesiredState;
  /** Recompute these devices' desired states inside the caller's transaction; publish after commit. */
  recompute(deviceIds: readonly string[]): DesiredState[];
  publish(states: readonly DesiredState[]): void;
}

export interface RolloutsDeps {
  store: RolloutsStore;
  buckets: BucketReader;
  catalog: RolloutCatalog;
  fleet: RolloutFleet;
  audit: AuditLog;
  clock: Clock;
  tx: RunInTransaction;
  /** New rollout ids (`ro_...`); injected so tests can pin the cohort hash. */
  newId: () => string;
  /** Reference profiles by hash, to tell which arms' histograms line up (evaluation feature). */
  profiles?: { bySha(sha256: string): Profile | null };
}
