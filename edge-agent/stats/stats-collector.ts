/**
 * On-device statistics: one open window per model, version, variant and arm, fed by every served
 * request (the OIP hook), every label and every business event, counted with the protocol's pure
 * functions on the version's reference profile. A window closes after `windowPredictions`
 * predictions or `windowMs` of time and goes to the outbox with the next sequence number; while it
 * is open it is checkpointed every `checkpointMs`, so a crash loses at most that much and a restart
 * sends what the last run had counted.
 */
import {
  addBusinessEvent,
  addFeedback,
  addPrediction,
  closeWindow,
  openWindow,
  type DetectorOptions,
  type FeatureValue,
  type PredictionInput,
  type Profile,
  type SummaryWindow,
  type WindowSummary,
} from '../../protocol/index.ts';
import type { InferenceEvent } from '../inference/inference.service.ts';
import type { Logger } from '../logger.ts';
import type { Timers } from '../util/timers.ts';
import { readPrediction, requestRows, type PredictionReading } from './prediction-reader.ts';
import { windowKey, type WindowIdentity, type WindowStore } from './window-store.ts';

export interface ProfileEntry {
  profile: Profile;
  sha256: string;
}

/** What feedback needs later about one row of a request. */
export interface RowMemory {
  /** Predicted class index (classification) or predicted value (regression); null when unreadable. */
  predicted: number | null;
  confidence: number | null;
  /**
   * The row's values of the profile's top features (`profile.topFeatures` order), all a label's
   * per-class histograms read; null without features. Only these are kept: the feedback memory
   * holds thousands of rows, and keeping every feature of each cost more in garbage collection
   * than counting the request.
   */
  topFeatures: FeatureValue[] | null;
}

/** The top features' values of a row. */
function topValues(profile: Profile | null, features: ArrayLike<FeatureValue> | null): FeatureValue[] | null {
  if (!profile || !features) return null;
  const top = profile.topFeatures;
  const values: FeatureValue[] = new Array(top.length);
  for (let j = 0; j < top.length; j++) values[j] = features[top[j]!] ?? null;
  return values;
}

/** A feature row for `addFeedback` from the kept top features (the other features are never read). */
function rowOfTop(profile: Profile | null, top: readonly FeatureValue[] | null): FeatureValue[] | null {
  if (!profile || !top) return null;
  const row: FeatureValue[] = new Array<FeatureValue>(profile.features.length).fill(null);
  profile.topFeatures.forEach((f, j) => (row[f] = top[j] ?? null));
  return row;
}

/** A served request as the feedback memory keeps it. */
export interface PredictionRecord {
  identity: WindowIdentity;
  profileSha: string | null;
  rows: RowMemory[];
}

export interface StatsCollectorOptions {
  deviceId: string;
  timers: Timers;
  logger: Logger;
  store: WindowStore;
  /** Sequence number of the next summary (persisted before use). */
  nextSeq: () => number;
  profileOf: (model: string, version: string) => ProfileEntry | null;
  /** Variant and arm of a served version. */
  identityOf: (model: string, version: string) => WindowIdentity;
  windowPredictions: number;
  windowMs: number;
  checkpointMs: number;
  detectorOptions?: DetectorOptions;
  onClosed?: (summary: WindowSummary) => void;
}

export interface StatsStatus {
  openWindows: number;
  /** Predictions counted in open windows. */
  openPredictions: number;
  /** Predictions in open windows covered by their last checkpoint. */
  checkpointedPredictions: number;
  /** Open windows with changes (predictions, labels, events) their checkpoint does not have yet. */
  unsavedWindows: number;
}

export interface StatsCollector {
  /** Count a request; returns what feedback needs, or null when it is not a prediction. */
  recordInference(event: InferenceEvent): PredictionRecord | null;
  recordFeedback(record: PredictionRecord, row: number, label: string | number): void;
  recordEvent(identity: WindowIdentity, event: { name: string; value?: number }): void;
  /** Send what a previous run left open: each checkpoint becomes a closed summary. */
  recover(): number;
  start(): void;
  /** Close every open window into the outbox (a clean stop loses nothing). */
  closeAll(): void;
  /** Stop the timers without writing (what a crash leaves behind, for tests). */
  stop(): void;
  status(): StatsStatus;
}

// Client mistakes (400, 404, 413) never reached a model; overload and runtime failures did fail the app.
const COUNTED_ERRORS = new Set(['INFERENCE_FAILED', 'QUEUE_FULL', 'MODEL_UNAVAILABLE']);

const sameIdentity = (a: WindowIdentity, b: WindowIdentity) =>
  a.model === b.model && a.version === b.version && a.variant === b.variant && a.arm === b.arm;

interface OpenWindow {
  key: string;
  /** False once closed: the last-used shortcut must not hand out a closed window. */
  open: boolean;
  identity: WindowIdentity;
  window: SummaryWindow;
  profileSha: string | null;
  openedAt: number;
  dirty: boolean;
  lastCheckpointAt: number;
  checkpointedPredictions: number;
}

export function createStatsCollector(options: StatsCollectorOptions): StatsCollector {
  const { timers, store, logger } = options;
  const windows = new Map<string, OpenWindow>();
  let cancelTick: (() => void) | undefined;
  const iso = (ms: number) => new Date(ms).toISOString();

  const open = (identity: WindowIdentity, entry: ProfileEntry | null, key: string): OpenWindow => {
    const now = timers.now();
    const window = openWindow(
      { deviceId: options.deviceId, ...identity, ...(entry ? { profileSha256: entry.sha256 } : {}) },
      entry?.profile ?? null,
      iso(now),
      options.detectorOptions,
    );
    const state: OpenWindow = { key, open: true, identity, window, profileSha: entry?.sha256 ?? null, openedAt: now, dirty: false, lastCheckpointAt: now, checkpointedPredictions: 0 };
    windows.set(key, state);
    return state;
  };

  /** The window the last request went to: most requests go to the same one, without building its key. */
  let last: OpenWindow | undefined;

  /** The open window of `identity`, on the version's current profile (a new profile starts a new window). */
  const windowFor = (identity: WindowIdentity): OpenWindow => {
    const entry = options.profileOf(identity.model, identity.version);
    const sha = entry?.sha256 ?? null;
    if (last?.open && last.profileSha === sha && sameIdentity(last.identity, identity)) return last;
    const key = windowKey(identity);
    const current = windows.get(key);
    if (current && current.profileSha === sha) return (last = current);
    if (current) close(current);
    return (last = open(identity, entry, key));
  };

  const isEmpty = (s: WindowSummary) => s.counts.predictions === 0 && !s.feedback && !s.business;

  const enqueue = (summary: WindowSummary, checkpointKey: string | undefined): void => {
    // No schema parse here: the window is built by the protocol's own functions (the tests check
    // the result against windowSummarySchema), and a parse per close cost more than the window's
    // thousand requests together.
    store.enqueue(summary, checkpointKey);
    options.onClosed?.(summary);
  };

  function close(state: OpenWindow): void {
    windows.delete(state.key);
    state.open = false;
    if (isEmpty(state.window.summary)) {
      store.deleteCheckpoint(state.key);
      return;
    }
    const now = iso(timers.now());
    enqueue(closeWindow(state.window, { seq: options.nextSeq(), sentAt: now, end: now }), state.key);
  }

  const touched = (state: OpenWindow): void => {
    state.dirty = true;
  };

  const checkpoint = (state: OpenWindow, now: number): void => {
    const summary = state.window.summary; // written out from the window's typed arrays
    store.saveCheckpoint({ key: state.key, summary, savedAt: now });
    state.dirty = false;
    state.lastCheckpointAt = now;
    state.checkpointedPredictions = summary.counts.predictions;
  };

  const tick = (): void => {
    const now = timers.now();
    for (const state of [...windows.values()]) {
      try {
        if (now - state.openedAt >= options.windowMs) close(state);
        else if (state.dirty && now - state.lastCheckpointAt >= options.checkpointMs) checkpoint(state, now);
      } catch (error) {
        // A full disk or a closed database must not stop the other windows or the next tick.
        logger.error({ err: (error as Error).message, model: state.identity.model }, 'statistics window could not be stored');
      }
    }
  };

  // One reading and one prediction input, reused by every request: nothing of them outlives the
  // call (the rows kept for feedback are new), and each allocation per request is garbage to collect.
  const reading: PredictionReading = { rows: 0, features: null, outputs: null, nonFinite: null };
  const input: Required<PredictionInput> = { features: null, outputs: null, latencyMs: 0, error: false, nonFinite: false };

  // Per request: reads `window.predictions`, never `window.summary` (that writes the window out).
  const recordRows = (state: OpenWindow, event: InferenceEvent): RowMemory[] => {
    const { window } = state;
    readPrediction(event.inputs, event.outputs, window.profile, reading);
    const rows: RowMemory[] = new Array(reading.rows);
    const regression = window.profile?.output?.spec.task === 'regression';
    for (let r = 0; r < reading.rows; r++) {
      const features = reading.features?.[r] ?? null;
      input.features = features;
      input.outputs = reading.outputs?.[r] ?? null;
      input.latencyMs = event.latencyMs;
      input.nonFinite = reading.nonFinite?.[r] === true;
      const out = addPrediction(window, input);
      rows[r] = {
        predicted: !out || out.nan ? null : regression ? out.score : out.predicted,
        confidence: out && Number.isFinite(out.confidence) ? out.confidence : null,
        topFeatures: topValues(window.profile, features),
      };
    }
    reading.features = null; // let the request's tensors go
    reading.outputs = null;
    input.features = null;
    input.outputs = null;
    return rows;
  };

  return {
    recordInference(event) {
      if (event.version === '') return null; // unknown model: nothing to attribute it to
      if (event.error && !COUNTED_ERRORS.has(event.error.code)) return null;
      const identity = options.identityOf(event.model, event.version);
      const state = windowFor(identity);
      const rows = event.error ? null : recordRows(state, event);
      if (event.error) {
        const n = requestRows(event.inputs, undefined);
        for (let r = 0; r < n; r++) addPrediction(state.window, { latencyMs: event.latencyMs, error: true });
      }
      touched(state);
      if (state.window.predictions >= options.windowPredictions) close(state);
      // The window's identity (equal to `identity`): the feedback memory keeps one object per window, not per request.
      return rows && { identity: state.identity, profileSha: state.profileSha, rows };
    },
    recordFeedback(record, row, label) {
      const state = windowFor(record.identity);
      const memory = record.rows[row];
      // Features only line up with the window's per-class histograms on the profile they were read with.
      const sameProfile = state.profileSha === record.profileSha;
      addFeedback(state.window, {
        label,
        predicted: memory?.predicted ?? null,
        confidence: sameProfile ? (memory?.confidence ?? null) : null,
        features: sameProfile ? rowOfTop(state.window.profile, memory?.topFeatures ?? null) : null,
        at: iso(timers.now()),
      });
      touched(state);
    },
    recordEvent(identity, event) {
      const state = windowFor(identity);
      addBusinessEvent(state.window, event);
      touched(state);
    },
    recover() {
      let recovered = 0;
      for (const saved of store.loadCheckpoints()) {
        if (isEmpty(saved.summary)) {
          store.deleteCheckpoint(saved.key);
          continue;
        }
        const now = iso(timers.now());
        const summary = { ...saved.summary, seq: options.nextSeq(), sentAt: now, windowEnd: iso(Math.max(saved.savedAt, Date.parse(saved.summary.windowStart))) };
        enqueue(summary, saved.key);
        recovered++;
      }
      return recovered;
    },
    start() {
      if (cancelTick) return;
      const tickMs = Math.max(10, Math.min(1000, options.checkpointMs, options.windowMs));
      cancelTick = timers.setInterval(tick, tickMs);
    },
    closeAll() {
      this.stop();
      for (const state of [...windows.values()]) close(state);
    },
    stop() {
      cancelTick?.();
      cancelTick = undefined;
    },
    status() {
      let openPredictions = 0;
      let checkpointedPredictions = 0;
      let unsavedWindows = 0;
      for (const state of windows.values()) {
        openPredictions += state.window.predictions;
        checkpointedPredictions += state.checkpointedPredictions;
        if (state.dirty) unsavedWindows++;
      }
      return { openWindows: windows.size, openPredictions, checkpointedPredictions, unsavedWindows };
    },
  };
}
