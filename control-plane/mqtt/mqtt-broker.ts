import { createServer, type AddressInfo } from 'node:net';
import { Aedes, type Client } from 'aedes';
import type { Logger } from 'pino';
import type { DesiredStatePublisher } from '../features/fleet/desired-states.service.ts';
import type { ControlPlaneMetrics } from '../metrics.ts';
import type { ControlPlaneServices } from '../services.ts';
import { createBrokerHooks } from './broker-hooks.ts';
import type { ChannelHandler } from './channel-handler.ts';
import { createRetainedPublisher } from './desired-state.publisher.ts';
import { createChannelHandlers } from './channel-handlers.ts';
import { createDeviceIngest, type ChannelHandlers } from './device-ingest.ts';

export interface MqttBrokerOptions {
  /** 0 picks a free port (tests). */
  port: number;
  host?: string;
  services: Pick<ControlPlaneServices, 'fleet' | 'evaluation'>;
  metrics: ControlPlaneMetrics;
  logger: Logger;
  /** Replace a channel's handler (tests, or another ingest for `summaries`). */
  handlers?: Partial<ChannelHandlers>;
}

export interface MqttBroker {
  /** The port really listened on. */
  port: number;
  publisher: DesiredStatePublisher;
  close(): Promise<void>;
}

/**
 * The embedded MQTT broker (aedes, which speaks MQTT 3.1.1) on its own TCP port. It authenticates
 * devices by credential, confines each to its own topic prefix, hands every device message to its
 * channel's handler before acknowledging it, and announces itself to the fleet feature, which
 * publishes desired states through it, retained.
 */
export async function createMqttBroker(options: MqttBrokerOptions): Promise<MqttBroker> {
  const { services, metrics } = options;
  const { fleet } = services;
  const logger = options.logger.child({ component: 'mqtt' });
  const handlers: ChannelHandlers = createChannelHandlers(services);
  for (const [channel, handler] of Object.entries(options.handlers ?? {}) as Array<[keyof ChannelHandlers, ChannelHandler | undefined]>) {
    if (handler) handlers[channel] = handler;
  }
  const ingest = createDeviceIngest({ handlers, metrics, logger });
  const sessions = new Map<string, Client>();

  const broker = await Aedes.createBroker(createBrokerHooks({ fleet, metrics, logger, ingest }));

  broker.on('client', (client) => sessions.set(client.id, client));
  broker.on('clientDisconnect', (client) => {
    if (sessions.get(client.id) !== client) return;
    sessions.delete(client.id);
    // Covers a clean DISCONNECT, where the server discards the will (MQTT 3.1.1 section 3.14.4;
    // MQTT 5 section 3.1.2.5): the device is offline all the same.
    fleet.messages.disconnected(client.id);
  });
  broker.on('ping', (_packet, client) => fleet.messages.seen(client.id));
  broker.on('clientError', (client, err) => logger.debug({ clientId: client.id, err: err.message }, 'mqtt client error'));

  const server = createServer(broker.handle);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host ?? '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    // Port taken: stop aedes too, or its heartbeat timer keeps the process alive.
    await new Promise<void>((resolve) => broker.close(() => resolve()));
    throw err;
  }
  const port = (server.address() as AddressInfo).port;
  const publisher = createRetainedPublisher({
    broker, logger,
    disconnect: (deviceId) => sessions.get(deviceId)?.close(),
  });
  const detach = fleet.attachBroker({ port, publisher });
  logger.info({ port }, 'mqtt broker listening');

  return {
    port,
    publisher,
    async close() {
      detach();
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
