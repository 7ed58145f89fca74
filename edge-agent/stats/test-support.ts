/**
 * Shared pieces of the statistics tests: a manual clock behind the agent's Timers, a small tabular
 * profile built with the protocol's own builder, and inference events shaped like the OIP hook's.
 */
import { createHash } from 'node:crypto';
import { buildProfile, canonicalJson, type FeatureDeclaration, type Profile } from '../../protocol/index.ts';
import type { Tensor } from '../inference/engine.ts';
import type { InferenceEvent } from '../inference/inference.service.ts';
import type { Timers } from '../util/timers.ts';
import type { ProfileEntry } from './stats-collector.ts';

export interface ManualTimers extends Timers {
  advance(ms: number): void;
}

/** Timers that only move when the test advances them; intervals fire once per elapsed period. */
export function manualTimers(start = Date.parse('2026-03-01T10:00:00.000Z')): ManualTimers {
  let now = start;
  let seq = 0;
  const pending = new Map<number, { at: number; fn: () => void; every?: number }>();
  const add = (fn: () => void, ms: number, every?: number) => {
    const id = seq++;
    pending.set(id, { at: now + Math.max(0, ms), fn, ...(every !== undefined ? { every } : {}) });
    return () => void pending.delete(id);
  };
  return {
    now: () => now,
    setTimeout: (fn, ms) => add(fn, ms),
    setInterval: (fn, ms) => add(fn, ms, Math.max(1, ms)),
    advance(ms) {
      const target = now + ms;
      for (;;) {
        const due = [...pending.entries()].filter(([, t]) => t.at <= target).sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
        if (!due) break;
        const [id, timer] = due;
        now = Math.max(now, timer.at);
        if (timer.every !== undefined) timer.at += timer.every;
        else pending.delete(id);
        timer.fn();
      }
      now = target;
    },
  };
}

/** Columns 0 and 1 numeric (expected in [0, 10]), column 2 a categorical code (allowed 0 and 1), plus the row's mean. */
export const TABULAR_FEATURES: FeatureDeclaration[] = [
  { name: 'a', type: 'numeric', source: { kind: 'element', input: 'x', index: 0 }, expectations: { min: 0, max: 10 } },
  { name: 'b', type: 'numeric', source: { kind: 'element', input: 'x', index: 1 }, expectations: { min: 0, max: 10, missingAllowed: false } },
  { name: 'code', type: 'categorical', source: { kind: 'element', input: 'x', index: 2 }, expectations: { allowed: ['0', '1'] } },
  { name: 'x.mean', type: 'numeric', source: { kind: 'tensor', input: 'x', stat: 'mean' } },
];
export const CLASSES = ['low', 'mid', 'high'];

/** Reference rows: a and b uniform-ish on [0, 10], code 0/1; the "model" gives probabilities favouring a's third. */
export function referenceRows(n = 300): number[][] {
  return Array.from({ length: n }, (_, i) => [(i * 7.3) % 10, (i * 3.1) % 10, i % 2]);
}

/** The fixture "model": class probabilities from column a (low under 3.3, mid under 6.6, else high). */
export function fakeModel(row: readonly number[]): number[] {
  const k = Math.min(2, Math.floor((row[0] ?? 0) / 3.34));
  return CLASSES.map((_, c) => (c === k ? 0.8 : 0.1));
}

export function tabularProfile(model = 'tab', version = '1'): ProfileEntry {
  const rows = referenceRows();
  const features = rows.map((r) => [r[0]!, r[1]!, String(r[2]), (r[0]! + r[1]! + r[2]!) / 3]);
  const profile: Profile = buildProfile(
    features,
    TABULAR_FEATURES,
    { spec: { tensor: 'y', task: 'classification', classes: CLASSES, transform: 'none' }, rows: rows.map(fakeModel) },
    { column: 'label', values: rows.map((r) => Math.min(2, Math.floor(r[0]! / 3.34))) },
    { model, version, createdAt: '2026-01-01T00:00:00.000Z', bins: 10 },
  );
  return { profile, sha256: createHash('sha256').update(canonicalJson(profile)).digest('hex') };
}

export function fp32(shape: number[], values: number[]): Tensor {
  return { datatype: 'FP32', shape, data: Float32Array.from(values) };
}

/** An OIP hook event for a batch of tabular rows, with the fake model's outputs. */
export function tabularEvent(rows: number[][], overrides: Partial<InferenceEvent> = {}): InferenceEvent {
  return {
    requestId: overrides.requestId ?? `req-${Math.random().toString(36).slice(2)}`,
    model: 'tab',
    version: '1',
    inputs: { x: fp32([rows.length, 3], rows.flat()) },
    outputs: { y: fp32([rows.length, 3], rows.flatMap(fakeModel)) },
    latencyMs: 2,
    ...overrides,
  };
}
