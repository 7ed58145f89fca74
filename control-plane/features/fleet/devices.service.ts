import {
  EdgefleetError,
  matchesSelector,
  parseSelector,
  type Device,
  type Labels,
} from '../../../protocol/index.ts';
import type { Clock } from '../../clock.ts';
import type { RunInTransaction } from '../../db/transaction.ts';
import { actorName, type Principal } from '../../http/principal.ts';
import { hashSecret } from '../../security/secrets.ts';
import type { AuditLog } from '../audit/audit.store.ts';
import type { DesiredStatesService } from './desired-states.service.ts';
import type { DeviceEventRecord, DeviceMessagesStore } from './device-messages.store.ts';
import type { DeviceRow, DevicesStore } from './devices.store.ts';

export type DeviceEventView = Omit<DeviceEventRecord, 'deviceId'>;

export interface DevicesService {
  /** Devices matching a label selector (all when empty). BAD_SELECTOR on bad syntax. */
  list(selector?: string): Device[];
  get(id: string): Device;
  patch(id: string, patch: { name?: string; labels?: Labels }, by: Principal): Device;
  remove(id: string, by: Principal): void;
  listEvents(id: string, options: { limit: number; beforeId?: number }): DeviceEventView[];
  /** Device credential (`efd_...`) -> principal, or null. */
  authenticate(secret: string): Principal | null;
  /** Enrolled devices by (effective) presence, for the `edgefleet_devices` gauge. */
  presenceCounts(): Record<Device['presence'], number>;
  /** Throws NOT_FOUND unless the device exists. */
  require(id: string): DeviceRow;
}

export function createDevicesService(deps: {
  devices: DevicesStore;
  messages: DeviceMessagesStore;
  desired: DesiredStatesService;
  audit: AuditLog;
  clock: Clock;
  tx: RunInTransaction;
  presenceTimeoutSeconds: number;
}): DevicesService {
  const { devices, messages, desired, audit, clock, tx } = deps;

  function require(id: string): DeviceRow {
    const row = devices.get(id);
    if (!row) throw new EdgefleetError('NOT_FOUND', `no device with id ${id}`);
    return row;
  }

  // A device that went quiet without a Last Will (power cut behind a NAT that never sends a RST)
  // would stay "online" forever; past the timeout we show it offline instead.
  function presenceOf(row: DeviceRow, now: number): Device['presence'] {
    if (row.presence !== 'online' || row.lastSeenAt === null) return row.presence;
    return now - Date.parse(row.lastSeenAt) > deps.presenceTimeoutSeconds * 1000 ? 'offline' : 'online';
  }

  function view(row: DeviceRow, now = clock.now().getTime()): Device {
    return {
      id: row.id, name: row.name, labels: row.labels, capabilities: row.capabilities,
      presence: presenceOf(row, now), lastSeenAt: row.lastSeenAt, enrolledAt: row.enrolledAt, reported: row.reported,
    };
  }

  return {
    list(selector = '') {
      const parsed = parseSelector(selector);
      const now = clock.now().getTime();
      return devices.list().filter((d) => matchesSelector(parsed, d.labels)).map((d) => view(d, now));
    },
    get: (id) => view(require(id)),
    patch(id, patch, by) {
      const at = clock.now().toISOString();
      const changed = tx(() => {
        require(id);
        devices.update(id, patch);
        audit.record({ at, actor: actorName(by), action: 'device.update', target: id, details: { ...patch } });
        // Only labels move a device between assignments; a rename changes nothing it should run.
        return patch.labels ? desired.recompute([id]) : [];
      });
      desired.publish(changed);
      return view(require(id));
    },
    remove(id, by) {
      tx(() => {
        require(id);
        devices.delete(id);
        audit.record({ at: clock.now().toISOString(), actor: actorName(by), action: 'device.delete', target: id });
      });
      desired.clear(id);
    },
    listEvents(id, options) {
      require(id);
      return messages.listEvents(id, options).map(({ deviceId: _deviceId, ...e }) => e);
    },
    presenceCounts() {
      const counts: Record<Device['presence'], number> = { online: 0, offline: 0, unknown: 0 };
      const now = clock.now().getTime();
      for (const row of devices.list()) counts[presenceOf(row, now)] += 1;
      return counts;
    },
    authenticate(secret) {
      const id = devices.idByCredentialHash(hashSecret(secret));
      return id ? { kind: 'device', deviceId: id } : null;
    },
    require,
  };
}
