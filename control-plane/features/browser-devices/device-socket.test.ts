import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import {
  DEVICE_SOCKET_PATH,
  DEVICE_SOCKET_SUBPROTOCOL,
  deviceServerFrameSchema,
  emptySummary,
  type DeviceServerFrame,
  type EnrollResponse,
} from '../../../protocol/index.ts';
import { createTestControlPlane, type TestControlPlane } from '../../../test/helpers/control-plane.ts';
import { enrollDevice, pushModelVersion } from '../../../test/helpers/fleet.ts';
import { buildMlp } from '../../../test/fixtures/models/index.ts';
import { createChannelHandlers } from '../../mqtt/channel-handlers.ts';
import { createDeviceIngest } from '../../mqtt/device-ingest.ts';
import { attachDeviceSocketServer, type DeviceSocketServer } from './device-socket-server.ts';

// The device socket over a real HTTP server and the `ws` client, against a migrated SQLite control
// plane: the same handlers as MQTT behind it, acks, desired-state pushes, presence.

interface Client {
  ws: WebSocket;
  frames: DeviceServerFrame[];
  closed: Promise<{ code: number; reason: string }>;
  next(type: DeviceServerFrame['type']): Promise<DeviceServerFrame>;
  send(frame: unknown): void;
}

describe('device socket', () => {
  let cp: TestControlPlane;
  let server: Server;
  let sockets: DeviceSocketServer;
  let url: string;
  let a: EnrollResponse;
  let seq = 1;

  beforeEach(async () => {
    cp = createTestControlPlane();
    server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const logger = pino({ level: 'silent' });
    sockets = attachDeviceSocketServer({
      server, auth: cp.services.auth, fleet: cp.services.fleet, logger, registry: cp.metrics.registry, authTimeoutMs: 300,
      ingest: createDeviceIngest({ handlers: createChannelHandlers(cp.services), metrics: cp.metrics, logger }),
    });
    url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}${DEVICE_SOCKET_PATH}`;
    a = await enrollDevice(cp, { name: 'tab', labels: { platform: 'browser' } });
  });
  afterEach(async () => {
    await sockets.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await cp.close();
  });

  const envelope = (deviceId: string, s = seq++) => ({ schemaVersion: 1, deviceId, seq: s, sentAt: new Date().toISOString() });
  const presenceOf = (id: string) => (cp.db.prepare('SELECT presence FROM devices WHERE id = ?').get(id) as { presence: string }).presence;

  async function open(protocol: string | null = DEVICE_SOCKET_SUBPROTOCOL): Promise<Client> {
    const ws = new WebSocket(url, protocol ? [protocol] : []);
    const taken = new WeakSet<DeviceServerFrame>();
    const frames: DeviceServerFrame[] = [];
    const waiting: Array<{ type: string; resolve: (f: DeviceServerFrame) => void }> = [];
    ws.on('message', (data) => {
      const frame = deviceServerFrameSchema.parse(JSON.parse(String(data)));
      frames.push(frame);
      const i = waiting.findIndex((w) => w.type === frame.type);
      if (i >= 0) {
        taken.add(frame);
        waiting.splice(i, 1)[0]!.resolve(frame);
      }
    });
    const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })));
    await new Promise<void>((resolve, reject) => { ws.once('open', () => resolve()); ws.once('error', reject); });
    return {
      ws, frames, closed,
      /** The oldest frame of this type not returned yet, or the next to arrive. */
      next: (type) => {
        const seen = frames.find((f) => f.type === type && !taken.has(f));
        if (seen) {
          taken.add(seen);
          return Promise.resolve(seen);
        }
        return new Promise((resolve) => waiting.push({ type, resolve }));
      },
      send: (frame) => ws.send(JSON.stringify(frame)),
    };
  }

  async function authed(device = a): Promise<Client> {
    const c = await open();
    c.send({ type: 'auth', credential: device.credential, birth: { ...envelope(device.deviceId), status: 'online' } });
    await c.next('ready');
    return c;
  }

  it('authenticates with the credential and birth, marks the device online and sends its desired state', async () => {
    const c = await authed();
    expect(c.frames[0]).toMatchObject({ type: 'ready', deviceId: a.deviceId });
    expect(await c.next('desired')).toMatchObject({ state: { deviceId: a.deviceId, revision: 1, models: [] } });
    expect(presenceOf(a.deviceId)).toBe('online');
    expect(sockets.connections()).toBe(1);
    c.ws.close();
    await c.closed;
    await expect.poll(() => presenceOf(a.deviceId)).toBe('offline');
  });

  it('acknowledges each message with what the MQTT handlers made of it', async () => {
    const c = await authed();
    const event = { ...envelope(a.deviceId, 50), type: 'agent.started', message: 'hello' };
    c.send({ type: 'message', channel: 'events', message: event });
    expect(await c.next('ack')).toMatchObject({ channel: 'events', seq: 50, outcome: 'accepted' });
    c.send({ type: 'message', channel: 'events', message: event });
    expect(await c.next('ack')).toMatchObject({ channel: 'events', seq: 50, outcome: 'duplicate' });
    c.send({ type: 'message', channel: 'events', message: { ...envelope(a.deviceId, 51), type: 'agent.exploded', message: 'x' } });
    expect(await c.next('ack')).toMatchObject({ seq: 51, outcome: 'rejected', reason: 'invalid_schema' });
    const other = await enrollDevice(cp, { name: 'other' });
    c.send({ type: 'message', channel: 'events', message: { ...envelope(other.deviceId, 52), type: 'agent.started', message: 'not me' } });
    expect(await c.next('ack')).toMatchObject({ seq: 52, outcome: 'rejected', reason: 'device_mismatch' });
    const summary = { ...emptySummary({ deviceId: a.deviceId, model: 'vad', version: '1', variant: 'fp32' }, null, new Date().toISOString()), seq: 1 };
    c.send({ type: 'message', channel: 'summaries', message: summary });
    expect(await c.next('ack')).toMatchObject({ channel: 'summaries', seq: 1, outcome: 'accepted' });
    expect((cp.db.prepare('SELECT count(*) AS n FROM evaluation_buckets').get() as { n: number }).n).toBe(1);
    c.send({ type: 'ping', id: 7 });
    expect(await c.next('pong')).toEqual({ type: 'pong', id: 7 });
  });

  it('pushes a new desired state when an assignment changes', async () => {
    const c = await authed();
    await c.next('desired');
    await pushModelVersion(cp, 'mlp', '1', buildMlp({ inputs: 4, hidden: [4], outputs: 2, seed: 1 }));
    await cp.call('PUT', '/v1/assignments/mlp-browsers', { json: { model: 'mlp', version: '1', selector: 'platform=browser' } });
    expect(await c.next('desired')).toMatchObject({ state: { revision: 2, models: [{ name: 'mlp', version: '1' }] } });
  });

  it('lets a newer connection of the same device take over, without flapping presence', async () => {
    const first = await authed();
    const second = await authed();
    expect(await first.closed).toMatchObject({ code: 4409 });
    expect(presenceOf(a.deviceId)).toBe('online');
    second.ws.close();
    await second.closed;
    await expect.poll(() => presenceOf(a.deviceId)).toBe('offline');
  });

  it('closes the socket of a device that is deleted', async () => {
    const c = await authed();
    expect((await cp.call('DELETE', `/v1/devices/${a.deviceId}`)).status).toBe(204);
    expect(await c.closed).toMatchObject({ code: 4401 });
  });

  it.each([
    ['an unknown credential', () => 'efd_not_a_credential', 4401],
    ['an API token', () => cp.adminToken, 4403],
  ])('refuses %s', async (_what, credential, code) => {
    const c = await open();
    c.send({ type: 'auth', credential: credential(), birth: { ...envelope(a.deviceId), status: 'online' } });
    expect(await c.closed).toMatchObject({ code });
    expect(presenceOf(a.deviceId)).not.toBe('online');
  });

  it('refuses a birth that names another device, frames before auth, and silence', async () => {
    const other = await enrollDevice(cp, { name: 'other' });
    const wrong = await open();
    wrong.send({ type: 'auth', credential: a.credential, birth: { ...envelope(other.deviceId), status: 'online' } });
    expect(await wrong.closed).toMatchObject({ code: 4403 });
    const early = await open();
    early.send({ type: 'message', channel: 'events', message: {} });
    expect(await early.next('error')).toMatchObject({ code: 'VALIDATION_FAILED', message: 'send an auth frame first' });
    expect(await early.closed).toMatchObject({ code: 4408 }); // and then the auth timeout
  });

  it('closes after too many invalid frames', async () => {
    const c = await authed();
    for (let i = 0; i < 20; i++) c.ws.send('{not json');
    expect(await c.closed).toMatchObject({ code: 4400 });
  });

  it('refuses upgrades without the subprotocol or on other paths', async () => {
    await expect(open(null)).rejects.toThrow(/400/);
    const elsewhere = new WebSocket(url.replace(DEVICE_SOCKET_PATH, '/v1/nowhere'), [DEVICE_SOCKET_SUBPROTOCOL]);
    await expect(new Promise((_, reject) => elsewhere.once('error', reject))).rejects.toThrow(/404/);
  });
});
