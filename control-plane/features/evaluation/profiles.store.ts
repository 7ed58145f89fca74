import type { Database } from 'better-sqlite3';

export interface ProfileRow {
  sha256: string;
  model: string;
  version: string;
  createdAt: string;
  createdBy: string | null;
  /** The canonical JSON served to devices; its sha256 is `sha256`. */
  body: string;
}

/** Reference profiles (migration 0006): content-addressed, the newest per version is current. */
export interface ProfilesStore {
  insert(row: ProfileRow): void;
  current(model: string, version: string): ProfileRow | undefined;
  bySha(sha256: string): ProfileRow | undefined;
}

interface RawRow { sha256: string; model: string; version: string; created_at: string; created_by: string | null; body: string }

const fromRaw = (r: RawRow | undefined): ProfileRow | undefined =>
  r && { sha256: r.sha256, model: r.model, version: r.version, createdAt: r.created_at, createdBy: r.created_by, body: r.body };

export function createProfilesStore(db: Database): ProfilesStore {
  const insert = db.prepare(`INSERT OR IGNORE INTO evaluation_profiles (sha256, model, version, created_at, created_by, body)
    VALUES (@sha256, @model, @version, @createdAt, @createdBy, @body)`);
  // rowid breaks ties between two profiles created in the same millisecond: the later insert wins.
  const current = db.prepare(`SELECT * FROM evaluation_profiles WHERE model = ? AND version = ?
    ORDER BY created_at DESC, rowid DESC LIMIT 1`);
  const bySha = db.prepare('SELECT * FROM evaluation_profiles WHERE sha256 = ?');
  return {
    insert: (row) => void insert.run(row),
    current: (model, version) => fromRaw(current.get(model, version) as RawRow | undefined),
    bySha: (sha256) => fromRaw(bySha.get(sha256) as RawRow | undefined),
  };
}
