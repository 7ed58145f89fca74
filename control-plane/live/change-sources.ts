import type { LiveChange, WindowSummary } from '../../protocol/index.ts';
import type { AuditLog } from '../features/audit/audit.store.ts';
import type { AlertsService } from '../features/evaluation/alerts.service.ts';
import type { SummaryIngestResult, SummaryIngestService } from '../features/evaluation/summary-ingest.service.ts';
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
 * - Window summaries and alert checks are not audited either (they are data, not admin changes);
 *   their services are wrapped so drift, quality and experiment pages follow new data.
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

/**
 * The summary ingest, announcing each accepted window as an `evaluation` change of its model
 * version (whatever the transport: MQTT, REST and browser sockets share this service), after it
 * is stored: at once for `ingest`, after the group commit for `submit`. One change per summary;
 * receivers debounce (the console refetches at most every couple of seconds under a stream).
 */
export function announceSummaries(ingest: SummaryIngestService, bus: ChangeBus, now: () => Date): SummaryIngestService {
  const announce = (summary: WindowSummary, result: SummaryIngestResult) => {
    if (!result.accepted) return result; // a duplicate or a refused summary changed nothing
    bus.emit({
      topic: 'evaluation', action: 'evaluation.summary', id: `${summary.model}:${summary.version}`, at: now().toISOString(),
      data: { model: summary.model, version: summary.version, arm: summary.arm, predictions: summary.counts.predictions },
    });
    return result;
  };
  return {
    ...ingest,
    ingest: (summary, raw) => announce(summary, ingest.ingest(summary, raw)),
    submit: async (summary, raw) => announce(summary, await ingest.submit(summary, raw)),
  };
}

/** The alerts service, announcing a check that opened or resolved alerts as an `alert` change. */
export function announceAlerts(alerts: AlertsService, bus: ChangeBus, now: () => Date): AlertsService {
  return {
    ...alerts,
    async evaluate() {
      const result = await alerts.evaluate();
      if (result.fired > 0 || result.resolved > 0) {
        bus.emit({ topic: 'alert', action: 'alert.evaluate', at: now().toISOString(), data: { fired: result.fired, resolved: result.resolved } });
      }
      return result;
    },
  };
}
