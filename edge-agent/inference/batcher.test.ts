import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBenchMlp, buildIdentityModel } from '../../test/fixtures/models/index.ts';
import { createBatcher, isBatchable, type BatchStats } from './batcher.ts';
import type { LoadedModel, Tensor } from './engine.ts';
import { InferenceFailedError, ModelUnavailableError, QueueFullError } from './errors.ts';
import { createOnnxEngine } from './onnx-engine.ts';
import { createManualClock } from './test-clock.ts';

const WIDTH = 256;
let mlp: LoadedModel;

function rows(count: number, seed: number): Tensor {
  const data = new Float32Array(count * WIDTH);
  for (let i = 0; i < data.length; i++) data[i] = Math.sin(seed * 7.31 + i * 0.37);
  return { datatype: 'FP32', shape: [count, WIDTH], data };
}

beforeAll(async () => {
  mlp = await createOnnxEngine({ intraOpNumThreads: 1 }).load(buildBenchMlp());
});
afterAll(() => mlp.dispose());

describe('batcher', () => {
  it('batched outputs are bitwise identical to unbatched runs', async () => {
    const batches: BatchStats[] = [];
    const batcher = createBatcher({
      modelName: 'mlp',
      runner: mlp,
      maxBatchSize: 64,
      maxQueueDelayMicroseconds: 2000,
      maxQueueSize: 100,
      onBatch: (s) => batches.push(s),
    });
    // Requests of 1, 2 and 3 rows, 30 of them: 60 samples, so they fit one batch of 64.
    const inputs = Array.from({ length: 30 }, (_, i) => rows((i % 3) + 1, i));
    const batched = await Promise.all(inputs.map((input) => batcher.submit({ input })));
    expect(batches).toHaveLength(1);
    expect(batches[0]).toMatchObject({ requests: 30, samples: 60, failed: false });
    for (const [i, input] of inputs.entries()) {
      const alone = await mlp.run({ input });
      expect(batched[i]?.['output']?.shape).toEqual([input.shape[0], 10]);
      expect(Buffer.from((batched[i]?.['output']?.data as Float32Array).slice().buffer)).toEqual(
        Buffer.from((alone['output']?.data as Float32Array).buffer),
      );
    }
    await batcher.close();
  });

  it('waits maxQueueDelay for more requests, or dispatches at once when a batch is full', async () => {
    const clock = createManualClock();
    const batches: BatchStats[] = [];
    const batcher = createBatcher({
      modelName: 'mlp', runner: mlp, maxBatchSize: 4, maxQueueDelayMicroseconds: 5000, maxQueueSize: 10, clock,
      onBatch: (s) => batches.push(s),
    });
    const first = batcher.submit({ input: rows(1, 1) });
    clock.advance(4);
    expect(batches).toHaveLength(0);
    const second = batcher.submit({ input: rows(1, 2) });
    clock.advance(1); // 5 ms after the first request: the delay is up
    await Promise.all([first, second]);
    expect(batches[0]).toMatchObject({ requests: 2, samples: 2, queueMs: [5, 1] });

    const full = [1, 2, 1].map((n, i) => batcher.submit({ input: rows(n, i) }));
    clock.advance(0); // four samples queued: no waiting for the delay
    await Promise.all(full);
    expect(batches[1]).toMatchObject({ requests: 3, samples: 4, queueMs: [0, 0, 0] });
    await batcher.close();
  });

  it('never puts requests with different non-batch shapes in one batch', async () => {
    const model = await createOnnxEngine().load(buildIdentityModel('FP32'));
    expect(isBatchable(model.inputs, model.outputs)).toBe(true);
    const batches: BatchStats[] = [];
    const batcher = createBatcher({ modelName: 'id', runner: model, maxBatchSize: 8, maxQueueDelayMicroseconds: 1000, maxQueueSize: 10, onBatch: (s) => batches.push(s) });
    const ok = batcher.submit({ x: { datatype: 'FP32', shape: [1, 3], data: Float32Array.from([1, 2, 3]) } });
    const wrongWidth = batcher.submit({ x: { datatype: 'FP32', shape: [1, 2], data: Float32Array.from([1, 2]) } });
    const ok2 = batcher.submit({ x: { datatype: 'FP32', shape: [2, 3], data: Float32Array.from([4, 5, 6, 7, 8, 9]) } });
    expect(Array.from((await ok2)['y']!.data as Float32Array)).toEqual([4, 5, 6, 7, 8, 9]);
    expect(Array.from((await ok)['y']!.data as Float32Array)).toEqual([1, 2, 3]);
    // The odd one runs (and fails) alone; had it joined the batch, every request would have failed.
    await expect(wrongWidth).rejects.toBeInstanceOf(InferenceFailedError);
    expect(batches.map((b) => [b.requests, b.failed])).toEqual([[2, false], [1, true]]);
    await batcher.close();
    await model.dispose();
  });

  it('rejects with QueueFullError when the queue is at capacity', async () => {
    const clock = createManualClock();
    const batcher = createBatcher({ modelName: 'mlp', runner: mlp, maxBatchSize: 8, maxQueueDelayMicroseconds: 1000, maxQueueSize: 2, clock, retryAfterSeconds: 2 });
    const a = batcher.submit({ input: rows(1, 1) });
    const b = batcher.submit({ input: rows(1, 2) });
    const error = await batcher.submit({ input: rows(1, 3) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QueueFullError);
    expect(error).toMatchObject({ code: 'QUEUE_FULL', retryAfterSeconds: 2 });
    clock.advance(1);
    await Promise.all([a, b]);
    await batcher.close();
  });

  it('fails every request of a failed batch, and keeps serving afterwards', async () => {
    const batcher = createBatcher({ modelName: 'mlp', runner: mlp, maxBatchSize: 8, maxQueueDelayMicroseconds: 1000, maxQueueSize: 10 });
    const bad: Tensor = { datatype: 'FP32', shape: [1, 255], data: new Float32Array(255) };
    const results = await Promise.allSettled([batcher.submit({ input: bad }), batcher.submit({ input: bad })]);
    expect(results.every((r) => r.status === 'rejected' && r.reason instanceof InferenceFailedError)).toBe(true);
    await expect(batcher.submit({ input: rows(1, 1) })).resolves.toHaveProperty('output');
    await batcher.close();
  });

  it('close() drains queued work and then refuses new requests', async () => {
    const batcher = createBatcher({ modelName: 'mlp', runner: mlp, maxBatchSize: 1, maxQueueDelayMicroseconds: 0, maxQueueSize: 10 });
    const pending = [1, 2, 3].map((i) => batcher.submit({ input: rows(1, i) }));
    await batcher.close();
    expect((await Promise.allSettled(pending)).every((r) => r.status === 'fulfilled')).toBe(true);
    await expect(batcher.submit({ input: rows(1, 4) })).rejects.toBeInstanceOf(ModelUnavailableError);
  });
});
