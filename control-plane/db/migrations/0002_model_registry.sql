-- Model registry. A version is immutable once written; aliases move between versions.
CREATE TABLE models (
  name       TEXT PRIMARY KEY,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE model_versions (
  name       TEXT NOT NULL REFERENCES models (name),
  version    TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT,
  inputs     TEXT NOT NULL,
  outputs    TEXT NOT NULL,
  opset      INTEGER NOT NULL,
  producer   TEXT,
  PRIMARY KEY (name, version)
);

-- Content-addressed blobs in <data>/artifacts/<sha256>. A row exists only after its file is renamed
-- into place (write temp, fsync, rename, then commit).
CREATE TABLE artifacts (
  sha256     TEXT PRIMARY KEY,
  size       INTEGER NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE model_variants (
  name       TEXT NOT NULL,
  version    TEXT NOT NULL,
  variant    TEXT NOT NULL CHECK (variant IN ('fp32', 'fp16', 'int8')),
  sha256     TEXT NOT NULL REFERENCES artifacts (sha256),
  size       INTEGER NOT NULL,
  status     TEXT NOT NULL,
  manifest   TEXT,
  signature  TEXT,
  key_id     TEXT,
  evidence   TEXT,
  created_at TEXT NOT NULL,
  PRIMARY KEY (name, version, variant),
  FOREIGN KEY (name, version) REFERENCES model_versions (name, version)
);

CREATE TABLE model_aliases (
  name       TEXT NOT NULL REFERENCES models (name),
  alias      TEXT NOT NULL,
  version    TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (name, alias),
  FOREIGN KEY (name, version) REFERENCES model_versions (name, version)
);
