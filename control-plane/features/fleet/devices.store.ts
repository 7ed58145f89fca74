import type { Database } from 'better-sqlite3';
import type { Capabilities, DesiredState, Labels } from '../../../protocol/index.ts';

export type StoredPresence = 'online' | 'offline' | 'unknown';

export interface DeviceRow {
  id: string;
  name: string;
  labels: Labels;
  capabilities: Capabilities;
  credentialHash: string;
  enrollTokenId: string | null;
  enrolledAt: string;
  presence: StoredPresence;
  lastSeenAt: string | null;
  reported: unknown;
  desiredRevision: number;
  desiredHash: string | null;
  desired: DesiredState | null;
}

export type NewDeviceRow = Pick<DeviceRow, 'id' | 'name' | 'labels' | 'capabilities' | 'credentialHash' | 'enrollTokenId' | 'enrolledAt'>;

export interface DevicesStore {
  insert(row: NewDeviceRow): void;
  get(id: string): DeviceRow | undefined;
  /** The device a credential belongs to, by the credential's hash. */
  idByCredentialHash(hash: string): string | undefined;
  list(): DeviceRow[];
  update(id: string, patch: { name?: string; labels?: Labels }): void;
  /** Removes the device with its events and sequence marks (they reference it). */
  delete(id: string): boolean;
  /** `seenAt` null keeps last_seen_at: a Last Will says the device was lost, not that it was heard. */
  setPresence(id: string, presence: StoredPresence, seenAt: string | null): void;
  touch(id: string, at: string): void;
  setReported(id: string, reported: unknown, at: string): void;
  setDesired(id: string, state: DesiredState, hash: string): void;
  listDesired(): DesiredState[];
  isVersionInUse(name: string, version: string): boolean;
}

interface RawRow {
  id: string; name: string; labels: string; capabilities: string; credential_hash: string;
  enroll_token_id: string | null; enrolled_at: string; presence: StoredPresence; last_seen_at: string | null;
  reported: string | null; desired_revision: number; desired_hash: string | null; desired: string | null;
}

const fromRaw = (r: RawRow): DeviceRow => ({
  id: r.id, name: r.name, labels: JSON.parse(r.labels) as Labels,
  capabilities: JSON.parse(r.capabilities) as Capabilities, credentialHash: r.credential_hash,
  enrollTokenId: r.enroll_token_id, enrolledAt: r.enrolled_at, presence: r.presence, lastSeenAt: r.last_seen_at,
  reported: r.reported === null ? null : (JSON.parse(r.reported) as unknown),
  desiredRevision: r.desired_revision, desiredHash: r.desired_hash,
  desired: r.desired === null ? null : (JSON.parse(r.desired) as DesiredState),
});

export function createDevicesStore(db: Database): DevicesStore {
  const insert = db.prepare(`INSERT INTO devices
    (id, name, labels, capabilities, credential_hash, enroll_token_id, enrolled_at)
    VALUES (@id, @name, @labels, @capabilities, @credentialHash, @enrollTokenId, @enrolledAt)`);
  const byId = db.prepare('SELECT * FROM devices WHERE id = ?');
  const byHash = db.prepare('SELECT id FROM devices WHERE credential_hash = ?');
  const all = db.prepare('SELECT * FROM devices ORDER BY enrolled_at, id');
  const setName = db.prepare('UPDATE devices SET name = ? WHERE id = ?');
  const setLabels = db.prepare('UPDATE devices SET labels = ? WHERE id = ?');
  const delEvents = db.prepare('DELETE FROM device_events WHERE device_id = ?');
  const delSeqs = db.prepare('DELETE FROM device_sequences WHERE device_id = ?');
  const del = db.prepare('DELETE FROM devices WHERE id = ?');
  const presence = db.prepare('UPDATE devices SET presence = ?, last_seen_at = coalesce(?, last_seen_at) WHERE id = ?');
  const touch = db.prepare('UPDATE devices SET last_seen_at = ? WHERE id = ?');
  const reported = db.prepare('UPDATE devices SET reported = ?, last_seen_at = ? WHERE id = ?');
  const desired = db.prepare('UPDATE devices SET desired = ?, desired_revision = ?, desired_hash = ? WHERE id = ?');
  const allDesired = db.prepare('SELECT desired FROM devices WHERE desired IS NOT NULL ORDER BY id');
  // json_each walks the stored documents in SQL, so the answer needs no JSON parsing in JS.
  const inUse = db.prepare(`SELECT 1 FROM devices, json_each(devices.desired, '$.models') AS m
    WHERE devices.desired IS NOT NULL AND json_extract(m.value, '$.name') = ? AND json_extract(m.value, '$.version') = ?
    LIMIT 1`);
  return {
    insert: (row) =>
      void insert.run({ ...row, labels: JSON.stringify(row.labels), capabilities: JSON.stringify(row.capabilities) }),
    get: (id) => {
      const r = byId.get(id) as RawRow | undefined;
      return r && fromRaw(r);
    },
    idByCredentialHash: (hash) => (byHash.get(hash) as { id: string } | undefined)?.id,
    list: () => (all.all() as RawRow[]).map(fromRaw),
    update: (id, patch) => {
      if (patch.name !== undefined) setName.run(patch.name, id);
      if (patch.labels !== undefined) setLabels.run(JSON.stringify(patch.labels), id);
    },
    delete: (id) => {
      delEvents.run(id);
      delSeqs.run(id);
      return del.run(id).changes === 1;
    },
    setPresence: (id, p, at) => void presence.run(p, at, id),
    touch: (id, at) => void touch.run(at, id),
    setReported: (id, value, at) => void reported.run(JSON.stringify(value), at, id),
    setDesired: (id, state, hash) => void desired.run(JSON.stringify(state), state.revision, hash, id),
    listDesired: () => (allDesired.all() as Array<{ desired: string }>).map((r) => JSON.parse(r.desired) as DesiredState),
    isVersionInUse: (name, version) => inUse.get(name, version) !== undefined,
  };
}
