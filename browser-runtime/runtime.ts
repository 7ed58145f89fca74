/**
 * The composition root of the page-side agent: storage, identity, verification, engines, model
 * sync, serving, statistics and the socket, wired once per `connect()`. Mirrors the Node agent's
 * agent.ts; every part is a plain factory, nothing runs at import time.
 */
import {
  DEVICE_SOCKET_PATH,
  SCHEMA_VERSION,
  desiredStateSchema,
  type DesiredState,
  type DeviceServerFrame,
  type Envelope,
} from '../protocol/index.ts';
import { createArtifactCache } from './artifact-cache.ts';
import { RUNTIME_VERSION, browserCapabilities, probeWebGpu } from './capabilities.ts';
import type { ModelEngine } from './engines/engine.ts';
import { ORT_WEB_VERSION, configureOrtWeb, createOrtWebEngine } from './engines/ort-web-engine.ts';
import { createWebLlmEngine } from './engines/web-llm-engine.ts';
import { forgetIdentity, loadOrEnroll } from './identity.ts';
import { createOutboxSender } from './link/outbox-sender.ts';
import { createSocketLink, type LinkState } from './link/socket-link.ts';
import { createModelSync, type DeviceEventInput } from './models/model-sync.ts';
import { createServing } from './models/serving.ts';
import { createRuntimeApi } from './runtime-api.ts';
import type { ConnectOptions, EdgefleetRuntime } from './runtime-types.ts';
import { createPredictionMemory } from './stats/prediction-memory.ts';
import { createProfileSource } from './stats/profile-source.ts';
import { createStatsCollector } from './stats/stats-collector.ts';
import { openDatabase } from './storage/idb.ts';
import { createRuntimeStore } from './storage/runtime-store.ts';
import { createManifestVerifier } from './verify.ts';

const DESIRED_KEY = 'desired';

/** Connect this page to the fleet: enroll (first time), then sync, serve and report. */
export async function createRuntime(options: ConnectOptions = {}): Promise<EdgefleetRuntime> {
  const baseUrl = (options.url ?? location.origin).replace(/\/+$/, '');
  const db = await openDatabase(options.storageName ?? `edgefleet:${new URL(baseUrl).origin}`);
  const store = createRuntimeStore(db);
  const webgpu = await probeWebGpu(options.webgpu ?? 'auto');
  const capabilities = browserCapabilities(webgpu, { name: 'onnxruntime-web', version: ORT_WEB_VERSION });
  const fetchImpl: typeof fetch = (...args) => fetch(...args);
  let identity: Awaited<ReturnType<typeof loadOrEnroll>>;
  let verifier: Awaited<ReturnType<typeof createManifestVerifier>>;
  try {
    identity = await loadOrEnroll(store, {
      baseUrl, enrollToken: options.enrollToken, name: options.name ?? 'browser', fetch: fetchImpl,
      labels: { platform: 'browser', ...options.labels }, capabilities: async () => capabilities,
    });
    verifier = await createManifestVerifier(identity.signingKey);
  } catch (error) {
    db.close(); // a later connect() (with a token, say) opens it again
    throw error;
  }
  const { deviceId, credential } = identity;
  configureOrtWeb({ wasmBase: `${baseUrl}/runtime/ort/`, numThreads: options.numThreads });

  let link: ReturnType<typeof createSocketLink>;
  let connection: { state: LinkState; detail: string | null } = { state: 'connecting', detail: null };
  const listeners = new Set<() => void>();
  const changed = () => {
    for (const l of listeners) l();
  };
  const onError = (error: unknown) => console.warn('[edgefleet]', error);
  const envelope = (seq: number): Envelope => ({ schemaVersion: SCHEMA_VERSION, deviceId, seq, sentAt: new Date().toISOString() });

  const sender = createOutboxSender({
    store, channels: ['events', 'summaries'], onError,
    send: (channel, message) => link.send(channel, message),
    onSettled: (entry, outcome, reason) => {
      if (outcome === 'rejected') console.warn(`[edgefleet] the control plane refused ${entry.channel} ${entry.seq}: ${reason ?? 'no reason'}`);
      changed();
    },
  });
  const queueEvent = (event: DeviceEventInput) => {
    store.enqueue('events', (seq) => ({ ...envelope(seq), ...event })).then(() => (sender.kick(), changed()), onError);
  };

  const artifacts = createArtifactCache({ baseUrl, credential, fetch: fetchImpl });
  const onnx = createOrtWebEngine({ provider: webgpu.available ? 'webgpu' : 'wasm' });
  let llm: ModelEngine | null = null;
  const engineFor = (kind: 'onnx' | 'llm'): ModelEngine => kind === 'onnx' ? onnx : (llm ??= createWebLlmEngine({
    baseUrl, download: (sha, size) => artifacts.download(sha, size), artifact: async (sha, size) => (await artifacts.get(sha, size)).bytes,
  }));

  let reportTimer: ReturnType<typeof setTimeout> | undefined;
  const sendReported = () => {
    clearTimeout(reportTimer);
    // Statuses change in bursts (downloading, verifying, loading, ready): report the state it settles in.
    reportTimer = setTimeout(() => {
      if (!link.online) return;
      store.nextSeq('reported').then((seq) => link.send('reported', { ...envelope(seq), ...sync.reported() }), onError);
    }, 100);
  };
  const sync = createModelSync({ verifier, artifacts, engineFor, event: queueEvent, onChange: () => (sendReported(), changed()) });
  const profiles = createProfileSource({ store, baseUrl, credential, fetch: fetchImpl });
  const stats = createStatsCollector({
    deviceId, store, profileOf: profiles.profileOf, onError,
    windowPredictions: options.stats?.windowPredictions ?? 1000,
    windowMs: (options.stats?.windowSeconds ?? 60) * 1000,
    checkpointMs: options.stats?.checkpointMs ?? 1000,
    onQueued: (_summary, dropped) => {
      if (dropped > 0) queueEvent({ type: 'summaries.dropped', message: `outbox over budget: ${dropped} oldest summaries dropped`, evidence: { dropped } });
      sender.kick();
      changed();
    },
  });

  const applyDesired = async (state: DesiredState) => {
    await store.putMeta(DESIRED_KEY, state); // the next start (maybe offline) serves from it
    const wanted = state.models.flatMap((m) => [
      { model: m.name, version: m.version, ref: m.profile },
      ...(m.rollout?.arms ?? []).map((a) => ({ model: m.name, version: a.version, ref: a.profile })),
    ]);
    await profiles.ensure(wanted);
    await sync.apply(state);
  };

  const onFrame = (frame: DeviceServerFrame) => {
    if (frame.type === 'ack') return sender.ack(frame.channel, frame.seq, frame.outcome, frame.reason);
    if (frame.type === 'desired') {
      if (frame.state.deviceId !== deviceId) return;
      if (sync.desiredRevision !== null && frame.state.revision <= sync.desiredRevision) return sendReported();
      return void applyDesired(frame.state).catch(onError);
    }
    if (frame.type === 'error') console.warn(`[edgefleet] control plane: ${frame.code}: ${frame.message}`);
  };

  link = createSocketLink({
    url: `${baseUrl.replace(/^http/, 'ws')}${DEVICE_SOCKET_PATH}`,
    credential,
    birth: async () => ({ ...envelope(await store.nextSeq('presence')), status: 'online' as const, agentVersion: RUNTIME_VERSION }),
    onFrame,
    onState: (state, detail) => {
      connection = { state, detail: detail ?? null };
      if (state === 'online') {
        sender.connected();
        sendReported();
      }
      changed();
    },
    backoff: { initialMs: options.reconnect?.initialMs ?? 500, maxMs: options.reconnect?.maxMs ?? 30_000 },
  });

  const memory = createPredictionMemory();
  const serving = createServing({ served: sync.served, stats, onError });

  // Start: send what the last page left open, serve from the last desired state, then connect.
  await stats.recover();
  stats.start();
  const saved = desiredStateSchema.safeParse(await store.getMeta(DESIRED_KEY));
  if (saved.success && saved.data.deviceId === deviceId) void applyDesired(saved.data).catch(onError);
  const onOnline = () => link.retryNow();
  const onHide = () => void stats.checkpointAll();
  const onVisibility = () => document.visibilityState === 'hidden' && onHide();
  addEventListener('online', onOnline);
  addEventListener('pagehide', onHide);
  document.addEventListener('visibilitychange', onVisibility);
  link.start();

  return createRuntimeApi({
    deviceId, capabilities, webgpu, sync, serving, stats, memory, sender, store, listeners,
    connection: () => connection,
    async shutdown(forget) {
      removeEventListener('online', onOnline);
      removeEventListener('pagehide', onHide);
      document.removeEventListener('visibilitychange', onVisibility);
      await stats.checkpointAll();
      stats.stop();
      sync.stop();
      sender.stop();
      link.stop();
      if (forget) await forgetIdentity(store);
      db.close();
    },
  });
}
