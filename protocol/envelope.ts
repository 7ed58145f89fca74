import { z } from 'zod';

/** Current version of every device message. A breaking change bumps it; the control plane serves both. */
export const SCHEMA_VERSION = 1;

export const deviceIdSchema = z
  .string()
  .regex(/^dev_[a-z0-9]{6,40}$/, 'device ids look like dev_ followed by lowercase letters and digits');

/**
 * The fields every message from a device carries, so the receiver can deduplicate on
 * (deviceId, seq) and see gaps.
 *
 * @example
 * envelopeSchema.parse({ schemaVersion: 1, deviceId: 'dev_abc123', seq: 7, sentAt: new Date().toISOString() })
 */
export const envelopeSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  deviceId: deviceIdSchema,
  seq: z.number().int().nonnegative(),
  sentAt: z.iso.datetime(),
});
export type Envelope = z.infer<typeof envelopeSchema>;

/**
 * Wrap a message body in an envelope schema.
 *
 * @example
 * const presenceSchema = enveloped({ status: z.enum(['online', 'offline']) });
 */
export function enveloped<T extends z.ZodRawShape>(shape: T) {
  return envelopeSchema.extend(shape);
}
