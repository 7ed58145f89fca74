import { randomBytes } from 'node:crypto';
import { connectAsync, type MqttClient } from 'mqtt';
import { pino } from 'pino';
import type { Clock } from '../../control-plane/clock.ts';
import { loadControlPlaneConfig } from '../../control-plane/config.ts';
import { startControlPlane, type RunningControlPlane } from '../../control-plane/main.ts';
import { deviceTopic, enrollResponseSchema, type DeviceChannel, type EnrollResponse, type Labels } from '../../protocol/index.ts';
import { cpuCapabilities } from '../helpers/fleet.ts';
import { createTempDir } from '../helpers/temp-dir.ts';

/**
 * A real control plane for browser tests: startControlPlane (HTTP, live WebSocket, embedded MQTT
 * broker, console bundle) on port 0 in a temp folder, with an admin and a viewer token.
 */
export interface ConsoleStackOptions {
  /** Time for the control plane (rollout tests move it ahead a minute at a time). */
  clock?: Clock;
  /** How often the rollout engine ticks (default 15 s; 1 s lets a page watch a step advance). */
  rolloutIntervalSeconds?: number;
}

export async function startConsoleStack(options: ConsoleStackOptions = {}) {
  const dir = createTempDir('ef-console-');
  const adminToken = `efa_test_${randomBytes(12).toString('hex')}`;
  const config = loadControlPlaneConfig({
    flags: { dataDir: dir.path, port: 0, mqttPort: 0, adminToken, logLevel: 'silent', rolloutIntervalSeconds: options.rolloutIntervalSeconds },
  });
  // No variant builds: quantizing a pushed model is CPU work in this same process, which would make
  // the browser steps after a push slow on a shared machine; the console only shows their results.
  const cp: RunningControlPlane = await startControlPlane(config, {
    logger: pino({ level: 'silent' }), variantJobs: false, ...(options.clock ? { clock: options.clock } : {}),
  });

  async function api(method: string, path: string, json?: unknown, token = adminToken): Promise<Response> {
    return fetch(`${cp.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(json === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(json === undefined ? {} : { body: JSON.stringify(json) }),
    });
  }
  async function ok<T>(res: Response, what: string): Promise<T> {
    if (!res.ok) throw new Error(`${what}: HTTP ${res.status} ${await res.text()}`);
    return (res.status === 204 ? undefined : await res.json()) as T;
  }

  const viewer = await ok<{ id: string; token: string }>(await api('POST', '/v1/tokens', { role: 'viewer', name: 'console test viewer' }), 'viewer token');
  const devices: SimulatedDevice[] = [];

  return {
    cp, url: cp.url, adminToken, viewerToken: viewer.token, viewerTokenId: viewer.id, api, ok,

    /** Enroll through `POST /v1/enroll` with a fresh enrollment token, as an agent does. */
    async enroll(name: string, labels: Labels = {}): Promise<EnrollResponse> {
      const token = await ok<{ token: string }>(await api('POST', '/v1/tokens', { role: 'enroll', uses: 1, labels }), 'enroll token');
      const res = await fetch(`${cp.url}/v1/enroll`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: token.token, name, capabilities: cpuCapabilities }),
      });
      return enrollResponseSchema.parse(await ok(res, 'enroll'));
    },

    /** A device on a real mqtt.js connection (MQTT 3.1.1, Last Will on its presence topic). */
    async connect(device: EnrollResponse): Promise<SimulatedDevice> {
      const sim = await connectDevice(device, cp.mqttPort);
      devices.push(sim);
      return sim;
    },

    async stop(): Promise<void> {
      await Promise.all(devices.splice(0).map((d) => d.client.endAsync(true).catch(() => undefined)));
      await cp.stop();
      dir.remove();
    },
  };
}
export type ConsoleStack = Awaited<ReturnType<typeof startConsoleStack>>;

export interface SimulatedDevice {
  client: MqttClient;
  deviceId: string;
  publish(channel: DeviceChannel, body: Record<string, unknown>): Promise<void>;
}

async function connectDevice(device: EnrollResponse, mqttPort: number): Promise<SimulatedDevice> {
  let seq = 1;
  const envelope = () => ({ schemaVersion: 1, deviceId: device.deviceId, seq: seq++, sentAt: new Date().toISOString() });
  const will = { ...envelope(), status: 'offline' }; // the will's seq is reserved at CONNECT, as the agent does
  const client = await connectAsync(`mqtt://127.0.0.1:${mqttPort}`, {
    clientId: device.deviceId, username: device.deviceId, password: device.credential,
    protocolVersion: 4, reconnectPeriod: 0, connectTimeout: 3000,
    will: { topic: deviceTopic(device.deviceId, 'presence'), payload: Buffer.from(JSON.stringify(will)), qos: 1, retain: false },
  });
  return {
    client,
    deviceId: device.deviceId,
    async publish(channel, body) {
      await client.publishAsync(deviceTopic(device.deviceId, channel), JSON.stringify({ ...envelope(), ...body }), { qos: 1 });
    },
  };
}
