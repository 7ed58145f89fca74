/**
 * The agent's Prometheus registry: the inference core's metrics plus the sync side (downloads,
 * verification failures, dropped messages, reverts, MQTT link), all served on the agent's /metrics.
 */
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import { createInferenceMetrics, type InferenceMetrics } from './inference/inference-metrics.ts';

export type DownloadOutcome = 'complete' | 'resumed' | 'cached' | 'failed';
export type VerificationFailure = 'size' | 'sha256' | 'signature' | 'manifest';
export type DropReason = 'json' | 'schema' | 'device' | 'topic';

export interface SyncMetrics {
  download(outcome: DownloadOutcome): void;
  downloadedBytes(bytes: number): void;
  verificationFailed(reason: VerificationFailure): void;
  messageDropped(source: 'mqtt' | 'rest', reason: DropReason): void;
  loadFailed(model: string): void;
  reverted(model: string): void;
  mqttConnected(connected: boolean): void;
  desiredRevision(revision: number): void;
  cacheBytes(bytes: number): void;
}

export interface AgentMetrics {
  registry: Registry;
  inference: InferenceMetrics;
  sync: SyncMetrics;
}

export function createAgentMetrics(options: { collectProcess?: boolean } = {}): AgentMetrics {
  const registry = new Registry();
  if (options.collectProcess ?? true) collectDefaultMetrics({ register: registry, prefix: 'edgefleet_agent_' });
  const registers = [registry];
  const downloads = new Counter({
    name: 'edgefleet_agent_artifact_downloads_total',
    help: 'Artifact fetches by outcome (complete, resumed with Range, served from cache, failed).',
    labelNames: ['outcome'] as const,
    registers,
  });
  const bytes = new Counter({ name: 'edgefleet_agent_artifact_download_bytes_total', help: 'Artifact bytes received.', registers });
  const verification = new Counter({
    name: 'edgefleet_agent_artifact_verification_failures_total',
    help: 'Artifacts refused because size, sha256, manifest or signature did not verify.',
    labelNames: ['reason'] as const,
    registers,
  });
  const dropped = new Counter({
    name: 'edgefleet_agent_messages_dropped_total',
    help: 'Inbound control messages dropped because they did not parse or validate.',
    labelNames: ['source', 'reason'] as const,
    registers,
  });
  const loadFailures = new Counter({
    name: 'edgefleet_agent_model_load_failures_total',
    help: 'Model versions that failed to load or warm up and were not switched to.',
    labelNames: ['model'] as const,
    registers,
  });
  const reverts = new Counter({
    name: 'edgefleet_agent_model_reverts_total',
    help: 'Local guardrail reverts to the previous version.',
    labelNames: ['model'] as const,
    registers,
  });
  const mqtt = new Gauge({ name: 'edgefleet_agent_mqtt_connected', help: '1 while the MQTT link is up.', registers });
  const revision = new Gauge({ name: 'edgefleet_agent_desired_revision', help: 'Revision of the last desired state accepted.', registers });
  const cache = new Gauge({ name: 'edgefleet_agent_cache_bytes', help: 'Bytes held in the artifact cache.', registers });
  mqtt.set(0);
  return {
    registry,
    inference: createInferenceMetrics(registry),
    sync: {
      download: (outcome) => downloads.inc({ outcome }),
      downloadedBytes: (n) => bytes.inc(n),
      verificationFailed: (reason) => verification.inc({ reason }),
      messageDropped: (source, reason) => dropped.inc({ source, reason }),
      loadFailed: (model) => loadFailures.inc({ model }),
      reverted: (model) => reverts.inc({ model }),
      mqttConnected: (up) => mqtt.set(up ? 1 : 0),
      desiredRevision: (r) => revision.set(r),
      cacheBytes: (n) => cache.set(n),
    },
  };
}
