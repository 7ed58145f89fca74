import type { AckOutcome, DeviceSocketChannel } from '../../protocol/index.ts';
import type { OutboxEntry, RuntimeStore } from '../storage/runtime-store.ts';

export interface OutboxSenderOptions {
  store: RuntimeStore;
  /** Send one message; false when not connected. */
  send(channel: DeviceSocketChannel, message: unknown): boolean;
  /** Channels that go through the outbox. */
  channels: readonly DeviceSocketChannel[];
  /** Resend a message whose ack has not come after this long (default 15 s). */
  ackTimeoutMs?: number;
  onSettled?: (entry: { channel: DeviceSocketChannel; seq: number }, outcome: AckOutcome, reason?: string) => void;
  onError?: (error: unknown) => void;
}

export interface OutboxSender {
  /** Send what can be sent now (after a new message, on connect). */
  kick(): void;
  /** The socket (re)connected: nothing is in flight on it yet. */
  connected(): void;
  /** An ack frame arrived. */
  ack(channel: DeviceSocketChannel, seq: number | null, outcome: AckOutcome, reason?: string): void;
  stop(): void;
  /** Resolves once every queued message has been acknowledged (or `timeoutMs` passed: false). */
  drained(timeoutMs: number): Promise<boolean>;
}

/**
 * Drains the IndexedDB outbox over the socket, oldest first, one message in flight per channel,
 * and deletes a message only when its ack arrives — the Node agent's rule with MQTT PUBACKs. One
 * at a time keeps the per-(device, channel) order the control plane's high-water mark relies on: were
 * seq 4 to fail on the server while seq 5 succeeded, 4 would later be refused as a duplicate.
 */
export function createOutboxSender(options: OutboxSenderOptions): OutboxSender {
  const { store } = options;
  const ackTimeoutMs = options.ackTimeoutMs ?? 15_000;
  const inFlight = new Map<DeviceSocketChannel, { seq: number; sentAt: number }>();
  const waiters = new Set<() => void>();
  let stopped = false;
  let running: Promise<void> = Promise.resolve();

  async function sendNext(channel: DeviceSocketChannel): Promise<void> {
    const current = inFlight.get(channel);
    if (current && Date.now() - current.sentAt < ackTimeoutMs) return;
    const entry: OutboxEntry | undefined = await store.oldest(channel);
    if (!entry) return;
    // A message whose ack is overdue is sent again on the same socket; the server answers `duplicate` if it had it.
    if (options.send(channel, entry.message)) inFlight.set(channel, { seq: entry.seq, sentAt: Date.now() });
  }

  async function notifyIfEmpty(): Promise<void> {
    if (waiters.size === 0 || (await store.depth()) > 0) return;
    for (const w of [...waiters]) w();
  }

  function kick(): void {
    if (stopped) return;
    running = running
      .then(async () => {
        for (const channel of options.channels) await sendNext(channel);
        await notifyIfEmpty();
      })
      .catch((error: unknown) => options.onError?.(error));
  }

  const timer = setInterval(kick, Math.max(1000, Math.min(ackTimeoutMs, 5000)));

  return {
    kick,
    connected() {
      inFlight.clear();
      kick();
    },
    ack(channel, seq, outcome, reason) {
      const current = inFlight.get(channel);
      if (seq === null || !current || current.seq !== seq) return;
      inFlight.delete(channel);
      running = running
        .then(() => store.remove(channel, seq))
        .then(() => options.onSettled?.({ channel, seq }, outcome, reason))
        .catch((error: unknown) => options.onError?.(error));
      kick();
    },
    stop() {
      stopped = true;
      clearInterval(timer);
    },
    drained(timeoutMs) {
      return new Promise((resolve) => {
        const done = (value: boolean) => {
          waiters.delete(onEmpty);
          clearTimeout(timeout);
          resolve(value);
        };
        const onEmpty = () => done(true);
        const timeout = setTimeout(() => done(false), timeoutMs);
        waiters.add(onEmpty);
        kick();
      });
    },
  };
}
