/**
 * Drains the outbox, oldest first, one summary at a time: published over MQTT with QoS 1 on the
 * device's `summaries` topic and removed only once the PUBACK came back (the embedded broker
 * acknowledges after the control plane committed it); while MQTT is down, over REST when the
 * control plane offers it. A failure stops the drain and it starts again on reconnect or after
 * `retryMs`, so order is kept and nothing is removed unacknowledged. A summary sent twice (the
 * PUBACK was lost) is deduplicated by the control plane on (device, seq).
 */
import { deviceTopic } from '../../protocol/index.ts';
import type { Logger } from '../logger.ts';
import type { Timers } from '../util/timers.ts';
import type { OutboxStore } from './outbox-store.ts';
import type { PostSummary } from './summaries-client.ts';

export interface SummaryTransport {
  readonly connected: boolean;
  /** QoS 1; resolves on PUBACK. */
  publish(topic: string, message: unknown): Promise<void>;
}

export interface OutboxSenderMetrics {
  sent(transport: 'mqtt' | 'rest'): void;
  dropped(reason: 'budget' | 'rejected', count: number): void;
}

export interface OutboxSenderOptions {
  deviceId: string;
  store: OutboxStore;
  transport: () => SummaryTransport | undefined;
  postRest?: PostSummary;
  timers: Timers;
  logger: Logger;
  metrics?: OutboxSenderMetrics;
  /** Wait after a failed attempt (default 2 s). */
  retryMs?: number;
  /** Wait after the control plane said it has no REST route for summaries (default 5 min). */
  restUnsupportedMs?: number;
}

export interface OutboxSender {
  /** Try to send now (after a new summary, on reconnect). Resolves when this drain ends. */
  kick(): Promise<void>;
  start(): void;
  /** Stop retrying and wait for a publish in flight. */
  stop(): Promise<void>;
}

export function createOutboxSender(options: OutboxSenderOptions): OutboxSender {
  const { store, timers, logger } = options;
  const topic = deviceTopic(options.deviceId, 'summaries');
  const retryMs = options.retryMs ?? 2000;
  let restBlockedUntil = 0;
  let stopped = true;
  let running: Promise<void> | undefined;
  let again = false;
  let cancelRetry: (() => void) | undefined;

  const scheduleRetry = () => {
    if (stopped || cancelRetry) return;
    cancelRetry = timers.setTimeout(() => {
      cancelRetry = undefined;
      void kick();
    }, retryMs);
  };

  /** Send one summary; true when it left the outbox (delivered, or refused for good). */
  const sendOne = async (item: { id: number; seq: number; body: string }): Promise<boolean> => {
    const transport = options.transport();
    if (transport?.connected) {
      try {
        await transport.publish(topic, JSON.parse(item.body));
      } catch (error) {
        logger.debug({ seq: item.seq, err: (error as Error).message }, 'summary not acknowledged; kept in the outbox');
        return false;
      }
      store.remove(item.id);
      options.metrics?.sent('mqtt');
      return true;
    }
    if (!options.postRest || timers.now() < restBlockedUntil) return false;
    const outcome = await options.postRest(item.body);
    if (outcome === 'delivered') {
      store.remove(item.id);
      options.metrics?.sent('rest');
      return true;
    }
    if (outcome === 'rejected') {
      logger.error({ seq: item.seq }, 'control plane refused a summary for good; dropped');
      store.remove(item.id);
      options.metrics?.dropped('rejected', 1);
      return true;
    }
    if (outcome === 'unsupported') restBlockedUntil = timers.now() + (options.restUnsupportedMs ?? 5 * 60_000);
    return false;
  };

  const drain = async (): Promise<void> => {
    for (;;) {
      if (stopped) return;
      const [next] = store.oldest(1);
      if (!next) return;
      if (!(await sendOne(next))) return scheduleRetry();
    }
  };

  function kick(): Promise<void> {
    // One drain at a time keeps the order; a kick during a drain makes it look once more.
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await drain();
        } while (again && !stopped);
      } catch (error) {
        logger.error({ err: (error as Error).message }, 'outbox drain failed');
        scheduleRetry();
      } finally {
        running = undefined;
      }
    })();
    return running;
  }

  return {
    kick,
    start() {
      if (!stopped) return;
      stopped = false;
      void kick();
    },
    async stop() {
      stopped = true;
      cancelRetry?.();
      cancelRetry = undefined;
      await running;
    },
  };
}
