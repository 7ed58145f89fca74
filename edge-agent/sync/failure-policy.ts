/**
 * What a failed attempt at a desired version means for the next attempt. Transient failures (the
 * network, a download cut short, a byte flipped in transit, a full cache) are retried with backoff
 * under the same desired revision; a bad signature, a manifest that contradicts its entry, a model
 * that does not load and a local revert are final for that revision: only a new desired revision
 * makes the agent try that version again.
 */
import { EdgefleetError } from '../../protocol/index.ts';
import { ArtifactRejectedError } from './artifact-errors.ts';
import { CacheFullError } from './artifact-cache.ts';
import type { Failure, FailureKind } from './sync-state-store.ts';

export interface RetryPolicy {
  initialMs: number;
  maxMs: number;
}

export interface ClassifiedFailure {
  kind: FailureKind;
  /** False: blocked until the desired revision changes. */
  retryable: boolean;
  message: string;
}

export function classifyFailure(error: unknown): ClassifiedFailure {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof ArtifactRejectedError) {
    return { kind: 'rejected', retryable: error.reason === 'sha256' || error.reason === 'size', message };
  }
  // Download errors (DownloadFailedError, UNAVAILABLE) and a cache too full for now.
  if (error instanceof CacheFullError || error instanceof EdgefleetError) return { kind: 'download', retryable: true, message };
  // ModelLoadError, a failed warm-up, or anything unexpected while loading: the same bytes would fail again.
  return { kind: 'load_failed', retryable: false, message };
}

/** The failure record after one more failed attempt (attempts count per version and sha256). */
export function nextFailure(
  previous: Failure | undefined,
  entry: { name: string; version: string; sha256: string; revision: number },
  failure: ClassifiedFailure,
  now: number,
  policy: RetryPolicy,
): Failure {
  const attempts = previous && previous.sha256 === entry.sha256 ? previous.attempts + 1 : 1;
  const delay = Math.min(policy.maxMs, policy.initialMs * 2 ** (attempts - 1));
  return { ...entry, kind: failure.kind, reason: failure.message.slice(0, 500), attempts, retryAt: failure.retryable ? now + delay : null };
}

/** True while `failure` says not to try this sha256 again yet under this revision. */
export function isBlocked(failure: Failure | undefined, sha256: string, revision: number, now: number): boolean {
  if (!failure || failure.sha256 !== sha256 || failure.revision !== revision) return false;
  return failure.retryAt === null || failure.retryAt > now;
}
