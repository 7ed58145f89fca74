import type { Database } from 'better-sqlite3';

export interface DeviceEventRecord {
  id: number;
  deviceId: string;
  seq: number;
  type: string;
  model: string | null;
  version: string | null;
  message: string;
  evidence: Record<string, unknown> | null;
  at: string;
}

/** What a sequence number means against the channel's high-water mark. */
export interface SequenceCheck {
  duplicate: boolean;
  /** Sequence numbers skipped since the last accepted message (0 when none, or for a duplicate). */
  gap: number;
}

export interface DeviceMessagesStore {
  /**
   * Compare `seq` with the (device, channel) high-water mark and advance it. A seq at or below the
   * mark is a duplicate (a QoS 1 redelivery, or a REST retry); one above mark + 1 adds to the gaps.
   */
  advanceSequence(deviceId: string, channel: string, seq: number): SequenceCheck;
  /** Raise the mark without judging `seq` (a Last Will may carry a seq older than the birth's). */
  raiseSequence(deviceId: string, channel: string, seq: number): void;
  insertEvent(row: Omit<DeviceEventRecord, 'id'>): void;
  listEvents(deviceId: string, options: { limit: number; beforeId?: number }): DeviceEventRecord[];
  gaps(deviceId: string): Record<string, number>;
}

interface RawEvent {
  id: number; device_id: string; seq: number; type: string; model: string | null; version: string | null;
  message: string; evidence: string | null; at: string;
}

export function createDeviceMessagesStore(db: Database): DeviceMessagesStore {
  const getSeq = db.prepare('SELECT last_seq FROM device_sequences WHERE device_id = ? AND channel = ?');
  const insertSeq = db.prepare('INSERT INTO device_sequences (device_id, channel, last_seq, gaps) VALUES (?, ?, ?, 0)');
  const updateSeq = db.prepare(
    'UPDATE device_sequences SET last_seq = ?, gaps = gaps + ? WHERE device_id = ? AND channel = ?',
  );
  const raise = db.prepare(`INSERT INTO device_sequences (device_id, channel, last_seq, gaps) VALUES (?, ?, ?, 0)
    ON CONFLICT (device_id, channel) DO UPDATE SET last_seq = max(last_seq, excluded.last_seq)`);
  const insertEvent = db.prepare(`INSERT INTO device_events (device_id, seq, type, model, version, message, evidence, at)
    VALUES (@deviceId, @seq, @type, @model, @version, @message, @evidence, @at)`);
  const listEvents = db.prepare('SELECT * FROM device_events WHERE device_id = ? AND id < ? ORDER BY id DESC LIMIT ?');
  const gaps = db.prepare('SELECT channel, gaps FROM device_sequences WHERE device_id = ?');
  return {
    advanceSequence(deviceId, channel, seq) {
      const row = getSeq.get(deviceId, channel) as { last_seq: number } | undefined;
      // The first message of a channel sets the mark: agents may start counting anywhere.
      if (!row) {
        insertSeq.run(deviceId, channel, seq);
        return { duplicate: false, gap: 0 };
      }
      if (seq <= row.last_seq) return { duplicate: true, gap: 0 };
      const gap = seq - row.last_seq - 1;
      updateSeq.run(seq, gap, deviceId, channel);
      return { duplicate: false, gap };
    },
    raiseSequence: (deviceId, channel, seq) => void raise.run(deviceId, channel, seq),
    insertEvent: (row) =>
      void insertEvent.run({ ...row, evidence: row.evidence === null ? null : JSON.stringify(row.evidence) }),
    listEvents: (deviceId, { limit, beforeId = Number.MAX_SAFE_INTEGER }) =>
      (listEvents.all(deviceId, beforeId, limit) as RawEvent[]).map((r) => ({
        id: r.id, deviceId: r.device_id, seq: r.seq, type: r.type, model: r.model, version: r.version,
        message: r.message, evidence: r.evidence === null ? null : (JSON.parse(r.evidence) as Record<string, unknown>),
        at: r.at,
      })),
    gaps: (deviceId) =>
      Object.fromEntries((gaps.all(deviceId) as Array<{ channel: string; gaps: number }>).map((r) => [r.channel, r.gaps])),
  };
}
