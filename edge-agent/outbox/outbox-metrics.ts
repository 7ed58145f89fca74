/**
 * Prometheus metrics of the statistics pipeline on the agent's registry: outbox depth and bytes
 * (read from the store at scrape time), summaries closed, sent per transport and dropped per reason.
 */
import { Counter, Gauge, type Registry } from 'prom-client';
import type { OutboxSenderMetrics } from './outbox-sender.ts';

export interface TelemetryMetrics extends OutboxSenderMetrics {
  closed(): void;
  feedback(outcome: 'accepted' | 'refused'): void;
}

export function createTelemetryMetrics(registry: Registry, outbox: { depth(): number; bytes(): number }): TelemetryMetrics {
  const registers = [registry];
  new Gauge({
    name: 'edgefleet_agent_outbox_depth',
    help: 'Summaries waiting in the outbox for the control plane to acknowledge them.',
    registers,
    collect() {
      this.set(outbox.depth());
    },
  });
  new Gauge({
    name: 'edgefleet_agent_outbox_bytes',
    help: 'Bytes of summary JSON waiting in the outbox (bounded by outboxMaxBytes).',
    registers,
    collect() {
      this.set(outbox.bytes());
    },
  });
  const closed = new Counter({ name: 'edgefleet_agent_summaries_closed_total', help: 'Statistics windows closed into the outbox.', registers });
  const sent = new Counter({
    name: 'edgefleet_agent_summaries_sent_total',
    help: 'Summaries acknowledged by the control plane, by transport (mqtt PUBACK, rest).',
    labelNames: ['transport'] as const,
    registers,
  });
  const dropped = new Counter({
    name: 'edgefleet_agent_summaries_dropped_total',
    help: 'Summaries lost: dropped for the outbox byte budget (oldest first) or refused for good by the control plane.',
    labelNames: ['reason'] as const,
    registers,
  });
  const feedback = new Counter({
    name: 'edgefleet_agent_feedback_total',
    help: 'Labels and business events posted to the local API, by outcome.',
    labelNames: ['outcome'] as const,
    registers,
  });
  dropped.inc({ reason: 'budget' }, 0);
  return {
    closed: () => closed.inc(),
    sent: (transport) => sent.inc({ transport }),
    dropped: (reason, count) => dropped.inc({ reason }, count),
    feedback: (outcome) => feedback.inc({ outcome }),
  };
}
