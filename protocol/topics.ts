import type { z } from 'zod';
import { deviceEventSchema, presenceMessageSchema, reportedStateSchema } from './device-state.ts';

/**
 * MQTT topic layout. Each device owns `edgefleet/v1/devices/<id>/`; the broker lets it publish only
 * below that prefix and read only its own desired state.
 */
export const TOPIC_ROOT = 'edgefleet/v1/devices';

/** @example devicePrefix('dev_abc123') // 'edgefleet/v1/devices/dev_abc123/' */
export function devicePrefix(deviceId: string): string {
  return `${TOPIC_ROOT}/${deviceId}/`;
}

/** Retained, written only by the control plane. @example desiredTopic('dev_abc123') */
export function desiredTopic(deviceId: string): string {
  return `${devicePrefix(deviceId)}desired`;
}

/** Device-to-control-plane channels, one handler each on the control plane. */
export const deviceChannels = {
  presence: presenceMessageSchema,
  reported: reportedStateSchema,
  events: deviceEventSchema,
} satisfies Record<string, z.ZodType>;
export type DeviceChannel = keyof typeof deviceChannels | 'summaries';

/** @example deviceTopic('dev_abc123', 'presence') // 'edgefleet/v1/devices/dev_abc123/presence' */
export function deviceTopic(deviceId: string, channel: DeviceChannel): string {
  return `${devicePrefix(deviceId)}${channel}`;
}

/**
 * Split a device topic into its device id and channel, or null when it is not one.
 *
 * @example
 * parseDeviceTopic('edgefleet/v1/devices/dev_abc123/events') // { deviceId: 'dev_abc123', channel: 'events' }
 */
export function parseDeviceTopic(topic: string): { deviceId: string; channel: string } | null {
  const prefix = `${TOPIC_ROOT}/`;
  if (!topic.startsWith(prefix)) return null;
  const rest = topic.slice(prefix.length).split('/');
  if (rest.length !== 2 || !rest[0] || !rest[1]) return null;
  return { deviceId: rest[0], channel: rest[1] };
}

/**
 * Subscription for the control plane's reader of a channel. With an MQTT 5 broker it is a shared
 * subscription so several control-plane replicas split the load (MQTT 5, section 4.8.2).
 *
 * @example
 * controlPlaneSubscription('events', true) // '$share/edgefleet-cp/edgefleet/v1/devices/+/events'
 */
export function controlPlaneSubscription(channel: DeviceChannel, shared: boolean): string {
  const topic = `${TOPIC_ROOT}/+/${channel}`;
  return shared ? `$share/edgefleet-cp/${topic}` : topic;
}
