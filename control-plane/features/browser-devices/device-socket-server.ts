import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { Counter, Gauge, type Registry } from 'prom-client';
import { WebSocket, WebSocketServer } from 'ws';
import {
  DEVICE_SOCKET_MAX_FRAME_BYTES,
  DEVICE_SOCKET_PATH,
  DEVICE_SOCKET_SUBPROTOCOL,
  deviceSocketCloseCodes,
  type DeviceServerFrame,
} from '../../../protocol/index.ts';
import type { Authenticator } from '../../http/auth.ts';
import type { DeviceIngest } from '../../mqtt/device-ingest.ts';
import type { FleetFeature } from '../fleet/fleet-feature.ts';
import type { DesiredStatePublisher } from '../fleet/desired-states.service.ts';
import { createDeviceSocketSession, type DeviceSocketSession } from './device-socket-session.ts';

export interface DeviceSocketServerOptions {
  /** The control plane's HTTP server; devices upgrade on DEVICE_SOCKET_PATH. */
  server: Pick<Server, 'on' | 'off'>;
  auth: Authenticator;
  ingest: DeviceIngest;
  fleet: Pick<FleetFeature, 'desired' | 'messages'>;
  logger: Logger;
  registry: Registry;
  /** Paths another upgrade handler on the same server answers (the live feed); others get 404. */
  sharedWith?: readonly string[];
  authTimeoutMs?: number;
  /** WebSocket ping interval: a device that misses a pong is dropped (and shown offline). */
  heartbeatMs?: number;
  maxBufferedBytes?: number;
  now?: () => Date;
}

export interface DeviceSocketServer {
  /** Authenticated device connections. */
  connections(): number;
  /** Close every connection (1001), detach from the HTTP server and the fleet's publishers. */
  close(): Promise<void>;
}

interface Connection {
  ws: WebSocket;
  session: DeviceSocketSession;
  alive: boolean;
}

function socketMetrics(registry: Registry) {
  const existing = <T>(name: string) => registry.getSingleMetric(name) as T | undefined;
  return {
    open: existing<Gauge>('edgefleet_device_socket_connections') ??
      new Gauge({ name: 'edgefleet_device_socket_connections', help: 'Authenticated device WebSocket connections.', registers: [registry] }),
    dropped: existing<Counter<'reason'>>('edgefleet_device_socket_frames_dropped_total') ??
      new Counter({
        name: 'edgefleet_device_socket_frames_dropped_total',
        help: 'Device-socket frames dropped before reaching a channel handler, by reason (message drops are in edgefleet_mqtt_messages_dropped_total).',
        labelNames: ['reason'] as const, registers: [registry],
      }),
  };
}

/**
 * The control plane's end of the device socket (protocol/device-socket.ts): upgrades on
 * DEVICE_SOCKET_PATH, one session per connection, one connection per device (a newer one takes
 * over, as an MQTT session with the same client id does), desired states pushed through a publisher
 * attached to the fleet beside the MQTT broker's, and presence: online with the birth in `auth`,
 * offline when the socket closes for any reason (the socket's Last Will).
 */
export function attachDeviceSocketServer(options: DeviceSocketServerOptions): DeviceSocketServer {
  const { server, fleet } = options;
  const logger = options.logger.child({ component: 'device-socket' });
  const metrics = socketMetrics(options.registry);
  const heartbeatMs = options.heartbeatMs ?? 30_000;
  const maxBuffered = options.maxBufferedBytes ?? 4 * 1024 * 1024;
  const now = options.now ?? (() => new Date());
  const shared = new Set(options.sharedWith ?? []);
  const all = new Set<Connection>();
  const byDevice = new Map<string, Connection>();
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: DEVICE_SOCKET_MAX_FRAME_BYTES,
    handleProtocols: (offered) => (offered.has(DEVICE_SOCKET_SUBPROTOCOL) ? DEVICE_SOCKET_SUBPROTOCOL : false),
  });

  function send(ws: WebSocket, frame: DeviceServerFrame): void {
    if (ws.readyState !== WebSocket.OPEN) return;
    if (ws.bufferedAmount > maxBuffered) return ws.close(deviceSocketCloseCodes.TOO_SLOW, 'too slow; reconnect');
    ws.send(JSON.stringify(frame));
  }

  function claim(connection: Connection, deviceId: string): void {
    const previous = byDevice.get(deviceId);
    byDevice.set(deviceId, connection);
    if (!previous) metrics.open.inc(); // a takeover keeps the count: the old one's close will not decrement it
    // The old connection no longer speaks for the device; its close must not mark it offline.
    if (previous && previous !== connection) previous.session.end(deviceSocketCloseCodes.REPLACED, 'replaced by a newer connection');
  }

  function onConnection(ws: WebSocket): void {
    let claimed: string | null = null;
    const session = createDeviceSocketSession({
      auth: options.auth,
      ingest: options.ingest,
      desiredOf: (id) => fleet.desired.get(id),
      seen: (id) => fleet.messages.seen(id),
      send: (frame) => send(ws, frame),
      close: (code, reason) => ws.close(code, reason),
      onBadFrame: (reason) => metrics.dropped.inc({ reason }),
      onAuthenticated: (id) => {
        claimed = id;
        claim(connection, id);
      },
      heartbeatSeconds: Math.round(heartbeatMs / 1000) || 1,
      now,
    });
    const connection: Connection = { ws, session, alive: true };
    all.add(connection);
    const authTimer = setTimeout(() => {
      if (session.deviceId === null) session.end(deviceSocketCloseCodes.AUTH_TIMEOUT, 'no auth frame in time');
    }, options.authTimeoutMs ?? 5000);
    ws.on('message', (data, isBinary) => {
      session.receive(isBinary ? '' : Buffer.isBuffer(data) ? data.toString('utf8') : String(data));
    });
    ws.on('pong', () => {
      connection.alive = true;
      if (claimed) fleet.messages.seen(claimed);
    });
    ws.on('error', (err) => logger.debug({ err: err.message }, 'device socket error'));
    ws.on('close', (code) => {
      clearTimeout(authTimer);
      all.delete(connection);
      if (claimed === null || byDevice.get(claimed) !== connection) return;
      byDevice.delete(claimed);
      metrics.open.dec();
      fleet.messages.disconnected(claimed);
      logger.debug({ deviceId: claimed, code }, 'device socket closed; device offline');
    });
  }

  function onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path !== DEVICE_SOCKET_PATH) {
      if (!shared.has(path)) reject(socket, 404, 'no WebSocket endpoint here');
      return;
    }
    const offered = String(req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
    if (!offered.includes(DEVICE_SOCKET_SUBPROTOCOL)) return reject(socket, 400, `offer the subprotocol ${DEVICE_SOCKET_SUBPROTOCOL}`);
    wss.handleUpgrade(req, socket, head, onConnection);
  }

  const publisher: DesiredStatePublisher = {
    publish: (deviceId, state) => byDevice.get(deviceId)?.session.pushDesired(state),
    // The device was deleted: its credential no longer works, so end the session now, not at the next heartbeat.
    clear: (deviceId) => byDevice.get(deviceId)?.session.end(deviceSocketCloseCodes.UNAUTHENTICATED, 'device removed'),
  };
  const detachPublisher = fleet.desired.attachPublisher(publisher);

  const heartbeat = setInterval(() => {
    for (const c of all) {
      if (!c.alive) {
        c.ws.terminate();
        continue;
      }
      c.alive = false;
      c.ws.ping();
      c.session.recheck();
    }
  }, heartbeatMs);
  heartbeat.unref();

  server.on('upgrade', onUpgrade);
  return {
    connections: () => byDevice.size,
    async close() {
      server.off('upgrade', onUpgrade);
      clearInterval(heartbeat);
      detachPublisher();
      const closing = [...all].map((c) => new Promise<void>((resolve) => {
        if (c.ws.readyState === WebSocket.CLOSED) return resolve();
        c.ws.once('close', () => resolve());
        c.session.end(deviceSocketCloseCodes.GOING_AWAY, 'control plane stopping');
        setTimeout(() => { c.ws.terminate(); resolve(); }, 1000).unref();
      }));
      await Promise.all(closing);
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

function reject(socket: Duplex, status: number, message: string): void {
  const reason = status === 404 ? 'Not Found' : 'Bad Request';
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(message)}\r\n\r\n${message}`);
}
