/**
 * Which LoadedModel serves each model name. Per name it keeps the active version and the one before
 * it (kept loaded for a quick rollback and for clients that pin /versions/{v}). activate() swaps in
 * one synchronous step: a request holds a lease on the entry it started with, so requests in flight
 * finish on the old session and new ones go to the new one; an entry that drops out is disposed when
 * its last lease is released.
 */
import { createBatcher, isBatchable, type Batcher, type BatchStats } from './batcher.ts';
import type { Feeds, LoadedModel, Tensor } from './engine.ts';
import type { SchedulerClock } from './scheduler-clock.ts';

export interface BatchingConfig {
  maxBatchSize: number;
  maxQueueDelayMicroseconds: number;
}

export interface ActivateOptions {
  /** Dynamic batching; ignored (and reported) when the model's first dims are not all dynamic. */
  batching?: BatchingConfig;
  /** Variant label for metrics, e.g. "int8" or "fp32". */
  variant?: string;
  /** Waiting requests before 503; defaults to the registry's. */
  maxQueueSize?: number;
}

export interface ActivationResult {
  batching: boolean;
  /** Why requested batching is off. */
  batchingDisabledReason?: string;
}

export interface ModelLease {
  readonly name: string;
  readonly version: string;
  readonly model: LoadedModel;
  readonly batching: boolean;
  run(feeds: Feeds, outputNames?: readonly string[]): Promise<Record<string, Tensor>>;
  /** Idempotent. */
  release(): void;
}

export interface ModelDescription {
  name: string;
  activeVersion: string;
  /** Loaded versions, active first. */
  versions: string[];
}

export interface RegistryObserver {
  /** Also fired by rollback() (with `rollback: true`, no new load). */
  onActivate?(event: {
    name: string;
    version: string;
    previous?: string;
    model: LoadedModel;
    variant: string;
    batching: boolean;
    rollback: boolean;
  }): void;
  onUnload?(event: { name: string }): void;
  onBatch?(event: { name: string; version: string } & BatchStats): void;
  onDisposed?(event: { name: string; version: string }): void;
  onError?(error: unknown): void;
}

export interface ModelRegistryOptions {
  /** Keep the previous version loaded after activate() (default true). */
  keepPrevious?: boolean;
  maxQueueSize?: number;
  retryAfterSeconds?: number;
  clock?: SchedulerClock;
  observer?: RegistryObserver;
}

interface Entry {
  name: string;
  version: string;
  model: LoadedModel;
  runner: Batcher;
  batching: boolean;
  variant: string;
  leases: number;
  retired: boolean;
  disposing: boolean;
  /** Settles after dispose(), i.e. after the last lease was released. */
  disposed: Promise<void>;
  markDisposed: () => void;
}

interface Slot {
  active: Entry;
  previous?: Entry;
}

export interface ModelRegistry {
  activate(name: string, version: string, model: LoadedModel, options?: ActivateOptions): ActivationResult;
  /** Makes the previous version active again; false when there is none. */
  rollback(name: string): boolean;
  /** Active version when `version` is omitted; undefined when not loaded. */
  acquire(name: string, version?: string): ModelLease | undefined;
  describe(name: string): ModelDescription | undefined;
  list(): ModelDescription[];
  unload(name: string): Promise<void>;
  /** Retires everything and waits for in-flight requests and disposal. */
  close(): Promise<void>;
}

export function createModelRegistry(options: ModelRegistryOptions = {}): ModelRegistry {
  const keepPrevious = options.keepPrevious ?? true;
  const observer = options.observer ?? {};
  const slots = new Map<string, Slot>();

  const retire = (entry: Entry | undefined): Promise<void> => {
    if (!entry) return Promise.resolve();
    entry.retired = true;
    maybeDispose(entry);
    return entry.disposed;
  };

  const maybeDispose = (entry: Entry): void => {
    if (!entry.retired || entry.leases > 0 || entry.disposing) return;
    entry.disposing = true;
    void (async () => {
      try {
        await entry.runner.close();
        await entry.model.dispose();
        observer.onDisposed?.({ name: entry.name, version: entry.version });
      } catch (error) {
        observer.onError?.(error);
      } finally {
        entry.markDisposed();
      }
    })();
  };

  const makeEntry = (name: string, version: string, model: LoadedModel, opts: ActivateOptions): Entry => {
    const canBatch = isBatchable(model.inputs, model.outputs);
    const batching = Boolean(opts.batching && opts.batching.maxBatchSize > 1 && canBatch);
    const runner = createBatcher({
      modelName: name,
      runner: model,
      maxBatchSize: batching ? (opts.batching as BatchingConfig).maxBatchSize : 1,
      maxQueueDelayMicroseconds: batching ? (opts.batching as BatchingConfig).maxQueueDelayMicroseconds : 0,
      maxQueueSize: opts.maxQueueSize ?? options.maxQueueSize ?? 256,
      ...(options.retryAfterSeconds !== undefined ? { retryAfterSeconds: options.retryAfterSeconds } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
      onBatch: (stats) => observer.onBatch?.({ name, version, ...stats }),
    });
    let markDisposed = () => {};
    const disposed = new Promise<void>((resolve) => {
      markDisposed = resolve;
    });
    const variant = opts.variant ?? 'default';
    return { name, version, model, runner, batching, variant, leases: 0, retired: false, disposing: false, disposed, markDisposed };
  };

  const describe = (name: string): ModelDescription | undefined => {
    const slot = slots.get(name);
    if (!slot) return undefined;
    const versions = [slot.active.version];
    if (slot.previous && slot.previous.version !== slot.active.version) versions.push(slot.previous.version);
    return { name, activeVersion: slot.active.version, versions };
  };

  return {
    activate(name, version, model, opts = {}) {
      const entry = makeEntry(name, version, model, opts);
      const slot = slots.get(name);
      const previous = slot?.active.version;
      if (!slot) {
        slots.set(name, { active: entry });
      } else {
        const old = slot.active;
        slot.active = entry;
        if (old.version === version) {
          // A fresh load of the active version replaces it; the previous version stays for rollback.
          void retire(old);
        } else {
          const displaced = slot.previous;
          slot.previous = keepPrevious ? old : undefined;
          if (!keepPrevious) void retire(old);
          // The version before last drops out (drained first, see retire).
          void retire(displaced);
        }
      }
      observer.onActivate?.({
        name,
        version,
        ...(previous !== undefined ? { previous } : {}),
        model,
        variant: entry.variant,
        batching: entry.batching,
        rollback: false,
      });
      if (opts.batching && !entry.batching) {
        const reason = opts.batching.maxBatchSize <= 1
          ? 'maxBatchSize is 1'
          : 'the first dimension is not dynamic on every input and output';
        return { batching: false, batchingDisabledReason: reason };
      }
      return { batching: entry.batching };
    },
    rollback(name) {
      const slot = slots.get(name);
      if (!slot?.previous) return false;
      [slot.active, slot.previous] = [slot.previous, slot.active];
      const { active } = slot;
      observer.onActivate?.({
        name,
        version: active.version,
        previous: slot.previous.version,
        model: active.model,
        variant: active.variant,
        batching: active.batching,
        rollback: true,
      });
      return true;
    },
    acquire(name, version) {
      const slot = slots.get(name);
      if (!slot) return undefined;
      const entry = version === undefined || slot.active.version === version ? slot.active : slot.previous?.version === version ? slot.previous : undefined;
      if (!entry) return undefined;
      entry.leases++;
      let released = false;
      return {
        name,
        version: entry.version,
        model: entry.model,
        batching: entry.batching,
        run: (feeds, outputNames) => entry.runner.submit(feeds, outputNames),
        release() {
          if (released) return;
          released = true;
          entry.leases--;
          maybeDispose(entry);
        },
      };
    },
    describe,
    list: () => [...slots.keys()].map((name) => describe(name) as ModelDescription),
    async unload(name) {
      const slot = slots.get(name);
      if (!slot) return;
      slots.delete(name);
      observer.onUnload?.({ name });
      await Promise.all([retire(slot.active), retire(slot.previous)]);
    },
    async close() {
      await Promise.all([...slots.keys()].map((name) => this.unload(name)));
    },
  };
}
