import { z } from 'zod';
import { errorCodeSchema } from './errors.ts';

/**
 * The live feed: a WebSocket on the control plane that pushes change notifications to the console
 * (and, later, carries the browser runtime's frames). Conventions every live socket follows:
 *
 * - The version is the WebSocket subprotocol (`Sec-WebSocket-Protocol`), not a field in each frame:
 *   a breaking change gets a new subprotocol and the server offers both during the switch.
 * - Every frame is one JSON text message with a `type`. The first frame from the client is `auth`;
 *   the token never travels in the URL (URLs end up in logs and histories) and no cookie is used,
 *   so a foreign page cannot ride on the user's session (cross-site WebSocket hijacking).
 * - Frames are parsed with these schemas on both ends; a bad frame is dropped and counted, never a
 *   crash. The server answers one with an `error` frame and closes after too many.
 * - A change says *what* changed, not the new state: the receiver refetches (or patches from the
 *   small `data`), and refetches everything after each `ready`, so nothing missed while
 *   disconnected stays stale.
 */
export const LIVE_PATH = '/v1/live';
export const LIVE_SUBPROTOCOL = 'edgefleet.live.v1';
/** Largest frame either side sends; the server refuses bigger ones at the socket. */
export const LIVE_MAX_FRAME_BYTES = 16 * 1024;

/** Close codes (4000-4999 are for applications, RFC 6455 section 7.4.2). */
export const liveCloseCodes = {
  /** The token is unknown, revoked or expired (also sent when it is revoked while connected). */
  UNAUTHENTICATED: 4401,
  /** The credential may not open this feed (a device credential on the console feed). */
  FORBIDDEN: 4403,
  /** No `auth` frame arrived in time. */
  AUTH_TIMEOUT: 4408,
  /** Too many frames that failed validation. */
  TOO_MANY_BAD_FRAMES: 4400,
  /** The client did not read its frames fast enough; reconnect and refetch. */
  TOO_SLOW: 4429,
  /** The control plane is shutting down. */
  GOING_AWAY: 1001,
} as const;

/**
 * A resource kind whose changes are announced: `device`, `model`, `fleet`, `assignment`, `token`,
 * `audit`; later features add theirs (`rollout`, ...) without a protocol change.
 */
export const liveTopicSchema = z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, 'topics are lowercase words');
export type LiveTopic = z.infer<typeof liveTopicSchema>;

const scalar = z.union([z.string().max(500), z.number(), z.boolean(), z.null()]);

/**
 * One change. `action` is the audit action for admin changes (`model.alias.set`) or what a device
 * reported (`device.presence`, `device.event`); `id` names the resource (device id, model name).
 *
 * @example
 * liveChangeSchema.parse({ topic: 'device', action: 'device.presence', id: 'dev_abc123',
 *   at: '2026-01-01T00:00:00.000Z', data: { presence: 'online' } })
 */
export const liveChangeSchema = z.object({
  topic: liveTopicSchema,
  action: z.string().min(1).max(100),
  id: z.string().max(200).optional(),
  at: z.iso.datetime(),
  /** A few scalars a receiver can patch with (presence, event type), never a whole resource. */
  data: z.record(z.string(), scalar).optional(),
});
export type LiveChange = z.infer<typeof liveChangeSchema>;

/** Client -> server. */
export const liveClientFrameSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('auth'), token: z.string().min(1).max(512) }),
  /** Only these topics from now on; an empty list means every topic (the default). */
  z.object({ type: z.literal('subscribe'), topics: z.array(liveTopicSchema).max(64) }),
  z.object({ type: z.literal('ping'), id: z.number().int().nonnegative().optional() }),
]);
export type LiveClientFrame = z.infer<typeof liveClientFrameSchema>;

/** Server -> client. */
export const liveServerFrameSchema = z.discriminatedUnion('type', [
  /** Authenticated. `role` lets the console disable what the token may not do. */
  z.object({ type: z.literal('ready'), role: z.enum(['admin', 'viewer']), tokenId: z.string(), heartbeatSeconds: z.number().int().positive() }),
  z.object({ type: z.literal('change'), change: liveChangeSchema }),
  z.object({ type: z.literal('pong'), id: z.number().int().nonnegative().optional() }),
  /** A frame was refused (bad frame, bad token); a close frame may follow. */
  z.object({ type: z.literal('error'), code: errorCodeSchema, message: z.string() }),
]);
export type LiveServerFrame = z.infer<typeof liveServerFrameSchema>;

/**
 * Parse one text frame, or null when it is not JSON or not a valid frame.
 *
 * @example
 * parseLiveFrame(liveClientFrameSchema, '{"type":"ping"}') // { type: 'ping' }
 */
export function parseLiveFrame<T extends z.ZodType>(schema: T, text: string): z.infer<T> | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? parsed.data : null;
}
