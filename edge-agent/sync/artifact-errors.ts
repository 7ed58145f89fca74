import { EdgefleetError } from '../../protocol/index.ts';
import type { VerificationFailure } from '../metrics.ts';

/**
 * An artifact or manifest the agent refuses to load. `reason` is the metric label and the event's
 * evidence key; `evidence` holds the expected and actual values.
 */
export class ArtifactRejectedError extends EdgefleetError {
  readonly reason: VerificationFailure;
  readonly evidence: Record<string, unknown>;

  constructor(reason: VerificationFailure, message: string, evidence: Record<string, unknown> = {}) {
    super(reason === 'signature' ? 'SIGNATURE_INVALID' : 'INTEGRITY_FAILED', message, { details: { reason, ...evidence } });
    this.name = 'ArtifactRejectedError';
    this.reason = reason;
    this.evidence = evidence;
  }
}

/** A download that failed for a reason that may pass (network, 5xx); retried with backoff. */
export class DownloadFailedError extends EdgefleetError {
  constructor(message: string, options: { cause?: unknown; status?: number } = {}) {
    super('UNAVAILABLE', message, { cause: options.cause, details: { status: options.status } });
    this.name = 'DownloadFailedError';
  }
}
