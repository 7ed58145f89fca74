import {
  enrollResponseSchema,
  signingKeySchema,
  type Capabilities,
  type Labels,
  type SigningKey,
} from '../protocol/index.ts';
import { z } from 'zod';
import type { RuntimeStore } from './storage/runtime-store.ts';

/** What enrollment leaves in the browser: who this device is and the signing key it pinned. */
export interface Identity {
  deviceId: string;
  credential: string;
  signingKey: SigningKey;
  labels: Labels;
  enrolledAt: string;
}

const identitySchema = z.object({
  deviceId: z.string(),
  credential: z.string(),
  signingKey: signingKeySchema,
  labels: z.record(z.string(), z.string()),
  enrolledAt: z.string(),
});

const IDENTITY_KEY = 'identity';

export class EnrollmentError extends Error {
  constructor(message: string, readonly status?: number) {
    super(message);
    this.name = 'EnrollmentError';
  }
}

export interface EnrollOptions {
  baseUrl: string;
  enrollToken?: string;
  name: string;
  labels: Labels;
  capabilities: () => Promise<Capabilities>;
  fetch: typeof fetch;
}

/**
 * The stored identity, or a new one from `POST /v1/enroll`. Enrollment happens once per browser
 * profile and control plane: the credential and the pinned key are kept in IndexedDB and reused on
 * every later visit, so a reload is the same device, not a new one. The key is pinned here and never
 * fetched again: a manifest signed by any other key is refused.
 */
export async function loadOrEnroll(store: RuntimeStore, options: EnrollOptions): Promise<Identity> {
  const stored = identitySchema.safeParse(await store.getMeta(IDENTITY_KEY));
  if (stored.success) return stored.data;
  if (!options.enrollToken) {
    throw new EnrollmentError('this browser is not enrolled yet: pass an enrollment token (enrollToken) to connect()');
  }
  const response = await options.fetch(`${options.baseUrl}/v1/enroll`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: options.enrollToken, name: options.name, labels: options.labels, capabilities: await options.capabilities() }),
  });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const message = (body as { error?: { message?: string } } | null)?.error?.message ?? `HTTP ${response.status}`;
    throw new EnrollmentError(`enrollment refused: ${message}`, response.status);
  }
  const enrolled = enrollResponseSchema.parse(body);
  const identity: Identity = {
    deviceId: enrolled.deviceId, credential: enrolled.credential, signingKey: enrolled.signingKey,
    labels: enrolled.labels, enrolledAt: new Date().toISOString(),
  };
  await store.putMeta(IDENTITY_KEY, identity);
  return identity;
}

/** Forget the identity (the next connect enrolls again, as a new device). */
export function forgetIdentity(store: RuntimeStore): Promise<void> {
  return store.putMeta(IDENTITY_KEY, undefined);
}
