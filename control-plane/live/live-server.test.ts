import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connectAsync } from 'mqtt';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { LIVE_PATH, LIVE_SUBPROTOCOL, deviceTopic, liveCloseCodes, liveServerFrameSchema, type LiveServerFrame } from '../../protocol/index.ts';
import { createTestControlPlane, type TestControlPlane } from '../../test/helpers/control-plane.ts';
import { enrollDevice } from '../../test/helpers/fleet.ts';
import { attachLiveServer, type LiveServer } from './live-server.ts';

// The live feed over a real HTTP server and real WebSockets (ws), fed by the services of an
// in-process control plane: REST calls through app.request(), device messages through the real
// embedded MQTT broker, time through an injected clock.

async function waitFor<T>(find: () => T | undefined, what: string, timeoutMs = 3000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('live WebSocket server', () => {
  let now: number;
  let cp: TestControlPlane;
  let server: Server;
  let live: LiveServer;
  let url: string;
  const sockets: WebSocket[] = [];

  beforeEach(async () => {
    now = Date.parse('2026-01-01T00:00:00Z');
    cp = createTestControlPlane({ clock: { now: () => new Date(now) } });
    server = createServer((_req, res) => res.writeHead(404).end());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    live = attachLiveServer({
      server, auth: cp.services.auth, changes: cp.services.changes, logger: pino({ level: 'silent' }), registry: cp.metrics.registry,
      devices: cp.services.fleet.devices, now: () => new Date(now), authTimeoutMs: 200, presenceSweepMs: 25,
    });
    url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.terminate();
    await live.close();
    await new Promise<void>((r) => server.close(() => r()));
    await cp.close();
  });

  /** Open a socket and collect its frames and its close code. */
  async function open(token?: string, path = LIVE_PATH, protocols: string[] = [LIVE_SUBPROTOCOL]) {
    const ws = new WebSocket(`${url}${path}`, protocols);
    sockets.push(ws);
    const frames: LiveServerFrame[] = [];
    const state: { closed?: number } = {};
    ws.on('message', (data) => frames.push(liveServerFrameSchema.parse(JSON.parse(String(data)))));
    ws.on('close', (code) => { state.closed = code; });
    await new Promise<void>((resolve, reject) => { ws.once('open', () => resolve()); ws.once('error', reject); });
    if (token) {
      ws.send(JSON.stringify({ type: 'auth', token }));
      await waitFor(() => frames.find((f) => f.type === 'ready'), 'ready');
    }
    const changes = () => frames.flatMap((f) => (f.type === 'change' ? [f.change] : []));
    return { ws, frames, state, changes };
  }
  const upgradeStatus = (path: string, protocols: string[]) =>
    new Promise<number>((resolve) => {
      const ws = new WebSocket(`${url}${path}`, protocols);
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => resolve(101));
      ws.on('error', () => undefined);
    });

  it('needs its path and its subprotocol, and an auth frame in time', async () => {
    expect(await upgradeStatus('/elsewhere', [LIVE_SUBPROTOCOL])).toBe(404);
    expect(await upgradeStatus(LIVE_PATH, ['chat'])).toBe(400);
    const silent = await open();
    expect(silent.ws.protocol).toBe(LIVE_SUBPROTOCOL);
    await waitFor(() => silent.state.closed, 'the auth timeout');
    expect(silent.state.closed).toBe(liveCloseCodes.AUTH_TIMEOUT);
  });

  it('announces admin changes after they commit, with the audit entry', async () => {
    const admin = await open(cp.adminToken);
    const viewer = await open(cp.viewerToken);
    expect(viewer.frames[0]).toMatchObject({ type: 'ready', role: 'viewer' });
    let fleetVisible = false;
    cp.services.changes.subscribe((c) => { if (c.topic === 'fleet') fleetVisible = cp.services.fleet.specs.listFleets().length === 1; });
    expect((await cp.call('PUT', '/v1/fleets/lab', { json: { selector: 'site=lab' } })).status).toBe(201);
    for (const client of [admin, viewer]) {
      await waitFor(() => client.changes().find((c) => c.topic === 'audit'), 'the audit change');
      expect(client.changes()).toEqual([
        { topic: 'fleet', action: 'fleet.put', id: 'lab', at: '2026-01-01T00:00:00.000Z' },
        { topic: 'audit', action: 'fleet.put', id: 'lab', at: '2026-01-01T00:00:00.000Z' },
      ]);
    }
    expect(fleetVisible).toBe(true);
  });

  it('announces enrollment, presence from MQTT, and a timed-out device going offline', async () => {
    const client = await open(cp.adminToken);
    client.ws.send(JSON.stringify({ type: 'subscribe', topics: ['device'] }));
    await new Promise((r) => setTimeout(r, 20));
    const device = await enrollDevice(cp, { name: 'box' });
    await waitFor(() => client.changes().find((c) => c.action === 'device.enroll'), 'the enrollment');
    expect(client.changes().map((c) => c.action)).toEqual(['device.enroll', 'device.desired']);

    const broker = await cp.startMqtt();
    const mqtt = await connectAsync(`mqtt://127.0.0.1:${broker.port}`, {
      clientId: device.deviceId, username: device.deviceId, password: device.credential, protocolVersion: 4, reconnectPeriod: 0,
    });
    const envelope = { schemaVersion: 1, deviceId: device.deviceId, seq: 1, sentAt: new Date(now).toISOString() };
    await mqtt.publishAsync(deviceTopic(device.deviceId, 'presence'), JSON.stringify({ ...envelope, status: 'online' }), { qos: 1 });
    await mqtt.publishAsync(deviceTopic(device.deviceId, 'presence'), JSON.stringify({ ...envelope, status: 'online' }), { qos: 1 }); // duplicate
    const online = await waitFor(() => client.changes().find((c) => c.action === 'device.presence'), 'presence');
    expect(online).toMatchObject({ id: device.deviceId, data: { presence: 'online' } });

    now += 91_000; // past presenceTimeoutSeconds, with no Last Will sent
    const offline = await waitFor(() => client.changes().find((c) => c.data?.reason === 'timeout'), 'the timeout flip');
    expect(offline).toMatchObject({ action: 'device.presence', id: device.deviceId, data: { presence: 'offline' } });
    expect(client.changes().filter((c) => c.action === 'device.presence')).toHaveLength(2); // the duplicate changed nothing
    await mqtt.endAsync(true);
  });

  it('closes a revoked token\'s feed at once, and counts dropped frames and connections', async () => {
    const tokenRes = await cp.call('POST', '/v1/tokens', { json: { role: 'viewer' } });
    const created = (await tokenRes.json()) as { id: string; token: string };
    const client = await open(created.token);
    client.ws.send('garbage');
    await waitFor(() => client.frames.find((f) => f.type === 'error'), 'the error frame');
    const metrics = await cp.metrics.registry.metrics();
    expect(metrics).toMatch(/edgefleet_live_frames_dropped_total\{reason="invalid_frame"\} 1/);
    expect(metrics).toMatch(/edgefleet_live_connections 1/);

    expect((await cp.call('DELETE', `/v1/tokens/${created.id}`)).status).toBe(204);
    await waitFor(() => client.state.closed, 'the close');
    expect(client.state.closed).toBe(liveCloseCodes.UNAUTHENTICATED);
    expect(client.frames.at(-1)).toMatchObject({ type: 'error', code: 'UNAUTHENTICATED' });
    await waitFor(() => (live.connections() === 0 ? true : undefined), 'the connection to go');
  });
});
