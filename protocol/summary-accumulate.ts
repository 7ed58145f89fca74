/**
 * The per-request side of window summaries: what the agent (Node or browser) calls for every
 * prediction, label and business event. This runs on the inference hot path, so a prediction is
 * counted in the open window's typed arrays (summary-window.ts; numeric features buffered and
 * counted 64 rows at a time) with the profile's lookups (edges, category indices, allowed sets)
 * prepared once per window, and allocates nothing per value; the JSON summary is written out when
 * the window is read or closed. Labels, business events and
 * resource samples are rarer and update the JSON summary directly.
 */
import { addToMoments, addToPackedMoments, createMoments } from './stats/index.ts';
import { createDetector, updateDetector } from './error-stream-detectors.ts';
import {
  classIndexOf,
  interpretOutput,
  violatesExpectations,
  type FeatureValue,
  type OutputReading,
} from './profile-features.ts';
import {
  MAX_BUSINESS_EVENTS,
  RELIABILITY_EDGES,
  type FeedbackWindow,
  type WindowSummary,
} from './summaries.ts';
import {
  ENTROPY_MOMENTS,
  LATENCY_LOOKUP,
  LATENCY_MOMENTS,
  PENDING_ROWS,
  SCORE_MOMENTS,
  countPending,
  extendedBinIndex,
  lookupBin,
  type PreparedFeature,
  type SummaryWindow,
  type WindowInternals,
} from './summary-window.ts';

export { extendedBinIndex, openWindow, type PreparedFeature, type SummaryWindow } from './summary-window.ts';

/** One served request, as the agent saw it. */
export interface PredictionInput {
  /**
   * Feature values aligned with the profile's features (`extractFeatureRows`), or null. Any
   * array-like: an agent whose features are the first columns of a float input passes that row.
   */
  features?: ArrayLike<FeatureValue> | null;
  /** The primary output's row for this prediction, or null when inference failed. */
  outputs?: ArrayLike<number> | null;
  latencyMs: number;
  error?: boolean;
  /**
   * Some output of this row held NaN or ±Infinity, as the caller saw it (an agent without an output
   * spec checks every floating output). Counted in `nanOutputs` once, with the spec's own reading.
   */
  nonFinite?: boolean;
}

/** A categorical feature's value: the general expectation check, then its category's cell or OTHER. */
function addCategorical(window: WindowInternals, f: PreparedFeature, k: number, value: FeatureValue | undefined): void {
  const { cells, layout } = window;
  if (f.checked && violatesExpectations(f.profile.type, f.profile.expectations, value, f.allowed)) cells[layout.violationsAt + k]!++;
  if (value === null || value === undefined || (typeof value === 'number' && value !== value)) {
    cells[layout.missingAt + k]!++;
    return;
  }
  const index = f.categories!.get(String(value));
  cells[f.countsAt + (index ?? f.cells - 1)]!++; // last cell: OTHER
}

/**
 * Per feature: missing values and non-numbers (the rule of `violatesExpectations`, inlined for
 * numbers), and each numeric feature's value into its column of the window's buffer (NaN when
 * missing); `countPending` does the rest (range violation, histogram cell, moments). Runs per
 * feature per request.
 */
function addFeatures(window: WindowInternals, values: ArrayLike<FeatureValue>): void {
  const { cells, features, pending } = window;
  const { missingAt, violationsAt } = window.layout;
  const row = window.pendingRows;
  for (let k = 0; k < features.length; k++) {
    const f = features[k]!;
    const value = values[k];
    if (!f.numeric) {
      addCategorical(window, f, k, value);
      continue;
    }
    if (typeof value === 'number') {
      pending[f.pendingAt + row] = value;
      if (value === value) continue;
    } else {
      pending[f.pendingAt + row] = NaN;
      // A string where a number belongs: a violation, and missing for the histogram.
      if (value !== null && value !== undefined) cells[violationsAt + k]!++;
      else if (f.missingViolates) cells[violationsAt + k]!++;
      cells[missingAt + k]!++;
      continue;
    }
    cells[missingAt + k]!++; // NaN
    if (f.missingViolates) cells[violationsAt + k]!++;
  }
  window.pendingRows = row + 1;
}

/** The primary output's score histogram, moments and predicted class; the reading, or null without one. */
function addOutput(window: WindowInternals, outputs: ArrayLike<number>): OutputReading | null {
  const spec = window.profile?.output?.spec;
  if (!spec || !window.draft.output) return null;
  const reading = interpretOutput(spec, outputs);
  if (reading.nan) return reading;
  const { cells, moments, layout } = window;
  cells[layout.scoresAt + lookupBin(window.scoreBins!, reading.score)]!++;
  addToPackedMoments(moments, SCORE_MOMENTS, reading.score);
  if (spec.task === 'classification' && reading.predicted < layout.size - layout.classesAt) {
    addToPackedMoments(moments, ENTROPY_MOMENTS, reading.entropy);
    cells[layout.classesAt + reading.predicted]!++;
  }
  return reading;
}

/**
 * Count one prediction in place; returns how its output reads (keep it to match a later label),
 * or null without an output.
 *
 * @example
 * const reading = addPrediction(window, { features: rows[0], outputs: outputRow, latencyMs: 3.2 });
 */
export function addPrediction(window: SummaryWindow, input: PredictionInput): OutputReading | null {
  const w = window as WindowInternals;
  const counts = w.draft.counts;
  w.stale = true;
  counts.predictions++;
  if (input.error) counts.errors++;
  const latency = input.latencyMs;
  if (latency >= 0 && latency - latency === 0) {
    w.cells[w.layout.latencyAt + lookupBin(LATENCY_LOOKUP, latency)]!++;
    addToPackedMoments(w.moments, LATENCY_MOMENTS, latency);
  }
  if (input.features && w.features.length > 0) {
    addFeatures(w, input.features);
    if (w.pendingRows === PENDING_ROWS) countPending(w);
  }
  const reading = input.outputs ? addOutput(w, input.outputs) : null;
  if (reading?.nan || input.nonFinite) counts.nanOutputs++; // once per prediction
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
  features?: ArrayLike<FeatureValue> | null;
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
  const feedback = ((window as WindowInternals).draft.feedback ??= { n: 0 });
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
  const business = ((window as WindowInternals).draft.business ??= { names: [], counts: [], values: [], dropped: 0 });
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
  const resources = ((window as WindowInternals).draft.resources ??= {});
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
  const { summary } = window; // writes the typed-array state out
  summary.seq = envelope.seq;
  summary.sentAt = envelope.sentAt;
  summary.windowEnd = envelope.end ?? envelope.sentAt;
  return summary;
}
