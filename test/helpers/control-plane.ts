import { join } from 'node:path';
import { pino } from 'pino';
import { createApp } from '../../control-plane/app.ts';
import { systemClock, type Clock } from '../../control-plane/clock.ts';
import { openDatabase } from '../../control-plane/db/open.ts';
import { createControlPlaneMetrics } from '../../control-plane/metrics.ts';
import { createMqttBroker, type MqttBroker, type MqttBrokerOptions } from '../../control-plane/mqtt/mqtt-broker.ts';
import { createServices } from '../../control-plane/services.ts';
import { createTempDir } from './temp-dir.ts';

export interface TestControlPlaneOptions {
  clock?: Clock;
  maxJsonBytes?: number;
  maxArtifactBytes?: number;
}

/**
 * An in-process control plane over a fresh migrated SQLite file in a temp folder, for
 * `app.request()` tests. `adminToken` and `viewerToken` are ready to use.
 */
export function createTestControlPlane(options: TestControlPlaneOptions = {}) {
  const dir = createTempDir('ef-cp-');
  const dataDir = dir.path;
  const db = openDatabase(join(dataDir, 'control-plane.sqlite'));
  const clock = options.clock ?? systemClock;
  const services = createServices({ db, clock, config: { dataDir, mqttPort: 0, presenceTimeoutSeconds: 90 } });
  const metrics = createControlPlaneMetrics({ collectProcess: false });
  const logger = pino({ level: 'silent' });
  const app = createApp({
    services, logger, metrics,
    limits: { maxJsonBytes: options.maxJsonBytes ?? 1024 * 1024, maxArtifactBytes: options.maxArtifactBytes ?? 64 * 1024 * 1024 },
  });
  const adminToken = services.tokens.bootstrapAdmin().token as string;
  const viewerToken = services.tokens.create({ role: 'viewer' }, { kind: 'token', tokenId: 'test', role: 'admin' }).token;

  /** `app.request` with a bearer token and JSON body when given. */
  async function call(method: string, path: string, init: { token?: string | null; json?: unknown; body?: BodyInit; headers?: Record<string, string> } = {}) {
    const headers: Record<string, string> = { ...init.headers };
    const token = init.token === undefined ? adminToken : init.token;
    if (token) headers.authorization = `Bearer ${token}`;
    let body = init.body;
    if (init.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(init.json);
    }
    return app.request(path, { method, headers, body });
  }

  const brokers: MqttBroker[] = [];
  /** Start the embedded MQTT broker on a free port, wired to this control plane; `close()` stops it. */
  async function startMqtt(extra: Pick<MqttBrokerOptions, 'handlers'> = {}): Promise<MqttBroker> {
    const broker = await createMqttBroker({ port: 0, host: '127.0.0.1', services, metrics, logger, ...extra });
    brokers.push(broker);
    return broker;
  }

  return {
    app, db, services, metrics, dataDir, adminToken, viewerToken, call, startMqtt,
    /** Synchronous when no broker was started; otherwise await it (brokers write presence on close). */
    async close() {
      for (const broker of brokers.splice(0)) await broker.close();
      services.evaluation.ingest.close(); // commit what waits for a group commit, refuse the rest
      db.close();
      dir.remove();
    },
  };
}
export type TestControlPlane = ReturnType<typeof createTestControlPlane>;
