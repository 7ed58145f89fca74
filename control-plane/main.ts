import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import type { Logger } from 'pino';
import { createApp } from './app.ts';
import { systemClock, type Clock } from './clock.ts';
import type { ControlPlaneConfig } from './config.ts';
import { buildConsole } from './console/build-console.ts';
import type { ConsoleSource } from './console/console.routes.ts';
import { openDatabase } from './db/open.ts';
import { attachDeviceSocketServer } from './features/browser-devices/device-socket-server.ts';
import { createOrtFiles } from './features/browser-devices/ort-assets.ts';
import { buildBrowserRuntime } from './features/browser-devices/runtime-bundle.ts';
import type { RuntimeSource } from './features/browser-devices/runtime.routes.ts';
import { createEvaluationScheduler } from './features/evaluation/evaluation-scheduler.ts';
import { attachLiveServer } from './live/live-server.ts';
import { createLogger } from './logger.ts';
import { createControlPlaneMetrics } from './metrics.ts';
import { createChannelHandlers } from './mqtt/channel-handlers.ts';
import { createDeviceIngest } from './mqtt/device-ingest.ts';
import { createMqttBroker } from './mqtt/mqtt-broker.ts';
import { writeSecretFile } from './security/secret-file.ts';
import { LIVE_PATH } from '../protocol/index.ts';
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
export interface StartOptions {
  logger?: Logger;
  /** Run the variant build and gate worker; default true. Off, pushes still queue jobs for a later start. */
  variantJobs?: boolean;
  /**
   * Time for every service (default the system clock). Browser tests move it ahead a minute so the
   * rollout gates, which count whole one-minute summary buckets, see data without waiting.
   */
  clock?: Clock;
}

export async function startControlPlane(config: ControlPlaneConfig, options: StartOptions = {}): Promise<RunningControlPlane> {
  const logger = options.logger ?? createLogger(config.logLevel);
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const db = openDatabase(join(config.dataDir, 'control-plane.sqlite'));
  let ready = false;
  const services = createServices({ db, clock: options.clock ?? systemClock, config, rollouts: { intervalMs: config.rolloutIntervalSeconds * 1000 } });
  const metrics = createControlPlaneMetrics();

  const boot = services.tokens.bootstrapAdmin(config.adminToken);
  const adminTokenFile = config.adminToken ? undefined : join(config.dataDir, 'admin-token');
  if (boot.token && adminTokenFile) writeSecretFile(adminTokenFile, `${boot.token}\n`);

  const broker = await createMqttBroker({ port: config.mqttPort, host: config.host, services, metrics, logger });
  const [consoleSource, runtimeSource] = await Promise.all([buildConsoleSource(logger), buildRuntimeSource(logger)]);
  const app = createApp({
    services, logger, metrics,
    limits: { maxJsonBytes: config.maxJsonBytes, maxArtifactBytes: config.maxArtifactBytes },
    isReady: () => ready,
    console: consoleSource,
    runtime: { source: runtimeSource, ortFile: createOrtFiles() },
  });
  const server = await listen(app.fetch, config.port, config.host).catch(async (err: unknown) => {
    await broker.close();
    db.close();
    throw err;
  });
  const live = attachLiveServer({
    server: server as Server, // serve() without createServer options makes a node:http server
    auth: services.auth, changes: services.changes, logger, registry: metrics.registry, devices: services.fleet.devices,
  });
  // Browser devices: the same channel handlers as the broker, over a WebSocket on the HTTP port.
  const deviceSockets = attachDeviceSocketServer({
    server: server as Server, auth: services.auth, fleet: services.fleet, logger, registry: metrics.registry,
    ingest: createDeviceIngest({ handlers: createChannelHandlers(services), metrics, logger: logger.child({ component: 'device-socket' }) }),
    sharedWith: [LIVE_PATH],
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
  ready = true;
  // Variant builds run in the background, one at a time; jobs a crash cut short are queued again.
  if (options.variantJobs ?? true) services.variants.jobs.start(logger.child({ feature: 'variants' }));
  // Alert rules are checked every minute; the same tick folds the summary journal and prunes old buckets.
  const evaluationLog = logger.child({ feature: 'evaluation' });
  const evaluationTimer = createEvaluationScheduler({
    evaluateAlerts: async () => {
      const result = await services.evaluation.alerts.evaluate();
      if (result.errors.length > 0 || result.failed > 0) evaluationLog.warn({ result }, 'alert check had errors');
    },
    prune: () => void services.evaluation.housekeeping(),
    onError: (err) => evaluationLog.error({ err }, 'evaluation tick failed'),
  });
  evaluationTimer.start();
  // Rollout gates tick on their own schedule; their whole state is in SQLite, so a restart resumes them.
  const rolloutLog = logger.child({ feature: 'rollouts' });
  services.rollouts.engine.start({
    onError: (rollout, err) => rolloutLog.error({ err, rollout }, 'rollout tick failed'),
    onTick: (outcomes) => {
      for (const o of outcomes) if (o.action !== 'hold' && o.action !== 'skipped') rolloutLog.info(o, `rollout ${o.action}`);
    },
  });
  logger.info({ url, mqttPort: broker.port, dataDir: config.dataDir }, 'control plane listening');

  return {
    url, port, mqttPort: broker.port, dataDir: config.dataDir, newAdminToken: boot.token, adminTokenFile,
    async stop() {
      ready = false;
      evaluationTimer.stop();
      services.rollouts.engine.stop();
      await live.close(); // open WebSockets would keep server.close() waiting
      await deviceSockets.close(); // before the database: closing sockets marks their devices offline
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await services.variants.jobs.stop(); // an unfinished job goes back to the queue
      await broker.close();
      services.evaluation.ingest.close(); // commit the summaries waiting for their group commit
      db.close();
    },
  };
}

/** The console bundle; a failed build is logged and leaves the API up (the page says why). */
async function buildConsoleSource(logger: Logger): Promise<ConsoleSource> {
  try {
    const bundle = await buildConsole();
    logger.debug({ ms: bundle.builtInMs, pages: bundle.pages.length }, 'console bundled');
    return { bundle };
  } catch (err) {
    logger.error({ err }, 'console build failed; serving the API only');
    return { error: `the console could not be built: ${(err as Error).message}` };
  }
}

/** The browser runtime bundle; a failed build is logged and leaves everything else up. */
async function buildRuntimeSource(logger: Logger): Promise<RuntimeSource> {
  try {
    const bundle = await buildBrowserRuntime();
    logger.debug({ ms: bundle.builtInMs, files: bundle.assets.size }, 'browser runtime bundled');
    return { bundle };
  } catch (err) {
    logger.error({ err }, 'browser runtime build failed; browser devices cannot load it');
    return { error: `the browser runtime could not be built: ${(err as Error).message}` };
  }
}

function listen(fetch: (req: Request) => Response | Promise<Response>, port: number, hostname: string): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port, hostname }, () => resolve(server));
    server.once('error', reject);
  });
}
