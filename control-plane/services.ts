import type { Database } from 'better-sqlite3';
import type { Clock } from './clock.ts';
import type { ControlPlaneConfig } from './config.ts';
import { createTransactionRunner } from './db/transaction.ts';
import { createAuditStore, type AuditLog } from './features/audit/audit.store.ts';
import { createArtifactStore } from './features/models/artifact-store.ts';
import { createFleetFeature, type FleetFeature } from './features/fleet/fleet-feature.ts';
import { createModelsService, type ModelsService } from './features/models/models.service.ts';
import { createModelsStore } from './features/models/models.store.ts';
import { createTokensService, type TokensService } from './features/tokens/tokens.service.ts';
import { createTokensStore } from './features/tokens/tokens.store.ts';
import type { Authenticator } from './http/auth.ts';
import { loadOrCreateSigningKey } from './security/signing-key.ts';

/** Everything the HTTP routes and MQTT handlers call. Built once by `createServices`. */
export interface ControlPlaneServices {
  tokens: TokensService;
  audit: AuditLog;
  auth: Authenticator;
  models: ModelsService;
  fleet: FleetFeature;
}

export interface ServiceDeps {
  db: Database;
  clock: Clock;
  config: Pick<ControlPlaneConfig, 'dataDir' | 'mqttPort' | 'presenceTimeoutSeconds'>;
}

/** Plain factory wiring: stores from the database, services from stores. No container. */
export function createServices(deps: ServiceDeps): ControlPlaneServices {
  const { db, clock } = deps;
  const tx = createTransactionRunner(db);
  const audit = createAuditStore(db);
  const tokens = createTokensService({ store: createTokensStore(db), audit, clock, tx });
  const auth: Authenticator = {
    // Device credentials carry their own prefix, so one lookup decides which table to ask.
    authenticate: (secret) => (secret.startsWith('efd_') ? fleet.devices.authenticate(secret) : tokens.authenticate(secret)),
  };
  const models = createModelsService({
    store: createModelsStore(db), artifacts: createArtifactStore({ dataDir: deps.config.dataDir }),
    signer: loadOrCreateSigningKey(deps.config.dataDir), clock, tx, audit,
    // A version some device's desired state holds cannot be deleted (the fleet answers).
    isVersionInUse: (name, version) => fleet.desired.isVersionInUse(name, version),
    onCatalogChanged: () => fleet.desired.refreshDesiredStates(),
  });
  const fleet = createFleetFeature({
    db, clock, tx, audit, tokens, catalog: models, signingKey: () => models.signingKey(),
    mqttPort: deps.config.mqttPort, presenceTimeoutSeconds: deps.config.presenceTimeoutSeconds,
  });
  return { tokens, audit, auth, models, fleet };
}
