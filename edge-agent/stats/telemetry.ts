/**
 * Wiring of the device's telemetry: reference profiles, the statistics windows, the SQLite outbox
 * and its sender, the prediction memory and the feedback service. `agent.ts` creates one and calls
 * the hooks; everything here is built from plain factories, nothing at import time.
 */
import { join } from 'node:path';
import type { Registry } from 'prom-client';
import type { DesiredState, Variant } from '../../protocol/index.ts';
import type { AgentConfig } from '../config.ts';
import { createFeedbackService, type FeedbackService } from '../feedback/feedback.service.ts';
import { createPredictionMemory } from '../feedback/prediction-memory.ts';
import type { InferenceEvent } from '../inference/inference.service.ts';
import type { ModelRegistry } from '../inference/model-registry.ts';
import type { Logger } from '../logger.ts';
import { createTelemetryMetrics } from '../outbox/outbox-metrics.ts';
import { createOutboxSender, type SummaryTransport } from '../outbox/outbox-sender.ts';
import { createOutboxStore } from '../outbox/outbox-store.ts';
import { createSummariesClient } from '../outbox/summaries-client.ts';
import type { EventInput } from '../sync/device-publisher.ts';
import type { SyncState } from '../sync/sync-state-store.ts';
import type { Timers } from '../util/timers.ts';
import { createProfileSource } from './profile-source.ts';
import { createStatsCollector, type StatsStatus } from './stats-collector.ts';
import type { WindowIdentity } from './window-store.ts';

export interface TelemetryOptions {
  config: Pick<
    AgentConfig,
    'dataDir' | 'statsWindowPredictions' | 'statsWindowSeconds' | 'statsCheckpointSeconds' | 'feedbackMemorySize' | 'feedbackTtlSeconds' | 'outboxMaxBytes'
  >;
  deviceId: string;
  credential: string;
  controlPlaneUrl: string;
  fetch: typeof fetch;
  timers: Timers;
  logger: Logger;
  metricsRegistry: Registry;
  registry: ModelRegistry;
  syncState: () => Readonly<SyncState>;
  nextSeq: () => number;
  transport: () => SummaryTransport | undefined;
  event: (input: EventInput) => void;
}

export interface TelemetryStatus extends StatsStatus {
  outboxDepth: number;
  outboxBytes: number;
  droppedSummaries: number;
}

export interface Telemetry {
  feedback: FeedbackService;
  onInference(event: InferenceEvent): void;
  /**
   * A rollout candidate's shadow run on a served request: its prediction and the shadow business
   * events go to the candidate's window; a label that comes later for the served request also
   * counts for the shadow prediction.
   */
  onShadow(event: InferenceEvent, business: ReadonlyArray<{ name: string; value: number }>): void;
  onDesired(state: DesiredState): void;
  /** Try to send the outbox now (the MQTT link came up). */
  kick(): void;
  start(): void;
  status(): TelemetryStatus;
  /** `flush`: close open windows into the outbox and give it a second to drain; without, leave everything as a crash would. */
  stop(options: { flush: boolean }): Promise<void>;
  /** After the MQTT link is down: wait for the sender and close the database. */
  close(): Promise<void>;
}

export function createTelemetry(options: TelemetryOptions): Telemetry {
  const { config, timers, logger } = options;
  let desired: DesiredState | null = null;
  let metrics: ReturnType<typeof createTelemetryMetrics> | undefined;
  const outbox = createOutboxStore({
    path: join(config.dataDir, 'outbox.sqlite'),
    maxBytes: config.outboxMaxBytes,
    onDropped: (dropped) => {
      metrics?.dropped('budget', dropped.length);
      options.event({
        type: 'summaries.dropped',
        message: `outbox over its budget of ${config.outboxMaxBytes} bytes: dropped the ${dropped.length} oldest summaries`,
        evidence: { seqs: dropped.map((d) => d.seq), bytes: dropped.reduce((sum, d) => sum + d.bytes, 0), budgetBytes: config.outboxMaxBytes },
      });
    },
  });
  metrics = createTelemetryMetrics(options.metricsRegistry, outbox);
  const profiles = createProfileSource({
    dir: join(config.dataDir, 'profiles'), baseUrl: options.controlPlaneUrl, credential: options.credential, fetch: options.fetch, timers, logger,
  });

  /** Variant from what was installed (or the rollout arm), arm from the rollout directive; baseline otherwise. */
  const identityOf = (model: string, version: string): WindowIdentity => {
    const installed = options.syncState().models[model];
    const arm = desired?.models.find((m) => m.name === model)?.rollout?.arms.find((a) => a.version === version);
    const variant: Variant =
      installed?.active.version === version ? installed.active.variant
      : installed?.previous?.version === version ? installed.previous.variant
      : (arm?.variant ?? 'fp32');
    return { model, version, variant, arm: arm?.name ?? 'baseline' };
  };

  const sender = createOutboxSender({
    deviceId: options.deviceId, store: outbox, transport: options.transport, timers, logger, metrics,
    postRest: createSummariesClient({ baseUrl: options.controlPlaneUrl, deviceId: options.deviceId, credential: options.credential, fetch: options.fetch }),
  });
  const stats = createStatsCollector({
    deviceId: options.deviceId, timers, logger, store: outbox, nextSeq: options.nextSeq,
    profileOf: profiles.profileOf, identityOf,
    windowPredictions: config.statsWindowPredictions,
    windowMs: config.statsWindowSeconds * 1000,
    checkpointMs: config.statsCheckpointSeconds * 1000,
    onClosed: () => {
      metrics?.closed();
      void sender.kick();
    },
  });
  let senderStopped: Promise<void> | undefined;
  const recovered = stats.recover();
  if (recovered > 0) logger.info({ recovered }, 'statistics windows left open by the last run were queued');

  const limits = { maxEntries: config.feedbackMemorySize, ttlMs: config.feedbackTtlSeconds * 1000 };
  const memory = createPredictionMemory({ ...limits, now: () => timers.now() });
  const service = createFeedbackService({
    memory, stats, identityOf, limits,
    activeVersion: (model) => options.registry.describe(model)?.activeVersion,
    loadedModels: () => options.registry.list().map((m) => m.name),
  });
  const feedback: FeedbackService = {
    feedback: (input) => counted(() => service.feedback(input)),
    event: (input) => counted(() => service.event(input)),
  };
  function counted<T>(run: () => T): T {
    try {
      const result = run();
      metrics?.feedback('accepted');
      return result;
    } catch (error) {
      metrics?.feedback('refused');
      throw error;
    }
  }

  return {
    feedback,
    onInference(event) {
      try {
        const record = stats.recordInference(event);
        if (record) memory.remember(event.requestId, record);
      } catch (error) {
        // Statistics must never cost a request its answer; a storage failure is logged and counted.
        logger.error({ err: (error as Error).message, model: event.model }, 'statistics for a request failed');
      }
    },
    onShadow(event, business) {
      try {
        const record = stats.recordInference(event);
        const served = memory.lookup(event.requestId);
        if (record && served.found) {
          served.entry.shadow = record;
          // The shadow runs after the answer, so its label may be here already.
          for (const [row, label] of served.entry.labelled ?? []) stats.recordFeedback(record, row, label);
        }
        const identity = record?.identity ?? identityOf(event.model, event.version);
        for (const e of business) stats.recordEvent(identity, e);
      } catch (error) {
        logger.error({ err: (error as Error).message, model: event.model }, 'statistics for a shadow run failed');
      }
    },
    onDesired(state) {
      desired = state;
      void profiles.update(state);
    },
    kick: () => void sender.kick(),
    start() {
      stats.start();
      sender.start();
    },
    status: () => ({ ...stats.status(), outboxDepth: outbox.depth(), outboxBytes: outbox.bytes(), droppedSummaries: outbox.droppedTotal() }),
    async stop({ flush }) {
      if (flush) {
        stats.closeAll();
        await Promise.race([sender.kick(), new Promise((resolve) => timers.setTimeout(() => resolve(undefined), 1000))]);
      } else stats.stop();
      // No new sends from here (a drain must not fall back to REST while the link goes down);
      // close() waits for the one in flight, which the link's stop fails if it is still waiting.
      senderStopped = sender.stop();
    },
    async close() {
      await (senderStopped ?? sender.stop());
      outbox.close();
    },
  };
}
