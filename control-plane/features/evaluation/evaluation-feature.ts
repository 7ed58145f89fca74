import type { Database } from 'better-sqlite3';
import type { Readable } from 'node:stream';
import type { Device, ModelVersion } from '../../../protocol/index.ts';
import type { Clock } from '../../clock.ts';
import type { RunInTransaction } from '../../db/transaction.ts';
import type { AuditLog } from '../audit/audit.store.ts';
import { createDeviceMessagesStore } from '../fleet/device-messages.store.ts';
import { createConditionChecker } from './alert-conditions.ts';
import { createAlertsService, type AlertSender, type AlertsService } from './alerts.service.ts';
import { createAlertsStore } from './alerts.store.ts';
import { createBucketsStore } from './buckets.store.ts';
import { createEvaluationQueries, type EvaluationQueries } from './evaluation-queries.service.ts';
import type { OpenModel } from './model-runner.ts';
import { createProfilesService, type ProfilesService } from './profiles.service.ts';
import { createProfilesStore } from './profiles.store.ts';
import { createSummaryIngestService, type CohortTotals, type SummaryIngestService } from './summary-ingest.service.ts';

/** What `/metrics` shows of evaluation; drift and quality are recomputed at most every `metricsTtlSeconds`. */
export interface EvaluationMetricsSnapshot {
  totals: CohortTotals[];
  drift: Array<{ model: string; version: string; drifted: boolean; features: Array<{ feature: string; statistic: number | null; drifted: boolean | null }> }>;
  quality: Array<{ labels: { model: string; version: string; variant: string; arm: string }; accuracy: number | null; errorRate: number | null; latencyP95Ms: number | null }>;
  alertsFiring: Record<string, number>;
}

export interface EvaluationFeature {
  profiles: ProfilesService;
  ingest: SummaryIngestService;
  queries: EvaluationQueries;
  alerts: AlertsService;
  metricsSnapshot(): EvaluationMetricsSnapshot;
  /** The periodic chores: fold the ingest journal, delete buckets past the retention (returns how many). */
  housekeeping(): number;
}

export interface EvaluationFeatureDeps {
  db: Database;
  clock: Clock;
  tx: RunInTransaction;
  audit: AuditLog;
  models: { getVersion(name: string, version: string): ModelVersion; artifact(sha256: string): { open(): Readable } };
  devices: { list(selector?: string): Device[] };
  openModel: OpenModel;
  sendAlert: AlertSender;
  /** Recompute desired states: they carry each version's profile hash. */
  onProfileStored: () => void;
  bucketSeconds?: number;
  retentionDays?: number;
  metricsTtlSeconds?: number;
}

/** Stores from the database, services from stores: the evaluation feature's composition root. */
export function createEvaluationFeature(deps: EvaluationFeatureDeps): EvaluationFeature {
  const { db, clock, tx, audit } = deps;
  const buckets = createBucketsStore(db);
  const profiles = createProfilesService({
    store: createProfilesStore(db), models: deps.models, openModel: deps.openModel, clock, tx, audit, onProfileStored: deps.onProfileStored,
  });
  const ingest = createSummaryIngestService({
    buckets, sequences: createDeviceMessagesStore(db), profiles, clock, tx, bucketSeconds: deps.bucketSeconds,
  });
  const queries = createEvaluationQueries({
    buckets, profiles, clock, beforeRead: () => ingest.flush(), devicesMatching: (selector) => new Set(deps.devices.list(selector).map((d) => d.id)),
  });
  const alerts = createAlertsService({
    store: createAlertsStore(db), check: createConditionChecker({ queries, devices: deps.devices }), send: deps.sendAlert, clock, tx, audit,
  });

  const ttlMs = (deps.metricsTtlSeconds ?? 30) * 1000;
  let cached: { at: number; drift: EvaluationMetricsSnapshot['drift']; quality: EvaluationMetricsSnapshot['quality'] } | null = null;
  function reports() {
    const now = clock.now().getTime();
    if (cached && now - cached.at < ttlMs) return cached;
    const drift = queries.drift({ since: '1h', history: 'on' }).reports.map((r) => ({
      model: r.model, version: r.version, drifted: r.drifted,
      features: r.features.map((f) => ({ feature: f.feature, statistic: f.statistic, drifted: f.drifted })),
    }));
    const quality = queries.quality({ since: '15m' }).groups.map((g) => ({
      labels: { model: g.model, version: g.version, variant: g.variant, arm: g.arm },
      accuracy: g.tiers.model.accuracy, errorRate: g.tiers.infrastructure.errorRate, latencyP95Ms: g.tiers.infrastructure.latencyMs.p95,
    }));
    cached = { at: now, drift, quality };
    return cached;
  }

  return {
    profiles, ingest, queries, alerts,
    metricsSnapshot: () => ({ totals: ingest.totals(), ...reports(), alertsFiring: alerts.firingCounts() }),
    housekeeping() {
      ingest.flush();
      const removed = buckets.prune(clock.now().getTime() - (deps.retentionDays ?? 30) * 86_400_000);
      if (removed > 0) ingest.clearCache(); // cached buckets may be gone
      return removed;
    },
  };
}
