import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import type { Logger } from 'pino';
import { createApp } from './app.ts';
import { systemClock } from './clock.ts';
import type { ControlPlaneConfig } from './config.ts';
import { openDatabase } from './db/open.ts';
import { createLogger } from './logger.ts';
import { createControlPlaneMetrics } from './metrics.ts';
import { createMqttBroker } from './mqtt/mqtt-broker.ts';
import { writeSecretFile } from './security/secret-file.ts';
import { createServices } from './services.ts';

export interface RunningControlPlane {
  url: string;
  port: number;
  mqttPort: number;
  dataDir: string;
  /** Set only on the start that generated it: the caller prints it once. */
  newAdminToken: string | undefined;
  adminTokenFile: string | undefined;
  stop(): Promise<void>;
}

/**
 * The composition root: open the data folder, wire stores, services, broker and HTTP server, and
 * start listening. Everything is created here and nowhere at import time.
 */
export async function startControlPlane(config: ControlPlaneConfig, options: { logger?: Logger } = {}): Promise<RunningControlPlane> {
  const logger = options.logger ?? createLogger(config.logLevel);
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const db = openDatabase(join(config.dataDir, 'control-plane.sqlite'));
  let ready = false;
  const services = createServices({ db, clock: systemClock, config });
  const metrics = createControlPlaneMetrics();

  const boot = services.tokens.bootstrapAdmin(config.adminToken);
  const adminTokenFile = config.adminToken ? undefined : join(config.dataDir, 'admin-token');
  if (boot.token && adminTokenFile) writeSecretFile(adminTokenFile, `${boot.token}\n`);

  const broker = await createMqttBroker({ port: config.mqttPort, host: config.host, services, metrics, logger });
  const app = createApp({
    services, logger, metrics,
    limits: { maxJsonBytes: config.maxJsonBytes, maxArtifactBytes: config.maxArtifactBytes },
    isReady: () => ready,
  });
  const server = await listen(app.fetch, config.port, config.host).catch(async (err: unknown) => {
    await broker.close();
    db.close();
    throw err;
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
  ready = true;
  logger.info({ url, mqttPort: broker.port, dataDir: config.dataDir }, 'control plane listening');

  return {
    url, port, mqttPort: broker.port, dataDir: config.dataDir, newAdminToken: boot.token, adminTokenFile,
    async stop() {
      ready = false;
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await broker.close();
      db.close();
    },
  };
}

function listen(fetch: (req: Request) => Response | Promise<Response>, port: number, hostname: string): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port, hostname }, () => resolve(server));
    server.once('error', reject);
  });
}
