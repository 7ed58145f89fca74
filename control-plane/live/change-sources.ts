import type { LiveChange } from '../../protocol/index.ts';
import type { AuditLog } from '../features/audit/audit.store.ts';
import type { DesiredStatePublisher } from '../features/fleet/desired-states.service.ts';
import type { DeviceMessagesService, IngestResult } from '../features/fleet/device-messages.service.ts';
import type { ChangeBus } from './change-bus.ts';

/*
 * Where change notifications come from, without the features knowing about the live feed:
 *
 * - Every admin change writes an audit entry in the transaction that makes it, so the audit log is
 *   already the complete list of them. Announcing each entry (after commit, see ChangeBus) covers
 *   tokens, models, aliases, fleets, assignments and devices today, and any feature added later
 *   that records its changes (rollouts) with no further wiring.
 * - What devices report is not audited; the device-messages service is wrapped instead.
 * - Desired states change as a consequence of both; the live feed listens like the MQTT broker does.
 */

/** `model.alias.set` -> `model`: the resource kind is the action's first word. */
export function topicOfAction(action: string): string {
  const word = action.split('.')[0]?.toLowerCase() ?? '';
  return /^[a-z][a-z0-9-]{0,31}$/.test(word) ? word : 'other';
}

/** The audit log, announcing each entry as a change of its resource and as an `audit` change. */
export function announceAudit(audit: AuditLog, bus: ChangeBus): AuditLog {
  return {
    list: (options) => audit.list(options),
    record(entry) {
      audit.record(entry);
      const change = { action: entry.action, id: entry.target, at: entry.at };
      bus.emit({ topic: topicOfAction(entry.action), ...change });
      bus.emit({ topic: 'audit', ...change });
    },
  };
}

/** The device-messages service, announcing accepted presence, reported state and events. */
export function announceDeviceMessages(
  messages: DeviceMessagesService,
  bus: ChangeBus,
  now: () => Date,
): DeviceMessagesService {
  const announce = (result: IngestResult, deviceId: string, action: string, data: LiveChange['data']) => {
    // Duplicates and unknown devices changed nothing; saying otherwise would trigger useless refetches.
    if (result.accepted) bus.emit({ topic: 'device', action, id: deviceId, at: now().toISOString(), data });
    return result;
  };
  return {
    presence: (message, options) =>
      announce(messages.presence(message, options), message.deviceId, 'device.presence', {
        presence: options?.lastWill ? 'offline' : message.status,
      }),
    reported: (message) =>
      announce(messages.reported(message), message.deviceId, 'device.reported', { models: message.models.length }),
    event: (message) =>
      announce(messages.event(message), message.deviceId, 'device.event', {
        type: message.type, model: message.model ?? null, version: message.version ?? null,
      }),
    disconnected(deviceId) {
      messages.disconnected(deviceId);
      bus.emit({ topic: 'device', action: 'device.presence', id: deviceId, at: now().toISOString(), data: { presence: 'offline' } });
    },
    // A keepalive only moves "last seen"; announcing every PINGREQ would flood the feed for nothing.
    seen: (deviceId) => messages.seen(deviceId),
  };
}

/** A desired-state publisher that announces each new revision (attach it like the broker's). */
export function desiredStateAnnouncer(bus: ChangeBus, now: () => Date): DesiredStatePublisher {
  return {
    publish: (deviceId, state) =>
      bus.emit({ topic: 'device', action: 'device.desired', id: deviceId, at: now().toISOString(), data: { revision: state.revision } }),
    // A removed device is already announced by its `device.delete` audit entry.
    clear: () => undefined,
  };
}
