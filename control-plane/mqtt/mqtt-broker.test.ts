import { connectAsync, type IClientOptions, type MqttClient } from 'mqtt';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  desiredStateSchema,
  desiredTopic,
  deviceTopic,
  emptySummary,
  type DesiredState,
  type DeviceChannel,
  type EnrollResponse,
} from '../../protocol/index.ts';
import { buildMlp } from '../../test/fixtures/models/index.ts';
import { createTestControlPlane, type TestControlPlane } from '../../test/helpers/control-plane.ts';
import { enrollDevice, pushModelVersion } from '../../test/helpers/fleet.ts';
import { createMqttBroker, type MqttBroker } from './mqtt-broker.ts';

// A real mqtt.js client (MQTT 3.1.1, what aedes speaks) against the embedded broker on port 0.

async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const envelope = (deviceId: string, seq: number) => ({ schemaVersion: 1, deviceId, seq, sentAt: new Date().toISOString() });
const presence = (deviceId: string, seq: number, status: 'online' | 'offline') => JSON.stringify({ ...envelope(deviceId, seq), status });
const event = (deviceId: string, seq: number, message = 'started') =>
  JSON.stringify({ ...envelope(deviceId, seq), type: 'agent.started', message });

describe('embedded MQTT broker', () => {
  let cp: TestControlPlane;
  let broker: MqttBroker;
  let a: EnrollResponse;
  let b: EnrollResponse;
  const clients: MqttClient[] = [];
  beforeEach(async () => {
    cp = createTestControlPlane();
    broker = await cp.startMqtt();
    a = await enrollDevice(cp, { name: 'a', tokenLabels: { site: 'berlin' } });
    b = await enrollDevice(cp, { name: 'b', tokenLabels: { site: 'paris' } });
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.endAsync(true).catch(() => undefined)));
    await cp.close();
  });

  async function connect(device: EnrollResponse, options: IClientOptions = {}): Promise<MqttClient> {
    const client = await connectAsync(`mqtt://127.0.0.1:${broker.port}`, {
      clientId: device.deviceId, username: device.deviceId, password: device.credential,
      protocolVersion: 4, reconnectPeriod: 0, connectTimeout: 2000, ...options,
    });
    clients.push(client);
    return client;
  }
  const publish = (client: MqttClient, device: EnrollResponse, channel: DeviceChannel, payload: string) =>
    client.publishAsync(deviceTopic(device.deviceId, channel), payload, { qos: 1 });
  const counter = async (metric: 'mqttRefused' | 'mqttDropped', labels: Record<string, string>) =>
    (await cp.metrics[metric].get()).values.find((v) =>
      Object.entries(labels).every(([k, x]) => (v.labels as Record<string, string | number | undefined>)[k] === x))?.value ?? 0;
  const presenceOf = (device: EnrollResponse) =>
    (cp.db.prepare('SELECT presence FROM devices WHERE id = ?').get(device.deviceId) as { presence: string }).presence;
  const eventCount = (device: EnrollResponse) =>
    (cp.db.prepare('SELECT count(*) AS n FROM device_events WHERE device_id = ?').get(device.deviceId) as { n: number }).n;
  /** Collect desired states arriving on a client. */
  const desiredInbox = (client: MqttClient) => {
    const inbox: Array<{ topic: string; retain: boolean; state: DesiredState }> = [];
    client.on('message', (topic, payload, packet) => inbox.push({ topic, retain: packet.retain, state: desiredStateSchema.parse(JSON.parse(payload.toString())) }));
    return inbox;
  };

  it('announces its real port to enrollment', () => {
    expect(broker.port).toBeGreaterThan(0);
    expect(a.mqtt.port).toBe(broker.port);
  });

  it('refuses a wrong credential, a borrowed client id and a will on another device\'s topic', async () => {
    const refused = async (options: IClientOptions, code: number) => {
      const err = (await connect(a, options).then(() => null, (e: unknown) => e)) as { code?: number } | null;
      expect(err?.code).toBe(code);
    };
    await refused({ password: 'efd_wrong' }, 4);
    await refused({ password: b.credential }, 4);
    await refused({ username: undefined, password: undefined }, 4);
    await refused({ clientId: b.deviceId }, 2);
    await refused({ will: { topic: deviceTopic(b.deviceId, 'presence'), payload: Buffer.from('x'), qos: 1, retain: false } }, 5);
    expect(await counter('mqttRefused', { kind: 'login' })).toBe(5);
    expect((await connect(a)).connected).toBe(true);
  });

  it('does not let device B publish under A\'s prefix or on its own desired topic', async () => {
    for (const topic of [deviceTopic(a.deviceId, 'events'), desiredTopic(b.deviceId), 'edgefleet/v1/other']) {
      const intruder = await connect(b);
      const closed = new Promise<void>((resolve) => intruder.once('close', () => resolve()));
      // No PUBACK comes back: MQTT 3.1.1 lets the broker close the connection instead.
      intruder.publish(topic, event(a.deviceId, 1), { qos: 1 });
      await closed;
    }
    expect(await counter('mqttRefused', { kind: 'publish' })).toBe(3);
    expect(eventCount(a)).toBe(0);
  });

  it('does not let device B read A\'s desired state: SUBACK 0x80 and no message', async () => {
    const intruder = await connect(b);
    const inbox = desiredInbox(intruder);
    for (const filter of [desiredTopic(a.deviceId), 'edgefleet/v1/devices/+/desired', '#']) {
      // mqtt.js rejects a refused subscription and keeps the SUBACK on the error.
      const err = (await intruder.subscribeAsync(filter, { qos: 1 }).then(() => null, (e: unknown) => e)) as { packet?: { granted: number[] } } | null;
      expect(err?.packet?.granted).toEqual([128]);
    }
    expect(await counter('mqttRefused', { kind: 'subscribe' })).toBe(3);
    await pushModelVersion(cp, 'mlp', '1', buildMlp({ inputs: 4, hidden: [8], outputs: 3, seed: 1 }));
    await cp.call('PUT', '/v1/assignments/mlp-berlin', { json: { model: 'mlp', version: '1', selector: 'site=berlin' } });
    await sleep(150);
    expect(inbox).toEqual([]);
    expect(intruder.connected).toBe(true);
  });

  it('delivers the retained desired state on subscribe, and each change after it', async () => {
    await pushModelVersion(cp, 'mlp', '1', buildMlp({ inputs: 4, hidden: [8], outputs: 3, seed: 1 }));
    await cp.call('PUT', '/v1/assignments/mlp-berlin', { json: { model: 'mlp', version: '1', selector: 'site=berlin' } });
    const device = await connect(a);
    const inbox = desiredInbox(device);
    await device.subscribeAsync(desiredTopic(a.deviceId), { qos: 1 });
    await waitFor(() => inbox.length === 1, 'the retained desired state');
    expect(inbox[0]).toMatchObject({ topic: desiredTopic(a.deviceId), retain: true, state: { revision: 2, models: [{ name: 'mlp', version: '1' }] } });

    await cp.call('DELETE', '/v1/assignments/mlp-berlin');
    await waitFor(() => inbox.length === 2, 'the changed desired state');
    expect(inbox[1]?.state).toMatchObject({ revision: 3, models: [] });
  });

  it('re-publishes stored desired states when a new broker starts', async () => {
    await broker.close();
    broker = await cp.startMqtt();
    const device = await connect(a);
    const inbox = desiredInbox(device);
    await device.subscribeAsync(desiredTopic(a.deviceId), { qos: 1 });
    await waitFor(() => inbox.length === 1, 'the retained desired state');
    expect(inbox[0]?.state).toMatchObject({ deviceId: a.deviceId, revision: 1 });
  });

  it('flips presence online with the birth message and offline with the Last Will', async () => {
    const will = { topic: deviceTopic(a.deviceId, 'presence'), payload: Buffer.from(presence(a.deviceId, 1, 'offline')), qos: 1 as const, retain: false };
    const device = await connect(a, { will });
    await publish(device, a, 'presence', presence(a.deviceId, 2, 'online'));
    expect(presenceOf(a)).toBe('online');
    const lastSeen = (cp.db.prepare('SELECT last_seen_at FROM devices WHERE id = ?').get(a.deviceId) as { last_seen_at: string }).last_seen_at;
    expect(lastSeen).not.toBeNull();

    device.stream.destroy(); // no DISCONNECT: the broker publishes the will
    await waitFor(() => presenceOf(a) === 'offline', 'the will to mark the device offline');
    // The will's seq (1) is below the birth's (2) and was applied anyway; the next birth continues.
    const again = await connect(a, { will: { ...will, payload: Buffer.from(presence(a.deviceId, 3, 'offline')) } });
    await publish(again, a, 'presence', presence(a.deviceId, 4, 'online'));
    expect(presenceOf(a)).toBe('online');
  });

  it('marks a device offline on a clean disconnect without a will', async () => {
    const device = await connect(b);
    await publish(device, b, 'presence', presence(b.deviceId, 1, 'online'));
    expect(presenceOf(b)).toBe('online');
    await device.endAsync();
    await waitFor(() => presenceOf(b) === 'offline', 'a clean disconnect to mark the device offline');
  });

  it('drops and counts malformed messages and keeps serving the device', async () => {
    const device = await connect(a);
    await publish(device, a, 'events', '{not json');
    await publish(device, a, 'events', JSON.stringify({ ...envelope(a.deviceId, 1), type: 'agent.exploded', message: 'x' }));
    await publish(device, a, 'events', event(b.deviceId, 2)); // names another device
    await publish(device, a, 'reported', JSON.stringify({ ...envelope(a.deviceId, 1) }));
    await publish(device, a, 'presence', 'null');
    expect(await counter('mqttDropped', { channel: 'events', reason: 'invalid_json' })).toBe(1);
    expect(await counter('mqttDropped', { channel: 'events', reason: 'invalid_schema' })).toBe(1);
    expect(await counter('mqttDropped', { channel: 'events', reason: 'device_mismatch' })).toBe(1);
    expect(await counter('mqttDropped', { channel: 'reported', reason: 'invalid_schema' })).toBe(1);
    expect(await counter('mqttDropped', { channel: 'presence', reason: 'invalid_schema' })).toBe(1);
    expect(device.connected).toBe(true);
    await publish(device, a, 'events', event(a.deviceId, 3));
    expect(eventCount(a)).toBe(1);
  });

  it('counts a duplicate sequence number once, and a gap', async () => {
    const device = await connect(a);
    await publish(device, a, 'events', event(a.deviceId, 5, 'first'));
    await publish(device, a, 'events', event(a.deviceId, 5, 'redelivered'));
    await publish(device, a, 'events', event(a.deviceId, 8));
    expect(eventCount(a)).toBe(2);
    expect(await counter('mqttDropped', { channel: 'events', reason: 'duplicate' })).toBe(1);
    const gaps = await cp.metrics.registry.getSingleMetric('edgefleet_device_sequence_gaps_total')?.get();
    expect(gaps?.values.find((v) => v.labels.channel === 'events')?.value).toBe(2);
    const events = (await (await cp.call('GET', `/v1/devices/${a.deviceId}/events`)).json()) as { events: Array<{ message: string }> };
    expect(events.events.map((e) => e.message)).toEqual(['started', 'first']);
  });

  it('stores reported state from MQTT through the same path as REST', async () => {
    const device = await connect(a);
    const body = { ...envelope(a.deviceId, 4), desiredRevision: 1, models: [] };
    await publish(device, a, 'reported', JSON.stringify(body));
    const rest = await cp.call('PUT', `/v1/devices/${a.deviceId}/reported`, { token: a.credential, json: body });
    expect(await rest.json()).toEqual({ accepted: false, reason: 'duplicate' });
    expect(await (await cp.call('GET', `/v1/devices/${a.deviceId}`)).json()).toMatchObject({ reported: { seq: 4 } });
  });

  it('stores window summaries through the summaries handler, and drops one that is not a summary', async () => {
    const device = await connect(a);
    const summary = { ...emptySummary({ deviceId: a.deviceId, model: 'vad', version: '5', variant: 'fp32' }, null, new Date().toISOString()), seq: 1 };
    await publish(device, a, 'summaries', JSON.stringify(summary));
    await publish(device, a, 'summaries', JSON.stringify({ ...envelope(a.deviceId, 2), anything: [1, 2, 3] }));
    const accepted = await cp.metrics.registry.getSingleMetric('edgefleet_mqtt_messages_accepted_total')?.get();
    expect(accepted?.values.find((v) => v.labels.channel === 'summaries')?.value).toBe(1);
    expect(await counter('mqttDropped', { channel: 'summaries', reason: 'invalid_schema' })).toBe(1);
    expect((cp.db.prepare('SELECT count(*) AS n FROM evaluation_buckets').get() as { n: number }).n).toBe(1);
  });

  it('disconnects a deleted device, clears its retained state and refuses it afterwards', async () => {
    const device = await connect(a);
    const payloads: Buffer[] = [];
    device.on('message', (_topic, payload) => payloads.push(payload));
    await device.subscribeAsync(desiredTopic(a.deviceId), { qos: 1 });
    await waitFor(() => payloads.length === 1, 'the retained desired state');
    const closed = new Promise<void>((resolve) => device.once('close', () => resolve()));
    expect((await cp.call('DELETE', `/v1/devices/${a.deviceId}`)).status).toBe(204);
    await closed;
    // The empty retained publish that deletes the retained copy reached the live subscriber too.
    expect(payloads.map((p) => p.length)).toEqual([expect.any(Number), 0]);
    const err = (await connect(a).then(() => null, (e: unknown) => e)) as { code?: number } | null;
    expect(err?.code).toBe(4);
  });
});

describe('embedded MQTT broker startup', () => {
  it('fails with the listen error when the port is taken, and leaves nothing running', async () => {
    const cp = createTestControlPlane();
    try {
      const first = await cp.startMqtt();
      await expect(createMqttBroker({ port: first.port, services: cp.services, metrics: cp.metrics, logger: pino({ level: 'silent' }) }))
        .rejects.toMatchObject({ code: 'EADDRINUSE' });
    } finally {
      await cp.close();
    }
  });
});
