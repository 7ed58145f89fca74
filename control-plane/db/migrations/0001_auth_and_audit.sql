-- API tokens (admin, viewer) and enrollment tokens. Secrets are stored as sha256 hashes only:
-- tokens are 256-bit random values, so a fast hash is enough (no password stretching needed).
CREATE TABLE api_tokens (
  id          TEXT PRIMARY KEY,
  role        TEXT NOT NULL CHECK (role IN ('admin', 'viewer', 'enroll')),
  name        TEXT,
  secret_hash TEXT NOT NULL UNIQUE,
  labels      TEXT NOT NULL DEFAULT '{}',
  uses_left   INTEGER,
  expires_at  TEXT,
  created_at  TEXT NOT NULL,
  created_by  TEXT,
  revoked_at  TEXT
);

CREATE TABLE audit_log (
  id      INTEGER PRIMARY KEY AUTOINCREMENT,
  at      TEXT NOT NULL,
  actor   TEXT NOT NULL,
  action  TEXT NOT NULL,
  target  TEXT NOT NULL,
  details TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_at ON audit_log (at);
