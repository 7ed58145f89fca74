-- Staged rollouts (control-plane/features/rollouts). The whole state machine is in these rows, not
-- in memory, so a restarted control plane resumes every rollout where it was.
CREATE TABLE rollouts (
  id                TEXT PRIMARY KEY,  -- ro_...; the cohort hash is taken of `${id}:${deviceId}`
  name              TEXT NOT NULL UNIQUE,
  model             TEXT NOT NULL,
  target            TEXT NOT NULL,     -- 'fleet:<name>' or 'selector:<selector>'
  spec              TEXT NOT NULL,     -- the plan (protocol RolloutSpec) as JSON
  -- Resolved when the rollout starts: an alias moving mid-rollout does not change the arms.
  baseline_version  TEXT NOT NULL,
  candidate_version TEXT NOT NULL,
  state             TEXT NOT NULL,     -- running | paused | promoting | promoted | rolled_back | aborted | completed
  step              INTEGER NOT NULL,
  step_started_at   TEXT NOT NULL,
  gate_state        TEXT NOT NULL,     -- the current step's sequential-test state (running minima, intervals)
  last_gate         TEXT,              -- the current step's latest verdict, holds included
  created_at        TEXT NOT NULL,
  created_by        TEXT NOT NULL,
  updated_at        TEXT NOT NULL,
  finished_at       TEXT
);
-- One active rollout per model and target, enforced where no race can get past it.
CREATE UNIQUE INDEX rollouts_one_active ON rollouts (model, target) WHERE state IN ('running', 'paused', 'promoting');

-- Every decision with its evidence (values, sample sizes, thresholds, p-values, cohort sizes).
-- Repeated identical holds are stored once; the latest verdict is always in rollouts.last_gate.
CREATE TABLE rollout_decisions (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  rollout_id TEXT NOT NULL REFERENCES rollouts (id),
  at         TEXT NOT NULL,
  step       INTEGER NOT NULL,
  decision   TEXT NOT NULL,
  reason     TEXT NOT NULL,
  actor      TEXT NOT NULL,
  metric     TEXT,
  evidence   TEXT
);
CREATE INDEX rollout_decisions_rollout ON rollout_decisions (rollout_id, id);

-- Per target device, the desired-state revision that carried the current step: the device has
-- applied the step once it reports that revision or a later one.
CREATE TABLE rollout_devices (
  rollout_id TEXT NOT NULL REFERENCES rollouts (id),
  device_id  TEXT NOT NULL,
  step       INTEGER NOT NULL,
  in_cohort  INTEGER NOT NULL,
  revision   INTEGER NOT NULL,
  since      TEXT NOT NULL,
  PRIMARY KEY (rollout_id, device_id)
);
