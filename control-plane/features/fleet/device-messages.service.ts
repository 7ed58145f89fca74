import type { DeviceEvent, PresenceMessage, ReportedState } from '../../../protocol/index.ts';
import type { Clock } from '../../clock.ts';
import type { RunInTransaction } from '../../db/transaction.ts';
import type { DeviceMessagesStore } from './device-messages.store.ts';
import type { DevicesStore } from './devices.store.ts';

export type DropReason = 'duplicate' | 'unknown_device';
export type IngestResult = { accepted: true; gap: number } | { accepted: false; reason: DropReason };

/**
 * What devices tell the control plane, whatever the transport (MQTT handler or REST). Messages
 * arrive already validated against their protocol schema; this layer deduplicates on
 * (device, channel, seq), counts gaps, and applies the effect in the same transaction, so a message
 * is either fully applied or not at all and a redelivery changes nothing.
 *
 * `seq` counts per device and channel: gaps are only meaningful that way.
 */
export interface DeviceMessagesService {
  /** `lastWill`: the broker published the device's will because its connection was lost. */
  presence(message: PresenceMessage, options?: { lastWill?: boolean }): IngestResult;
  reported(message: ReportedState): IngestResult;
  event(message: DeviceEvent): IngestResult;
  /** A session ended without a will (clean DISCONNECT): the device is offline. */
  disconnected(deviceId: string): void;
  /** Any other sign of life (an MQTT PINGREQ, a REST poll). */
  seen(deviceId: string): void;
}

export function createDeviceMessagesService(deps: {
  devices: DevicesStore;
  messages: DeviceMessagesStore;
  clock: Clock;
  tx: RunInTransaction;
}): DeviceMessagesService {
  const { devices, messages, clock, tx } = deps;

  /** Dedupe, then apply. Unknown devices (deleted while connected) are dropped, not errors. */
  function ingest(deviceId: string, channel: string, seq: number, apply: (now: string) => void): IngestResult {
    return tx((): IngestResult => {
      if (!devices.get(deviceId)) return { accepted: false, reason: 'unknown_device' };
      const check = messages.advanceSequence(deviceId, channel, seq);
      if (check.duplicate) return { accepted: false, reason: 'duplicate' };
      apply(clock.now().toISOString());
      return { accepted: true, gap: check.gap };
    });
  }

  return {
    presence(message, options = {}) {
      if (options.lastWill) {
        // The agent reserves the will's seq at CONNECT, before it sends the birth, so the will
        // usually carries a seq *below* the birth's. The broker publishes a will exactly once and only
        // for the session that just ended, so it is applied without the high-water check.
        return tx((): IngestResult => {
          if (!devices.get(message.deviceId)) return { accepted: false, reason: 'unknown_device' };
          messages.raiseSequence(message.deviceId, 'presence', message.seq);
          devices.setPresence(message.deviceId, 'offline', null);
          return { accepted: true, gap: 0 };
        });
      }
      return ingest(message.deviceId, 'presence', message.seq, (now) =>
        devices.setPresence(message.deviceId, message.status, now),
      );
    },
    reported: (message) =>
      ingest(message.deviceId, 'reported', message.seq, (now) => devices.setReported(message.deviceId, message, now)),
    event: (message) =>
      ingest(message.deviceId, 'events', message.seq, (now) => {
        messages.insertEvent({
          deviceId: message.deviceId, seq: message.seq, type: message.type, model: message.model ?? null,
          version: message.version ?? null, message: message.message, evidence: message.evidence ?? null,
          at: message.sentAt,
        });
        devices.touch(message.deviceId, now);
      }),
    disconnected(deviceId) {
      if (devices.get(deviceId)) devices.setPresence(deviceId, 'offline', null);
    },
    seen(deviceId) {
      devices.touch(deviceId, clock.now().toISOString());
    },
  };
}
