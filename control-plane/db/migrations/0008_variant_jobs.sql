-- Quantized variants (issue "Quantized variants: INT8 and FP16 from FP32, accuracy gates,
-- capability-aware selection"): the background jobs that build and gate variants, the gate each
-- model is held to, and the evaluation set a version is gated on.

-- One row per job. A job builds (kind 'build', from the version's fp32 file) or only gates (kind
-- 'gate', a variant pushed from elsewhere or a re-gate) the listed variants. A job still 'building'
-- when the control plane starts was cut short by a crash and is queued again.
CREATE TABLE variant_jobs (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  name        TEXT NOT NULL,
  version     TEXT NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('build', 'gate')),
  variants    TEXT NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('queued', 'building', 'done', 'failed')),
  progress    REAL NOT NULL DEFAULT 0,
  step        TEXT,
  -- JSON: variant -> { status, summary, sha256? }, written as each variant settles, so a re-run
  -- after a crash skips what is already decided.
  results     TEXT NOT NULL DEFAULT '{}',
  error       TEXT,
  attempts    INTEGER NOT NULL DEFAULT 0,
  created_at  TEXT NOT NULL,
  started_at  TEXT,
  finished_at TEXT
);
CREATE INDEX variant_jobs_by_version ON variant_jobs (name, version);
CREATE INDEX variant_jobs_by_status ON variant_jobs (status, id);

-- The accuracy gate of a model; no row means the defaults (top-1 agreement >= 0.99). No foreign
-- key: a gate may be set before the model's first push, and outlives a deleted model of that name.
CREATE TABLE variant_gates (
  name               TEXT PRIMARY KEY,
  min_top1_agreement REAL NOT NULL,
  max_abs_error      REAL,
  max_accuracy_drop  REAL,
  updated_at         TEXT NOT NULL
);

-- A version's evaluation set (JSONL). The file lives in the content-addressed artifact folder but
-- has no row in `artifacts`, so it is never served to devices.
CREATE TABLE evaluation_sets (
  name       TEXT NOT NULL,
  version    TEXT NOT NULL,
  sha256     TEXT NOT NULL,
  size       INTEGER NOT NULL,
  rows       INTEGER NOT NULL,
  labelled   INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (name, version)
);
