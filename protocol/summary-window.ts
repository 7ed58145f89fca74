/**
 * An open window: the summary being filled, and the per-request part of it kept in typed arrays.
 * The agent adds every served request to a window (summary-accumulate.ts), so this is the inference
 * hot path: feature histograms, missing and violation counts, latency, output scores and classes
 * are counted in one Uint32Array, and every per-request moments state (latency, score, entropy,
 * each numeric feature) lives in one Float64Array (stats/moments.ts `packedMoments`). A request's
 * numeric feature values are only appended to per-feature columns and counted 64 rows at a time,
 * a column at a time (`countPending`), which measured 2-3x cheaper than counting every value as
 * it comes. Nothing is allocated per value. The JSON form (`WindowSummary`) is written out only
 * when someone reads `window.summary`: on a checkpoint, when the window closes, in tests.
 */
import type { DetectorOptions } from './error-stream-detectors.ts';
import type { FeatureProfile, Profile } from './profile.ts';
import { PACKED_MOMENTS_CELLS, addValuesToPackedMoments, packedMoments, unpackMoments } from './stats/index.ts';
import { LATENCY_EDGES_MS, MAX_PER_CLASS_CLASSES, emptySummary, type SummaryIdentity, type WindowSummary } from './summaries.ts';

/** One profile feature, with the lookups a request needs prepared once per window. */
export interface PreparedFeature {
  profile: FeatureProfile;
  /** Numeric feature: histogram on `edges`, moments. Otherwise categorical. */
  numeric: boolean;
  /** The feature declares expectations: without any, only a non-number for a numeric feature violates. */
  checked: boolean;
  edges: readonly number[] | null;
  /** The edges prepared for counting (numeric only). */
  bins: BinLookup | null;
  /** Expected range, ∓Infinity where not declared (numeric only). */
  low: number;
  high: number;
  /** Missing values violate the expectations (`missingAllowed: false`). */
  missingViolates: boolean;
  categories: Map<string, number> | null;
  allowed: Set<string> | undefined;
  /** Where the feature's extended counts start in the window's cells, and how many there are. */
  countsAt: number;
  cells: number;
  /** Where its packed moments start (numeric only; -1 otherwise). */
  momentsAt: number;
  /** Numeric only: where its column of values waiting to be counted starts in `pending` (-1 otherwise). */
  pendingAt: number;
}

/** Where each per-request count lives in `cells` (one Uint32Array). */
export interface CellLayout {
  missingAt: number;
  violationsAt: number;
  latencyAt: number;
  scoresAt: number;
  classesAt: number;
  size: number;
}

/** Packed moments slots (times PACKED_MOMENTS_CELLS); numeric features follow from `FIRST_FEATURE_MOMENTS`. */
export const LATENCY_MOMENTS = 0;
export const SCORE_MOMENTS = PACKED_MOMENTS_CELLS;
export const ENTROPY_MOMENTS = 2 * PACKED_MOMENTS_CELLS;
const FIRST_FEATURE_MOMENTS = 3 * PACKED_MOMENTS_CELLS;

/** An open window. Read `summary` for the JSON form; the other fields are the window's lookups. */
export interface SummaryWindow {
  /**
   * The summary with everything counted so far. Reading it writes the typed-array state into it
   * (a copy of the window's cells, microseconds): fine per checkpoint or close, not per request.
   * The same object every time; write to it only through this module's functions.
   */
  readonly summary: WindowSummary;
  /** Predictions counted so far, without writing the summary out. */
  readonly predictions: number;
  readonly profile: Profile | null;
  readonly features: readonly PreparedFeature[];
  /** Offsets of each top feature inside one class's block of `feedback.perClass`, and the block size. */
  readonly perClassLayout: { offsets: number[]; size: number } | null;
  readonly detectorOptions: DetectorOptions;
}

/** What summary-accumulate.ts works on: the window with its typed arrays. Not part of the API. */
export interface WindowInternals extends SummaryWindow {
  /** The JSON summary; its features, latency and output blocks lag `cells`/`moments` while `stale`. */
  readonly draft: WindowSummary;
  readonly cells: Uint32Array;
  readonly moments: Float64Array;
  readonly layout: CellLayout;
  /** Output score edges (profile with an output only). */
  readonly scoreBins: BinLookup | null;
  /**
   * Numeric feature values not counted yet: the value of column `c` in buffered row `r` is at
   * `c * PENDING_ROWS + r`, NaN when it was missing (already counted as such). A request only
   * writes its row; `countPending` counts the buffer a column at a time (the edges stay in cache,
   * the moments in registers), every PENDING_ROWS rows and before the summary is read.
   */
  readonly pending: Float64Array;
  /** Rows in `pending`. */
  pendingRows: number;
  stale: boolean;
}

/** Rows of numeric values a window buffers before counting them. */
export const PENDING_ROWS = 64;

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

/**
 * Fixed edges prepared for counting many values: the edges as a Float64Array, and a grid of
 * `GRID_PER_BIN` cells per bin over [first, last] edge, each holding the bin its left end falls
 * in. A value's grid cell bounds its bin to a range that is usually one bin, where a plain binary
 * search over 50 bins costs ~40 ns in branch mispredictions per value (measured: more than the
 * moments update). The bounds are checked against the edges, so rounding cannot misplace a value.
 */
export interface BinLookup {
  readonly edges: Float64Array;
  readonly first: number;
  readonly last: number;
  /** Index of the last bin (edges.length - 2). */
  readonly top: number;
  readonly grid: Uint16Array;
  /** Grid cells per unit of value. */
  readonly scale: number;
}

const GRID_PER_BIN = 4;
const lookups = new WeakMap<readonly number[], BinLookup>();

/** The lookup for `edges` (at least two, increasing), built once per edges array. */
export function binLookup(edges: readonly number[]): BinLookup {
  let lookup = lookups.get(edges);
  if (lookup) return lookup;
  const top = edges.length - 2;
  const first = edges[0]!;
  const last = edges[top + 1]!;
  const cells = GRID_PER_BIN * (top + 1);
  const scale = cells / (last - first);
  const grid = new Uint16Array(cells + 1);
  for (let g = 0; g <= cells; g++) grid[g] = Math.min(65_535, Math.max(0, Math.min(top, extendedBinIndex(edges, first + g / scale) - 1)));
  lookup = { edges: Float64Array.from(edges), first, last, top, grid, scale };
  lookups.set(edges, lookup);
  return lookup;
}

/**
 * `extendedBinIndex` through a `BinLookup`: the same index for every x (NaN included).
 *
 * @example
 * lookupBin(binLookup([0, 1, 2]), 1.5) // 2
 */
export function lookupBin(lookup: BinLookup, x: number): number {
  if (x < lookup.first) return 0;
  if (x > lookup.last) return lookup.top + 2;
  const { edges, grid, top } = lookup;
  let g = ((x - lookup.first) * lookup.scale) | 0;
  if (g >= grid.length - 1) g = grid.length - 2;
  let low = grid[g]!;
  let high = grid[g + 1]!;
  // Rounding in the grid index can be one cell off: widen until the edges agree.
  while (low > 0 && edges[low]! > x) low--;
  while (high < top && edges[high + 1]! <= x) high++;
  // The last bin with edges[bin] <= x in [low, high], without data-dependent branches: the
  // range is usually one or two bins, so the loop rarely runs and the last step is arithmetic.
  let n = high - low + 1;
  while (n > 2) {
    const half = n >> 1;
    low += half * +(edges[low + half]! <= x);
    n -= half;
  }
  return low + 1 + (+(edges[low + 1]! <= x) & (n - 1));
}

export const LATENCY_LOOKUP = binLookup(LATENCY_EDGES_MS);

function prepareFeature(profile: FeatureProfile, countsAt: number, momentsAt: number, pendingAt: number): PreparedFeature {
  const expectations = profile.expectations;
  const allowed = expectations?.allowed ? new Set(expectations.allowed) : undefined;
  const common = { profile, checked: expectations !== undefined, allowed, missingViolates: expectations?.missingAllowed === false, countsAt };
  if (profile.type === 'numeric') {
    const edges = profile.histogram.edges;
    return {
      ...common, numeric: true, edges, bins: binLookup(edges), categories: null, cells: edges.length + 1, momentsAt, pendingAt,
      low: expectations?.min ?? -Infinity, high: expectations?.max ?? Infinity,
    };
  }
  const categories = profile.counts.categories;
  return {
    ...common, numeric: false, edges: null, bins: null, low: -Infinity, high: Infinity, momentsAt: -1, pendingAt: -1,
    categories: new Map(categories.map((c, i) => [c, i])), cells: categories.length + 1,
  };
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

/** Copy `cells[at .. at + target.length)` into a JSON count vector. */
function copyCells(cells: Uint32Array, at: number, target: number[]): void {
  for (let i = 0; i < target.length; i++) target[i] = cells[at + i]!;
}

/**
 * Count the buffered numeric values, a column at a time: range violations, histogram cell,
 * moments (in the order the requests came, so the moments are the same bit for bit).
 */
export function countPending(window: WindowInternals): void {
  const { pending, pendingRows: rows, cells, moments } = window;
  const violationsAt = window.layout.violationsAt;
  if (rows === 0) return;
  for (let k = 0; k < window.features.length; k++) {
    const f = window.features[k]!;
    const from = f.pendingAt;
    if (from < 0) continue;
    const bins = f.bins!;
    const { low, high, countsAt } = f;
    let violations = 0;
    for (let i = from; i < from + rows; i++) {
      const value = pending[i]!;
      if (value !== value) continue; // missing, counted when it came
      if (value < low || value > high) violations++;
      cells[countsAt + lookupBin(bins, value)]!++;
    }
    cells[violationsAt + k]! += violations;
    addValuesToPackedMoments(moments, f.momentsAt, pending, from, from + rows);
  }
  window.pendingRows = 0;
}

/** Write the typed-array state into the JSON summary (what reading `window.summary` does). */
function writeOut(window: WindowInternals): WindowSummary {
  const { draft, cells, moments, layout } = window;
  if (!window.stale) return draft;
  countPending(window);
  window.features.forEach((f, k) => {
    const state = draft.features[k]!;
    copyCells(cells, f.countsAt, state.counts);
    state.missing = cells[layout.missingAt + k]!;
    draft.counts.violations[k] = cells[layout.violationsAt + k]!;
    if (f.numeric) unpackMoments(moments, f.momentsAt, state.moments);
  });
  copyCells(cells, layout.latencyAt, draft.latency.counts);
  unpackMoments(moments, LATENCY_MOMENTS, draft.latency.moments);
  const output = draft.output;
  if (output) {
    copyCells(cells, layout.scoresAt, output.scores);
    copyCells(cells, layout.classesAt, output.classes);
    unpackMoments(moments, SCORE_MOMENTS, output.scoreMoments);
    unpackMoments(moments, ENTROPY_MOMENTS, output.entropy);
  }
  window.stale = false;
  return draft;
}

/**
 * Open a window aligned with `profile` (null: counts and latency only) starting at `start`.
 *
 * @example
 * const window = openWindow({ deviceId, model: 'bc', version: '1', variant: 'fp32', profileSha256 }, profile, new Date().toISOString());
 */
export function openWindow(identity: SummaryIdentity, profile: Profile | null, start: string, detectorOptions: DetectorOptions = {}): SummaryWindow {
  const draft = emptySummary(identity, profile, start);
  let countsAt = 0;
  let momentsAt = FIRST_FEATURE_MOMENTS;
  let columns = 0;
  const features = (profile?.features ?? []).map((f) => {
    const numeric = f.type === 'numeric';
    const prepared = prepareFeature(f, countsAt, numeric ? momentsAt : -1, numeric ? columns * PENDING_ROWS : -1);
    countsAt += prepared.cells;
    if (numeric) {
      momentsAt += PACKED_MOMENTS_CELLS;
      columns++;
    }
    return prepared;
  });
  const n = features.length;
  const missingAt = countsAt;
  const violationsAt = missingAt + n;
  const latencyAt = violationsAt + n;
  const scoresAt = latencyAt + draft.latency.counts.length;
  const classesAt = scoresAt + (draft.output?.scores.length ?? 0);
  const layout: CellLayout = { missingAt, violationsAt, latencyAt, scoresAt, classesAt, size: classesAt + (draft.output?.classes.length ?? 0) };
  const output = profile?.output;
  const window: WindowInternals = {
    draft, profile, features, detectorOptions, layout,
    perClassLayout: perClassLayoutOf(profile),
    cells: new Uint32Array(layout.size),
    moments: packedMoments(momentsAt / PACKED_MOMENTS_CELLS),
    scoreBins: output ? binLookup(output.scores.edges) : null,
    pending: new Float64Array(columns * PENDING_ROWS),
    pendingRows: 0,
    stale: false,
    get summary() {
      return writeOut(window);
    },
    get predictions() {
      return draft.counts.predictions;
    },
  };
  return window;
}
