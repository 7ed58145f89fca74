import type { Capabilities } from '../protocol/index.ts';
import type { WebGpuProbe } from './capabilities.ts';
import type { OutboxSender } from './link/outbox-sender.ts';
import type { LinkState } from './link/socket-link.ts';
import type { ModelSync } from './models/model-sync.ts';
import { InferenceError, type Serving } from './models/serving.ts';
import type { EdgefleetRuntime, ModelInfo, RuntimeStatus } from './runtime-types.ts';
import type { PredictionMemory } from './stats/prediction-memory.ts';
import type { StatsCollector, WindowIdentity } from './stats/stats-collector.ts';
import type { RuntimeStore } from './storage/runtime-store.ts';

export interface RuntimeParts {
  deviceId: string;
  capabilities: Capabilities;
  webgpu: WebGpuProbe;
  sync: ModelSync;
  serving: Serving;
  stats: StatsCollector;
  memory: PredictionMemory;
  sender: OutboxSender;
  store: RuntimeStore;
  /** Change listeners; the composition root calls them when anything changes. */
  listeners: Set<() => void>;
  connection(): { state: LinkState; detail: string | null };
  shutdown(forget: boolean): Promise<void>;
}

/** The public object `connect()` returns, over the wired parts. */
export function createRuntimeApi(parts: RuntimeParts): EdgefleetRuntime {
  const { sync, stats, memory } = parts;
  let outboxDepth = 0;
  let closed = false;

  function models(): ModelInfo[] {
    const reported = sync.reported();
    return reported.models.map((m) => {
      const served = sync.served(m.name);
      const base = served?.arms.find((a) => a.arm === 'baseline') ?? served?.arms[0];
      return {
        ...m, lastError: m.lastError ?? null, desiredVersion: m.desiredVersion ?? '',
        kind: served?.kind ?? null,
        arms: (served?.arms ?? []).map((a) => ({ arm: a.arm, version: a.version, variant: a.variant, requestShare: a.requestShare })),
        inputs: base?.loaded.inputs ?? [],
        outputs: base?.loaded.outputs ?? [],
      };
    });
  }

  function status(): RuntimeStatus {
    const { state, detail } = parts.connection();
    return {
      connection: state, detail, deviceId: parts.deviceId,
      desiredRevision: sync.desiredRevision, appliedRevision: sync.reported().desiredRevision,
      models: models(), outbox: outboxDepth, stats: stats.status(), webgpu: parts.webgpu,
    };
  }

  // The outbox depth lives in IndexedDB: refresh it on every change, then tell the listeners.
  const callbacks = new Set<(s: RuntimeStatus) => void>();
  let refreshing = false;
  parts.listeners.add(() => {
    if (refreshing) return;
    refreshing = true;
    queueMicrotask(() => {
      parts.store.depth().then((n) => { outboxDepth = n; }, () => undefined).finally(() => {
        refreshing = false;
        const s = status();
        for (const cb of callbacks) cb(s);
      });
    });
  });

  /** The window a business event belongs to: that request's, that model's baseline, or the only model's. */
  function identityFor(options: { model?: string; requestId?: string }): WindowIdentity {
    if (options.requestId) {
      const record = memory.peek(options.requestId);
      if (!record) throw new InferenceError('INVALID_INPUT', `no recent request ${options.requestId}`);
      return record.identity;
    }
    const servedModels = sync.list();
    const model = options.model ? sync.served(options.model) : servedModels.length === 1 ? servedModels[0] : undefined;
    if (!model) throw new InferenceError('INVALID_INPUT', options.model ? `model ${options.model} is not served here` : 'name the model (several or none are served)');
    const arm = model.arms.find((a) => a.arm === 'baseline') ?? model.arms[0]!;
    return { model: model.name, version: arm.version, variant: arm.variant, arm: arm.arm };
  }

  return {
    deviceId: parts.deviceId,
    capabilities: parts.capabilities,
    models,
    async infer(name, inputs, options) {
      if (closed) throw new InferenceError('MODEL_UNAVAILABLE', 'the runtime is closed');
      const { result, record } = await parts.serving.infer(name, inputs, options);
      if (record) memory.remember(result.requestId, record);
      return result;
    },
    feedback(requestId, label, options = {}) {
      const row = options.row ?? 0;
      const record = memory.take(requestId, row);
      if (record === 'unknown') throw new InferenceError('INVALID_INPUT', `no recent request ${requestId} (unknown or expired)`);
      if (record === 'labelled') throw new InferenceError('INVALID_INPUT', `request ${requestId} row ${row} already has a label`);
      stats.recordFeedback(record, row, label);
    },
    event(name, value, options = {}) {
      stats.recordEvent(identityFor(options), value === undefined ? { name } : { name, value });
    },
    onStatus(callback) {
      callbacks.add(callback);
      callback(status());
      return () => void callbacks.delete(callback);
    },
    status,
    ready(name, options = {}) {
      const timeoutMs = options.timeoutMs ?? 60_000;
      return new Promise<ModelInfo>((resolve, reject) => {
        const check = () => {
          const info = models().find((m) => m.name === name);
          if (info && sync.served(name)) {
            finish();
            resolve(info);
          }
        };
        const timer = setTimeout(() => {
          finish();
          const info = models().find((m) => m.name === name);
          reject(new Error(`model ${name} is not ready after ${timeoutMs} ms: ${info ? `${info.status}${info.lastError ? ` (${info.lastError})` : ''}` : 'not in the desired state'}`));
        }, timeoutMs);
        const finish = () => {
          clearTimeout(timer);
          parts.listeners.delete(check);
        };
        parts.listeners.add(check);
        check();
      });
    },
    async flush(options = {}) {
      await stats.closeAll();
      return parts.sender.drained(options.timeoutMs ?? 10_000);
    },
    async close() {
      if (closed) return;
      closed = true;
      await parts.shutdown(false);
    },
    async forget() {
      closed = true;
      await parts.shutdown(true);
    },
  };
}
