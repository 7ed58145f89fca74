-- Evaluation: reference profiles, merged window summaries, alert rules and alerts.

-- Every profile ever built, content-addressed by the sha256 of its canonical JSON (the bytes served
-- to devices). The newest per (model, version) is the current one; older ones stay so summaries
-- counted on them can still be read.
CREATE TABLE evaluation_profiles (
  sha256      TEXT PRIMARY KEY,
  model       TEXT NOT NULL,
  version     TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  created_by  TEXT,
  body        TEXT NOT NULL
);
CREATE INDEX evaluation_profiles_version ON evaluation_profiles (model, version, created_at);

-- Window summaries merged per cohort, device and time bucket: one row however many summaries a
-- device sends in the bucket, so storage grows with devices x buckets, not with messages. The
-- plain columns repeat the headline counts so simple charts need no JSON. No foreign key to
-- devices: a deleted device's history stays.
CREATE TABLE evaluation_buckets (
  id             INTEGER PRIMARY KEY,
  model          TEXT NOT NULL,
  version        TEXT NOT NULL,
  variant        TEXT NOT NULL,
  arm            TEXT NOT NULL,
  device_id      TEXT NOT NULL,
  profile_sha256 TEXT NOT NULL,   -- '' when the device had no profile
  bucket_start   INTEGER NOT NULL, -- epoch ms, floor of the window start to the bucket size
  summaries      INTEGER NOT NULL,
  predictions    INTEGER NOT NULL,
  errors         INTEGER NOT NULL,
  nan_outputs    INTEGER NOT NULL,
  gaps           INTEGER NOT NULL,
  stats          TEXT NOT NULL,    -- merged SummaryStats JSON (protocol/summaries.ts); see evaluation_pending
  updated_at     TEXT NOT NULL,
  UNIQUE (model, version, variant, arm, device_id, profile_sha256, bucket_start)
);
CREATE INDEX evaluation_buckets_time ON evaluation_buckets (model, bucket_start);
CREATE INDEX evaluation_buckets_start ON evaluation_buckets (bucket_start);

-- Write-ahead journal of a bucket's later summaries, as received (JSON). Ingest appends here in
-- the transaction that takes the summary's seq, instead of re-serialising the merged bucket on
-- every summary; a fold (before every read, on the periodic tick, when a bucket leaves the ingest
-- cache) merges them into their bucket row and deletes them. Rows live for seconds to a minute.
CREATE TABLE evaluation_pending (
  id        INTEGER PRIMARY KEY,
  bucket_id INTEGER NOT NULL REFERENCES evaluation_buckets (id) ON DELETE CASCADE,
  gap       INTEGER NOT NULL,
  summary   TEXT NOT NULL
);
CREATE INDEX evaluation_pending_bucket ON evaluation_pending (bucket_id);

CREATE TABLE alert_rules (
  name       TEXT PRIMARY KEY,
  spec       TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- One row per firing episode of a rule for a subject; `notified_at` is the last accepted webhook call.
CREATE TABLE alerts (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  rule         TEXT NOT NULL,
  subject      TEXT NOT NULL,
  status       TEXT NOT NULL,      -- firing | resolved
  started_at   TEXT NOT NULL,
  resolved_at  TEXT,
  notified_at  TEXT,
  delivery     TEXT NOT NULL,      -- sent | pending | cooldown
  value        REAL,
  message      TEXT NOT NULL,
  details      TEXT NOT NULL
);
CREATE INDEX alerts_subject ON alerts (rule, subject, status);
CREATE INDEX alerts_started ON alerts (started_at);
