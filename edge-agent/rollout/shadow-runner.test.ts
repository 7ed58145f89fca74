/**
 * The shadow runner's scheduling on a manual clock, with real onnxruntime leases: shadows wait for
 * quiet (no served request started or finished for `quietMs`), stale ones are dropped, every lease
 * is released whatever happens.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { buildMlp } from '../../test/fixtures/models/index.ts';
import type { Tensor } from '../inference/engine.ts';
import type { ServedRequest } from '../inference/inference.service.ts';
import { createModelRegistry, type ModelLease, type ModelRegistry } from '../inference/model-registry.ts';
import { createOnnxEngine } from '../inference/onnx-engine.ts';
import type { ShadowOutcome } from './shadow-compare.ts';
import { createShadowRunner, type ShadowRunner } from './shadow-runner.ts';

const engine = createOnnxEngine({ intraOpNumThreads: 1 });
let registry: ModelRegistry;
afterEach(() => registry?.close());

const input: Tensor = { datatype: 'FP32', shape: [1, 4], data: new Float32Array([0.1, 0.2, 0.3, 0.4]) };

async function setup(options: { quietMs?: number; maxWaitMs?: number; maxShare?: number; runCostMs?: number } = {}) {
  registry = createModelRegistry();
  registry.activate('m', '2', await engine.load(buildMlp({ inputs: 4, hidden: [8], outputs: 3, seed: 2, softmax: true })));
  let t = 0;
  const timers: Array<{ fn: () => void; at: number }> = [];
  const outcomes: ShadowOutcome[] = [];
  let released = 0;
  const { runCostMs = 0, ...runnerOptions } = options;
  const runner = createShadowRunner({
    ...runnerOptions,
    onResult: (o) => outcomes.push(o),
    now: () => t,
    schedule: (fn) => fn(),
    delay: (fn, ms) => void timers.push({ fn, at: t + ms }),
  });
  const lease = (): ModelLease => {
    const l = registry.acquire('m')!;
    // Each run takes `runCostMs` on the manual clock: what the runner's time budget is charged.
    return { ...l, run: (feeds, names) => ((t += runCostMs), l.run(feeds, names)), release: () => (released++, l.release()) };
  };
  const served: ServedRequest = { requestId: 'r', model: 'm', version: '1', inputs: { input }, outputs: { output: { datatype: 'FP32', shape: [1, 3], data: new Float32Array([0.2, 0.5, 0.3]) } }, latencyMs: 2, runMs: 1 };
  /** Advance the manual clock, firing due timers. */
  const advance = (ms: number) => {
    t += ms;
    const due = timers.filter((x) => x.at <= t);
    timers.splice(0, timers.length, ...timers.filter((x) => x.at > t));
    for (const timer of due) timer.fn();
  };
  const settle = async (runner: ShadowRunner) => {
    while (runner.status().running > 0) await new Promise((r) => setTimeout(r, 1));
  };
  return { runner, lease, served, advance, settle, outcomes, released: () => released };
}

describe('shadow runner', () => {
  it('starts a shadow only after quietMs without served activity', async () => {
    const s = await setup({ quietMs: 5 });
    s.runner.activity();
    s.runner.submit(s.served, s.lease());
    expect(s.runner.status()).toMatchObject({ queued: 1, running: 0 });
    s.advance(3);
    s.runner.activity(); // another request came in: the quiet period starts again
    s.advance(3);
    expect(s.runner.status()).toMatchObject({ queued: 1, running: 0 });
    s.advance(5);
    expect(s.runner.status()).toMatchObject({ queued: 0, running: 1 });
    await s.settle(s.runner);
    expect(s.runner.status()).toMatchObject({ compared: 1, dropped: 0 });
    expect(s.outcomes[0]!.rows).toHaveLength(1);
    expect(s.released()).toBe(1);
  });

  it('keeps shadows within maxShare of wall-clock time, holding the rest back until the budget refills', async () => {
    const s = await setup({ quietMs: 0, maxShare: 0.1, runCostMs: 10 });
    for (let i = 0; i < 4; i++) s.runner.submit(s.served, s.lease());
    // The bucket holds 20 ms: three 10 ms shadows run back to back (refilling 1 ms each), the fourth waits.
    while (s.runner.status().compared < 3) await new Promise((r) => setTimeout(r, 1));
    await s.settle(s.runner);
    expect(s.runner.status()).toMatchObject({ compared: 3, queued: 1, running: 0 });
    s.advance(60);
    expect(s.runner.status()).toMatchObject({ queued: 1 });
    s.advance(20); // the third left the bucket at -7 ms after its refill: 70 ms at 0.1 ms/ms
    await s.settle(s.runner);
    expect(s.runner.status()).toMatchObject({ compared: 4, queued: 0, dropped: 0 });
  });

  it('drops shadows that waited past maxWaitMs, and past the queue bound, releasing their leases', async () => {
    const s = await setup({ quietMs: 5, maxWaitMs: 100 });
    for (let i = 0; i < 3; i++) {
      s.runner.activity();
      s.runner.submit(s.served, s.lease());
      s.advance(2);
    }
    for (let i = 0; i < 60; i++) {
      s.runner.activity(); // a busy device: never quiet
      s.advance(2);
    }
    expect(s.runner.status()).toMatchObject({ queued: 0, running: 0, compared: 0, dropped: 3 });
    expect(s.released()).toBe(3);

    const bounded = createShadowRunner({ onResult: () => {}, maxQueue: 2, schedule: () => {} }); // never gets to run
    for (let i = 0; i < 5; i++) bounded.submit(s.served, s.lease());
    expect(bounded.status()).toMatchObject({ queued: 2, dropped: 3 });
    await bounded.close();
    expect(bounded.status()).toMatchObject({ queued: 0, dropped: 5 });
    expect(s.released()).toBe(8);
  });
});
