/**
 * Where desired state comes from: the retained MQTT message while the link is up, REST polling of
 * `/v1/devices/:id/desired-state` while it is down (and once at start). Every inbound document is
 * parsed and validated with the protocol schema; a bad one is dropped and counted, never thrown.
 * Only a revision newer than the last accepted one is passed on, so the two paths can overlap.
 */
import { desiredStateSchema, type DesiredState } from '../../protocol/index.ts';
import type { Logger } from '../logger.ts';
import type { DropReason, SyncMetrics } from '../metrics.ts';
import type { Timers } from '../util/timers.ts';
import type { ControlPlaneClient } from './control-plane-client.ts';

export interface DesiredStateSourceOptions {
  deviceId: string;
  client: ControlPlaneClient | undefined;
  timers: Timers;
  logger: Logger;
  metrics: SyncMetrics;
  pollIntervalMs: number;
  isMqttConnected: () => boolean;
  onDesired: (state: DesiredState) => void;
  /** After each successful poll: the control plane is reachable, a good time to send what is pending. */
  onPollSucceeded?: () => void;
}

export interface DesiredStateSource {
  /** A payload from the desired-state topic. */
  acceptMqtt(payload: Buffer): void;
  start(): void;
  pollNow(): Promise<void>;
  stop(): void;
  readonly lastRevision: number | undefined;
}

export function createDesiredStateSource(options: DesiredStateSourceOptions): DesiredStateSource {
  const { logger, metrics } = options;
  let lastRevision: number | undefined;
  let cancelTimer: (() => void) | undefined;
  let polling: Promise<void> | undefined;

  const drop = (source: 'mqtt' | 'rest', reason: DropReason, detail: string) => {
    metrics.messageDropped(source, reason);
    logger.warn({ source, reason, detail: detail.slice(0, 300) }, 'dropped an invalid desired-state message');
  };

  const accept = (raw: unknown, source: 'mqtt' | 'rest') => {
    const parsed = desiredStateSchema.safeParse(raw);
    if (!parsed.success) return drop(source, 'schema', parsed.error.message);
    const state = parsed.data;
    if (state.deviceId !== options.deviceId) return drop(source, 'device', `for ${state.deviceId}`);
    if (lastRevision !== undefined && state.revision <= lastRevision) return;
    lastRevision = state.revision;
    metrics.desiredRevision(state.revision);
    logger.info({ revision: state.revision, source, models: state.models.map((m) => `${m.name}:${m.version}`) }, 'desired state received');
    options.onDesired(state);
  };

  const pollNow = (): Promise<void> => {
    const client = options.client;
    if (!client) return Promise.resolve();
    polling ??= (async () => {
      try {
        const raw = await client.getDesiredState();
        options.onPollSucceeded?.();
        if (raw !== null) accept(raw, 'rest');
      } catch (error) {
        logger.debug({ err: (error as Error).message }, 'desired-state poll failed');
      } finally {
        polling = undefined;
      }
    })();
    return polling;
  };

  return {
    acceptMqtt(payload) {
      // An empty retained message clears the topic; it is not a desired state.
      if (payload.byteLength === 0) return;
      let raw: unknown;
      try {
        raw = JSON.parse(payload.toString('utf8'));
      } catch (error) {
        return drop('mqtt', 'json', (error as Error).message);
      }
      accept(raw, 'mqtt');
    },
    start() {
      if (cancelTimer) return;
      void pollNow();
      cancelTimer = options.timers.setInterval(() => {
        if (!options.isMqttConnected()) void pollNow();
      }, options.pollIntervalMs);
    },
    pollNow,
    stop() {
      cancelTimer?.();
      cancelTimer = undefined;
    },
    get lastRevision() {
      return lastRevision;
    },
  };
}
