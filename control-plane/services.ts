import type { Database } from 'better-sqlite3';
import type { Clock } from './clock.ts';
import type { ControlPlaneConfig } from './config.ts';
import { createTransactionRunner } from './db/transaction.ts';
import { createAuditStore, type AuditLog } from './features/audit/audit.store.ts';
import type { AlertSender } from './features/evaluation/alerts.service.ts';
import { createEvaluationFeature, type EvaluationFeature } from './features/evaluation/evaluation-feature.ts';
import type { OpenModel } from './features/evaluation/model-runner.ts';
import { openOnnxModel } from './features/evaluation/onnx-model-runner.ts';
import { createWebhookSender } from './features/evaluation/webhook-sender.ts';
import { createArtifactStore } from './features/models/artifact-store.ts';
import { createFleetFeature, type FleetFeature } from './features/fleet/fleet-feature.ts';
import { createModelsService, type ModelsService } from './features/models/models.service.ts';
import { createModelsStore } from './features/models/models.store.ts';
import { createRolloutsFeature, type RolloutsFeature, type RolloutsFeatureDeps } from './features/rollouts/rollouts-feature.ts';
import { createVariantCatalog } from './features/models/variant-catalog.ts';
import { createOnnxGateRuntime } from './features/variants/onnx-runner.ts';
import { createVariantsFeature, type VariantsFeature } from './features/variants/variants-feature.ts';
import { createTokensService, type TokensService } from './features/tokens/tokens.service.ts';
import { createTokensStore } from './features/tokens/tokens.store.ts';
import type { Authenticator } from './http/auth.ts';
import { createChangeBus, type ChangeBus } from './live/change-bus.ts';
import { announceAlerts, announceAudit, announceDeviceMessages, announceSummaries, desiredStateAnnouncer } from './live/change-sources.ts';
import { loadOrCreateSigningKey } from './security/signing-key.ts';

/** Everything the HTTP routes and MQTT handlers call. Built once by `createServices`. */
export interface ControlPlaneServices {
  tokens: TokensService;
  audit: AuditLog;
  auth: Authenticator;
  models: ModelsService;
  fleet: FleetFeature;
  /** Change notifications (after commit) for the live feed; see control-plane/live/README.md. */
  changes: ChangeBus;
  /** Quantized variants: build and gate jobs, gates, evaluation sets. */
  variants: VariantsFeature;
  /** Reference profiles, summary ingest, drift/quality reports and alerts. */
  evaluation: EvaluationFeature;
  /** Staged rollouts: plans, cohorts, gates, decisions; main.ts starts `rollouts.engine`. */
  rollouts: RolloutsFeature;
}

export interface ServiceDeps {
  db: Database;
  clock: Clock;
  config: Pick<ControlPlaneConfig, 'dataDir' | 'mqttPort' | 'presenceTimeoutSeconds'>;
  /** Runs models for reference profiles (default: onnxruntime-node on the CPU). */
  openModel?: OpenModel;
  /** Delivers alert notifications (default: JSON POST with fetch). */
  sendAlert?: AlertSender;
  /** Rollout engine schedule (default every 15 s on the system timer) and, for tests, rollout ids. */
  rollouts?: Pick<RolloutsFeatureDeps, 'intervalMs' | 'timer' | 'newId'>;
}

/** Plain factory wiring: stores from the database, services from stores. No container. */
export function createServices(deps: ServiceDeps): ControlPlaneServices {
  const { db, clock } = deps;
  const changes = createChangeBus();
  const tx = changes.transactional(createTransactionRunner(db));
  const audit = announceAudit(createAuditStore(db), changes);
  const tokens = createTokensService({ store: createTokensStore(db), audit, clock, tx });
  const auth: Authenticator = {
    // Device credentials carry their own prefix, so one lookup decides which table to ask.
    authenticate: (secret) => (secret.startsWith('efd_') ? fleet.devices.authenticate(secret) : tokens.authenticate(secret)),
  };
  const modelsStore = createModelsStore(db);
  const artifacts = createArtifactStore({ dataDir: deps.config.dataDir });
  const signer = loadOrCreateSigningKey(deps.config.dataDir);
  const onCatalogChanged = () => void fleet.desired.refreshDesiredStates();
  // Variant builds and gates; main.ts starts the worker (route tests leave it stopped).
  const variants = createVariantsFeature({
    db, clock, tx, audit, runtime: createOnnxGateRuntime(),
    catalog: createVariantCatalog({ store: modelsStore, artifacts, signer, clock, tx, audit, onCatalogChanged }),
  });
  const models = createModelsService({
    store: modelsStore, artifacts, signer, clock, tx, audit,
    // A version some device's desired state holds, or an active rollout's arm, cannot be deleted.
    isVersionInUse: (name, version) => fleet.desired.isVersionInUse(name, version) || rollouts.service.isVersionInUse(name, version),
    onCatalogChanged,
    variantJobs: variants.hooks,
  });
  const fleetFeature = createFleetFeature({
    db, clock, tx, audit, tokens, signingKey: () => models.signingKey(),
    // Desired models carry their version's profile hash, so devices learn of a new profile at once.
    catalog: { resolve: (name, ref) => models.resolve(name, ref), profileRef: (name, version) => evaluation.profiles.ref(name, version) },
    mqttPort: deps.config.mqttPort, presenceTimeoutSeconds: deps.config.presenceTimeoutSeconds,
  });
  const now = () => clock.now();
  const fleet: FleetFeature = { ...fleetFeature, messages: announceDeviceMessages(fleetFeature.messages, changes, now) };
  fleet.desired.attachPublisher(desiredStateAnnouncer(changes, now));
  const evaluationFeature = createEvaluationFeature({
    db, clock, tx, audit, models, devices: fleet.devices, onProfileStored: onCatalogChanged,
    openModel: deps.openModel ?? openOnnxModel, sendAlert: deps.sendAlert ?? createWebhookSender(),
  });
  // Summaries and alert checks are data, not audited changes: announced to the live feed here.
  const evaluation: EvaluationFeature = {
    ...evaluationFeature,
    ingest: announceSummaries(evaluationFeature.ingest, changes, now),
    alerts: announceAlerts(evaluationFeature.alerts, changes, now),
  };
  const rollouts = createRolloutsFeature({
    db, clock, tx, audit, models, fleet, profileRef: (name, version) => evaluation.profiles.ref(name, version),
    flushSummaries: () => evaluation.ingest.flush(), profiles: evaluation.profiles,
    ...deps.rollouts,
  });
  return { tokens, audit, auth, models, fleet, changes, variants, evaluation, rollouts };
}
