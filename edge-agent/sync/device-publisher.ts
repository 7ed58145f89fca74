/**
 * Everything the agent tells the control plane: reported state (what runs, per model) and events
 * (activated, load failed, reverted, rejected). Both go over MQTT with QoS 1 when the link is up.
 * Reported state falls back to `PUT /v1/devices/:id/reported` while MQTT is down; events wait in a
 * bounded queue (there is no REST route for them) and leave in order once the link is back.
 * Sequence numbers are taken when a message is built, so the control plane sees order and gaps.
 */
import {
  deviceEventSchema,
  deviceTopic,
  reportedStateSchema,
  SCHEMA_VERSION,
  type DeviceEvent,
  type ReportedModel,
  type ReportedState,
} from '../../protocol/index.ts';
import type { Logger } from '../logger.ts';
import type { SequenceStore } from '../mqtt/sequence-store.ts';
import type { Timers } from '../util/timers.ts';

export interface Transport {
  readonly connected: boolean;
  publish(topic: string, message: unknown): Promise<void>;
}

export type EventType = DeviceEvent['type'];
export interface EventInput {
  type: EventType;
  model?: string;
  version?: string;
  message: string;
  evidence?: Record<string, unknown>;
}

export interface DevicePublisherOptions {
  deviceId: string;
  sequence: SequenceStore;
  timers: Timers;
  logger: Logger;
  transport: () => Transport | undefined;
  putReported?: (state: ReportedState) => Promise<void>;
  maxQueuedEvents?: number;
  /** Coalesce bursts of status changes into one report. */
  debounceMs?: number;
}

export interface DevicePublisher {
  setModel(report: ReportedModel): void;
  removeModel(name: string): void;
  setDesiredRevision(revision: number | null): void;
  models(): ReportedModel[];
  event(input: EventInput): void;
  /** Send what is pending (queued events, an unsent report); called on (re)connect and by the poll loop. */
  flush(): Promise<void>;
  /** Every event built so far, newest last (bounded; for tests and the status endpoint). */
  recentEvents(): DeviceEvent[];
}

export function createDevicePublisher(options: DevicePublisherOptions): DevicePublisher {
  const { deviceId, sequence, timers, logger } = options;
  const maxQueued = options.maxQueuedEvents ?? 200;
  const models = new Map<string, ReportedModel>();
  const queue: DeviceEvent[] = [];
  const recent: DeviceEvent[] = [];
  let desiredRevision: number | null = null;
  let reportDirty = false;
  let cancelDebounce: (() => void) | undefined;

  const envelope = (channel: 'reported' | 'events') => ({
    schemaVersion: SCHEMA_VERSION,
    deviceId,
    seq: sequence.next(channel),
    sentAt: new Date(timers.now()).toISOString(),
  });

  const scheduleReport = () => {
    reportDirty = true;
    cancelDebounce?.();
    cancelDebounce = timers.setTimeout(() => {
      cancelDebounce = undefined;
      void flush();
    }, options.debounceMs ?? 50);
  };

  const sendReport = async () => {
    if (!reportDirty) return;
    const transport = options.transport();
    if (!transport?.connected && !options.putReported) return;
    reportDirty = false;
    const state: ReportedState = reportedStateSchema.parse({ ...envelope('reported'), desiredRevision, models: [...models.values()] });
    try {
      if (transport?.connected) await transport.publish(deviceTopic(deviceId, 'reported'), state);
      else await options.putReported?.(state);
    } catch (error) {
      reportDirty = true;
      logger.debug({ err: (error as Error).message }, 'reported state not delivered; will retry');
    }
  };

  const sendEvents = async () => {
    const transport = options.transport();
    while (queue.length > 0 && transport?.connected) {
      const next = queue[0] as DeviceEvent;
      try {
        await transport.publish(deviceTopic(deviceId, 'events'), next);
      } catch (error) {
        logger.debug({ err: (error as Error).message }, 'event not delivered; will retry');
        return;
      }
      if (queue[0] === next) queue.shift();
    }
  };

  let running: Promise<void> | undefined;
  let again = false;
  const flush = (): Promise<void> => {
    // One flush at a time keeps events in order; a call during a flush makes it go round once more.
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await sendEvents();
          await sendReport();
        } while (again);
      } finally {
        running = undefined;
      }
    })();
    return running;
  };

  return {
    setModel(report) {
      models.set(report.name, report);
      scheduleReport();
    },
    removeModel(name) {
      if (models.delete(name)) scheduleReport();
    },
    setDesiredRevision(revision) {
      if (revision === desiredRevision) return;
      desiredRevision = revision;
      scheduleReport();
    },
    models: () => [...models.values()],
    event(input) {
      const parsed = deviceEventSchema.safeParse({ ...envelope('events'), ...input, message: input.message.slice(0, 2000) });
      // Reporting must never break the caller's flow (a sync step, a revert): log and move on.
      if (!parsed.success) return void logger.error({ type: input.type, err: parsed.error.message }, 'event does not match the protocol schema; not sent');
      const event = parsed.data;
      logger.info({ type: event.type, model: event.model, version: event.version, evidence: event.evidence }, event.message);
      queue.push(event);
      recent.push(event);
      if (recent.length > 100) recent.shift();
      if (queue.length > maxQueued) {
        queue.shift();
        logger.warn('event queue full; dropped the oldest event');
      }
      void flush();
    },
    flush,
    recentEvents: () => [...recent],
  };
}
