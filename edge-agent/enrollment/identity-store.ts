import { z } from 'zod';
import { describeZodError, deviceIdSchema, EdgefleetError, signingKeySchema } from '../../protocol/index.ts';
import { readJsonFile, writeFileAtomic } from '../util/atomic-file.ts';

/**
 * What enrollment leaves on disk: who this device is, its secret, and the control plane's signing
 * key pinned at that moment. Every later start reuses it; nothing in it is ever fetched again.
 */
export const identitySchema = z.object({
  schemaVersion: z.literal(1),
  deviceId: deviceIdSchema,
  credential: z.string().min(1),
  signingKey: signingKeySchema,
  mqtt: z.object({ port: z.number().int(), topicPrefix: z.string() }),
  controlPlaneUrl: z.string(),
  enrolledAt: z.iso.datetime(),
});
export type Identity = z.infer<typeof identitySchema>;

export function loadIdentity(path: string): Identity | undefined {
  let raw: unknown;
  try {
    raw = readJsonFile(path);
  } catch (cause) {
    throw new EdgefleetError('INVALID_CONFIG', `cannot read ${path}: ${(cause as Error).message}`, { cause });
  }
  if (raw === undefined) return undefined;
  const parsed = identitySchema.safeParse(raw);
  // A damaged identity is an error, not a reason to enroll again: a second device would appear.
  if (!parsed.success) throw new EdgefleetError('INVALID_CONFIG', `${path} is damaged: ${describeZodError(parsed.error)}; restore it or delete it to enroll again`);
  return parsed.data;
}

/** Mode 0600: the credential is a bearer secret. */
export function saveIdentity(path: string, identity: Identity): void {
  writeFileAtomic(path, `${JSON.stringify(identity, null, 2)}\n`, 0o600);
}
