import {
  describeZodError,
  EdgefleetError,
  enrollResponseSchema,
  errorBodySchema,
  type Capabilities,
  type EnrollRequest,
  type Labels,
} from '../../protocol/index.ts';
import type { Logger } from '../logger.ts';
import { createBackoff } from '../util/backoff.ts';
import { sleep, type Timers } from '../util/timers.ts';
import { loadIdentity, saveIdentity, type Identity } from './identity-store.ts';

export interface EnsureIdentityOptions {
  identityFile: string;
  controlPlaneUrl: string | undefined;
  enrollToken: string | undefined;
  name: string;
  labels: Labels;
  capabilities: () => Promise<Capabilities>;
  fetch: typeof fetch;
  timers: Timers;
  logger: Logger;
  /** Give up on an unreachable control plane after this long (default 60 s). */
  retryForMs?: number;
}

/**
 * The identity on disk, or enroll once to get one. Unreachable control planes and 5xx are retried
 * with backoff; a refused token is final (retrying would not make it valid).
 */
export async function ensureIdentity(options: EnsureIdentityOptions): Promise<{ identity: Identity; enrolled: boolean }> {
  const existing = loadIdentity(options.identityFile);
  if (existing) {
    if (options.controlPlaneUrl && stripSlash(options.controlPlaneUrl) !== existing.controlPlaneUrl) {
      options.logger.warn({ configured: options.controlPlaneUrl, enrolledWith: existing.controlPlaneUrl }, 'control plane URL differs from the one this device enrolled with; using the configured one');
    }
    return { identity: existing, enrolled: false };
  }
  if (!options.controlPlaneUrl || !options.enrollToken) {
    throw new EdgefleetError('INVALID_CONFIG', 'this agent is not enrolled yet: set the control plane URL and an enrollment token (EDGEFLEET_CONTROL_PLANE, EDGEFLEET_ENROLL_TOKEN)');
  }
  const base = stripSlash(options.controlPlaneUrl);
  const body: EnrollRequest = { token: options.enrollToken, name: options.name, labels: options.labels, capabilities: await options.capabilities() };
  const backoff = createBackoff({ initialMs: 500, maxMs: 10_000 });
  const deadline = options.timers.now() + (options.retryForMs ?? 60_000);
  for (;;) {
    try {
      const response = await enrollOnce(options.fetch, base, body);
      const identity: Identity = {
        schemaVersion: 1,
        deviceId: response.deviceId,
        credential: response.credential,
        signingKey: response.signingKey,
        mqtt: response.mqtt,
        controlPlaneUrl: base,
        enrolledAt: new Date(options.timers.now()).toISOString(),
      };
      saveIdentity(options.identityFile, identity);
      options.logger.info({ deviceId: identity.deviceId, keyId: identity.signingKey.keyId }, 'enrolled; signing key pinned');
      return { identity, enrolled: true };
    } catch (error) {
      if (error instanceof EdgefleetError && error.code !== 'UNAVAILABLE') throw error;
      if (options.timers.now() >= deadline) throw error;
      const delay = backoff.next();
      options.logger.warn({ err: (error as Error).message, retryInMs: delay }, 'enrollment failed; retrying');
      await sleep(options.timers, delay);
    }
  }
}

async function enrollOnce(fetchFn: typeof fetch, base: string, body: EnrollRequest) {
  let response: Response;
  try {
    response = await fetchFn(`${base}/v1/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
  } catch (cause) {
    throw new EdgefleetError('UNAVAILABLE', `control plane ${base} is unreachable: ${(cause as Error).message}`, { cause });
  }
  const json: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const parsed = errorBodySchema.safeParse(json);
    const message = parsed.success ? parsed.data.error.message : `HTTP ${response.status}`;
    const code = response.status >= 500 ? 'UNAVAILABLE' : parsed.success ? parsed.data.error.code : 'UNAUTHENTICATED';
    throw new EdgefleetError(code, `enrollment refused: ${message}`);
  }
  const parsed = enrollResponseSchema.safeParse(json);
  if (!parsed.success) throw new EdgefleetError('VALIDATION_FAILED', `enrollment response is malformed: ${describeZodError(parsed.error)}`);
  return parsed.data;
}

export function stripSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
