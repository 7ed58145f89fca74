import { createServer, type AddressInfo, type Server } from 'node:net';
import { Aedes, type Client } from 'aedes';
import { connect } from 'mqtt';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { desiredTopic, deviceTopic, presenceMessageSchema } from '../../protocol/index.ts';
import { createTempDir } from '../../test/helpers/temp-dir.ts';
import { systemTimers } from '../util/timers.ts';
import { createMqttLink, type MqttLink } from './mqtt-link.ts';
import { createSequenceStore } from './sequence-store.ts';

const deviceId = 'dev_link123456';

/** A bare aedes broker (MQTT 3.1.1, like the embedded one) on port 0, recording what devices publish. */
async function startBroker() {
  const broker = await Aedes.createBroker();
  const published: Array<{ topic: string; payload: unknown }> = [];
  const clients = new Map<string, Client>();
  broker.on('client', (c) => clients.set(c.id, c));
  broker.on('publish', (packet, client) => {
    if (packet.topic.startsWith('$SYS')) return;
    published.push({ topic: packet.topic, payload: JSON.parse(packet.payload.toString()) as unknown, ...(client ? {} : { fromBroker: true }) });
  });
  const server: Server = createServer(broker.handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `mqtt://127.0.0.1:${(server.address() as AddressInfo).port}`,
    published,
    clients,
    broker,
    async close() {
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const waitFor = async (check: () => boolean, ms = 5000) => {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('mqtt link', () => {
  let dir: ReturnType<typeof createTempDir>;
  let broker: Awaited<ReturnType<typeof startBroker>>;
  let link: MqttLink | undefined;
  const desired: string[] = [];
  const states: boolean[] = [];

  const start = (url = broker.url) => {
    link = createMqttLink({
      url,
      deviceId,
      credential: 'efd_secret',
      agentVersion: 'test',
      sequence: createSequenceStore(`${dir.path}/sequence.json`),
      timers: systemTimers,
      logger: pino({ level: 'silent' }),
      backoff: { initialMs: 50, maxMs: 200 },
      onDesired: (payload) => desired.push(payload.toString()),
      onConnectionChange: (up) => states.push(up),
    });
    link.start();
    return link;
  };

  beforeEach(async () => {
    dir = createTempDir('ef-link-');
    broker = await startBroker();
    desired.length = 0;
    states.length = 0;
  });
  afterEach(async () => {
    await link?.stop();
    link = undefined;
    await broker.close();
    dir.remove();
  });

  it('falls back to MQTT 3.1.1, logs in as the device, sends a birth and receives its retained desired state', async () => {
    await new Promise<void>((resolve) => broker.broker.publish({ cmd: 'publish', topic: desiredTopic(deviceId), payload: Buffer.from('{"hello":1}'), qos: 1, retain: true, dup: false }, () => resolve()));
    const l = start();
    await waitFor(() => l.connected && desired.length > 0);
    expect(l.protocolVersion).toBe(4);
    expect(desired).toEqual(['{"hello":1}']);
    const client = broker.clients.get(deviceId);
    expect(client?.id).toBe(deviceId);
    await waitFor(() => broker.published.some((p) => p.topic === deviceTopic(deviceId, 'presence')));
    const birth = presenceMessageSchema.parse(broker.published.find((p) => p.topic === deviceTopic(deviceId, 'presence'))?.payload);
    // The will took the seq before the birth (reserved at CONNECT).
    // The will took seq 0 at CONNECT (the refused MQTT 5 attempt reused it), the birth 1.
    expect(birth).toMatchObject({ status: 'online', deviceId, seq: 1 });
  });

  it('the broker publishes the Last Will when the connection dies, then the link reconnects with a new birth', async () => {
    const watcher = connect(broker.url, { protocolVersion: 4 });
    const seen: unknown[] = [];
    watcher.on('message', (_t, payload) => seen.push(JSON.parse(payload.toString())));
    await new Promise<void>((resolve) => watcher.on('connect', () => watcher.subscribe(deviceTopic(deviceId, 'presence'), { qos: 1 }, () => resolve())));
    const l = start();
    await waitFor(() => l.connected);
    await waitFor(() => seen.length === 1);
    (broker.clients.get(deviceId) as unknown as { conn: { destroy(): void } }).conn.destroy();
    await waitFor(() => seen.length >= 3 && l.connected);
    const messages = seen.map((m) => presenceMessageSchema.parse(m));
    expect(messages.map((m) => m.status)).toEqual(['online', 'offline', 'online']);
    expect(messages.map((m) => m.seq)).toEqual([1, 0, 3]);
    expect(states).toEqual([true, false, true]);
    await l.stop();
    await waitFor(() => seen.length === 4);
    expect(presenceMessageSchema.parse(seen[3])).toMatchObject({ status: 'offline', reason: 'agent stopped', seq: 4 });
    watcher.end(true);
  });

  it('keeps counting sequence numbers across restarts', async () => {
    let l = start();
    await waitFor(() => l.connected);
    await l.stop();
    l = start();
    await waitFor(() => l.connected);
    // Run 1: will 0, birth 1, offline 2. Run 2: will 3, birth 4.
    await waitFor(() => broker.published.filter((p) => p.topic === deviceTopic(deviceId, 'presence')).length >= 3);
    const all = broker.published.filter((p) => p.topic === deviceTopic(deviceId, 'presence')).map((p) => presenceMessageSchema.parse(p.payload).seq);
    expect(all).toEqual([1, 2, 4]);
  });

  it('keeps retrying while the broker is away and publishes reject while down', async () => {
    const l = start('mqtt://127.0.0.1:1');
    await new Promise((r) => setTimeout(r, 300));
    expect(l.connected).toBe(false);
    await expect(l.publish('x', {})).rejects.toThrow(/not connected/);
  });
});
