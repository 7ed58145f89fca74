import type { Database } from 'better-sqlite3';
import type { Assignment, AssignmentSpec, Fleet } from '../../../protocol/index.ts';

/** Fleets (named selectors) and assignments: the declarative half of the fleet registry. */
export interface FleetSpecsStore {
  /** Insert or replace; true when the fleet is new. */
  putFleet(fleet: Fleet): boolean;
  getFleet(name: string): Fleet | undefined;
  listFleets(): Fleet[];
  deleteFleet(name: string): boolean;
  putAssignment(assignment: Assignment): boolean;
  getAssignment(name: string): Assignment | undefined;
  listAssignments(): Assignment[];
  deleteAssignment(name: string): boolean;
}

interface RawFleet { name: string; selector: string; description: string | null; updated_at: string }
interface RawAssignment { name: string; spec: string; updated_at: string }

const fleetFromRaw = (r: RawFleet): Fleet => ({
  name: r.name, selector: r.selector, ...(r.description === null ? {} : { description: r.description }), updatedAt: r.updated_at,
});
const assignmentFromRaw = (r: RawAssignment): Assignment => ({
  name: r.name, spec: JSON.parse(r.spec) as AssignmentSpec, updatedAt: r.updated_at,
});

export function createFleetSpecsStore(db: Database): FleetSpecsStore {
  const fleetExists = db.prepare('SELECT 1 FROM fleets WHERE name = ?');
  const upsertFleet = db.prepare(`INSERT INTO fleets (name, selector, description, updated_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (name) DO UPDATE SET selector = excluded.selector, description = excluded.description, updated_at = excluded.updated_at`);
  const getFleet = db.prepare('SELECT * FROM fleets WHERE name = ?');
  const listFleets = db.prepare('SELECT * FROM fleets ORDER BY name');
  const deleteFleet = db.prepare('DELETE FROM fleets WHERE name = ?');
  const assignmentExists = db.prepare('SELECT 1 FROM assignments WHERE name = ?');
  const upsertAssignment = db.prepare(`INSERT INTO assignments (name, spec, updated_at) VALUES (?, ?, ?)
    ON CONFLICT (name) DO UPDATE SET spec = excluded.spec, updated_at = excluded.updated_at`);
  const getAssignment = db.prepare('SELECT * FROM assignments WHERE name = ?');
  const listAssignments = db.prepare('SELECT * FROM assignments ORDER BY name');
  const deleteAssignment = db.prepare('DELETE FROM assignments WHERE name = ?');
  return {
    putFleet(f) {
      const created = fleetExists.get(f.name) === undefined;
      upsertFleet.run(f.name, f.selector, f.description ?? null, f.updatedAt);
      return created;
    },
    getFleet: (name) => {
      const r = getFleet.get(name) as RawFleet | undefined;
      return r && fleetFromRaw(r);
    },
    listFleets: () => (listFleets.all() as RawFleet[]).map(fleetFromRaw),
    deleteFleet: (name) => deleteFleet.run(name).changes === 1,
    putAssignment(a) {
      const created = assignmentExists.get(a.name) === undefined;
      upsertAssignment.run(a.name, JSON.stringify(a.spec), a.updatedAt);
      return created;
    },
    getAssignment: (name) => {
      const r = getAssignment.get(name) as RawAssignment | undefined;
      return r && assignmentFromRaw(r);
    },
    listAssignments: () => (listAssignments.all() as RawAssignment[]).map(assignmentFromRaw),
    deleteAssignment: (name) => deleteAssignment.run(name).changes === 1,
  };
}
