/**
 * Runs a rollout's candidate on the inputs of requests the baseline already answered, in the
 * device's spare time only. onnxruntime-node runs a session synchronously on the main thread, so a
 * shadow that runs while a request is being served makes that request wait for it, and every
 * shadow adds load that lengthens the served requests' queueing. Hence: a shadow never starts
 * before its answer is handed to the socket (next turn of the event loop), starts only once no
 * served request has started or finished for `quietMs`, runs one at a time, and all shadows
 * together may use at most `maxShare` of wall-clock time (a token bucket on their measured run
 * time). They wait in a bounded queue; one that finds the queue full or waited past `maxWaitMs` is
 * dropped and counted. A busy device therefore loses shadow coverage (visible in the metrics, and
 * as a sample ratio mismatch in a shadow step) rather than served latency. bench/shadow.ts
 * measures both.
 */
import type { InferenceError } from '../inference/errors.ts';
import { errorMessage, InferenceError as BaseInferenceError, InferenceFailedError } from '../inference/errors.ts';
import type { Feeds, TensorMetadata } from '../inference/engine.ts';
import type { ServedRequest } from '../inference/inference.service.ts';
import type { ModelLease } from '../inference/model-registry.ts';
import { compareOutputs, DEFAULT_TOLERANCE, type ShadowOutcome, type Tolerance } from './shadow-compare.ts';

export interface ShadowRunnerOptions {
  /** Every finished shadow, compared or failed; must not throw. */
  onResult(outcome: ShadowOutcome): void;
  /** Shadows waiting to run before new ones are dropped (default 64). */
  maxQueue?: number;
  /** Shadows running at once (default 1). */
  concurrency?: number;
  tolerance?: Tolerance;
  /** Idle time (no served request started or finished) a shadow waits for; default 1 ms, 0: none. */
  quietMs?: number;
  /** A shadow still waiting after this long is dropped as stale (default 1000 ms). */
  maxWaitMs?: number;
  /** Share of wall-clock time all shadows may spend running (default 0.05); 1 lifts the cap. */
  maxShare?: number;
  /** Defers work past the current turn (default setImmediate). */
  schedule?: (fn: () => void) => void;
  /** Waits for quiet (default an unref'd setTimeout). */
  delay?: (fn: () => void, ms: number) => void;
  now?: () => number;
  onDropped?: (model: string) => void;
}

export interface ShadowRunnerStatus {
  queued: number;
  running: number;
  compared: number;
  failed: number;
  dropped: number;
}

export interface ShadowRunner {
  /** Queue a shadow on `lease` (the runner releases it); false when it was dropped. */
  submit(request: ServedRequest, lease: ModelLease): boolean;
  /** A served request started or finished: shadows wait for quiet. */
  activity(): void;
  status(): ShadowRunnerStatus;
  /** Drop what waits (counted) and wait for what runs. */
  close(): Promise<void>;
}

interface Job {
  request: ServedRequest;
  lease: ModelLease;
  queuedAt: number;
}

/** Run time shadows may spend in one go after a quiet spell (the token bucket's depth). */
const BURST_MS = 20;

export function createShadowRunner(options: ShadowRunnerOptions): ShadowRunner {
  const maxQueue = options.maxQueue ?? 64;
  const concurrency = Math.max(1, options.concurrency ?? 1);
  const tolerance = options.tolerance ?? DEFAULT_TOLERANCE;
  const schedule = options.schedule ?? ((fn: () => void) => void setImmediate(fn));
  const delay = options.delay ?? ((fn: () => void, ms: number) => void setTimeout(fn, ms).unref());
  const now = options.now ?? (() => performance.now());
  const quietMs = options.quietMs ?? 1;
  const maxWaitMs = options.maxWaitMs ?? 1000;
  const maxShare = Math.min(1, Math.max(0.001, options.maxShare ?? 0.05));
  let lastActivity = -Infinity;
  // Token bucket of shadow run time: refills at maxShare ms per ms, holds at most BURST_MS.
  let allowance = BURST_MS;
  let refilledAt = now();
  const queue: Job[] = [];
  const inFlight = new Set<Promise<void>>();
  const counts = { compared: 0, failed: 0, dropped: 0 };
  let pumping = false;
  let closed = false;

  const drop = (job: Job): void => {
    job.lease.release();
    counts.dropped++;
    options.onDropped?.(job.request.model);
  };

  const deliver = (outcome: ShadowOutcome): void => {
    try {
      options.onResult(outcome);
    } catch {
      // Reporting a shadow must not stop the runner.
    }
  };

  async function run(job: Job): Promise<void> {
    const { request, lease } = job;
    const started = now();
    try {
      if (!fitsInputs(request.inputs, lease.model.inputs)) {
        throw new InferenceFailedError(`the candidate ${request.model}:${lease.version} takes other inputs than the served version`);
      }
      const outputs = await lease.run(request.inputs, request.outputNames);
      const runMs = now() - started;
      allowance -= runMs;
      counts.compared++;
      deliver({ served: request, version: lease.version, runMs, outputs, rows: compareOutputs(request.outputs, outputs, tolerance) });
    } catch (caught) {
      const error: InferenceError = caught instanceof BaseInferenceError ? caught : new InferenceFailedError(errorMessage(caught), caught);
      counts.failed++;
      const runMs = now() - started;
      allowance -= runMs;
      deliver({ served: request, version: lease.version, runMs, error, rows: [] });
    } finally {
      lease.release();
    }
  }

  const start = (job: Job): void => {
    const done: Promise<void> = run(job).finally(() => {
      inFlight.delete(done);
      if (queue.length > 0 && !closed) wake();
    });
    inFlight.add(done);
  };

  const pump = (): void => {
    pumping = false;
    const at = now();
    while (queue.length > 0 && at - queue[0]!.queuedAt > maxWaitMs) drop(queue.shift() as Job);
    allowance = Math.min(BURST_MS, allowance + (at - refilledAt) * maxShare);
    refilledAt = at;
    while (inFlight.size < concurrency && queue.length > 0) {
      const wait = Math.max(quietMs - (now() - lastActivity), -allowance / maxShare);
      if (wait > 0) {
        pumping = true;
        delay(() => schedule(pump), Math.max(1, wait));
        return;
      }
      start(queue.shift() as Job);
    }
  };

  const wake = (): void => {
    if (pumping) return;
    pumping = true;
    schedule(pump);
  };

  return {
    submit(request, lease) {
      const job = { request, lease, queuedAt: now() };
      if (closed || queue.length >= maxQueue) {
        drop(job);
        return false;
      }
      queue.push(job);
      wake();
      return true;
    },
    activity() {
      lastActivity = now();
    },
    status: () => ({ queued: queue.length, running: inFlight.size, ...counts }),
    async close() {
      closed = true;
      for (const job of queue.splice(0)) drop(job);
      await Promise.all([...inFlight]);
    },
  };
}

/** Do tensors decoded for the served version fit the candidate's inputs (names, datatypes, fixed dims)? */
export function fitsInputs(feeds: Feeds, inputs: readonly TensorMetadata[]): boolean {
  if (Object.keys(feeds).length !== inputs.length) return false;
  return inputs.every((m) => {
    const t = feeds[m.name];
    return t !== undefined && t.datatype === m.datatype && t.shape.length === m.shape.length && m.shape.every((d, i) => d < 0 || d === t.shape[i]);
  });
}
