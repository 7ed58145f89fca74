import type { z } from 'zod';

/** One device message on its way in: the device id comes from the topic, the payload is parsed JSON. */
export interface DeviceMessage {
  topicDeviceId: string;
  payload: unknown;
  /** The broker is publishing the device's Last Will: its connection is gone. */
  lastWill: boolean;
  /** The payload as received (a handler may store it as is instead of serialising it again). */
  raw?: Buffer;
  /** `raw` decoded as UTF-8, when the dispatcher already did (it parsed the JSON from it). */
  text?: string;
}

export type HandlerOutcome = { accepted: true; gap?: number } | { accepted: false; reason: string };

/**
 * Handles one channel. The embedded broker acknowledges a QoS 1 message (PUBACK) only after the
 * outcome is known, so an acknowledged message is already committed to SQLite: synchronously for
 * most channels, or a promise that settles after the commit (summaries are group-committed). A
 * rejected promise means "not stored": the message is not acknowledged and the device sends it
 * again. Must not throw for bad input; the dispatcher still catches and counts if it does.
 */
export type ChannelHandler = (message: DeviceMessage) => HandlerOutcome | Promise<HandlerOutcome>;

/**
 * A handler for a channel with a protocol schema: validate, check that the payload speaks for the
 * device whose topic it came in on, then apply.
 */
export function schemaHandler<S extends z.ZodType<{ deviceId: string }>>(
  schema: S,
  apply: (message: z.infer<S>, context: DeviceMessage) => HandlerOutcome | Promise<HandlerOutcome>,
): ChannelHandler {
  return (context) => {
    const parsed = schema.safeParse(context.payload);
    if (!parsed.success) return { accepted: false, reason: 'invalid_schema' };
    // The broker already restricts a device to its own prefix; this catches an agent that mixes up
    // ids, so a message is never filed under a device it does not describe.
    if (parsed.data.deviceId !== context.topicDeviceId) return { accepted: false, reason: 'device_mismatch' };
    return apply(parsed.data, context);
  };
}
