/**
 * Quality of merged windows in three tiers: infrastructure (latency, errors, resources), model
 * (NaN outputs, expectation violations, labelled quality) and business (named events). Pure.
 */
import { momentsVariance, type Moments } from '../../../protocol/stats/index.ts';
import { LATENCY_EDGES_MS, RELIABILITY_EDGES, type Profile, type QualityReport, type SummaryStats } from '../../../protocol/index.ts';

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);
const finiteOrNull = (x: number | null | undefined) => (x === null || x === undefined || !Number.isFinite(x) ? null : x);

/**
 * Quantile q of values counted on `edges` (extended counts), interpolating geometrically inside a
 * bin (the latency edges are log-spaced, so this is linear in log-latency), clamped to the
 * observed min and max. Underflow and overflow answer with the observed min and max.
 *
 * @example
 * histogramQuantile(LATENCY_EDGES_MS, counts, 0.99, moments) // p99 in ms
 */
export function histogramQuantile(edges: readonly number[], counts: readonly number[], q: number, moments: Moments): number | null {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0 || moments.min === null || moments.max === null) return null;
  const target = q * total;
  let cumulative = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i]!;
    if (c > 0 && cumulative + c >= target) {
      if (i === 0) return moments.min;
      if (i === counts.length - 1) return moments.max;
      const low = edges[i - 1]!;
      const high = edges[i]!;
      const fraction = (target - cumulative) / c;
      const value = low > 0 ? low * Math.pow(high / low, fraction) : low + fraction * (high - low);
      return Math.min(moments.max, Math.max(moments.min, value));
    }
    cumulative += c;
  }
  return moments.max;
}

function latency(stats: SummaryStats) {
  const { counts, moments } = stats.latency;
  const q = (p: number) => finiteOrNull(histogramQuantile(LATENCY_EDGES_MS, counts, p, moments));
  return { p50: q(0.5), p95: q(0.95), p99: q(0.99), mean: moments.count > 0 ? moments.mean : null, max: moments.max };
}

/** Accuracy, per-class precision/recall/F1 from the (K+1) x K confusion matrix (last row: unknown labels). */
export function classification(stats: SummaryStats, classes: readonly string[]) {
  const k = classes.length;
  const confusion = stats.feedback?.confusion;
  const labels = stats.feedback?.labels;
  if (!confusion || k === 0) return { accuracy: null, macroF1: null, classes: [], labels: [] };
  let correct = 0;
  let known = 0;
  const predicted = new Array<number>(k).fill(0);
  const support = new Array<number>(k).fill(0);
  for (let row = 0; row < k; row++) {
    for (let col = 0; col < k; col++) {
      const n = confusion[row * k + col]!;
      known += n;
      predicted[col]! += n;
      support[row]! += n;
      if (row === col) correct += n;
    }
  }
  const perClass = classes.map((label, c) => {
    const tp = confusion[c * k + c]!;
    const precision = ratio(tp, predicted[c]!);
    const recall = ratio(tp, support[c]!);
    const f1 = precision === null || recall === null ? null : precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { label, precision, recall, f1, support: support[c]!, predicted: predicted[c]! };
  });
  const f1s = perClass.map((c) => c.f1).filter((f): f is number => f !== null);
  return {
    accuracy: ratio(correct, known),
    macroF1: f1s.length > 0 ? f1s.reduce((a, b) => a + b, 0) / f1s.length : null,
    classes: perClass,
    labels: labels ? [...classes, '(other)'].map((label, i) => ({ label, count: labels[i] ?? 0 })).filter((l) => l.count > 0) : [],
  };
}

/** Expected calibration error Σ (n_b / N)·|accuracy_b - confidence_b| over the reliability bins (Guo et al. 2017). */
function expectedCalibrationError(stats: SummaryStats): number | null {
  const r = stats.feedback?.reliability;
  if (!r || r.counts.length !== RELIABILITY_EDGES.length - 1) return null;
  const n = r.counts.reduce((a, b) => a + b, 0);
  if (n === 0) return null;
  let ece = 0;
  r.counts.forEach((count, b) => {
    if (count > 0) ece += (count / n) * Math.abs(r.correct[b]! / count - r.confidenceSum[b]! / count);
  });
  return ece;
}

export function regression(stats: SummaryStats) {
  const residuals = stats.feedback?.residuals;
  const absolute = stats.feedback?.absoluteErrors;
  if (!residuals || residuals.count === 0) return { mae: null, rmse: null, bias: null };
  // Mean squared residual = population variance + mean², exact from the merged moments.
  const meanSquare = momentsVariance(residuals, 0) + residuals.mean * residuals.mean;
  return { mae: absolute && absolute.count > 0 ? absolute.mean : null, rmse: Math.sqrt(meanSquare), bias: residuals.mean };
}

const momentsSummary = (m: Moments | undefined) => (m && m.count > 0 ? { mean: m.mean, max: m.max } : null);

export interface QualityGroup {
  model: string;
  /** sha256 of the profile the group's summaries were counted on; null without one. */
  profile: string | null;
  version: string;
  variant: QualityReport['variant'];
  arm: string;
  devices: number;
  summaries: number;
  gaps: number;
}

/**
 * The quality report of one group's merged window. `profile` (when the group had one) names the
 * features and classes and gives the reference accuracy.
 */
export function computeQuality(group: QualityGroup, stats: SummaryStats, profile: Profile | null, range: { since: string; until: string }): QualityReport {
  const { counts } = stats;
  const features = profile?.features ?? [];
  const task = profile?.output?.spec.task;
  const cls = task === 'classification' ? classification(stats, profile!.output!.spec.classes ?? []) : { accuracy: null, macroF1: null, classes: [], labels: [] };
  const reg = regression(stats);
  const business = stats.business;
  const detector = stats.feedback?.detector;
  return {
    ...group, since: range.since, until: range.until,
    tiers: {
      infrastructure: {
        predictions: counts.predictions, errors: counts.errors, errorRate: ratio(counts.errors, counts.predictions),
        latencyMs: latency(stats), cpu: momentsSummary(stats.resources?.cpu), memoryBytes: momentsSummary(stats.resources?.memoryBytes),
      },
      model: {
        nanOutputs: counts.nanOutputs, nanRate: ratio(counts.nanOutputs, counts.predictions),
        violations: counts.violations
          .map((count, k) => ({ feature: features[k]?.name ?? `#${k}`, count, rate: counts.predictions > 0 ? count / counts.predictions : 0 }))
          .filter((v) => v.count > 0)
          .sort((a, b) => b.count - a.count),
        feedback: stats.feedback?.n ?? 0,
        ...cls, ...reg,
        expectedCalibrationError: expectedCalibrationError(stats),
        detector: detector ? { kind: detector.kind, alarms: detector.alarms, warning: detector.warning, lastAlarmAt: detector.lastAlarmAt ?? null } : null,
        referenceAccuracy: profile?.quality?.accuracy ?? null,
      },
      business: {
        events: (business?.names ?? []).map((name, i) => {
          const values = business!.values[i]!;
          return { name, count: business!.counts[i]!, valueCount: values.count, sum: values.sum, mean: values.count > 0 ? values.mean : null };
        }),
        dropped: business?.dropped ?? 0,
      },
    },
  };
}
