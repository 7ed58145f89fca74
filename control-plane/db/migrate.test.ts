import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from './migrate.ts';

describe('migrations', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('upgrades a database made by an older migration set without losing its rows', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ef-migrate-'));
    dirs.push(dir);
    const file = join(dir, 'cp.sqlite');
    const all = loadMigrations();
    expect(all.length).toBeGreaterThanOrEqual(3);

    const old = new BetterSqlite3(file);
    expect(migrate(old, all.slice(0, 1))).toEqual([1]);
    old.prepare(`INSERT INTO api_tokens (id, role, secret_hash, created_at) VALUES ('tok_1', 'admin', 'h', 'now')`).run();
    old.close();

    const db = new BetterSqlite3(file);
    const applied = migrate(db, all);
    expect(applied).toEqual(all.slice(1).map((m) => m.id));
    expect(db.prepare('SELECT id FROM api_tokens').all()).toEqual([{ id: 'tok_1' }]);
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE name = 'devices'`).get()).toEqual({ name: 'devices' });
    expect(migrate(db, all)).toEqual([]);
    db.close();
  });

  it('rolls back a failing migration and keeps the last good step', () => {
    const db = new BetterSqlite3(':memory:');
    const broken = [...loadMigrations().slice(0, 1), { id: 2, name: '0002_broken', sql: 'CREATE TABLE x (a); SELEC nonsense;' }];
    expect(() => migrate(db, broken)).toThrow();
    expect(db.prepare('SELECT id FROM schema_migrations').all()).toEqual([{ id: 1 }]);
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE name = 'x'`).get()).toBeUndefined();
  });
});
