import type { Database } from 'better-sqlite3';
import type { Clock } from './clock.ts';
import type { ControlPlaneConfig } from './config.ts';
import { createTransactionRunner } from './db/transaction.ts';
import { createAuditStore, type AuditLog } from './features/audit/audit.store.ts';
import { createTokensService, type TokensService } from './features/tokens/tokens.service.ts';
import { createTokensStore } from './features/tokens/tokens.store.ts';
import type { Authenticator } from './http/auth.ts';

/** Everything the HTTP routes and MQTT handlers call. Built once by `createServices`. */
export interface ControlPlaneServices {
  tokens: TokensService;
  audit: AuditLog;
  auth: Authenticator;
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
    authenticate: (secret) => tokens.authenticate(secret),
  };
  return { tokens, audit, auth };
}
