/**
 * `buildProfile`: a reference profile from reference rows (feature values), the model's outputs on
 * them and, optionally, their labels. Pure, so the control plane builds it and a test or a browser
 * can rebuild the same one.
 */
import {
  addCategory,
  createCategoricalCounts,
  equalMassEdges,
  histogramOf,
  momentsOf,
  addToHistogram,
  addToMoments,
  createHistogram,
  createMoments,
  topCategories,
  type Moments,
} from './stats/index.ts';
import { classIndexOf, interpretOutput, isMissing, type FeatureValue } from './profile-features.ts';
import {
  MAX_TOP_FEATURES,
  PROBABILITY_EDGES,
  type FeatureDeclaration,
  type FeatureProfile,
  type LabelProfile,
  type OutputProfile,
  type OutputSpec,
  type Profile,
} from './profile.ts';

/** The model's primary output on each reference row (same order as the rows). */
export interface ProfileOutputs {
  spec: OutputSpec;
  rows: readonly ArrayLike<number>[];
}

/** The label of each reference row (null when unknown). */
export interface ProfileLabels {
  column: string;
  values: readonly (string | number | null)[];
}

export interface ProfileMeta {
  model: string;
  version: string;
  createdAt: string;
  /** Equal-mass bins per numeric feature (default 50). */
  bins?: number;
}

function numericValues(rows: readonly FeatureValue[][], k: number): number[] {
  return rows.map((row) => {
    const v = row[k];
    return typeof v === 'number' ? v : NaN;
  });
}

function featureProfile(rows: readonly FeatureValue[][], k: number, declaration: FeatureDeclaration, bins: number): FeatureProfile {
  if (declaration.type === 'numeric') {
    const values = numericValues(rows, k);
    if (!values.some(Number.isFinite)) {
      throw new RangeError(`feature "${declaration.name}" has no finite value in the reference rows`);
    }
    return { ...declaration, type: 'numeric', histogram: histogramOf(equalMassEdges(values, bins), values), moments: momentsOf(values) };
  }
  const values = rows.map((row) => row[k] ?? null);
  const counts = createCategoricalCounts({ categories: topCategories(values) });
  for (const v of values) addCategory(counts, v);
  return { ...declaration, type: 'categorical', counts };
}

function outputProfile(outputs: ProfileOutputs, bins: number): OutputProfile {
  const { spec } = outputs;
  const classes = spec.classes ?? [];
  const readings = outputs.rows.map((row) => {
    if (spec.task === 'classification' && row.length !== 1 && row.length !== classes.length) {
      throw new RangeError(`output "${spec.tensor}" has ${row.length} values per row but ${classes.length} classes are declared`);
    }
    return interpretOutput(spec, row);
  });
  const finite = readings.filter((r) => !r.nan).map((r) => r.score);
  const edges = spec.task === 'classification' ? PROBABILITY_EDGES : finite.length > 0 ? equalMassEdges(finite, bins) : [0, 1];
  const profile: OutputProfile = {
    spec, scores: createHistogram(edges), scoreMoments: createMoments(), entropy: createMoments(),
    classes: classes.map(() => 0), nanOutputs: 0,
  };
  for (const r of readings) {
    if (r.nan) {
      profile.nanOutputs++;
      continue;
    }
    addToHistogram(profile.scores, r.score);
    addToMoments(profile.scoreMoments, r.score);
    if (spec.task === 'classification') {
      addToMoments(profile.entropy, r.entropy);
      profile.classes[r.predicted]!++;
    }
  }
  return profile;
}

function labelProfile(labels: ProfileLabels, spec: OutputSpec | undefined, bins: number): LabelProfile {
  const missing = labels.values.filter((v) => isMissing(v)).length;
  if (spec?.task === 'classification') {
    const classes = spec.classes ?? [];
    const counts = new Array<number>(classes.length + 1).fill(0);
    for (const v of labels.values) {
      if (isMissing(v)) continue;
      const k = classIndexOf(classes, v);
      counts[k >= 0 ? k : classes.length]!++;
    }
    return { column: labels.column, classes: counts, missing };
  }
  const values = labels.values.map((v) => (v === null ? NaN : Number(v)));
  const finite = values.filter(Number.isFinite);
  return {
    column: labels.column, missing, moments: momentsOf(values),
    ...(finite.length > 0 ? { histogram: histogramOf(equalMassEdges(finite, bins), values) } : {}),
  };
}

/** Fisher's separation score: between-class over within-class sum of squares (one-way ANOVA's ratio). */
function fisherScore(values: readonly number[], classOf: readonly number[], k: number): number {
  const perClass: Moments[] = Array.from({ length: k }, () => createMoments());
  const all = createMoments();
  values.forEach((v, i) => {
    const c = classOf[i]!;
    if (c < 0 || !Number.isFinite(v)) return;
    addToMoments(perClass[c]!, v);
    addToMoments(all, v);
  });
  let between = 0;
  let within = 0;
  for (const m of perClass) {
    if (m.count === 0) continue;
    between += m.count * (m.mean - all.mean) ** 2;
    within += m.m2;
  }
  return within > 0 ? between / within : 0;
}

/** |Pearson correlation| of a feature with a numeric label. */
function absoluteCorrelation(x: readonly number[], y: readonly number[]): number {
  let n = 0, mx = 0, my = 0, sxx = 0, syy = 0, sxy = 0;
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i]!) || !Number.isFinite(y[i]!)) continue;
    n++;
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    mx += dx / n;
    my += dy / n;
    sxx += dx * (x[i]! - mx);
    syy += dy * (y[i]! - my);
    sxy += dx * (y[i]! - my);
  }
  return sxx > 0 && syy > 0 ? Math.abs(sxy / Math.sqrt(sxx * syy)) : 0;
}

/** The numeric features that best separate the labels: their per-class histograms travel in feedback. */
function chooseTopFeatures(rows: readonly FeatureValue[][], features: readonly FeatureDeclaration[], labels: ProfileLabels, spec: OutputSpec | undefined): number[] {
  const classes = spec?.classes ?? [];
  const classOf = spec?.task === 'classification' ? labels.values.map((v) => classIndexOf(classes, v)) : [];
  const y = labels.values.map((v) => (v === null ? NaN : Number(v)));
  const scored = features
    .map((f, k) => ({ k, f }))
    .filter(({ f }) => f.type === 'numeric')
    .map(({ k }) => {
      const x = numericValues(rows, k);
      return { k, score: spec?.task === 'classification' ? fisherScore(x, classOf, classes.length) : absoluteCorrelation(x, y) };
    })
    .filter((s) => Number.isFinite(s.score) && s.score > 0);
  return scored.sort((a, b) => b.score - a.score || a.k - b.k).slice(0, MAX_TOP_FEATURES).map((s) => s.k);
}

function referenceQuality(outputs: ProfileOutputs, labels: ProfileLabels): Profile['quality'] {
  const { spec } = outputs;
  let n = 0, correct = 0, absolute = 0, squared = 0;
  outputs.rows.forEach((row, i) => {
    const label = labels.values[i];
    const reading = interpretOutput(spec, row);
    if (reading.nan || isMissing(label)) return;
    n++;
    if (spec.task === 'classification') correct += reading.predicted === classIndexOf(spec.classes ?? [], label!) ? 1 : 0;
    else {
      const error = reading.score - Number(label);
      absolute += Math.abs(error);
      squared += error * error;
    }
  });
  if (n === 0) return { n };
  return spec.task === 'classification' ? { n, accuracy: correct / n } : { n, mae: absolute / n, rmse: Math.sqrt(squared / n) };
}

/**
 * Build a reference profile. `rows[i][k]` is feature k of row i (see `extractFeatureRows`);
 * `outputs.rows[i]` the model's primary output on row i; `labels.values[i]` its label.
 * Numeric features get `bins` equal-mass edges (ties merge bins) with counts and moments;
 * categorical ones their top 64 values with OTHER and missing. Throws a RangeError for a numeric
 * feature without a finite value or an output whose width does not match its classes.
 *
 * @example
 * buildProfile([[1.2, 'a'], [3.4, 'b']], declarations, { spec, rows: [[0.9, 0.1], [0.3, 0.7]] }, { column: 'y', values: [0, 1] },
 *   { model: 'demo', version: '1', createdAt: '2026-01-01T00:00:00.000Z' })
 */
export function buildProfile(
  rows: readonly FeatureValue[][],
  features: readonly FeatureDeclaration[],
  outputs: ProfileOutputs | null,
  labels: ProfileLabels | null,
  meta: ProfileMeta,
): Profile {
  const bins = meta.bins ?? 50;
  if (outputs && outputs.rows.length !== rows.length) throw new RangeError('one output row per reference row');
  if (labels && labels.values.length !== rows.length) throw new RangeError('one label per reference row');
  const profile: Profile = {
    schemaVersion: 1, model: meta.model, version: meta.version, createdAt: meta.createdAt, rows: rows.length,
    features: features.map((f, k) => featureProfile(rows, k, f, bins)),
    topFeatures: [],
  };
  if (outputs) profile.output = outputProfile(outputs, bins);
  if (labels) {
    profile.labels = labelProfile(labels, outputs?.spec, bins);
    profile.topFeatures = chooseTopFeatures(rows, features, labels, outputs?.spec);
    if (outputs) profile.quality = referenceQuality(outputs, labels);
  }
  return profile;
}
