import type { Database } from 'better-sqlite3';
import type { DecisionKind, GateEvidence, RolloutDecision, RolloutSpec, RolloutState } from '../../../protocol/index.ts';
import type { GateState } from './gate.ts';

/** The latest verdict of the current step, shown by `GET /v1/rollouts/:name`. */
export interface LastGate {
  decision: DecisionKind;
  /** The gate rule that decided (gate.ts), so repeated holds for one reason are logged once. */
  code?: string;
  reason: string;
  at: string;
  metric: string | null;
}

export interface RolloutRow {
  id: string;
  name: string;
  model: string;
  target: string;
  spec: RolloutSpec;
  baselineVersion: string;
  candidateVersion: string;
  state: RolloutState;
  step: number;
  stepStartedAt: string;
  gateState: GateState;
  lastGate: LastGate | null;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  finishedAt: string | null;
}

export type RolloutPatch = Partial<Pick<RolloutRow, 'spec' | 'state' | 'step' | 'stepStartedAt' | 'gateState' | 'lastGate' | 'finishedAt'>> & {
  updatedAt: string;
};

export interface NewDecision {
  rolloutId: string;
  at: string;
  step: number;
  decision: DecisionKind;
  reason: string;
  actor: string;
  metric: string | null;
  evidence: GateEvidence | null;
}

export interface RolloutDeviceRow {
  deviceId: string;
  step: number;
  inCohort: boolean;
  revision: number;
  since: string;
}

/** SQL of the rollouts feature (migration 0007). */
export interface RolloutsStore {
  insert(row: RolloutRow): void;
  get(name: string): RolloutRow | undefined;
  list(): RolloutRow[];
  /** Rollouts still steering devices (running, paused, promoting), oldest first. */
  listActive(): RolloutRow[];
  activeFor(model: string, target: string): RolloutRow | undefined;
  update(id: string, patch: RolloutPatch): void;
  insertDecision(d: NewDecision): number;
  listDecisions(rolloutId: string, options?: { limit?: number; beforeId?: number }): RolloutDecision[];
  lastDecision(rolloutId: string): RolloutDecision | undefined;
  devices(rolloutId: string): RolloutDeviceRow[];
  upsertDevice(rolloutId: string, row: RolloutDeviceRow): void;
  clearDevices(rolloutId: string): void;
}

interface RawRollout {
  id: string; name: string; model: string; target: string; spec: string; baseline_version: string; candidate_version: string;
  state: RolloutState; step: number; step_started_at: string; gate_state: string; last_gate: string | null;
  created_at: string; created_by: string; updated_at: string; finished_at: string | null;
}
interface RawDecision {
  id: number; rollout_id: string; at: string; step: number; decision: DecisionKind; reason: string; actor: string;
  metric: string | null; evidence: string | null;
}

const fromRaw = (r: RawRollout): RolloutRow => ({
  id: r.id, name: r.name, model: r.model, target: r.target, spec: JSON.parse(r.spec) as RolloutSpec,
  baselineVersion: r.baseline_version, candidateVersion: r.candidate_version, state: r.state, step: r.step,
  stepStartedAt: r.step_started_at, gateState: JSON.parse(r.gate_state) as GateState,
  lastGate: r.last_gate === null ? null : (JSON.parse(r.last_gate) as LastGate),
  createdAt: r.created_at, createdBy: r.created_by, updatedAt: r.updated_at, finishedAt: r.finished_at,
});

const decisionFromRaw = (r: RawDecision): RolloutDecision => ({
  id: r.id, at: r.at, step: r.step, decision: r.decision, reason: r.reason, actor: r.actor, metric: r.metric,
  evidence: r.evidence === null ? null : (JSON.parse(r.evidence) as GateEvidence),
});

const ACTIVE = `state IN ('running', 'paused', 'promoting')`;

/** Column names of the patchable fields, and how each value is written. */
const PATCH_COLUMNS: Record<keyof RolloutPatch, [string, (v: unknown) => unknown]> = {
  spec: ['spec', (v) => JSON.stringify(v)],
  state: ['state', (v) => v],
  step: ['step', (v) => v],
  stepStartedAt: ['step_started_at', (v) => v],
  gateState: ['gate_state', (v) => JSON.stringify(v)],
  lastGate: ['last_gate', (v) => (v === null ? null : JSON.stringify(v))],
  finishedAt: ['finished_at', (v) => v],
  updatedAt: ['updated_at', (v) => v],
};

export function createRolloutsStore(db: Database): RolloutsStore {
  const insert = db.prepare(`INSERT INTO rollouts (id, name, model, target, spec, baseline_version, candidate_version, state, step,
      step_started_at, gate_state, last_gate, created_at, created_by, updated_at, finished_at)
    VALUES (@id, @name, @model, @target, @spec, @baselineVersion, @candidateVersion, @state, @step, @stepStartedAt, @gateState,
      @lastGate, @createdAt, @createdBy, @updatedAt, @finishedAt)`);
  const byName = db.prepare('SELECT * FROM rollouts WHERE name = ?');
  const all = db.prepare('SELECT * FROM rollouts ORDER BY created_at, name');
  const active = db.prepare(`SELECT * FROM rollouts WHERE ${ACTIVE} ORDER BY created_at, id`);
  const activeFor = db.prepare(`SELECT * FROM rollouts WHERE model = ? AND target = ? AND ${ACTIVE}`);
  const insertDecision = db.prepare(`INSERT INTO rollout_decisions (rollout_id, at, step, decision, reason, actor, metric, evidence)
    VALUES (@rolloutId, @at, @step, @decision, @reason, @actor, @metric, @evidence)`);
  const decisions = db.prepare('SELECT * FROM rollout_decisions WHERE rollout_id = ? AND id < ? ORDER BY id DESC LIMIT ?');
  const lastDecision = db.prepare('SELECT * FROM rollout_decisions WHERE rollout_id = ? ORDER BY id DESC LIMIT 1');
  const devices = db.prepare('SELECT * FROM rollout_devices WHERE rollout_id = ? ORDER BY device_id');
  const upsertDevice = db.prepare(`INSERT INTO rollout_devices (rollout_id, device_id, step, in_cohort, revision, since)
    VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (rollout_id, device_id) DO UPDATE SET
      step = excluded.step, in_cohort = excluded.in_cohort, revision = excluded.revision, since = excluded.since`);
  const clearDevices = db.prepare('DELETE FROM rollout_devices WHERE rollout_id = ?');
  const updates = new Map<string, ReturnType<Database['prepare']>>();
  return {
    insert: (row) => void insert.run({
      ...row, spec: JSON.stringify(row.spec), gateState: JSON.stringify(row.gateState),
      lastGate: row.lastGate === null ? null : JSON.stringify(row.lastGate),
    }),
    get: (name) => {
      const r = byName.get(name) as RawRollout | undefined;
      return r && fromRaw(r);
    },
    list: () => (all.all() as RawRollout[]).map(fromRaw),
    listActive: () => (active.all() as RawRollout[]).map(fromRaw),
    activeFor: (model, target) => {
      const r = activeFor.get(model, target) as RawRollout | undefined;
      return r && fromRaw(r);
    },
    update(id, patch) {
      const keys = (Object.keys(patch) as Array<keyof RolloutPatch>).filter((k) => patch[k] !== undefined).sort();
      const sql = `UPDATE rollouts SET ${keys.map((k) => `${PATCH_COLUMNS[k][0]} = ?`).join(', ')} WHERE id = ?`;
      let statement = updates.get(sql);
      if (!statement) updates.set(sql, (statement = db.prepare(sql)));
      statement.run([...keys.map((k) => PATCH_COLUMNS[k][1](patch[k])), id]);
    },
    insertDecision: (d) =>
      Number(insertDecision.run({ ...d, evidence: d.evidence === null ? null : JSON.stringify(d.evidence) }).lastInsertRowid),
    listDecisions: (rolloutId, { limit = 100, beforeId = Number.MAX_SAFE_INTEGER } = {}) =>
      (decisions.all(rolloutId, beforeId, limit) as RawDecision[]).map(decisionFromRaw),
    lastDecision: (rolloutId) => {
      const r = lastDecision.get(rolloutId) as RawDecision | undefined;
      return r && decisionFromRaw(r);
    },
    devices: (rolloutId) =>
      (devices.all(rolloutId) as Array<{ device_id: string; step: number; in_cohort: number; revision: number; since: string }>).map((r) => ({
        deviceId: r.device_id, step: r.step, inCohort: r.in_cohort === 1, revision: r.revision, since: r.since,
      })),
    upsertDevice: (rolloutId, r) => void upsertDevice.run(rolloutId, r.deviceId, r.step, r.inCohort ? 1 : 0, r.revision, r.since),
    clearDevices: (rolloutId) => void clearDevices.run(rolloutId),
  };
}
