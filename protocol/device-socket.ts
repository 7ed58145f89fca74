import { z } from 'zod';
import { desiredStateSchema, presenceMessageSchema } from './device-state.ts';
import { deviceIdSchema } from './envelope.ts';
import { errorCodeSchema } from './errors.ts';
import { liveCloseCodes } from './live.ts';

/**
 * The device socket: how a browser (or any device that cannot speak MQTT) is a fleet member over one
 * WebSocket. It carries the same messages as the MQTT topics — desired state in, presence, reported
 * state, events and window summaries out, each with its envelope and per-channel sequence number —
 * and follows the live feed's conventions (protocol/live.ts): the version is the subprotocol, the
 * first frame authenticates (the credential never travels in the URL), every frame is one JSON text
 * message with a `type`, a bad frame is dropped, counted and answered with `error`.
 *
 * What MQTT gives for free is spelled out as frames: the PUBACK is `ack` (the control plane has
 * committed the message; the device may now delete it from its outbox), the retained desired state
 * is a `desired` frame sent after `ready` and on every change, the birth message rides in `auth`,
 * and the Last Will is the server noticing the socket closed.
 */
export const DEVICE_SOCKET_PATH = '/v1/device-socket';
export const DEVICE_SOCKET_SUBPROTOCOL = 'edgefleet.device.v1';
/** Largest frame either side sends: a summary of a 512-feature profile fits with room to spare. */
export const DEVICE_SOCKET_MAX_FRAME_BYTES = 1024 * 1024;

/** Close codes: the live feed's, plus one for a device that connected again elsewhere. */
export const deviceSocketCloseCodes = {
  ...liveCloseCodes,
  /**
   * Another connection authenticated as the same device and took over (MQTT's session takeover,
   * 3.1.4). The client must not reconnect on its own, or two tabs would knock each other off forever.
   */
  REPLACED: 4409,
} as const;

/** The device-to-control-plane channels, as on MQTT (protocol/topics.ts). */
export const deviceSocketChannelSchema = z.enum(['presence', 'reported', 'events', 'summaries']);
export type DeviceSocketChannel = z.infer<typeof deviceSocketChannelSchema>;

/** Client -> server. */
export const deviceClientFrameSchema = z.discriminatedUnion('type', [
  /**
   * First frame. `birth` is the device's `online` presence message (its own seq), applied as the
   * socket authenticates: the device is online exactly while a socket is open.
   */
  z.object({
    type: z.literal('auth'),
    credential: z.string().min(1).max(512),
    birth: presenceMessageSchema.refine((m) => m.status === 'online', 'the birth message says online'),
  }),
  /**
   * One device message. `message` is checked by the channel's handler, the same one MQTT uses, so
   * the reasons a message is dropped are the same on both transports.
   */
  z.object({ type: z.literal('message'), channel: deviceSocketChannelSchema, message: z.unknown() }),
  z.object({ type: z.literal('ping'), id: z.number().int().nonnegative().optional() }),
]);
export type DeviceClientFrame = z.infer<typeof deviceClientFrameSchema>;

/**
 * What became of one device message. `accepted`: stored now; `duplicate`: stored before (a resend
 * after a lost ack); `rejected`: never will be (bad schema, unknown profile), `reason` says why.
 * All three mean "delete it from the outbox". A message the server failed to store (a database
 * error) gets no ack: the device keeps it and sends it again.
 */
export const ackOutcomeSchema = z.enum(['accepted', 'duplicate', 'rejected']);
export type AckOutcome = z.infer<typeof ackOutcomeSchema>;

/** Server -> client. */
export const deviceServerFrameSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), deviceId: deviceIdSchema, heartbeatSeconds: z.number().int().positive(), serverTime: z.iso.datetime() }),
  /** The device's desired state: once after `ready`, then on every new revision. */
  z.object({ type: z.literal('desired'), state: desiredStateSchema }),
  /** One per `message` frame, in order; `seq` is the message's, null when it had none. */
  z.object({
    type: z.literal('ack'),
    channel: deviceSocketChannelSchema,
    seq: z.number().int().nonnegative().nullable(),
    outcome: ackOutcomeSchema,
    reason: z.string().max(100).optional(),
  }),
  z.object({ type: z.literal('pong'), id: z.number().int().nonnegative().optional() }),
  z.object({ type: z.literal('error'), code: errorCodeSchema, message: z.string() }),
]);
export type DeviceServerFrame = z.infer<typeof deviceServerFrameSchema>;
