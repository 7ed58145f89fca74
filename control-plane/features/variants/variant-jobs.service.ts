/**
 * The queue of variant jobs and the one worker that runs them. One job at a time, gate sessions on
 * one thread (see services.ts): building variants must not starve the API or ingest on a small box.
 * Jobs are rows, so a crash loses nothing: `start()` queues again what was building.
 */
import { EdgefleetError, type Variant } from '../../../protocol/index.ts';
import type { Clock } from '../../clock.ts';
import type { RunInTransaction } from '../../db/transaction.ts';
import { JobAborted, runVariantJob } from './variant-job.ts';
import type { GateRuntime, GatedVariant, JobLogger, VariantCatalog } from './variant-ports.ts';
import { DEFAULT_GATE, type JobKind, type VariantJob } from './variant-schemas.ts';
import type { VariantJobsStore } from './variant-jobs.store.ts';
import type { VariantSettingsStore } from './variant-settings.store.ts';

/** The variants a push of an FP32 version builds. */
export const BUILT_VARIANTS: readonly GatedVariant[] = ['int8', 'fp16'];

export interface VariantJobsService {
  /** Queue int8 and fp16 builds of a new FP32 version. Call inside the push's transaction. */
  enqueueBuild(name: string, version: string): void;
  /** Queue a gate of stored variants (pushed from elsewhere, or re-gated); merges into a queued gate job. */
  enqueueGate(name: string, version: string, variants: readonly Variant[]): void;
  /**
   * Gate again every variant the version has beyond fp32, e.g. after its evaluation set or the
   * model's gate changed. A build still to finish gets its variants re-gated too, in case it had
   * already read the old settings.
   */
  regate(name: string, version: string): void;
  /** The version is being deleted (inside that transaction): fail its unfinished jobs. */
  forgetVersion(name: string, version: string): void;
  /** Jobs of a version, oldest first; NOT_FOUND for an unknown version. */
  list(name: string, version: string): VariantJob[];
  /** Queue again the jobs a dead process left building, then work through the queue. */
  start(logger?: JobLogger): void;
  /** Stop after the current gate run; an unfinished job goes back to the queue. */
  stop(): Promise<void>;
  /** Resolves once the queue is empty and nothing runs (immediately when not started). */
  idle(): Promise<void>;
}

export interface VariantJobsDeps {
  store: VariantJobsStore;
  settings: VariantSettingsStore;
  catalog: VariantCatalog;
  runtime: GateRuntime;
  clock: Clock;
  tx: RunInTransaction;
  /** Generated gate inputs when a version has no evaluation set; default 200. */
  samples?: number;
  /** A job cut short this many times (a model that kills the process?) is failed, not retried; default 3. */
  maxAttempts?: number;
}

const silent: JobLogger = { info: () => {}, warn: () => {}, error: () => {} };

export function createVariantJobsService(deps: VariantJobsDeps): VariantJobsService {
  const { store, clock, tx } = deps;
  const now = () => clock.now().toISOString();
  let logger = silent;
  let started = false;
  let stopping = false;
  let current: Promise<void> | undefined;

  // Called from inside a transaction: the job row commits with the push, the worker looks after it.
  const kickSoon = () => void setImmediate(kick);

  function kick(): void {
    if (!started || stopping || current) return;
    current = drain()
      .catch((err: unknown) => logger.error({ err }, 'variant job queue failed; it resumes with the next push or start'))
      .finally(() => {
        current = undefined;
      });
  }

  async function drain(): Promise<void> {
    while (!stopping) {
      const job = tx(() => store.claimNext(now()));
      if (!job) return;
      await execute(job);
      await new Promise((resolve) => setImmediate(resolve)); // let requests in between jobs
    }
  }

  async function execute(job: VariantJob): Promise<void> {
    const log = { job: job.id, model: `${job.name}:${job.version}`, kind: job.kind, variants: job.variants, attempt: job.attempts };
    logger.info(log, 'variant job started');
    let lastProgress = -1;
    try {
      await runVariantJob({
        job, catalog: deps.catalog, runtime: deps.runtime, samples: deps.samples ?? 200,
        gate: deps.settings.getGate(job.name) ?? DEFAULT_GATE,
        evaluationSet: deps.settings.getEvaluationSet(job.name, job.version),
        progress(fraction, step) {
          // Every ~5% only: progress is for people watching, not worth a write per inference.
          if (fraction - lastProgress < 0.05 && fraction < 1) return;
          lastProgress = fraction;
          store.setProgress(job.id, Math.min(1, fraction), step);
        },
        record: (variant, outcome) => tx(() => store.setResult(job.id, variant, outcome)),
        aborted: () => stopping,
        now: () => clock.now(),
      });
      tx(() => store.finish(job.id, 'done', now()));
      logger.info({ ...log, results: store.get(job.id)?.results }, 'variant job done');
    } catch (err) {
      if (err instanceof JobAborted) {
        store.release(job.id);
        logger.info(log, 'variant job put back in the queue: the control plane is stopping');
        return;
      }
      tx(() => store.finish(job.id, 'failed', now(), (err as Error).message ?? String(err)));
      logger.error({ ...log, err }, 'variant job failed');
    }
  }

  function enqueue(name: string, version: string, kind: JobKind, variants: readonly Variant[]): void {
    const queued = kind === 'gate' ? store.findQueued(name, version, kind) : undefined;
    if (queued) store.setVariants(queued.id, [...new Set([...queued.variants, ...variants])]);
    else store.insert({ name, version, kind, variants: [...variants], createdAt: now() });
    kickSoon();
  }

  return {
    enqueueBuild: (name, version) => enqueue(name, version, 'build', BUILT_VARIANTS),
    enqueueGate: (name, version, variants) => {
      const gated = variants.filter((v) => v !== 'fp32');
      if (gated.length > 0) enqueue(name, version, 'gate', gated);
    },
    regate(name, version) {
      const existing = deps.catalog.version(name, version)?.variants.map((v) => v.variant) ?? [];
      const building = store.list(name, version).some((j) => j.kind === 'build' && (j.status === 'queued' || j.status === 'building'));
      const variants = [...existing, ...(building ? BUILT_VARIANTS : [])].filter((v) => v !== 'fp32');
      if (variants.length > 0) enqueue(name, version, 'gate', variants);
    },
    forgetVersion: (name, version) => store.cancelForVersion(name, version, now()),
    list(name, version) {
      if (!deps.catalog.version(name, version)) throw new EdgefleetError('NOT_FOUND', `no version ${name}:${version}`);
      return store.list(name, version);
    },
    start(log) {
      if (started) return;
      logger = log ?? silent;
      const recovered = tx(() => store.recoverUnfinished(deps.maxAttempts ?? 3, now()));
      if (recovered.requeued + recovered.abandoned > 0) logger.warn(recovered, 'variant jobs interrupted by a stop were queued again');
      started = true;
      kick();
    },
    async stop() {
      stopping = true;
      await current;
    },
    async idle() {
      for (;;) {
        if (current) {
          await current;
          continue;
        }
        if (!started || stopping || store.queued() === 0) return;
        kick();
        if (!current) await new Promise((resolve) => setImmediate(resolve));
      }
    },
  };
}
