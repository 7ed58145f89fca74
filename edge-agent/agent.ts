/**
 * The agent's composition root: identity (enroll once), model sync, guardrails, the MQTT link with
 * REST fallback, and the OIP v2 server with /metrics. Everything is created here, nothing at import.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DeviceEvent } from '../protocol/index.ts';
import type { AgentConfig } from './config.ts';
import { nvidiaSmiProbe, defaultProviders, detectCapabilities, type GpuProbe } from './enrollment/capabilities.ts';
import { ensureIdentity, stripSlash } from './enrollment/enroll.ts';
import { createGuardrailService } from './guardrails/guardrail.service.ts';
import { createAgentHttpApp, listen } from './http-server.ts';
import type { InferenceEngine } from './inference/engine.ts';
import { createProviderDetector } from './inference/execution-providers.ts';
import { metricsRegistryObserver } from './inference/inference-metrics.ts';
import { createModelRegistry } from './inference/model-registry.ts';
import { createOnnxEngine } from './inference/onnx-engine.ts';
import { createAgentLogger, type Logger } from './logger.ts';
import { createAgentMetrics } from './metrics.ts';
import { createMqttLink, type MqttConnect, type MqttLink } from './mqtt/mqtt-link.ts';
import { createSequenceStore } from './mqtt/sequence-store.ts';
import { createAgentRollouts, type AgentRolloutsOptions, type AgentRolloutsStatus } from './rollout/agent-rollouts.ts';
import { createArtifactCache } from './sync/artifact-cache.ts';
import { createArtifactDownloader } from './sync/artifact-downloader.ts';
import { createControlPlaneClient } from './sync/control-plane-client.ts';
import { createDesiredStateSource } from './sync/desired-state-source.ts';
import { createDevicePublisher } from './sync/device-publisher.ts';
import type { RetryPolicy } from './sync/failure-policy.ts';
import { createManifestVerifier } from './sync/manifest-verifier.ts';
import { createModelLoader } from './sync/model-loader.ts';
import { createModelSync } from './sync/model-sync.service.ts';
import { createSyncStateStore } from './sync/sync-state-store.ts';
import { createTelemetry, type TelemetryStatus } from './stats/telemetry.ts';
import { systemTimers, type Timers } from './util/timers.ts';
import { AGENT_VERSION } from './version.ts';

/** Seams for tests; production uses the defaults. */
export interface AgentDeps {
  fetch?: typeof fetch;
  timers?: Timers;
  logger?: Logger;
  engine?: InferenceEngine;
  gpuProbe?: GpuProbe;
  mqttConnect?: MqttConnect;
  /** Process metrics (CPU, memory, event loop) on /metrics; default true. */
  collectProcessMetrics?: boolean;
  /** Backoff for transient sync failures (default 5 s doubling to 10 min). */
  retry?: RetryPolicy;
  /** MQTT reconnect backoff (default 0.5 s doubling to 30 s). */
  mqttBackoff?: { initialMs: number; maxMs: number };
  /** Rollout shadow scheduling: queue bound, parallelism, quiet time, staleness (edge-agent/rollout/shadow-runner.ts). */
  shadow?: AgentRolloutsOptions['shadow'];
  /** Request bucket of the rollout split (default `requestBucket`); tests use it for a misrouting device. */
  rolloutBucket?: AgentRolloutsOptions['bucket'];
}

export interface RunningAgent {
  /** Base URL of the OIP v2 API (and /metrics, /status). */
  inferenceUrl: string;
  deviceId: string;
  port: number;
  status(): AgentStatus;
  /** Events built since start (also sent to the control plane). */
  events(): DeviceEvent[];
  /** Resolves once the current desired state has been worked through. */
  settled(): Promise<void>;
  /**
   * `flush: false` stops the way a crash would, for tests: open statistics windows are neither
   * closed nor saved again and the outbox is not drained (the next start sends what was saved).
   */
  stop(options?: { flush?: boolean }): Promise<void>;
}

export interface AgentStatus {
  deviceId: string;
  agentVersion: string;
  mqtt: { enabled: boolean; connected: boolean; protocolVersion: number | null };
  desiredRevision: number | null;
  models: ReturnType<ReturnType<typeof createDevicePublisher>['models']>;
  probations: ReturnType<ReturnType<typeof createGuardrailService>['active']>;
  cacheBytes: number;
  telemetry: TelemetryStatus;
  /** Rollout directives in force (arms, shares, shadow) and the shadow runner's counts. */
  rollouts: AgentRolloutsStatus;
}

export async function startAgent(config: AgentConfig, deps: AgentDeps = {}): Promise<RunningAgent> {
  const timers = deps.timers ?? systemTimers;
  const fetchFn = deps.fetch ?? fetch;
  const logger = deps.logger ?? createAgentLogger(config.logLevel);
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });

  const gpus = await (deps.gpuProbe ?? nvidiaSmiProbe)();
  const providers = config.executionProviders ?? defaultProviders(gpus);
  const detector = createProviderDetector();
  const engine = deps.engine ?? createOnnxEngine({ executionProviders: providers, graphOptimizationLevel: config.graphOptimizationLevel, intraOpNumThreads: config.intraOpThreads }, { detector });
  const { identity } = await ensureIdentity({
    identityFile: join(config.dataDir, 'identity.json'),
    controlPlaneUrl: config.controlPlaneUrl,
    enrollToken: config.enrollToken,
    name: config.name,
    labels: config.labels,
    capabilities: () => detectCapabilities({ detector, gpus, preferred: providers }),
    fetch: fetchFn,
    timers,
    logger,
  });
  const deviceId = identity.deviceId;
  const controlPlaneUrl = stripSlash(config.controlPlaneUrl ?? identity.controlPlaneUrl);
  const artifactsUrl = stripSlash(config.artifactsUrl ?? controlPlaneUrl);
  const log = logger.child({ deviceId });

  const metrics = createAgentMetrics({ collectProcess: deps.collectProcessMetrics ?? true });
  const sequence = createSequenceStore(join(config.dataDir, 'sequence.json'));
  const store = createSyncStateStore(join(config.dataDir, 'state.json'), (error) => log.error({ err: error }, 'state.json is damaged; set aside, starting empty'));
  const rollouts = createAgentRollouts({
    metricsRegistry: metrics.registry,
    inferenceMetrics: metrics.inference,
    // Shadows run only once the server is up, after telemetry exists.
    onShadow: (event, business) => telemetry.onShadow(event, business),
    ...(deps.shadow ? { shadow: deps.shadow } : {}),
    ...(deps.rolloutBucket ? { bucket: deps.rolloutBucket } : {}),
  });
  // Loaded rollout candidates stay in the cache like active and previous versions.
  const pinned = () => new Set([...store.pinned(), ...rollouts.router.pinned()]);
  const cache = createArtifactCache({ dir: join(config.dataDir, 'cache'), maxBytes: config.cacheMaxBytes, pinned });
  metrics.sync.cacheBytes(cache.totalBytes());
  const verifier = createManifestVerifier(identity.signingKey);
  const registry = createModelRegistry({ observer: metricsRegistryObserver(metrics.inference) });
  const client = createControlPlaneClient({ baseUrl: controlPlaneUrl, deviceId, credential: identity.credential, fetch: fetchFn });

  let link: MqttLink | undefined;
  const publisher = createDevicePublisher({ deviceId, sequence, timers, logger: log, transport: () => link, putReported: (s) => client.putReported(s) });
  const guardrails = createGuardrailService({
    settings: { windowMs: config.probationSeconds * 1000, maxRequests: config.probationRequests, minSamples: config.probationMinSamples },
    defaults: { p95LatencyMs: config.budgetP95LatencyMs, maxFailureRate: config.budgetMaxFailureRate, maxNanRate: config.budgetMaxNanRate },
    timers,
    logger: log,
    onBreach: ({ model, version, evidence }) => sync.revert(model, version, evidence),
  });
  const sync = createModelSync({
    store,
    cache,
    registry,
    publisher,
    verifier,
    timers,
    logger: log,
    metrics: metrics.sync,
    probation: guardrails,
    download: createArtifactDownloader({ cache, fetch: fetchFn, metrics: metrics.sync, timers, logger: log }),
    load: createModelLoader({ engine, cache, verifier, warmup: config.warmup, logger: log }),
    artifactRequest: (path) => ({ url: `${artifactsUrl}${path}`, headers: { authorization: `Bearer ${identity.credential}` } }),
    arms: { arms: rollouts.router, needsCandidate: rollouts.needsCandidate },
    ...(config.maxBatchSize > 1 ? { batching: { maxBatchSize: config.maxBatchSize, maxQueueDelayMicroseconds: config.maxQueueDelayMicroseconds } } : {}),
    ...(deps.retry ? { retry: deps.retry } : {}),
  });

  // Offline first: serve what ran last time before anything touches the network.
  await sync.restore();
  const telemetry = createTelemetry({
    config, deviceId, credential: identity.credential, controlPlaneUrl, fetch: fetchFn, timers, logger: log,
    metricsRegistry: metrics.registry, registry, syncState: () => store.state,
    nextSeq: () => sequence.next('summaries'),
    transport: () => link,
    event: (input) => publisher.event(input),
  });
  const mqttUrl = resolveMqttUrl(config.mqttUrl, controlPlaneUrl, identity.mqtt.port);
  const status = (): AgentStatus => ({
    deviceId,
    agentVersion: AGENT_VERSION,
    mqtt: { enabled: mqttUrl !== undefined, connected: link?.connected ?? false, protocolVersion: link?.protocolVersion ?? null },
    desiredRevision: store.state.desiredRevision,
    models: publisher.models(),
    probations: guardrails.active(),
    cacheBytes: cache.totalBytes(),
    telemetry: telemetry.status(),
    rollouts: rollouts.status(),
  });
  const app = createAgentHttpApp({
    registry,
    router: rollouts.router,
    inferenceMetrics: metrics.inference,
    metricsRegistry: metrics.registry,
    onInference: (event) => {
      guardrails.observe(event);
      telemetry.onInference(event);
    },
    ready: () => true,
    status,
    feedback: telemetry.feedback,
  });
  const server = await listen(app, config.port, config.host).catch(async (error: unknown) => {
    await telemetry.close();
    await rollouts.close();
    await registry.close();
    throw error;
  });
  log.info({ url: server.url, controlPlaneUrl, mqttUrl: mqttUrl ?? 'off' }, 'edge agent serving');

  const source = createDesiredStateSource({
    deviceId,
    client,
    timers,
    logger: log,
    metrics: metrics.sync,
    pollIntervalMs: config.pollIntervalSeconds * 1000,
    isMqttConnected: () => link?.connected ?? false,
    onDesired: (state) => {
      telemetry.onDesired(state);
      sync.setDesired(state);
    },
    onPollSucceeded: () => void publisher.flush(),
  });
  if (mqttUrl) {
    link = createMqttLink({
      url: mqttUrl,
      deviceId,
      credential: identity.credential,
      agentVersion: AGENT_VERSION,
      sequence,
      timers,
      logger: log,
      ...(deps.mqttConnect ? { connect: deps.mqttConnect } : {}),
      ...(deps.mqttBackoff ? { backoff: deps.mqttBackoff } : {}),
      onDesired: (payload) => source.acceptMqtt(payload),
      onUnexpected: () => metrics.sync.messageDropped('mqtt', 'topic'),
      onConnectionChange: (up) => {
        metrics.sync.mqttConnected(up);
        if (up) {
          void publisher.flush();
          telemetry.kick();
        }
        else void source.pollNow();
      },
    });
    link.start();
  }
  source.start();
  telemetry.start();
  const probes = await Promise.all(providers.map((p) => detector.probe(p)));
  publisher.event({
    type: 'agent.started',
    message: `agent ${AGENT_VERSION} started; execution providers: ${probes.map((p) => `${p.name}${p.available ? '' : ` (unavailable: ${p.reason ?? 'unknown'})`}`).join(', ')}`,
    evidence: { executionProviders: probes, restoredModels: Object.keys(store.state.models) },
  });

  let stopping: Promise<void> | undefined;
  return {
    inferenceUrl: server.url,
    deviceId,
    port: server.port,
    status,
    events: () => publisher.recentEvents(),
    settled: () => sync.reconcile(),
    stop({ flush = true } = {}) {
      stopping ??= (async () => {
        source.stop();
        sync.stop();
        guardrails.stop();
        await server.close();
        // Queued shadows are dropped, running ones finish into the windows that are about to close.
        await rollouts.close();
        await telemetry.stop({ flush });
        if (flush) await Promise.race([publisher.flush(), new Promise((resolve) => timers.setTimeout(() => resolve(undefined), 1000))]);
        await link?.stop();
        await telemetry.close();
        await registry.close();
        log.info('edge agent stopped');
      })();
      return stopping;
    },
  };
}

/** "off" disables MQTT; no setting means the control plane's host with the port given at enrollment. */
export function resolveMqttUrl(configured: string | undefined, controlPlaneUrl: string, enrolledPort: number): string | undefined {
  if (configured === 'off') return undefined;
  if (configured) return configured;
  return `mqtt://${new URL(controlPlaneUrl).hostname}:${enrolledPort}`;
}
