import { Counter, type Registry } from 'prom-client';
import type { Logger } from 'pino';
import { parseDeviceTopic, type DeviceChannel } from '../../protocol/index.ts';
import type { ControlPlaneMetrics } from '../metrics.ts';
import type { ChannelHandler, HandlerOutcome } from './channel-handler.ts';

export type ChannelHandlers = Record<DeviceChannel, ChannelHandler>;

/** What became of one message: the handler's verdict, or why it never reached one. */
export type IngestOutcome = { accepted: true } | { accepted: false; reason: string };

/**
 * Route one device message to its channel's handler. Never throws, never rejects. The outcome lets
 * a transport answer the device (the device socket's `ack`, the broker's PUBACK); it is a promise
 * when the handler commits later (summaries: group commit), settled after the commit. `handler_error`
 * means the message was not stored: do not acknowledge it, the device sends it again.
 */
export type DeviceIngest = (topic: string, payload: Buffer, options: { lastWill: boolean }) => IngestOutcome | Promise<IngestOutcome>;

/**
 * Counters the broker adds beside `metrics.mqttDropped` (control-plane/metrics.ts): accepted
 * messages and sequence gaps per channel. Reused when several brokers share one registry (tests).
 */
function ingestCounters(registry: Registry) {
  const existing = (name: string) => registry.getSingleMetric(name) as Counter<'channel'> | undefined;
  const accepted =
    existing('edgefleet_mqtt_messages_accepted_total') ??
    new Counter({
      name: 'edgefleet_mqtt_messages_accepted_total',
      help: 'Device messages the control plane accepted, by channel.',
      labelNames: ['channel'] as const,
      registers: [registry],
    });
  const gaps =
    existing('edgefleet_device_sequence_gaps_total') ??
    new Counter({
      name: 'edgefleet_device_sequence_gaps_total',
      help: 'Device sequence numbers never received (skipped between two received ones), by channel.',
      labelNames: ['channel'] as const,
      registers: [registry],
    });
  return { accepted, gaps };
}

/**
 * The one place a device message is parsed: bad JSON, a schema failure, a payload that names
 * another device, a duplicate or a handler crash all end as a counted drop
 * (`edgefleet_mqtt_messages_dropped_total{channel, reason}`), never as an exception in the broker.
 */
export function createDeviceIngest(deps: { handlers: ChannelHandlers; metrics: ControlPlaneMetrics; logger: Logger }): DeviceIngest {
  const { handlers, metrics, logger } = deps;
  const counters = ingestCounters(metrics.registry);
  const drop = (channel: string, reason: string, deviceId?: string): IngestOutcome => {
    metrics.mqttDropped.inc({ channel, reason });
    logger.debug({ channel, reason, deviceId }, 'device message dropped');
    return { accepted: false, reason };
  };

  return (topic, payload, { lastWill }) => {
    const parsed = parseDeviceTopic(topic);
    const handler = parsed && Object.hasOwn(handlers, parsed.channel) ? handlers[parsed.channel as DeviceChannel] : undefined;
    if (!parsed || !handler) return drop(parsed?.channel ?? 'unknown', 'unknown_channel');
    const { deviceId, channel } = parsed;
    const text = payload.toString('utf8'); // decoded once: parsed here, stored as is by summaries
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return drop(channel, 'invalid_json', deviceId);
    }
    const settle = (outcome: HandlerOutcome): IngestOutcome => {
      if (!outcome.accepted) return drop(channel, outcome.reason, deviceId);
      counters.accepted.inc({ channel });
      if (outcome.gap) counters.gaps.inc({ channel }, outcome.gap);
      return { accepted: true };
    };
    const fail = (err: unknown): IngestOutcome => {
      logger.error({ err, channel, deviceId }, 'device message handler failed');
      return drop(channel, 'handler_error', deviceId);
    };
    try {
      const outcome = handler({ topicDeviceId: deviceId, payload: json, lastWill, raw: payload, text });
      return outcome instanceof Promise ? outcome.then(settle, fail) : settle(outcome);
    } catch (err) {
      return fail(err);
    }
  };
}
