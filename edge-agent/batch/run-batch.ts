/**
 * Batch scoring: JSONL in, JSONL out, one output line per non-empty input line and in the same
 * order. Rows go through the same model registry and dynamic batcher as the OIP server, with a
 * window of rows in flight so batches fill up; a bad row becomes an {"error": "..."} line and does
 * not stop the run.
 */
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { InferenceEngine, Tensor } from '../inference/engine.ts';
import { errorMessage } from '../inference/errors.ts';
import { createModelRegistry } from '../inference/model-registry.ts';
import { createOnnxEngine, type OnnxEngineConfig } from '../inference/onnx-engine.ts';
import { formatRow, parseRow, type ParsedRow } from './batch-rows.ts';

export interface BatchProgress {
  rows: number;
  failed: number;
  elapsedMs: number;
  rowsPerSecond: number;
  done: boolean;
}

export interface RunBatchOptions {
  /** Path of an .onnx file, or its bytes. */
  model: string | Uint8Array;
  /** JSONL path ("-" for stdin) or a readable stream. */
  input: string | Readable;
  /** JSONL path ("-" for stdout) or a writable stream (left open). */
  output: string | Writable;
  onProgress?: (progress: BatchProgress) => void;
  engine?: InferenceEngine;
  engineConfig?: Partial<OnnxEngineConfig>;
  /** Rows in flight at once (default 64). */
  concurrency?: number;
  /** Dynamic batch size for models with a dynamic first dimension (default 32). */
  maxBatchSize?: number;
  /** Minimum time between progress reports (default 1000 ms); the last report always comes. */
  progressIntervalMs?: number;
  now?: () => number;
}

interface InFlight {
  row?: ParsedRow;
  result: Promise<Record<string, Tensor>>;
}

export async function runBatch(options: RunBatchOptions): Promise<BatchProgress> {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const name = typeof options.model === 'string' ? basename(options.model).replace(/\.onnx$/i, '') || 'model' : 'model';
  const bytes = typeof options.model === 'string' ? new Uint8Array(await readFile(options.model)) : options.model;
  const engine = options.engine ?? createOnnxEngine(options.engineConfig ?? {});
  const loaded = await engine.load(bytes, { warmup: 'auto' });
  const registry = createModelRegistry({ maxQueueSize: (options.concurrency ?? 64) * 2 });
  registry.activate(name, '1', loaded, { batching: { maxBatchSize: options.maxBatchSize ?? 32, maxQueueDelayMicroseconds: 0 } });
  const signature = { name, inputs: loaded.inputs, outputs: loaded.outputs };

  const input = typeof options.input === 'string' ? (options.input === '-' ? process.stdin : createReadStream(options.input)) : options.input;
  const ownsOutput = typeof options.output === 'string' && options.output !== '-';
  const output = typeof options.output === 'string' ? (options.output === '-' ? process.stdout : createWriteStream(options.output)) : options.output;
  const concurrency = options.concurrency ?? 64;
  const interval = options.progressIntervalMs ?? 1000;
  let rows = 0;
  let failed = 0;
  let lastReport = started;

  const progress = (done: boolean): BatchProgress => {
    const elapsedMs = now() - started;
    return { rows, failed, elapsedMs, rowsPerSecond: elapsedMs > 0 ? (rows * 1000) / elapsedMs : 0, done };
  };

  const write = async (text: string) => {
    if (!output.write(`${text}\n`)) await once(output, 'drain');
  };

  const settle = async (item: InFlight) => {
    let line: string;
    try {
      const tensors = await item.result;
      line = formatRow(item.row as ParsedRow, tensors, { name, version: '1' });
    } catch (error) {
      failed++;
      line = JSON.stringify({ error: errorMessage(error) });
    }
    rows++;
    await write(line);
    if (options.onProgress && now() - lastReport >= interval) {
      lastReport = now();
      options.onProgress(progress(false));
    }
  };

  const window: InFlight[] = [];
  try {
    for await (const raw of createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })) {
      const line = (raw as string).trim();
      if (line === '') continue;
      window.push(submit(line));
      if (window.length >= concurrency) await settle(window.shift() as InFlight);
    }
    while (window.length > 0) await settle(window.shift() as InFlight);
  } finally {
    await registry.close();
    if (ownsOutput) {
      output.end();
      await once(output, 'finish');
    }
  }
  const result = progress(true);
  options.onProgress?.(result);
  return result;

  function submit(line: string): InFlight {
    let row: ParsedRow | undefined;
    let result: Promise<Record<string, Tensor>>;
    try {
      row = parseRow(line, signature);
      const lease = registry.acquire(name);
      if (!lease) throw new Error('model is not loaded');
      const outputNames = row.style === 'oip' && row.outputs ? row.outputs.map((o) => o.name) : undefined;
      result = lease.run(row.feeds, outputNames).finally(() => lease.release());
    } catch (error) {
      result = Promise.reject(error);
    }
    // Settled in order later; mark it handled now so an early failure is not an unhandled rejection.
    result.catch(() => {});
    return { ...(row ? { row } : {}), result };
  }
}
