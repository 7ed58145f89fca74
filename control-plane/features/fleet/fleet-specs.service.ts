import {
  EdgefleetError,
  matchesSelector,
  parseSelector,
  type Assignment,
  type AssignmentSpec,
  type Fleet,
  type FleetSpec,
} from '../../../protocol/index.ts';
import type { Clock } from '../../clock.ts';
import type { RunInTransaction } from '../../db/transaction.ts';
import { actorName, type Principal } from '../../http/principal.ts';
import type { AuditLog } from '../audit/audit.store.ts';
import type { ModelCatalog } from './desired-state.resolver.ts';
import type { DesiredStatesService } from './desired-states.service.ts';
import type { DevicesStore } from './devices.store.ts';
import type { FleetSpecsStore } from './fleet-specs.store.ts';

export interface FleetSpecsService {
  putFleet(name: string, spec: FleetSpec, by: Principal): { fleet: Fleet; created: boolean };
  getFleet(name: string): Fleet & { devices: string[] };
  listFleets(): Fleet[];
  deleteFleet(name: string, by: Principal): void;
  putAssignment(name: string, spec: AssignmentSpec, by: Principal): { assignment: Assignment; created: boolean };
  getAssignment(name: string): Assignment;
  listAssignments(): Assignment[];
  deleteAssignment(name: string, by: Principal): void;
}

/**
 * Fleets and assignments. Every change recomputes desired states in its own transaction (with its
 * audit entry) and publishes the changed states once that transaction has committed.
 */
export function createFleetSpecsService(deps: {
  specs: FleetSpecsStore;
  devices: DevicesStore;
  desired: DesiredStatesService;
  catalog: ModelCatalog;
  audit: AuditLog;
  clock: Clock;
  tx: RunInTransaction;
}): FleetSpecsService {
  const { specs, devices, desired, catalog, audit, clock, tx } = deps;

  /** Run a change, record it, recompute every device, then publish after commit. */
  function change<T>(by: Principal, action: string, target: string, details: Record<string, unknown>, fn: (at: string) => T): T {
    const at = clock.now().toISOString();
    const [result, changed] = tx(() => {
      const r = fn(at);
      audit.record({ at, actor: actorName(by), action, target, details });
      return [r, desired.recompute()] as const;
    });
    desired.publish(changed);
    return result;
  }

  function requireFleet(name: string): Fleet {
    const f = specs.getFleet(name);
    if (!f) throw new EdgefleetError('NOT_FOUND', `no fleet named "${name}"`);
    return f;
  }

  function checkAssignment(spec: AssignmentSpec): void {
    if (spec.selector !== undefined) parseSelector(spec.selector);
    if (spec.fleet !== undefined && !specs.getFleet(spec.fleet)) {
      throw new EdgefleetError('VALIDATION_FAILED', `assignment names fleet "${spec.fleet}", which does not exist`);
    }
    // Refuse a reference that cannot resolve now: a typo should fail at apply time, not leave devices
    // silently without the model. (A later alias deletion is handled by the resolver's fallback.)
    const ref = spec.alias !== undefined ? { alias: spec.alias } : { version: spec.version as string };
    if (!catalog.resolve(spec.model, ref)) {
      const what = spec.alias !== undefined ? `alias "${spec.alias}"` : `version "${spec.version}"`;
      throw new EdgefleetError('NOT_FOUND', `model "${spec.model}" has no ${what}`);
    }
  }

  return {
    putFleet(name, spec, by) {
      parseSelector(spec.selector);
      return change(by, 'fleet.put', name, { selector: spec.selector }, (at) => {
        const fleet: Fleet = { name, selector: spec.selector, ...(spec.description ? { description: spec.description } : {}), updatedAt: at };
        return { fleet, created: specs.putFleet(fleet) };
      });
    },
    getFleet(name) {
      const fleet = requireFleet(name);
      const selector = parseSelector(fleet.selector);
      const members = devices.list().filter((d) => matchesSelector(selector, d.labels)).map((d) => d.id);
      return { ...fleet, devices: members };
    },
    listFleets: () => specs.listFleets(),
    deleteFleet(name, by) {
      requireFleet(name);
      const users = specs.listAssignments().filter((a) => a.spec.fleet === name).map((a) => a.name);
      if (users.length > 0) {
        throw new EdgefleetError('CONFLICT', `fleet "${name}" is used by assignments: ${users.join(', ')}`, {
          details: { assignments: users },
        });
      }
      change(by, 'fleet.delete', name, {}, () => specs.deleteFleet(name));
    },
    putAssignment(name, spec, by) {
      checkAssignment(spec);
      return change(by, 'assignment.put', name, { ...spec }, (at) => {
        const assignment: Assignment = { name, spec, updatedAt: at };
        return { assignment, created: specs.putAssignment(assignment) };
      });
    },
    getAssignment(name) {
      const a = specs.getAssignment(name);
      if (!a) throw new EdgefleetError('NOT_FOUND', `no assignment named "${name}"`);
      return a;
    },
    listAssignments: () => specs.listAssignments(),
    deleteAssignment(name, by) {
      if (!specs.getAssignment(name)) throw new EdgefleetError('NOT_FOUND', `no assignment named "${name}"`);
      change(by, 'assignment.delete', name, {}, () => specs.deleteAssignment(name));
    },
  };
}
