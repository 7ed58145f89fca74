import { desiredTopic, deviceTopic, parseDeviceTopic, type DeviceChannel } from '../../protocol/index.ts';

/** The channels a device may publish on, each under its own prefix. `desired` is never among them. */
export const DEVICE_PUBLISH_CHANNELS: readonly DeviceChannel[] = ['presence', 'reported', 'events', 'summaries'];

/**
 * CONNACK return codes of MQTT 3.1.1 (section 3.2.2.3, table 3.1), the protocol aedes 1.x speaks.
 * Their MQTT 5 counterparts (section 3.2.2.2) are 0x85, 0x86 and 0x87.
 */
export const ConnackCode = { IDENTIFIER_REJECTED: 2, BAD_USERNAME_OR_PASSWORD: 4, NOT_AUTHORIZED: 5 } as const;
export type RefusalCode = (typeof ConnackCode)[keyof typeof ConnackCode];

export interface LoginAttempt {
  clientId: string;
  username: string | undefined;
  password: Buffer | undefined;
  /** Topic of the Last Will in the CONNECT packet, if any. */
  willTopic: string | undefined;
}

export type LoginDecision = { ok: true; deviceId: string } | { ok: false; code: RefusalCode; reason: string };

/**
 * Who may connect: username = device id, password = the device credential from enrollment.
 *
 * The client id must be the device id. The server drops an existing session when a new one arrives
 * with the same client id (MQTT 3.1.1 section 3.1.4, [MQTT-3.1.4-2]; MQTT 5 section 3.1.4), so a
 * free choice would let one device knock another offline by borrowing its id.
 *
 * The will must be the device's own presence topic: the broker publishes it on the device's behalf
 * after the connection is gone, so it is checked here, while the device can still be told no.
 */
export function decideLogin(attempt: LoginAttempt, credentialBelongsTo: (credential: string) => string | null): LoginDecision {
  const { username, password } = attempt;
  if (!username || !password) {
    return { ok: false, code: ConnackCode.BAD_USERNAME_OR_PASSWORD, reason: 'username and password are required' };
  }
  if (credentialBelongsTo(password.toString('utf8')) !== username) {
    return { ok: false, code: ConnackCode.BAD_USERNAME_OR_PASSWORD, reason: 'unknown device or wrong credential' };
  }
  if (attempt.clientId !== username) {
    return { ok: false, code: ConnackCode.IDENTIFIER_REJECTED, reason: 'the client id must be the device id' };
  }
  if (attempt.willTopic !== undefined && attempt.willTopic !== deviceTopic(username, 'presence')) {
    return { ok: false, code: ConnackCode.NOT_AUTHORIZED, reason: 'the will must go to the device\'s own presence topic' };
  }
  return { ok: true, deviceId: username };
}

/** The channel a device publishes on, or null when the topic is not one of its own channels. */
export function publishChannel(deviceId: string, topic: string): DeviceChannel | null {
  const parsed = parseDeviceTopic(topic);
  if (!parsed || parsed.deviceId !== deviceId) return null;
  const channel = DEVICE_PUBLISH_CHANNELS.find((c) => c === parsed.channel);
  return channel ?? null;
}

/** A device may subscribe to exactly one filter: its own desired topic, no wildcards. */
export function maySubscribe(deviceId: string, topicFilter: string): boolean {
  return topicFilter === desiredTopic(deviceId);
}
