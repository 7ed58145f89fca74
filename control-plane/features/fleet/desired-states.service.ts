import { createHash } from 'node:crypto';
import { EdgefleetError, canonicalJson, type DesiredModel, type DesiredState } from '../../../protocol/index.ts';
import type { Clock } from '../../clock.ts';
import type { RunInTransaction } from '../../db/transaction.ts';
import { compileAssignments, createDesiredModelResolver, type ModelCatalog } from './desired-state.resolver.ts';
import type { DeviceRow, DevicesStore } from './devices.store.ts';
import type { FleetSpecsStore } from './fleet-specs.store.ts';

/**
 * Adjusts the models the assignments resolved for one device; the rollouts feature adds its
 * directives this way. Built once per recomputation by the factory given to `attachOverlay`.
 */
export type DesiredModelOverlay = (device: DeviceRow, models: DesiredModel[]) => DesiredModel[];

/** Delivers desired states to devices; the MQTT broker implements it with retained messages. */
export interface DesiredStatePublisher {
  publish(deviceId: string, state: DesiredState): void;
  /** The device is gone: drop its retained state (and, for the broker, its live session). */
  clear(deviceId: string): void;
}

export interface DesiredStatesService {
  /**
   * Recompute the desired state of these devices (all when omitted) and store those whose content
   * changed. Call inside the transaction that made the change; publish what it returns after commit.
   */
  recompute(deviceIds?: readonly string[]): DesiredState[];
  publish(states: readonly DesiredState[]): void;
  /** Recompute everything and publish the changes, e.g. after an alias moved. Returns how many changed. */
  refreshDesiredStates(): number;
  /** The stored desired state of a device; NOT_FOUND for an unknown device. */
  get(deviceId: string): DesiredState;
  /**
   * True while any device's desired state holds this version, or an assignment pins it by version
   * (even one matching no device yet): the registry refuses to delete it, so nothing dangles.
   */
  isVersionInUse(name: string, version: string): boolean;
  /** Attach a publisher; it receives every stored state at once (retained copies survive restarts). */
  attachPublisher(publisher: DesiredStatePublisher): () => void;
  /** Forward a device removal to the attached publishers. */
  clear(deviceId: string): void;
  /** Attach an overlay applied after the assignments on every recomputation. Returns detach. */
  attachOverlay(factory: () => DesiredModelOverlay): () => void;
}

/** sha256 over the canonical JSON of the models: the revision moves only when this does. */
export function hashDesiredModels(models: readonly DesiredModel[]): string {
  return createHash('sha256').update(canonicalJson(models)).digest('hex');
}

export function createDesiredStatesService(deps: {
  devices: DevicesStore;
  specs: FleetSpecsStore;
  catalog: ModelCatalog;
  clock: Clock;
  tx: RunInTransaction;
}): DesiredStatesService {
  const { devices, specs, catalog, clock, tx } = deps;
  const publishers = new Set<DesiredStatePublisher>();
  const overlays = new Set<() => DesiredModelOverlay>();

  function recompute(deviceIds?: readonly string[]): DesiredState[] {
    const rows: DeviceRow[] = deviceIds
      ? deviceIds.map((id) => devices.get(id)).filter((r): r is DeviceRow => r !== undefined)
      : devices.list();
    if (rows.length === 0) return [];
    const resolve = createDesiredModelResolver(catalog, compileAssignments(specs.listAssignments(), specs.listFleets()));
    const applied = [...overlays].map((factory) => factory());
    const changed: DesiredState[] = [];
    const generatedAt = clock.now().toISOString();
    for (const row of rows) {
      let models = resolve(row);
      for (const overlay of applied) models = overlay(row, models);
      const hash = hashDesiredModels(models);
      if (hash === row.desiredHash && row.desired) continue;
      const state: DesiredState = {
        schemaVersion: 1, deviceId: row.id, revision: row.desiredRevision + 1, generatedAt, models,
      };
      devices.setDesired(row.id, state, hash);
      changed.push(state);
    }
    return changed;
  }

  function publish(states: readonly DesiredState[]): void {
    for (const state of states) for (const p of publishers) p.publish(state.deviceId, state);
  }

  return {
    recompute,
    publish,
    refreshDesiredStates() {
      const changed = tx(() => recompute());
      publish(changed);
      return changed.length;
    },
    get(deviceId) {
      const row = devices.get(deviceId);
      if (!row) throw new EdgefleetError('NOT_FOUND', `no device with id ${deviceId}`);
      if (row.desired) return row.desired;
      // Only a device enrolled by hand (tests, imports) lacks one: compute it now.
      const [state] = tx(() => recompute([deviceId]));
      if (state) publish([state]);
      return devices.get(deviceId)?.desired as DesiredState;
    },
    isVersionInUse: (name, version) =>
      devices.isVersionInUse(name, version) ||
      specs.listAssignments().some((a) => a.spec.model === name && a.spec.version === version),
    attachPublisher(publisher) {
      publishers.add(publisher);
      for (const state of devices.listDesired()) publisher.publish(state.deviceId, state);
      return () => void publishers.delete(publisher);
    },
    clear(deviceId) {
      for (const p of publishers) p.clear(deviceId);
    },
    attachOverlay(factory) {
      overlays.add(factory);
      return () => void overlays.delete(factory);
    },
  };
}
