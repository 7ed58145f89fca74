import type { Database } from 'better-sqlite3';
import type { Labels, TokenRole } from '../../../protocol/index.ts';

export interface TokenRow {
  id: string;
  role: TokenRole;
  name: string | null;
  secretHash: string;
  labels: Labels;
  usesLeft: number | null;
  expiresAt: string | null;
  createdAt: string;
  createdBy: string | null;
  revokedAt: string | null;
}

export interface TokensStore {
  insert(row: TokenRow): void;
  findByHash(hash: string): TokenRow | undefined;
  get(id: string): TokenRow | undefined;
  list(): TokenRow[];
  /** Take one use; false when none are left. Atomic in SQL so two enrollments cannot share the last use. */
  consumeUse(id: string): boolean;
  revoke(id: string, at: string): boolean;
  countByRole(role: TokenRole): number;
}

interface RawRow {
  id: string; role: TokenRole; name: string | null; secret_hash: string; labels: string; uses_left: number | null;
  expires_at: string | null; created_at: string; created_by: string | null; revoked_at: string | null;
}

const fromRaw = (r: RawRow): TokenRow => ({
  id: r.id, role: r.role, name: r.name, secretHash: r.secret_hash, labels: JSON.parse(r.labels) as Labels,
  usesLeft: r.uses_left, expiresAt: r.expires_at, createdAt: r.created_at, createdBy: r.created_by, revokedAt: r.revoked_at,
});

export function createTokensStore(db: Database): TokensStore {
  const insert = db.prepare(`INSERT INTO api_tokens
    (id, role, name, secret_hash, labels, uses_left, expires_at, created_at, created_by, revoked_at)
    VALUES (@id, @role, @name, @secretHash, @labels, @usesLeft, @expiresAt, @createdAt, @createdBy, @revokedAt)`);
  const byHash = db.prepare('SELECT * FROM api_tokens WHERE secret_hash = ?');
  const byId = db.prepare('SELECT * FROM api_tokens WHERE id = ?');
  const all = db.prepare('SELECT * FROM api_tokens ORDER BY created_at, id');
  const consume = db.prepare(
    'UPDATE api_tokens SET uses_left = uses_left - 1 WHERE id = ? AND (uses_left IS NULL OR uses_left > 0)',
  );
  const revoke = db.prepare('UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL');
  const count = db.prepare('SELECT count(*) AS n FROM api_tokens WHERE role = ? AND revoked_at IS NULL');
  return {
    insert: (row) => void insert.run({ ...row, labels: JSON.stringify(row.labels) }),
    findByHash: (hash) => {
      const r = byHash.get(hash) as RawRow | undefined;
      return r && fromRaw(r);
    },
    get: (id) => {
      const r = byId.get(id) as RawRow | undefined;
      return r && fromRaw(r);
    },
    list: () => (all.all() as RawRow[]).map(fromRaw),
    consumeUse: (id) => consume.run(id).changes === 1,
    revoke: (id, at) => revoke.run(at, id).changes === 1,
    countByRole: (role) => (count.get(role) as { n: number }).n,
  };
}
