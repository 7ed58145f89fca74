/**
 * The per-request side of window summaries: what the agent (Node or browser) calls for every
 * prediction, label and business event. Everything is updated in place on plain arrays, with the
 * profile's lookups (edges, category indices, allowed sets) prepared once per window, because this
 * runs on the inference hot path.
 */
import { addToMoments, createMoments } from './stats/index.ts';
import { createDetector, updateDetector, type DetectorOptions } from './error-stream-detectors.ts';
import {
  classIndexOf,
  interpretOutput,
  violatesExpectations,
  type FeatureValue,
  type OutputReading,
} from './profile-features.ts';
import type { FeatureProfile, Profile } from './profile.ts';
import {
  LATENCY_EDGES_MS,
  MAX_BUSINESS_EVENTS,
  MAX_PER_CLASS_CLASSES,
  RELIABILITY_EDGES,
  emptySummary,
  type FeedbackWindow,
  type SummaryIdentity,
  type WindowSummary,
} from './summaries.ts';

interface PreparedFeature {
  profile: FeatureProfile;
  /** The feature declares expectations: without any, only a non-number for a numeric feature violates. */
  checked: boolean;
  edges: readonly number[] | null;
  categories: Map<string, number> | null;
  allowed: Set<string> | undefined;
}

/** An open window: the summary being filled and the profile's lookups. */
export interface SummaryWindow {
  readonly summary: WindowSummary;
  readonly profile: Profile | null;
  readonly features: readonly PreparedFeature[];
  /** Offsets of each top feature inside one class's block of `feedback.perClass`, and the block size. */
  readonly perClassLayout: { offsets: number[]; size: number } | null;
  readonly detectorOptions: DetectorOptions;
}

/**
 * Index into extended counts [underflow, bins..., overflow] on `edges`, with histogram.ts's
 * convention: bins [e_i, e_i+1), the last one closed, -Infinity under, +Infinity over.
 */
export function extendedBinIndex(edges: readonly number[], x: number): number {
  const last = edges.length - 1;
  if (x < edges[0]!) return 0;
  if (x > edges[last]!) return last + 1;
  let low = 0;
  let high = last - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (edges[middle]! <= x) low = middle;
    else high = middle - 1;
  }
  return low + 1;
}

function prepareFeature(profile: FeatureProfile): PreparedFeature {
  const allowed = profile.expectations?.allowed ? new Set(profile.expectations.allowed) : undefined;
  const checked = profile.expectations !== undefined;
  if (profile.type === 'numeric') return { profile, checked, edges: profile.histogram.edges, categories: null, allowed };
  return { profile, checked, edges: null, categories: new Map(profile.counts.categories.map((c, i) => [c, i])), allowed };
}

function perClassLayoutOf(profile: Profile | null): SummaryWindow['perClassLayout'] {
  const classes = profile?.output?.spec.classes;
  if (!profile || !classes || classes.length > MAX_PER_CLASS_CLASSES || profile.topFeatures.length === 0) return null;
  const offsets: number[] = [];
  let size = 0;
  for (const k of profile.topFeatures) {
    const f = profile.features[k];
    if (f?.type !== 'numeric') return null;
    offsets.push(size);
    size += f.histogram.edges.length + 1;
  }
  return { offsets, size };
}

/**
 * Open a window aligned with `profile` (null: counts and latency only) starting at `start`.
 *
 * @example
 * const window = openWindow({ deviceId, model: 'bc', version: '1', variant: 'fp32', profileSha256 }, profile, new Date().toISOString());
 */
export function openWindow(identity: SummaryIdentity, profile: Profile | null, start: string, detectorOptions: DetectorOptions = {}): SummaryWindow {
  return {
    summary: emptySummary(identity, profile, start),
    profile,
    features: (profile?.features ?? []).map(prepareFeature),
    perClassLayout: perClassLayoutOf(profile),
    detectorOptions,
  };
}

/** One served request, as the agent saw it. */
export interface PredictionInput {
  /** Feature values aligned with the profile's features (`extractFeatureRows`), or null. */
  features?: readonly FeatureValue[] | null;
  /** The primary output's row for this prediction, or null when inference failed. */
  outputs?: ArrayLike<number> | null;
  latencyMs: number;
  error?: boolean;
}

function addFeatures(window: SummaryWindow, values: readonly FeatureValue[]): void {
  const { features, counts } = window.summary;
  for (let k = 0; k < window.features.length; k++) {
    const prepared = window.features[k]!;
    const state = features[k]!;
    const value = values[k];
    // The common case, no expectations declared, skips the general check (this runs per feature per request).
    if (prepared.checked) {
      if (violatesExpectations(prepared.profile.type, prepared.profile.expectations, value, prepared.allowed)) counts.violations[k]!++;
    } else if (prepared.edges && typeof value === 'string') counts.violations[k]!++;
    if (value === null || value === undefined || (typeof value === 'number' && value !== value)) {
      state.missing++;
      continue;
    }
    if (prepared.edges) {
      if (typeof value !== 'number') {
        state.missing++; // a string where a number belongs: counted as a violation above, and missing here
        continue;
      }
      state.counts[extendedBinIndex(prepared.edges, value)]!++;
      addToMoments(state.moments!, value);
    } else {
      const index = prepared.categories!.get(String(value));
      state.counts[index ?? state.counts.length - 1]!++; // last cell: OTHER
    }
  }
}

/**
 * Count one prediction in place; returns how its output reads (keep it to match a later label),
 * or null without an output.
 *
 * @example
 * const reading = addPrediction(window, { features: rows[0], outputs: outputRow, latencyMs: 3.2 });
 */
export function addPrediction(window: SummaryWindow, input: PredictionInput): OutputReading | null {
  const { summary } = window;
  summary.counts.predictions++;
  if (input.error) summary.counts.errors++;
  if (Number.isFinite(input.latencyMs) && input.latencyMs >= 0) {
    summary.latency.counts[extendedBinIndex(LATENCY_EDGES_MS, input.latencyMs)]!++;
    addToMoments(summary.latency.moments, input.latencyMs);
  }
  if (input.features && window.features.length > 0) addFeatures(window, input.features);
  const spec = window.profile?.output?.spec;
  if (!input.outputs || !spec || !summary.output) return null;
  const reading = interpretOutput(spec, input.outputs);
  if (reading.nan) {
    summary.counts.nanOutputs++;
    return reading;
  }
  const output = summary.output;
  output.scores[extendedBinIndex(window.profile!.output!.scores.edges, reading.score)]!++;
  addToMoments(output.scoreMoments, reading.score);
  if (spec.task === 'classification' && reading.predicted < output.classes.length) {
    addToMoments(output.entropy, reading.entropy);
    output.classes[reading.predicted]!++;
  }
  return reading;
}

/** A label for an earlier prediction. */
export interface FeedbackInput {
  label: string | number;
  /** What the model said: class name or index (classification), the value (regression). */
  predicted?: string | number | null;
  /** Probability of the predicted class (`OutputReading.confidence`), for the reliability histogram. */
  confidence?: number | null;
  /** The prediction's feature values, for the per-class histograms of the top features. */
  features?: readonly FeatureValue[] | null;
  /** When the label arrived (ISO), stamped on detector alarms. */
  at?: string;
}

function classificationFeedback(window: SummaryWindow, feedback: FeedbackWindow, classes: readonly string[], input: FeedbackInput): void {
  const k = classes.length;
  const label = classIndexOf(classes, input.label);
  const row = label >= 0 ? label : k;
  feedback.labels ??= new Array<number>(k + 1).fill(0);
  feedback.confusion ??= new Array<number>((k + 1) * k).fill(0);
  feedback.labels[row]!++;
  const predicted = classIndexOf(classes, input.predicted);
  if (predicted < 0) return;
  feedback.confusion[row * k + predicted]!++;
  const confidence = input.confidence;
  if (typeof confidence === 'number' && confidence >= 0 && confidence <= 1) {
    const bins = RELIABILITY_EDGES.length - 1;
    feedback.reliability ??= { counts: new Array(bins).fill(0), correct: new Array(bins).fill(0), confidenceSum: new Array(bins).fill(0) };
    const bin = extendedBinIndex(RELIABILITY_EDGES, confidence) - 1;
    feedback.reliability.counts[bin]!++;
    feedback.reliability.correct[bin]! += predicted === label ? 1 : 0;
    feedback.reliability.confidenceSum[bin]! += confidence;
  }
  const layout = window.perClassLayout;
  if (layout && input.features && label >= 0) {
    feedback.perClass ??= new Array<number>(k * layout.size).fill(0);
    window.profile!.topFeatures.forEach((f, j) => {
      const value = input.features![f];
      if (typeof value !== 'number' || Number.isNaN(value)) return;
      const edges = window.features[f]!.edges!;
      feedback.perClass![label * layout.size + layout.offsets[j]! + extendedBinIndex(edges, value)]!++;
    });
  }
  feedback.detector ??= createDetector('ddm');
  updateDetector(feedback.detector, predicted === label ? 0 : 1, input.at, window.detectorOptions);
}

function regressionFeedback(window: SummaryWindow, feedback: FeedbackWindow, input: FeedbackInput): void {
  const label = Number(input.label);
  if (!Number.isFinite(label)) return;
  addToMoments((feedback.labelMoments ??= createMoments()), label);
  const predicted = input.predicted === null || input.predicted === undefined ? NaN : Number(input.predicted);
  if (!Number.isFinite(predicted)) return;
  const residual = predicted - label;
  addToMoments((feedback.residuals ??= createMoments()), residual);
  addToMoments((feedback.absoluteErrors ??= createMoments()), Math.abs(residual));
  feedback.detector ??= createDetector('page-hinkley');
  updateDetector(feedback.detector, Math.abs(residual), input.at, window.detectorOptions);
}

/**
 * Count one label in place: confusion matrix, label counts, reliability, per-class histograms and
 * the DDM detector (classification), or residual moments and Page-Hinkley (regression).
 *
 * @example
 * addFeedback(window, { label: 'benign', predicted: reading.predicted, confidence: reading.confidence, features: row });
 */
export function addFeedback(window: SummaryWindow, input: FeedbackInput): void {
  const feedback = (window.summary.feedback ??= { n: 0 });
  feedback.n++;
  const spec = window.profile?.output?.spec;
  if (spec?.task === 'classification') classificationFeedback(window, feedback, spec.classes ?? [], input);
  else regressionFeedback(window, feedback, input);
}

/**
 * Count a named business event (a click, a sale) in place, with its value when it has one.
 *
 * @example
 * addBusinessEvent(window, { name: 'checkout', value: 42.5 });
 */
export function addBusinessEvent(window: SummaryWindow, event: { name: string; value?: number }): void {
  const business = (window.summary.business ??= { names: [], counts: [], values: [], dropped: 0 });
  let i = business.names.indexOf(event.name);
  if (i < 0) {
    if (business.names.length >= MAX_BUSINESS_EVENTS) {
      business.dropped++;
      return;
    }
    i = business.names.push(event.name) - 1;
    business.counts.push(0);
    business.values.push(createMoments());
  }
  business.counts[i]!++;
  if (event.value !== undefined) addToMoments(business.values[i]!, event.value);
}

/**
 * Record a resource sample (CPU as a fraction of the machine, resident memory in bytes).
 *
 * @example
 * addResourceSample(window, { cpu: 0.35, memoryBytes: process.memoryUsage().rss });
 */
export function addResourceSample(window: SummaryWindow, sample: { cpu?: number; memoryBytes?: number }): void {
  const resources = (window.summary.resources ??= {});
  if (sample.cpu !== undefined) addToMoments((resources.cpu ??= createMoments()), sample.cpu);
  if (sample.memoryBytes !== undefined) addToMoments((resources.memoryBytes ??= createMoments()), sample.memoryBytes);
}

/**
 * Stamp the envelope and the window's end; the summary is then ready to send (and the agent opens
 * the next window).
 *
 * @example
 * outbox.push(closeWindow(window, { seq: nextSeq(), sentAt: now, end: now }));
 */
export function closeWindow(window: SummaryWindow, envelope: { seq: number; sentAt: string; end?: string }): WindowSummary {
  const { summary } = window;
  summary.seq = envelope.seq;
  summary.sentAt = envelope.sentAt;
  summary.windowEnd = envelope.end ?? envelope.sentAt;
  return summary;
}
