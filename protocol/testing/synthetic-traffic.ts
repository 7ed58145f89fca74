/**
 * Test and benchmark support (protocol tests, control-plane tests, bench/stats.ts); no part uses it.
 *
 * Synthetic profiles and traffic for summary tests and benches: numeric features drawn from
 * normals (some with heavy ties), categorical ones from skewed vocabularies, a softmax classifier's
 * outputs, labels, business events. Seeded, so every run sees the same data.
 */
import {
  addBusinessEvent,
  addFeedback,
  addPrediction,
  addResourceSample,
  buildProfile,
  closeWindow,
  openWindow,
  type FeatureDeclaration,
  type FeatureValue,
  type Profile,
  type SummaryWindow,
  type WindowSummary,
} from '../index.ts';
import { mulberry32, normalSampler, type RandomSource } from '../stats/index.ts';

export interface SyntheticShape {
  numeric: number;
  categorical: number;
  /** Distinct values per categorical feature (default 8). */
  categories?: number;
  classes?: number;
}

/** Declarations `n0..` (element k of `input`) then `c0..` (categorical codes after them). */
export function syntheticDeclarations(shape: SyntheticShape): FeatureDeclaration[] {
  const out: FeatureDeclaration[] = [];
  for (let k = 0; k < shape.numeric; k++) {
    out.push({ name: `n${k}`, type: 'numeric', source: { kind: 'element', input: 'input', index: k }, ...(k === 0 ? { expectations: { min: -3, max: 3 } } : {}) });
  }
  for (let k = 0; k < shape.categorical; k++) {
    out.push({ name: `c${k}`, type: 'categorical', source: { kind: 'element', input: 'input', index: shape.numeric + k } });
  }
  return out;
}

/** A row: numeric k ~ N(k mod 5 + shift, 1) (every 7th rounded, for ties), categorical codes skewed to 0. */
export function syntheticRow(shape: SyntheticShape, random: RandomSource, normal: () => number, shift = 0): FeatureValue[] {
  const row: FeatureValue[] = [];
  for (let k = 0; k < shape.numeric; k++) {
    const x = (k % 5) + shift + normal();
    row.push(k % 7 === 6 ? Math.round(x) : x);
  }
  const categories = shape.categories ?? 8;
  for (let k = 0; k < shape.categorical; k++) row.push(Math.floor(categories * random() * random()));
  return row;
}

/** Logits of a k-class linear-ish model on a row, so the output depends on the features. */
export function syntheticLogits(row: readonly FeatureValue[], classes: number, normal: () => number): number[] {
  const x0 = typeof row[0] === 'number' ? row[0] : 0;
  return Array.from({ length: classes }, (_, c) => (c === 0 ? x0 : -x0 / classes) + 0.5 * normal());
}

/** A profile over `rows` reference rows of the synthetic shape, with a softmax classifier and labels. */
export function syntheticProfile(shape: SyntheticShape, rows = 2000, seed = 1): Profile {
  const random = mulberry32(seed);
  const normal = normalSampler(random);
  const classes = shape.classes ?? 3;
  const data = Array.from({ length: rows }, () => syntheticRow(shape, random, normal));
  const logits = data.map((row) => syntheticLogits(row, classes, normal));
  const labels = logits.map((l) => l.indexOf(Math.max(...l)));
  return buildProfile(
    data, syntheticDeclarations(shape),
    { spec: { tensor: 'output', task: 'classification', classes: Array.from({ length: classes }, (_, c) => `class${c}`), transform: 'softmax' }, rows: logits },
    { column: 'label', values: labels },
    { model: 'synthetic', version: '1', createdAt: '2026-01-01T00:00:00.000Z' },
  );
}

/** One thing that happens to a window. */
export type TrafficEvent =
  | { kind: 'prediction'; features: FeatureValue[]; outputs: number[] | null; latencyMs: number; error: boolean }
  | { kind: 'feedback'; label: number; predicted: number; confidence: number; features: FeatureValue[] }
  | { kind: 'business'; name: string; value?: number }
  | { kind: 'resources'; cpu: number; memoryBytes: number };

/** Mixed traffic: mostly predictions (some NaN, missing, unknown categories, errors), labels, events. */
export function syntheticTraffic(shape: SyntheticShape, events: number, seed: number, shift = 0): TrafficEvent[] {
  const random = mulberry32(seed);
  const normal = normalSampler(random);
  const classes = shape.classes ?? 3;
  const out: TrafficEvent[] = [];
  for (let i = 0; i < events; i++) {
    const u = random();
    const features = syntheticRow(shape, random, normal, shift);
    if (u < 0.7) {
      if (random() < 0.05 && shape.numeric > 1) features[1] = NaN;
      if (random() < 0.03 && shape.categorical > 0) features[shape.numeric] = 99; // outside the vocabulary
      const error = random() < 0.02;
      const outputs = error ? null : random() < 0.01 ? [NaN, ...new Array(classes - 1).fill(0)] : syntheticLogits(features, classes, normal);
      out.push({ kind: 'prediction', features, outputs, latencyMs: Math.exp(1 + normal()), error });
    } else if (u < 0.9) {
      out.push({ kind: 'feedback', label: Math.floor(random() * (classes + 0.2)), predicted: Math.floor(random() * classes), confidence: 0.3 + 0.7 * random(), features });
    } else if (u < 0.97) {
      out.push({ kind: 'business', name: `event${Math.floor(random() * 4)}`, ...(random() < 0.5 ? { value: 100 * random() } : {}) });
    } else out.push({ kind: 'resources', cpu: random(), memoryBytes: Math.round(1e8 + 1e7 * random()) });
  }
  return out;
}

/** Apply events to a window, as an agent would. */
export function applyTraffic(window: SummaryWindow, events: readonly TrafficEvent[]): void {
  for (const e of events) {
    if (e.kind === 'prediction') addPrediction(window, { features: e.features, outputs: e.outputs, latencyMs: e.latencyMs, error: e.error });
    else if (e.kind === 'feedback') addFeedback(window, { label: e.label, predicted: e.predicted, confidence: e.confidence, features: e.features });
    else if (e.kind === 'business') addBusinessEvent(window, e.value === undefined ? { name: e.name } : { name: e.name, value: e.value });
    else addResourceSample(window, { cpu: e.cpu, memoryBytes: e.memoryBytes });
  }
}

/** A closed summary of `events` for a device, window [start, end]. */
export function summaryOf(
  profile: Profile | null,
  events: readonly TrafficEvent[],
  options: { deviceId?: string; seq?: number; start: string; end: string; profileSha256?: string; arm?: string; model?: string; version?: string },
): WindowSummary {
  const window = openWindow(
    {
      deviceId: options.deviceId ?? 'dev_synthetic1', model: options.model ?? profile?.model ?? 'synthetic',
      version: options.version ?? profile?.version ?? '1', variant: 'fp32', arm: options.arm ?? 'baseline',
      ...(options.profileSha256 ? { profileSha256: options.profileSha256 } : {}),
    },
    profile, options.start,
  );
  applyTraffic(window, events);
  return closeWindow(window, { seq: options.seq ?? 1, sentAt: options.end, end: options.end });
}
