import { pino } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { InferenceFailedError, InvalidRequestError } from '../inference/errors.ts';
import type { InferenceEvent } from '../inference/inference.service.ts';
import type { Timers } from '../util/timers.ts';
import { createGuardrailService } from './guardrail.service.ts';
import { hasNonFinite } from './non-finite.ts';
import { createProbation, percentile } from './probation.ts';

const budget = { p95LatencyMs: 50, maxFailureRate: 0.1, maxNanRate: 0 };
const settings = { windowMs: 60_000, maxRequests: 100, minSamples: 5 };

describe('probation', () => {
  it('does not judge before minSamples', () => {
    const p = createProbation({ model: 'm', version: '2', startedAt: 0, budget, settings });
    for (let i = 0; i < 4; i++) p.record({ latencyMs: 1, failed: true, nonFinite: false });
    expect(p.evaluate(1000).status).toBe('watching');
    p.record({ latencyMs: 1, failed: true, nonFinite: false });
    const verdict = p.evaluate(1000);
    expect(verdict.status).toBe('breached');
    if (verdict.status === 'breached') expect(verdict.evidence).toMatchObject({ samples: 5, failures: 5, failureRate: 1, breaches: ['failure_rate'], budget });
  });

  it('breaches on NaN rate and p95 latency with the values in the evidence', () => {
    const p = createProbation({ model: 'm', version: '2', startedAt: 0, budget, settings });
    for (let i = 0; i < 10; i++) p.record({ latencyMs: i < 8 ? 10 : 200, failed: false, nonFinite: i === 0 });
    const verdict = p.evaluate(5);
    expect(verdict.status).toBe('breached');
    if (verdict.status === 'breached') {
      expect(verdict.evidence.breaches).toEqual(['nan_rate', 'p95_latency']);
      expect(verdict.evidence.nanRate).toBe(0.1);
      expect(verdict.evidence.p95LatencyMs).toBe(200);
    }
  });

  it('passes at the end of the window or after maxRequests', () => {
    const p = createProbation({ model: 'm', version: '2', startedAt: 0, budget, settings });
    p.record({ latencyMs: 1, failed: false, nonFinite: false });
    expect(p.evaluate(59_999).status).toBe('watching');
    expect(p.evaluate(60_000).status).toBe('passed');
  });

  it('percentile is nearest-rank', () => {
    expect(percentile([5, 1, 4, 2, 3], 0.95)).toBe(5);
    expect(percentile(Array.from({ length: 100 }, (_, i) => i + 1), 0.95)).toBe(95);
  });
});

describe('non-finite outputs', () => {
  it('finds NaN and Infinity in float, double and half tensors', () => {
    expect(hasNonFinite({ y: { datatype: 'FP32', shape: [2], data: new Float32Array([1, Number.NaN]) } })).toBe(true);
    expect(hasNonFinite({ y: { datatype: 'FP64', shape: [1], data: new Float64Array([Number.NEGATIVE_INFINITY]) } })).toBe(true);
    expect(hasNonFinite({ y: { datatype: 'FP16', shape: [2], data: new Uint16Array([0x3c00, 0x7e00]) } })).toBe(true);
    expect(hasNonFinite({ y: { datatype: 'FP16', shape: [1], data: new Uint16Array([0x3c00]) } })).toBe(false);
    expect(hasNonFinite({ y: { datatype: 'INT64', shape: [1], data: new BigInt64Array([1n]) } })).toBe(false);
  });
});

function fakeTimers(): Timers & { advance(ms: number): void } {
  let now = 0;
  const intervals = new Set<{ fn: () => void; every: number; next: number }>();
  return {
    now: () => now,
    setTimeout: () => () => {},
    setInterval(fn, every) {
      const entry = { fn, every, next: now + every };
      intervals.add(entry);
      return () => intervals.delete(entry);
    },
    advance(ms) {
      const until = now + ms;
      for (const entry of intervals) {
        while (entry.next <= until) {
          now = entry.next;
          entry.next += entry.every;
          entry.fn();
        }
      }
      now = until;
    },
  };
}

const event = (version: string, fields: Partial<InferenceEvent> = {}): InferenceEvent => ({
  requestId: 'r',
  model: 'm',
  version,
  latencyMs: 1,
  outputs: { y: { datatype: 'FP32', shape: [1], data: new Float32Array([0.5]) } },
  ...fields,
});

describe('guardrail service', () => {
  const make = () => {
    const timers = fakeTimers();
    const onBreach = vi.fn(async () => {});
    const service = createGuardrailService({ settings, defaults: budget, timers, logger: pino({ level: 'silent' }), onBreach });
    return { timers, onBreach, service };
  };

  it('calls onBreach once, on the inference that tips the budget, only for the version on probation', () => {
    const { onBreach, service } = make();
    service.begin('m', '2');
    const nan = { y: { datatype: 'FP32' as const, shape: [1], data: new Float32Array([Number.NaN]) } };
    for (let i = 0; i < 10; i++) service.observe(event('1', { outputs: nan })); // the old version: not watched
    for (let i = 0; i < 4; i++) service.observe(event('2', { outputs: nan }));
    expect(onBreach).not.toHaveBeenCalled();
    service.observe(event('2', { outputs: nan }));
    expect(onBreach).toHaveBeenCalledTimes(1);
    expect(onBreach.mock.calls[0]).toEqual([expect.objectContaining({ model: 'm', version: '2', evidence: expect.objectContaining({ nonFiniteOutputs: 5, breaches: ['nan_rate'] }) })]);
    service.observe(event('2', { outputs: nan }));
    expect(onBreach).toHaveBeenCalledTimes(1);
    expect(service.active()).toEqual([]);
  });

  it('ignores client errors and counts inference failures', () => {
    const { onBreach, service } = make();
    service.begin('m', '2', { maxFailureRate: 0.5 });
    for (let i = 0; i < 10; i++) service.observe(event('2', { error: new InvalidRequestError('bad'), outputs: undefined }));
    expect(service.active()[0]?.evidence.samples).toBe(0);
    for (let i = 0; i < 5; i++) service.observe(event('2', { error: new InferenceFailedError('boom'), outputs: undefined }));
    expect(onBreach).toHaveBeenCalledTimes(1);
  });

  it('ends probation on the timer when the window passes', () => {
    const { timers, onBreach, service } = make();
    service.begin('m', '2');
    service.observe(event('2'));
    timers.advance(59_000);
    expect(service.active()).toHaveLength(1);
    timers.advance(1_000);
    expect(service.active()).toHaveLength(0);
    expect(onBreach).not.toHaveBeenCalled();
  });
});
