/**
 * Labels and business events from the app on the device. A label joins its prediction through the
 * request id (the memory of recent predictions) and is counted in the window of that prediction's
 * model, version, variant and arm; a business event goes to the window of its prediction, or of the
 * model it names. Knows nothing of HTTP: failures are `FeedbackError`s with the status to answer.
 */
import type { WindowIdentity } from '../stats/window-store.ts';
import type { StatsCollector } from '../stats/stats-collector.ts';
import type { PredictionMemory } from './prediction-memory.ts';

export type FeedbackStatus = 400 | 404 | 409;

/** A refusal with the HTTP status the route answers with and a message for the app developer. */
export class FeedbackError extends Error {
  readonly status: FeedbackStatus;
  constructor(status: FeedbackStatus, message: string) {
    super(message);
    this.name = 'FeedbackError';
    this.status = status;
  }
}

export interface FeedbackInput {
  requestId: string;
  /** Row of a batched request (default 0). */
  row?: number;
  /** A class (name or index) for classification... */
  label?: string | number;
  /** ...or the true value for regression. */
  value?: number;
}

export interface BusinessEventInput {
  requestId?: string;
  model?: string;
  name: string;
  value?: number;
}

export interface FeedbackServiceOptions {
  memory: PredictionMemory;
  stats: Pick<StatsCollector, 'recordFeedback' | 'recordEvent'>;
  identityOf: (model: string, version: string) => WindowIdentity;
  /** Active version of a loaded model; undefined when it is not loaded. */
  activeVersion: (model: string) => string | undefined;
  /** Models loaded now (an event naming neither request nor model goes to the only one). */
  loadedModels: () => string[];
  /** For messages: what the memory keeps. */
  limits: { maxEntries: number; ttlMs: number };
}

export interface FeedbackService {
  feedback(input: FeedbackInput): WindowIdentity;
  event(input: BusinessEventInput): WindowIdentity;
}

export function createFeedbackService(options: FeedbackServiceOptions): FeedbackService {
  const { memory, stats } = options;

  const remembered = (requestId: string) => {
    const found = memory.lookup(requestId);
    if (found.found) return found.entry;
    const why =
      found.reason === 'expired'
        ? `its prediction is older than ${Math.round(options.limits.ttlMs / 1000)} s`
        : `no prediction with that id among the last ${Math.ceil(options.limits.maxEntries / 2)} to ${options.limits.maxEntries} requests`;
    throw new FeedbackError(404, `unknown or expired requestId '${requestId}': ${why}`);
  };

  const identityForModel = (model: string): WindowIdentity => {
    const version = options.activeVersion(model);
    if (version === undefined) throw new FeedbackError(404, `model '${model}' is not loaded on this device`);
    return options.identityOf(model, version);
  };

  return {
    feedback(input) {
      const entry = remembered(input.requestId);
      const row = input.row ?? 0;
      if (row >= entry.record.rows.length) {
        throw new FeedbackError(400, `row ${row} is out of range: request '${input.requestId}' had ${entry.record.rows.length} row(s)`);
      }
      if (entry.labelled?.has(row)) {
        throw new FeedbackError(409, `request '${input.requestId}'${entry.record.rows.length > 1 ? ` row ${row}` : ''} already has feedback`);
      }
      const label = (input.label ?? input.value) as string | number;
      (entry.labelled ??= new Map()).set(row, label);
      stats.recordFeedback(entry.record, row, label);
      // The candidate's shadow answer to the same request is judged against the same label.
      if (entry.shadow) stats.recordFeedback(entry.shadow, row, label);
      return entry.record.identity;
    },
    event(input) {
      let identity: WindowIdentity;
      if (input.requestId !== undefined) identity = remembered(input.requestId).record.identity;
      else if (input.model !== undefined) identity = identityForModel(input.model);
      else {
        const loaded = options.loadedModels();
        if (loaded.length !== 1) {
          throw new FeedbackError(400, `name the model or a requestId: this device serves ${loaded.length === 0 ? 'no model' : loaded.join(', ')}`);
        }
        identity = identityForModel(loaded[0]!);
      }
      stats.recordEvent(identity, { name: input.name, ...(input.value !== undefined ? { value: input.value } : {}) });
      return identity;
    },
  };
}
