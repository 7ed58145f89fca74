import { describe, expect, it } from 'vitest';
import { buildMlp, loadSileroVad } from '../../test/fixtures/models/index.ts';
import type { LoadedModel, Tensor } from './engine.ts';
import { createModelRegistry } from './model-registry.ts';
import { createOnnxEngine } from './onnx-engine.ts';

const engine = createOnnxEngine({ intraOpNumThreads: 1 });
const load = (seed: number) => engine.load(buildMlp({ inputs: 16, hidden: [32], outputs: 4, seed }));
const input = (i: number): Tensor => ({ datatype: 'FP32', shape: [1, 16], data: new Float32Array(16).map((_, j) => Math.cos(i + j)) });

async function expected(model: LoadedModel, i: number): Promise<number[]> {
  return Array.from((await model.run({ input: input(i) }))['output']!.data as Float32Array);
}

describe('model registry', () => {
  it('switches atomically under concurrent requests: none fail, each answer comes from one whole version', async () => {
    const [v1, v2, ref1, ref2] = await Promise.all([load(1), load(2), load(1), load(2)]);
    const disposed: string[] = [];
    const registry = createModelRegistry({ keepPrevious: false, observer: { onDisposed: (e) => disposed.push(e.version) } });
    registry.activate('mlp', '1', v1!, { batching: { maxBatchSize: 8, maxQueueDelayMicroseconds: 500 } });

    const results: Promise<{ version: string; i: number; data: number[] }>[] = [];
    for (let i = 0; i < 120; i++) {
      const lease = registry.acquire('mlp')!;
      results.push(
        lease.run({ input: input(i) }).then((out) => ({ version: lease.version, i, data: Array.from(out['output']!.data as Float32Array) })).finally(() => lease.release()),
      );
      if (i === 60) {
        registry.activate('mlp', '2', v2!, { batching: { maxBatchSize: 8, maxQueueDelayMicroseconds: 500 } });
        // v1 still has requests in flight, so it must not be disposed yet.
        expect(disposed).toEqual([]);
      }
      if (i % 10 === 0) await new Promise((r) => setImmediate(r));
    }
    const settled = await Promise.allSettled(results);
    expect(settled.filter((r) => r.status === 'rejected')).toEqual([]);
    const answers = settled.map((r) => (r as PromiseFulfilledResult<{ version: string; i: number; data: number[] }>).value);
    expect(answers.slice(0, 61).every((a) => a.version === '1')).toBe(true);
    expect(answers.slice(61).every((a) => a.version === '2')).toBe(true);
    for (const a of answers) expect(a.data).toEqual(await expected(a.version === '1' ? ref1! : ref2!, a.i));
    await new Promise((r) => setImmediate(r));
    expect(disposed).toEqual(['1']);
    await registry.close();
    expect(disposed).toEqual(['1', '2']);
    await Promise.all([ref1!.dispose(), ref2!.dispose()]);
  });

  it('keeps the previous version for pinned requests and rollback; drops the one before after drain', async () => {
    const disposed: string[] = [];
    const registry = createModelRegistry({ observer: { onDisposed: (e) => disposed.push(e.version) } });
    registry.activate('m', '1', await load(1));
    registry.activate('m', '2', await load(2));
    expect(registry.describe('m')).toEqual({ name: 'm', activeVersion: '2', versions: ['2', '1'] });
    const pinned = registry.acquire('m', '1')!;
    expect(pinned.version).toBe('1');
    registry.activate('m', '3', await load(3));
    expect(registry.describe('m')?.versions).toEqual(['3', '2']);
    expect(registry.acquire('m', '1')).toBeUndefined();
    expect(disposed).toEqual([]); // version 1 is still leased
    await expect(pinned.run({ input: input(0) })).resolves.toHaveProperty('output');
    pinned.release();
    pinned.release(); // idempotent
    await new Promise((r) => setImmediate(r));
    expect(disposed).toEqual(['1']);

    // Re-activating the active version (a fresh load) keeps the previous one.
    registry.activate('m', '3', await load(3));
    expect(registry.describe('m')?.versions).toEqual(['3', '2']);
    await new Promise((r) => setImmediate(r));
    expect(disposed).toEqual(['1', '3']);

    expect(registry.rollback('m')).toBe(true);
    const after = registry.acquire('m')!;
    expect(after.version).toBe('2');
    after.release();
    expect(registry.rollback('nope')).toBe(false);
    await registry.unload('m');
    expect(registry.acquire('m')).toBeUndefined();
    expect(disposed.sort()).toEqual(['1', '2', '3', '3']);
  });

  it('turns batching off, with the reason, for a model without a dynamic first dim everywhere', async () => {
    const silero = await engine.load(await loadSileroVad(), { warmup: 'off' });
    const registry = createModelRegistry();
    expect(registry.activate('vad', '5', silero, { batching: { maxBatchSize: 8, maxQueueDelayMicroseconds: 100 } })).toEqual({
      batching: false,
      batchingDisabledReason: 'the first dimension is not dynamic on every input and output',
    });
    const lease = registry.acquire('vad')!;
    expect(lease.batching).toBe(false);
    lease.release();
    await registry.close();
  });
});
