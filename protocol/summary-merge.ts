/**
 * Merging window summaries. Counts add and moments merge by the pairwise formulas of Chan, Golub and
 * LeVeque (1979) / Pébay (2008) (stats/moments.ts), so the merge of two windows equals the window
 * of the union, up to floating-point rounding of the moments. The one exception is the error-stream
 * detector: it is the device's running state, not a window statistic, so the later window's state
 * wins and alarms add.
 */
import { mergeMoments, type Moments } from './stats/index.ts';
import type { Profile } from './profile.ts';
import {
  LATENCY_EDGES_MS,
  MAX_BUSINESS_EVENTS,
  RELIABILITY_EDGES,
  type BusinessWindow,
  type FeatureWindow,
  type FeedbackWindow,
  type OutputWindow,
  type SummaryStats,
  type WindowSummary,
} from './summaries.ts';

function addCounts(a: readonly number[], b: readonly number[], what: string): number[] {
  if (a.length !== b.length) throw new RangeError(`cannot merge ${what}: ${a.length} cells against ${b.length}`);
  const out = new Array<number>(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i]! + b[i]!;
  return out;
}

function mergeOptional<T>(a: T | undefined, b: T | undefined, merge: (x: T, y: T) => T): T | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return merge(a, b);
}

const mergeMomentsOptional = (a: Moments | undefined, b: Moments | undefined) => mergeOptional(a, b, mergeMoments);

function mergeFeature(a: FeatureWindow, b: FeatureWindow, k: number): FeatureWindow {
  const merged: FeatureWindow = { counts: addCounts(a.counts, b.counts, `feature ${k}`), missing: a.missing + b.missing };
  const moments = mergeMomentsOptional(a.moments, b.moments);
  if (moments) merged.moments = moments;
  return merged;
}

function mergeOutput(a: OutputWindow, b: OutputWindow): OutputWindow {
  return {
    scores: addCounts(a.scores, b.scores, 'output scores'),
    scoreMoments: mergeMoments(a.scoreMoments, b.scoreMoments),
    entropy: mergeMoments(a.entropy, b.entropy),
    classes: addCounts(a.classes, b.classes, 'predicted classes'),
  };
}

function mergeFeedback(a: FeedbackWindow, b: FeedbackWindow, bIsLater: boolean): FeedbackWindow {
  const out: FeedbackWindow = { n: a.n + b.n };
  const counts = (x: number[] | undefined, y: number[] | undefined, what: string) =>
    mergeOptional(x, y, (p, q) => addCounts(p, q, what));
  const labels = counts(a.labels, b.labels, 'labels');
  const confusion = counts(a.confusion, b.confusion, 'confusion matrix');
  const perClass = counts(a.perClass, b.perClass, 'per-class histograms');
  const reliability = mergeOptional(a.reliability, b.reliability, (p, q) => ({
    counts: addCounts(p.counts, q.counts, 'reliability'),
    correct: addCounts(p.correct, q.correct, 'reliability'),
    confidenceSum: addCounts(p.confidenceSum, q.confidenceSum, 'reliability'),
  }));
  const labelMoments = mergeMomentsOptional(a.labelMoments, b.labelMoments);
  const residuals = mergeMomentsOptional(a.residuals, b.residuals);
  const absoluteErrors = mergeMomentsOptional(a.absoluteErrors, b.absoluteErrors);
  const detector = mergeOptional(a.detector, b.detector, (p, q) => {
    const later = bIsLater ? q : p;
    return { ...later, alarms: p.alarms + q.alarms };
  });
  Object.assign(out,
    labels && { labels }, confusion && { confusion }, perClass && { perClass }, reliability && { reliability },
    labelMoments && { labelMoments }, residuals && { residuals }, absoluteErrors && { absoluteErrors }, detector && { detector });
  return out;
}

/** Union of named events; names past MAX_BUSINESS_EVENTS (busiest kept) fold into `dropped`. */
function mergeBusiness(a: BusinessWindow, b: BusinessWindow): BusinessWindow {
  const byName = new Map<string, { count: number; values: Moments }>();
  for (const w of [a, b]) {
    w.names.forEach((name, i) => {
      const seen = byName.get(name);
      const entry = { count: w.counts[i]!, values: w.values[i]! };
      byName.set(name, seen ? { count: seen.count + entry.count, values: mergeMoments(seen.values, entry.values) } : entry);
    });
  }
  let entries = [...byName];
  let dropped = a.dropped + b.dropped;
  if (entries.length > MAX_BUSINESS_EVENTS) {
    entries.sort((x, y) => y[1].count - x[1].count || (x[0] < y[0] ? -1 : 1));
    for (const [, e] of entries.slice(MAX_BUSINESS_EVENTS)) dropped += e.count;
    entries = entries.slice(0, MAX_BUSINESS_EVENTS);
  }
  return { names: entries.map(([n]) => n), counts: entries.map(([, e]) => e.count), values: entries.map(([, e]) => e.values), dropped };
}

function mergeResources(x: NonNullable<SummaryStats['resources']>, y: NonNullable<SummaryStats['resources']>): NonNullable<SummaryStats['resources']> {
  const cpu = mergeMomentsOptional(x.cpu, y.cpu);
  const memoryBytes = mergeMomentsOptional(x.memoryBytes, y.memoryBytes);
  return { ...(cpu && { cpu }), ...(memoryBytes && { memoryBytes }) };
}

/**
 * Merge the statistics of two windows aligned with the same profile into a new one. Throws a
 * RangeError when their vectors do not line up (different profiles).
 *
 * @example
 * mergeSummaryStats(windowOf(rowsA), windowOf(rowsB)) // equals windowOf([...rowsA, ...rowsB])
 */
export function mergeSummaryStats(a: SummaryStats, b: SummaryStats): SummaryStats {
  if (a.features.length !== b.features.length) {
    throw new RangeError(`cannot merge windows with ${a.features.length} and ${b.features.length} features`);
  }
  // Compare instants, not strings: "…00Z" and "…00.500Z" sort the wrong way as text.
  const bIsLater = Date.parse(b.windowEnd) >= Date.parse(a.windowEnd);
  const merged: SummaryStats = {
    windowStart: Date.parse(a.windowStart) <= Date.parse(b.windowStart) ? a.windowStart : b.windowStart,
    windowEnd: bIsLater ? b.windowEnd : a.windowEnd,
    counts: {
      predictions: a.counts.predictions + b.counts.predictions,
      errors: a.counts.errors + b.counts.errors,
      nanOutputs: a.counts.nanOutputs + b.counts.nanOutputs,
      violations: addCounts(a.counts.violations, b.counts.violations, 'violations'),
    },
    features: a.features.map((f, k) => mergeFeature(f, b.features[k]!, k)),
    latency: { counts: addCounts(a.latency.counts, b.latency.counts, 'latency'), moments: mergeMoments(a.latency.moments, b.latency.moments) },
  };
  const output = mergeOptional(a.output, b.output, mergeOutput);
  const feedback = mergeOptional(a.feedback, b.feedback, (x, y) => mergeFeedback(x, y, bIsLater));
  const business = mergeOptional(a.business, b.business, mergeBusiness);
  const resources = mergeOptional(a.resources, b.resources, mergeResources);
  if (output) merged.output = output;
  if (feedback) merged.feedback = feedback;
  if (business) merged.business = business;
  if (resources) merged.resources = resources;
  return merged;
}

/** a[i] += b[i]; lengths checked by the caller. */
function addCountsInto(a: number[], b: readonly number[]): void {
  for (let i = 0; i < a.length; i++) a[i]! += b[i]!;
}

/** Overwrite `target` with the merge of itself and `b` (the same numbers as `mergeMoments`). */
function mergeMomentsInto(target: Moments, b: Moments): void {
  if (b.count === 0) return;
  Object.assign(target, mergeMoments(target, b));
}

const copyMoments = (m: Moments): Moments => ({ ...m });

function copyOutput(o: OutputWindow): OutputWindow {
  return { scores: [...o.scores], scoreMoments: copyMoments(o.scoreMoments), entropy: copyMoments(o.entropy), classes: [...o.classes] };
}

/** Why `b` cannot be merged into `a` (vectors that do not line up), checked before anything changes. */
function alignmentError(a: SummaryStats, b: SummaryStats): string | null {
  if (a.features.length !== b.features.length) return `cannot merge windows with ${a.features.length} and ${b.features.length} features`;
  const pairs: Array<[readonly unknown[], readonly unknown[], string]> = [
    [a.counts.violations, b.counts.violations, 'violations'],
    [a.latency.counts, b.latency.counts, 'latency'],
    ...a.features.map((f, k): [number[], number[], string] => [f.counts, b.features[k]!.counts, `feature ${k}`]),
  ];
  if (a.output && b.output) {
    pairs.push([a.output.scores, b.output.scores, 'output scores'], [a.output.classes, b.output.classes, 'predicted classes']);
  }
  for (const [x, y, what] of pairs) if (x.length !== y.length) return `cannot merge ${what}: ${x.length} cells against ${y.length}`;
  return null;
}

/**
 * A copy of a summary's statistics that shares none of what `mergeSummaryStatsInto` changes in
 * place (counts, features, latency, output), to merge into.
 *
 * @example
 * const bucket = copySummaryStats(statsOf(first)); // first stays as it is
 */
export function copySummaryStats(stats: SummaryStats): SummaryStats {
  const copy: SummaryStats = {
    ...stats,
    counts: { ...stats.counts, violations: [...stats.counts.violations] },
    features: stats.features.map((f) => ({ ...f, counts: [...f.counts], ...(f.moments && { moments: copyMoments(f.moments) }) })),
    latency: { counts: [...stats.latency.counts], moments: copyMoments(stats.latency.moments) },
  };
  if (stats.output) copy.output = copyOutput(stats.output);
  return copy;
}

/**
 * `mergeSummaryStats(target, b)`, written into `target` instead of a new object: the same
 * numbers, without allocating the merged vectors (a control plane keeps thousands of buckets in
 * memory and merges every summary into one). `b` is not changed and nothing of it is kept by
 * reference in the vectors merged in place; `target` must not share them with anything else
 * (`copySummaryStats` makes such a target). Throws a RangeError, with `target` unchanged, when
 * the vectors do not line up.
 *
 * @example
 * const bucket = copySummaryStats(statsOf(first));
 * mergeSummaryStatsInto(bucket, statsOf(second)); // equals mergeSummaryStats(statsOf(first), statsOf(second))
 */
export function mergeSummaryStatsInto(target: SummaryStats, b: SummaryStats): SummaryStats {
  const error = alignmentError(target, b);
  if (error) throw new RangeError(error);
  const bIsLater = Date.parse(b.windowEnd) >= Date.parse(target.windowEnd);
  if (!(Date.parse(target.windowStart) <= Date.parse(b.windowStart))) target.windowStart = b.windowStart;
  if (bIsLater) target.windowEnd = b.windowEnd;
  const counts = target.counts;
  counts.predictions += b.counts.predictions;
  counts.errors += b.counts.errors;
  counts.nanOutputs += b.counts.nanOutputs;
  addCountsInto(counts.violations, b.counts.violations);
  target.features.forEach((f, k) => {
    const g = b.features[k]!;
    addCountsInto(f.counts, g.counts);
    f.missing += g.missing;
    if (f.moments && g.moments) mergeMomentsInto(f.moments, g.moments);
    else if (g.moments) f.moments = copyMoments(g.moments);
  });
  addCountsInto(target.latency.counts, b.latency.counts);
  mergeMomentsInto(target.latency.moments, b.latency.moments);
  if (target.output && b.output) {
    addCountsInto(target.output.scores, b.output.scores);
    mergeMomentsInto(target.output.scoreMoments, b.output.scoreMoments);
    mergeMomentsInto(target.output.entropy, b.output.entropy);
    addCountsInto(target.output.classes, b.output.classes);
  } else if (b.output) target.output = copyOutput(b.output);
  // The rarer blocks are small: merged as mergeSummaryStats does, into new objects.
  const feedback = mergeOptional(target.feedback, b.feedback, (x, y) => mergeFeedback(x, y, bIsLater));
  const business = mergeOptional(target.business, b.business, mergeBusiness);
  const resources = mergeOptional(target.resources, b.resources, mergeResources);
  if (feedback) target.feedback = feedback;
  if (business) target.business = business;
  if (resources) target.resources = resources;
  return target;
}

/** The statistics part of a summary (drops the envelope and identity). */
export function statsOf(summary: SummaryStats): SummaryStats {
  const { windowStart, windowEnd, counts, features, latency, output, feedback, business, resources } = summary;
  return {
    windowStart, windowEnd, counts, features, latency,
    ...(output && { output }), ...(feedback && { feedback }), ...(business && { business }), ...(resources && { resources }),
  };
}

/**
 * Merge two summaries of the same device, model, version, variant, arm and profile: the statistics
 * merge exactly and the envelope (seq, sentAt) is the later one's. Throws a RangeError otherwise.
 *
 * @example
 * mergeSummaries(first, second).counts.predictions // first.counts.predictions + second.counts.predictions
 */
export function mergeSummaries(a: WindowSummary, b: WindowSummary): WindowSummary {
  for (const key of ['deviceId', 'model', 'version', 'variant', 'arm', 'profile'] as const) {
    if (a[key] !== b[key]) throw new RangeError(`cannot merge summaries with different ${key}: ${a[key]} and ${b[key]}`);
  }
  const later = b.seq >= a.seq ? b : a;
  return {
    schemaVersion: later.schemaVersion, deviceId: a.deviceId, seq: later.seq, sentAt: later.sentAt,
    model: a.model, version: a.version, variant: a.variant, arm: a.arm,
    ...(a.profile !== undefined && { profile: a.profile }),
    ...mergeSummaryStats(a, b),
  };
}

/**
 * Why a summary's vectors do not line up with `profile` (null: no profile), or null when they do.
 * Receivers check this before merging, so a summary counted on another profile is dropped at the
 * boundary instead of failing a merge later.
 *
 * @example
 * summaryShapeError(summary, profile) // null, or 'feature 3 has 12 cells, the profile 52'
 */
export function summaryShapeError(stats: SummaryStats, profile: Profile | null): string | null {
  const features = profile?.features ?? [];
  if (stats.features.length !== features.length) return `${stats.features.length} features, the profile has ${features.length}`;
  if (stats.counts.violations.length !== features.length) return 'violations must have one cell per feature';
  if (stats.latency.counts.length !== LATENCY_EDGES_MS.length + 1) return `latency needs ${LATENCY_EDGES_MS.length + 1} cells`;
  for (let k = 0; k < features.length; k++) {
    const f = features[k]!;
    const cells = f.type === 'numeric' ? f.histogram.edges.length + 1 : f.counts.categories.length + 1;
    const w = stats.features[k]!;
    if (w.counts.length !== cells) return `feature ${k} has ${w.counts.length} cells, the profile ${cells}`;
    if ((f.type === 'numeric') !== (w.moments !== undefined)) return `feature ${k}: moments go with numeric features only`;
  }
  const output = profile?.output;
  if (!output) return stats.output ? 'an output block needs a profile with an output' : null;
  if (stats.output) {
    const k = output.spec.classes?.length ?? 0;
    if (stats.output.scores.length !== output.scores.edges.length + 1) return 'output scores do not match the profile edges';
    if (stats.output.classes.length !== k) return 'predicted classes do not match the profile classes';
  }
  return feedbackShapeError(stats.feedback, profile!);
}

function feedbackShapeError(feedback: SummaryStats['feedback'], profile: Profile): string | null {
  if (!feedback) return null;
  const k = profile.output?.spec.classes?.length ?? 0;
  if (feedback.labels && feedback.labels.length !== k + 1) return `feedback labels need ${k + 1} cells`;
  if (feedback.confusion && feedback.confusion.length !== (k + 1) * k) return `the confusion matrix needs ${(k + 1) * k} cells`;
  const bins = RELIABILITY_EDGES.length - 1;
  const r = feedback.reliability;
  if (r && (r.counts.length !== bins || r.correct.length !== bins || r.confidenceSum.length !== bins)) return `reliability needs ${bins} bins`;
  if (feedback.perClass) {
    let size = 0;
    for (const f of profile.topFeatures) {
      const feature = profile.features[f];
      size += feature?.type === 'numeric' ? feature.histogram.edges.length + 1 : 0;
    }
    if (feedback.perClass.length !== k * size) return `per-class histograms need ${k * size} cells`;
  }
  return null;
}
