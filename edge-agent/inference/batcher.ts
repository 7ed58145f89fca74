/**
 * Dynamic batching the way Triton's dynamic batcher does it: requests for one model queue up; a batch
 * is dispatched when the queued samples reach maxBatchSize or the oldest request has waited
 * maxQueueDelayMicroseconds. Requests are concatenated along dim 0, run once and the outputs are
 * split back. One batch runs at a time per model (one instance, as onnxruntime-node runs on the
 * event-loop thread anyway), so requests arriving during a run form the next batch. With
 * maxBatchSize 1 this is a plain bounded FIFO, which every model gets for back-pressure.
 */
import { allocate, type TensorData } from './datatypes.ts';
import type { Feeds, Tensor, TensorMetadata } from './engine.ts';
import { errorMessage, InferenceError, InferenceFailedError, ModelUnavailableError, QueueFullError } from './errors.ts';
import { systemClock, type SchedulerClock } from './scheduler-clock.ts';

export interface BatchRunner {
  run(feeds: Feeds, outputNames?: readonly string[]): Promise<Record<string, Tensor>>;
}

export interface BatchStats {
  requests: number;
  samples: number;
  /** Per request: enqueue to batch start. */
  queueMs: number[];
  computeMs: number;
  failed: boolean;
}

export interface BatcherOptions {
  modelName: string;
  runner: BatchRunner;
  /** Samples per batch; 1 disables concatenation. Only for models where isBatchable() holds. */
  maxBatchSize: number;
  maxQueueDelayMicroseconds: number;
  /** Requests waiting (not running) before submit() rejects with QueueFullError. */
  maxQueueSize: number;
  retryAfterSeconds?: number;
  clock?: SchedulerClock;
  onBatch?: (stats: BatchStats) => void;
}

export interface Batcher {
  submit(feeds: Feeds, outputNames?: readonly string[]): Promise<Record<string, Tensor>>;
  readonly queued: number;
  /** Stops taking requests and resolves once everything queued or running has finished. */
  close(): Promise<void>;
}

interface Pending {
  feeds: Feeds;
  outputNames: readonly string[] | undefined;
  samples: number;
  key: string;
  enqueuedAt: number;
  resolve: (outputs: Record<string, Tensor>) => void;
  reject: (error: unknown) => void;
}

/** Batching needs a dynamic first dimension on every input and output (Triton's max_batch_size rule). */
export function isBatchable(inputs: readonly TensorMetadata[], outputs: readonly TensorMetadata[]): boolean {
  return [...inputs, ...outputs].every((m) => m.shape.length > 0 && m.shape[0] === -1);
}

let soloKeys = 0;

/** Requests can share a batch only when every input agrees on datatype and all non-batch dims. */
function batchKey(feeds: Feeds): { samples: number; key: string } {
  const entries = Object.entries(feeds).sort(([a], [b]) => (a < b ? -1 : 1));
  const samples = entries[0]?.[1].shape[0] ?? 1;
  if (entries.some(([, t]) => t.shape.length === 0 || t.shape[0] !== samples)) {
    return { samples, key: `solo:${soloKeys++}` };
  }
  return { samples, key: entries.map(([n, t]) => `${n}:${t.datatype}:${t.shape.slice(1).join('x')}`).join('|') };
}

function concat(batch: readonly Pending[], total: number): Feeds {
  const feeds: Feeds = {};
  for (const [name, first] of Object.entries((batch[0] as Pending).feeds)) {
    const row = first.data.length / (first.shape[0] as number);
    const data = allocate(first.datatype, total * row);
    let offset = 0;
    for (const p of batch) {
      const part = (p.feeds[name] as Tensor).data;
      if (Array.isArray(data)) for (let i = 0; i < part.length; i++) data[offset + i] = (part as string[])[i] as string;
      else (data as Exclude<TensorData, string[]>).set(part as never, offset);
      offset += part.length;
    }
    feeds[name] = { datatype: first.datatype, shape: [total, ...first.shape.slice(1)], data };
  }
  return feeds;
}

function sliceRows(tensor: Tensor, total: number, start: number, rows: number): Tensor {
  if (tensor.shape[0] !== total) throw new Error(`output has ${tensor.shape[0]} rows for a batch of ${total}`);
  const row = total === 0 ? 0 : tensor.data.length / total;
  const from = start * row;
  const to = (start + rows) * row;
  const data = Array.isArray(tensor.data) ? tensor.data.slice(from, to) : tensor.data.subarray(from, to);
  return { datatype: tensor.datatype, shape: [rows, ...tensor.shape.slice(1)], data };
}

export function createBatcher(options: BatcherOptions): Batcher {
  const { runner, maxBatchSize, maxQueueSize, modelName } = options;
  if (!Number.isInteger(maxBatchSize) || maxBatchSize < 1) throw new RangeError('maxBatchSize must be an integer >= 1');
  const clock = options.clock ?? systemClock;
  const delayMs = Math.max(0, options.maxQueueDelayMicroseconds) / 1000;
  let queue: Pending[] = [];
  let running = false;
  let closed = false;
  let cancelTimer: (() => void) | undefined;
  let drained: (() => void) | undefined;

  const takeBatch = (): Pending[] => {
    const head = queue[0] as Pending;
    if (maxBatchSize === 1) return [head];
    const batch = [head];
    let samples = head.samples;
    for (let i = 1; i < queue.length && samples < maxBatchSize; i++) {
      const p = queue[i] as Pending;
      if (p.key === head.key && samples + p.samples <= maxBatchSize) {
        batch.push(p);
        samples += p.samples;
      }
    }
    return batch;
  };

  const queuedSamples = (head: Pending): number => {
    let samples = 0;
    for (const p of queue) if (p.key === head.key) samples += p.samples;
    return samples;
  };

  const pump = (): void => {
    if (running || queue.length === 0) {
      if (!running && queue.length === 0 && closed) drained?.();
      return;
    }
    const head = queue[0] as Pending;
    const wait = maxBatchSize === 1 || queuedSamples(head) >= maxBatchSize ? 0 : head.enqueuedAt + delayMs - clock.now();
    cancelTimer?.();
    cancelTimer = undefined;
    // A full batch, an unbatched model or an expired delay gains nothing from waiting another turn.
    if (wait <= 0) {
      void dispatch();
      return;
    }
    cancelTimer = clock.schedule(() => {
      cancelTimer = undefined;
      if (!running && queue.length > 0) void dispatch();
    }, wait);
  };

  const dispatch = async (): Promise<void> => {
    running = true;
    const batch = takeBatch();
    const taken = new Set(batch);
    queue = queue.filter((p) => !taken.has(p));
    const started = clock.now();
    const total = batch.reduce((n, p) => n + p.samples, 0);
    const queueMs = batch.map((p) => started - p.enqueuedAt);
    let failed = false;
    try {
      if (batch.length === 1) {
        const only = batch[0] as Pending;
        only.resolve(await runner.run(only.feeds, only.outputNames));
      } else {
        const wanted = batch.some((p) => !p.outputNames) ? undefined : [...new Set(batch.flatMap((p) => p.outputNames ?? []))];
        const outputs = await runner.run(concat(batch, total), wanted);
        let start = 0;
        for (const p of batch) {
          const mine: Record<string, Tensor> = {};
          for (const [name, tensor] of Object.entries(outputs)) {
            if (!p.outputNames || p.outputNames.includes(name)) mine[name] = sliceRows(tensor, total, start, p.samples);
          }
          start += p.samples;
          p.resolve(mine);
        }
      }
    } catch (error) {
      failed = true;
      const wrapped = error instanceof InferenceError ? error : new InferenceFailedError(`inference failed: ${errorMessage(error)}`, error);
      for (const p of batch) p.reject(wrapped);
    } finally {
      const computeMs = clock.now() - started;
      running = false;
      options.onBatch?.({ requests: batch.length, samples: total, queueMs, computeMs, failed });
      pump();
    }
  };

  return {
    get queued() {
      return queue.length;
    },
    submit(feeds, outputNames) {
      if (closed) return Promise.reject(new ModelUnavailableError(`model '${modelName}' is being unloaded`));
      if (queue.length >= maxQueueSize) {
        return Promise.reject(new QueueFullError(modelName, maxQueueSize, options.retryAfterSeconds));
      }
      return new Promise((resolve, reject) => {
        const { samples, key } = maxBatchSize === 1 ? { samples: 1, key: '' } : batchKey(feeds);
        queue.push({ feeds, outputNames, samples, key, enqueuedAt: clock.now(), resolve, reject });
        // While a batch runs the next one forms by itself; pump() runs again when it finishes.
        if (!running && (queue.length === 1 || maxBatchSize === 1 || queuedSamples(queue[0] as Pending) >= maxBatchSize)) pump();
      });
    },
    close() {
      closed = true;
      if (!running && queue.length === 0) return Promise.resolve();
      return new Promise((resolve) => {
        drained = resolve;
      });
    },
  };
}
