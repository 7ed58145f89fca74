/**
 * The agent's MQTT connection: device credentials, a Last Will "offline" registered at connect time
 * (with the sequence number reserved for it) and a birth "online" after each connect, the retained
 * desired-state subscription, and reconnection with jittered exponential backoff.
 *
 * One mqtt.js client per connection attempt (reconnectPeriod 0): each attempt needs a fresh will
 * (new seq) and possibly another protocol version, and owning the retry loop gives the backoff.
 * MQTT 5 is tried first; a broker answering "unacceptable protocol version" (the embedded aedes
 * speaks 3.1.1 only) gets 3.1.1 from then on.
 */
import { connect as mqttConnect, type IClientOptions, type MqttClient } from 'mqtt';
import { deviceTopic, desiredTopic, SCHEMA_VERSION, type PresenceMessage } from '../../protocol/index.ts';
import type { Logger } from '../logger.ts';
import { createBackoff } from '../util/backoff.ts';
import type { Timers } from '../util/timers.ts';
import type { SequenceStore } from './sequence-store.ts';

export type MqttConnect = (url: string, options: IClientOptions) => MqttClient;

export interface MqttLinkOptions {
  url: string;
  deviceId: string;
  credential: string;
  agentVersion: string;
  sequence: SequenceStore;
  timers: Timers;
  logger: Logger;
  /** Payloads arriving on the device's desired-state topic, unparsed. */
  onDesired: (payload: Buffer) => void;
  /** Messages on any other topic (the broker should not send any). */
  onUnexpected?: (topic: string) => void;
  onConnectionChange?: (connected: boolean) => void;
  connect?: MqttConnect;
  protocolVersion?: 4 | 5;
  backoff?: { initialMs: number; maxMs: number };
  /** How long a QoS 1 publish may wait for its PUBACK. */
  publishTimeoutMs?: number;
}

export interface MqttLink {
  readonly connected: boolean;
  readonly protocolVersion: 4 | 5;
  start(): void;
  /** QoS 1; resolves on PUBACK. Rejects when not connected or the connection drops first. */
  publish(topic: string, message: unknown): Promise<void>;
  /** Publishes "offline" (a clean stop is not a lost connection) and disconnects. */
  stop(): Promise<void>;
}

// CONNACK codes meaning "this broker does not speak that protocol version" (3.1.1: 1, MQTT 5: 0x84).
const UNSUPPORTED_PROTOCOL = new Set([1, 0x84]);

export function createMqttLink(options: MqttLinkOptions): MqttLink {
  const connectFn = options.connect ?? mqttConnect;
  const { timers, logger, deviceId } = options;
  const backoff = createBackoff(options.backoff ?? { initialMs: 500, maxMs: 30_000 });
  const presenceTopic = deviceTopic(deviceId, 'presence');
  const desired = desiredTopic(deviceId);
  const publishTimeoutMs = options.publishTimeoutMs ?? 10_000;
  let protocolVersion: 4 | 5 = options.protocolVersion ?? 5;
  let client: MqttClient | undefined;
  let connected = false;
  let stopped = true;
  let cancelRetry: (() => void) | undefined;
  // The will's seq is reserved once and reused by attempts that never got a CONNACK: a broker can
  // only publish the will of a session it accepted, so a refused attempt leaves no gap behind.
  let unusedWill: PresenceMessage | undefined;

  const presence = (status: 'online' | 'offline', reason?: string): PresenceMessage => ({
    schemaVersion: SCHEMA_VERSION,
    deviceId,
    seq: options.sequence.next('presence'),
    sentAt: new Date(timers.now()).toISOString(),
    status,
    agentVersion: options.agentVersion,
    ...(reason ? { reason } : {}),
  });

  const setConnected = (value: boolean) => {
    if (connected === value) return;
    connected = value;
    options.onConnectionChange?.(value);
  };

  const scheduleRetry = () => {
    if (stopped || cancelRetry) return;
    const delay = backoff.next();
    logger.debug({ delayMs: delay }, 'mqtt reconnect scheduled');
    cancelRetry = timers.setTimeout(() => {
      cancelRetry = undefined;
      attempt();
    }, delay);
  };

  const attempt = () => {
    if (stopped) return;
    // Reserved now, sent by the broker only if this connection is lost without a DISCONNECT.
    const will = unusedWill ?? presence('offline', 'connection lost');
    unusedWill = will;
    const current = connectFn(options.url, {
      protocolVersion,
      clientId: deviceId,
      username: deviceId,
      password: options.credential,
      clean: true,
      reconnectPeriod: 0,
      connectTimeout: 10_000,
      keepalive: 30,
      will: { topic: presenceTopic, payload: Buffer.from(JSON.stringify(will)), qos: 1, retain: false },
    });
    client = current;
    current.on('connect', () => {
      if (client !== current) return;
      unusedWill = undefined;
      backoff.reset();
      logger.info({ url: options.url, protocolVersion }, 'mqtt connected');
      current.subscribe(desired, { qos: 1 }, (error) => {
        if (error) logger.warn({ err: error.message }, 'mqtt subscribe to desired state failed');
      });
      setConnected(true);
      publishOn(current, presenceTopic, presence('online')).catch((error: Error) => logger.warn({ err: error.message }, 'birth message not acknowledged'));
    });
    current.on('message', (topic, payload) => {
      if (topic === desired) options.onDesired(payload);
      else options.onUnexpected?.(topic);
    });
    current.on('error', (error: Error & { code?: number }) => {
      if (protocolVersion === 5 && typeof error.code === 'number' && UNSUPPORTED_PROTOCOL.has(error.code)) {
        logger.info('mqtt broker does not speak MQTT 5; using 3.1.1');
        protocolVersion = 4;
        backoff.reset();
        return;
      }
      logger.warn({ err: error.message, code: error.code }, 'mqtt error');
    });
    current.on('close', () => {
      if (client !== current) return;
      client = undefined;
      if (connected) logger.warn('mqtt connection lost');
      setConnected(false);
      // Forced end fails the callbacks of unacknowledged publishes, so callers can fall back.
      current.end(true);
      scheduleRetry();
    });
  };

  const publishOn = (target: MqttClient, topic: string, message: unknown) =>
    new Promise<void>((resolve, reject) => {
      const cancel = timers.setTimeout(() => reject(new Error(`no PUBACK within ${publishTimeoutMs} ms`)), publishTimeoutMs);
      target.publish(topic, JSON.stringify(message), { qos: 1 }, (error) => {
        cancel();
        if (error) reject(error);
        else resolve();
      });
    });

  return {
    get connected() {
      return connected;
    },
    get protocolVersion() {
      return protocolVersion;
    },
    start() {
      if (!stopped) return;
      stopped = false;
      attempt();
    },
    publish(topic, message) {
      if (!client || !connected) return Promise.reject(new Error('mqtt is not connected'));
      return publishOn(client, topic, message);
    },
    async stop() {
      stopped = true;
      cancelRetry?.();
      cancelRetry = undefined;
      const current = client;
      client = undefined;
      if (!current) return;
      if (connected) {
        await publishOn(current, presenceTopic, presence('offline', 'agent stopped')).catch(() => {});
      }
      setConnected(false);
      await new Promise<void>((resolve) => {
        const cancel = timers.setTimeout(() => {
          current.end(true);
          resolve();
        }, 2000);
        current.end(false, {}, () => {
          cancel();
          resolve();
        });
      });
    },
  };
}
