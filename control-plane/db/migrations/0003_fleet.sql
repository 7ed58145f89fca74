-- Fleet registry: devices, named fleets (label selectors), assignments, presence and events.
CREATE TABLE devices (
  id               TEXT PRIMARY KEY,
  name             TEXT NOT NULL,
  labels           TEXT NOT NULL DEFAULT '{}',
  capabilities     TEXT NOT NULL,
  credential_hash  TEXT NOT NULL UNIQUE,
  enroll_token_id  TEXT REFERENCES api_tokens (id),
  enrolled_at      TEXT NOT NULL,
  presence         TEXT NOT NULL DEFAULT 'unknown',
  last_seen_at     TEXT,
  reported         TEXT,
  desired_revision INTEGER NOT NULL DEFAULT 0,
  desired_hash     TEXT
);

CREATE TABLE fleets (
  name        TEXT PRIMARY KEY,
  selector    TEXT NOT NULL,
  description TEXT,
  updated_at  TEXT NOT NULL
);

CREATE TABLE assignments (
  name       TEXT PRIMARY KEY,
  spec       TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- Per-device, per-channel high-water mark of sequence numbers: duplicates are dropped, gaps counted.
CREATE TABLE device_sequences (
  device_id TEXT NOT NULL REFERENCES devices (id),
  channel   TEXT NOT NULL,
  last_seq  INTEGER NOT NULL,
  gaps      INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (device_id, channel)
);

CREATE TABLE device_events (
  id        INTEGER PRIMARY KEY AUTOINCREMENT,
  device_id TEXT NOT NULL REFERENCES devices (id),
  seq       INTEGER NOT NULL,
  type      TEXT NOT NULL,
  model     TEXT,
  version   TEXT,
  message   TEXT NOT NULL,
  evidence  TEXT,
  at        TEXT NOT NULL,
  UNIQUE (device_id, seq)
);
CREATE INDEX device_events_device ON device_events (device_id, at);
