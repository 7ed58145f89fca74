/**
 * On-page statistics, the browser twin of the Node agent's collector (edge-agent/stats): one open
 * window per model, version, variant and rollout arm, counted with the protocol's pure functions
 * (protocol/summary-accumulate.ts) on the version's reference profile. A window closes after
 * `windowPredictions` predictions or `windowMs` and goes to the outbox with the next `summaries`
 * sequence number; while open it is checkpointed to IndexedDB every `checkpointMs`, so a reload or a
 * closed tab loses at most that much, and the next start sends what the last one had counted.
 */
import {
  addBusinessEvent,
  addFeedback,
  addPrediction,
  closeWindow,
  openWindow,
  type FeatureValue,
  type Profile,
  type SummaryWindow,
  type Variant,
  type WindowSummary,
} from '../../protocol/index.ts';
import type { Feeds, Tensor } from '../engines/engine.ts';
import type { RuntimeStore } from '../storage/runtime-store.ts';
import { readPrediction } from './prediction-reader.ts';

export interface WindowIdentity {
  model: string;
  version: string;
  variant: Variant;
  arm: string;
}

export interface ProfileEntry {
  profile: Profile;
  sha256: string;
}

export interface RowMemory {
  predicted: number | null;
  confidence: number | null;
  features: FeatureValue[] | null;
}

/** What feedback needs later about a served request. */
export interface PredictionRecord {
  identity: WindowIdentity;
  profileSha: string | null;
  rows: RowMemory[];
}

export interface StatsCollectorOptions {
  deviceId: string;
  store: RuntimeStore;
  profileOf(model: string, version: string): ProfileEntry | null;
  windowPredictions: number;
  windowMs: number;
  checkpointMs: number;
  /** A summary was queued (the sender should look). */
  onQueued?(summary: WindowSummary, dropped: number): void;
  onError?(error: unknown): void;
}

export interface StatsStatus {
  openWindows: number;
  openPredictions: number;
  /** Predictions of open windows that are in IndexedDB (checkpointed): what a reload now keeps. */
  checkpointedPredictions: number;
}

interface OpenState {
  key: string;
  window: SummaryWindow;
  profileSha: string | null;
  openedAt: number;
  dirty: boolean;
  lastCheckpointAt: number;
  checkpointedPredictions: number;
}

export const windowKey = (id: WindowIdentity) => `${id.model}\u0000${id.version}\u0000${id.variant}\u0000${id.arm}`;
const iso = (ms: number) => new Date(ms).toISOString();

export function createStatsCollector(options: StatsCollectorOptions) {
  const { store } = options;
  const windows = new Map<string, OpenState>();
  let writes: Promise<void> = Promise.resolve();
  let timer: ReturnType<typeof setInterval> | undefined;

  /** Every IndexedDB write goes through one chain, so a window's checkpoint never lands after its close. */
  const write = (task: () => Promise<unknown>): Promise<void> => {
    writes = writes.then(task).then(() => undefined, (error: unknown) => options.onError?.(error));
    return writes;
  };

  const isEmpty = (s: WindowSummary) => s.counts.predictions === 0 && !s.feedback && !s.business;

  function windowFor(identity: WindowIdentity): OpenState {
    const key = windowKey(identity);
    const entry = options.profileOf(identity.model, identity.version);
    const current = windows.get(key);
    if (current && current.profileSha === (entry?.sha256 ?? null)) return current;
    if (current) close(current);
    const now = Date.now();
    const window = openWindow({ deviceId: options.deviceId, ...identity, ...(entry ? { profileSha256: entry.sha256 } : {}) }, entry?.profile ?? null, iso(now));
    const state: OpenState = { key, window, profileSha: entry?.sha256 ?? null, openedAt: now, dirty: false, lastCheckpointAt: now, checkpointedPredictions: 0 };
    windows.set(key, state);
    return state;
  }

  function close(state: OpenState): Promise<void> {
    windows.delete(state.key);
    if (isEmpty(state.window.summary)) return write(() => store.deleteCheckpoint(state.key));
    return write(async () => {
      const now = iso(Date.now());
      const { message, dropped } = await store.enqueue('summaries', (seq) => closeWindow(state.window, { seq, sentAt: now, end: now }), { deleteCheckpoint: state.key });
      options.onQueued?.(message, dropped);
    });
  }

  function checkpoint(state: OpenState): Promise<void> {
    state.dirty = false;
    state.lastCheckpointAt = Date.now();
    return write(async () => {
      const predictions = state.window.summary.counts.predictions;
      // put() clones the summary synchronously, so the count read here is what is stored.
      const saving = store.saveCheckpoint({ key: state.key, summary: state.window.summary, savedAt: Date.now() });
      await saving;
      state.checkpointedPredictions = predictions;
    });
  }

  function tick(): void {
    const now = Date.now();
    for (const state of [...windows.values()]) {
      if (now - state.openedAt >= options.windowMs) void close(state);
      else if (state.dirty && now - state.lastCheckpointAt >= options.checkpointMs) void checkpoint(state);
    }
  }

  return {
    /** Count a request (rows of a batch each count); returns what feedback needs, or null on an error. */
    recordPrediction(identity: WindowIdentity, request: { inputs: Feeds; outputs?: Record<string, Tensor>; latencyMs: number; error?: boolean }): PredictionRecord | null {
      const state = windowFor(identity);
      state.dirty = true;
      if (request.error) {
        addPrediction(state.window, { latencyMs: request.latencyMs, error: true });
        if (state.window.summary.counts.predictions >= options.windowPredictions) void close(state);
        return null;
      }
      const reading = readPrediction(request.inputs, request.outputs, state.window.profile);
      const regression = state.window.profile?.output?.spec.task === 'regression';
      const rows: RowMemory[] = [];
      for (let r = 0; r < reading.rows; r++) {
        const features = reading.features?.[r] ?? null;
        const out = addPrediction(state.window, { features, outputs: reading.outputs?.[r] ?? null, latencyMs: request.latencyMs });
        if (reading.nonFinite?.[r]) state.window.summary.counts.nanOutputs++;
        rows.push({
          predicted: !out || out.nan ? null : regression ? out.score : out.predicted,
          confidence: out && Number.isFinite(out.confidence) ? out.confidence : null,
          features,
        });
      }
      if (state.window.summary.counts.predictions >= options.windowPredictions) void close(state);
      return { identity, profileSha: state.profileSha, rows };
    },
    recordFeedback(record: PredictionRecord, row: number, label: string | number): void {
      const state = windowFor(record.identity);
      const memory = record.rows[row];
      const sameProfile = state.profileSha === record.profileSha;
      addFeedback(state.window, {
        label, predicted: memory?.predicted ?? null,
        confidence: sameProfile ? (memory?.confidence ?? null) : null,
        features: sameProfile ? (memory?.features ?? null) : null,
        at: iso(Date.now()),
      });
      state.dirty = true;
    },
    recordEvent(identity: WindowIdentity, event: { name: string; value?: number }): void {
      const state = windowFor(identity);
      addBusinessEvent(state.window, event);
      state.dirty = true;
    },
    /** Queue what the previous page left open: each checkpoint becomes a closed summary. */
    async recover(): Promise<number> {
      let recovered = 0;
      for (const saved of await store.loadCheckpoints()) {
        if (isEmpty(saved.summary)) {
          await write(() => store.deleteCheckpoint(saved.key));
          continue;
        }
        const end = iso(Math.max(saved.savedAt, Date.parse(saved.summary.windowStart)));
        await write(async () => {
          const { message, dropped } = await store.enqueue('summaries', (seq) => ({ ...saved.summary, seq, sentAt: iso(Date.now()), windowEnd: end }), { deleteCheckpoint: saved.key });
          options.onQueued?.(message, dropped);
        });
        recovered++;
      }
      return recovered;
    },
    start(): void {
      timer ??= setInterval(tick, Math.max(20, Math.min(1000, options.checkpointMs, options.windowMs)));
    },
    stop(): void {
      clearInterval(timer);
      timer = undefined;
    },
    /** Checkpoint every changed window now (the page is being hidden or closed). */
    checkpointAll(): Promise<void> {
      for (const state of windows.values()) if (state.dirty) void checkpoint(state);
      return writes;
    },
    /** Close every open window into the outbox. */
    closeAll(): Promise<void> {
      for (const state of [...windows.values()]) void close(state);
      return writes;
    },
    status(): StatsStatus {
      let openPredictions = 0;
      let checkpointedPredictions = 0;
      for (const s of windows.values()) {
        openPredictions += s.window.summary.counts.predictions;
        checkpointedPredictions += s.checkpointedPredictions;
      }
      return { openWindows: windows.size, openPredictions, checkpointedPredictions };
    },
  };
}
export type StatsCollector = ReturnType<typeof createStatsCollector>;
