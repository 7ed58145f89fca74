import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { Counter, Gauge, type Registry } from 'prom-client';
import { WebSocket, WebSocketServer } from 'ws';
import { LIVE_MAX_FRAME_BYTES, LIVE_PATH, LIVE_SUBPROTOCOL, liveCloseCodes, type Device, type LiveServerFrame } from '../../protocol/index.ts';
import type { Authenticator } from '../http/auth.ts';
import type { ChangeBus } from './change-bus.ts';
import { createLiveSession, type LiveSession } from './live-session.ts';
import { startPresenceSweep } from './presence-sweep.ts';

export interface LiveServerOptions {
  /** The control plane's HTTP server; the feed answers its WebSocket upgrades on LIVE_PATH. */
  server: Pick<Server, 'on' | 'off' | 'listenerCount'>;
  auth: Authenticator;
  changes: ChangeBus;
  logger: Logger;
  registry: Registry;
  /** Devices to watch for presence timeouts; leave out to skip the sweep. */
  devices?: { list(): Device[] };
  now?: () => Date;
  authTimeoutMs?: number;
  /** WebSocket ping interval; a connection that misses a pong is dropped, tokens are re-checked. */
  heartbeatMs?: number;
  presenceSweepMs?: number;
  /** A client this far behind is disconnected rather than buffered without bound. */
  maxBufferedBytes?: number;
}

export interface LiveServer {
  connections(): number;
  /** Close every connection (1001) and detach from the HTTP server. */
  close(): Promise<void>;
}

interface Connection {
  ws: WebSocket;
  session: LiveSession;
  alive: boolean;
}

function liveMetrics(registry: Registry) {
  const existing = <T>(name: string) => registry.getSingleMetric(name) as T | undefined;
  return {
    open: existing<Gauge>('edgefleet_live_connections') ??
      new Gauge({ name: 'edgefleet_live_connections', help: 'Open live-feed WebSocket connections.', registers: [registry] }),
    dropped: existing<Counter<'reason'>>('edgefleet_live_frames_dropped_total') ??
      new Counter({
        name: 'edgefleet_live_frames_dropped_total', help: 'Live-feed frames from clients that were dropped, by reason.',
        labelNames: ['reason'] as const, registers: [registry],
      }),
  };
}

/**
 * The server side of live updates: WebSocket upgrades on `/v1/live` (subprotocol
 * `edgefleet.live.v1`, protocol/live.ts), one session per connection, every change from the bus
 * fanned out to the authenticated ones.
 */
export function attachLiveServer(options: LiveServerOptions): LiveServer {
  const { server, changes } = options;
  const logger = options.logger.child({ component: 'live' });
  const metrics = liveMetrics(options.registry);
  const heartbeatMs = options.heartbeatMs ?? 30_000;
  const maxBuffered = options.maxBufferedBytes ?? 1024 * 1024;
  const connections = new Set<Connection>();
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: LIVE_MAX_FRAME_BYTES,
    handleProtocols: (offered) => (offered.has(LIVE_SUBPROTOCOL) ? LIVE_SUBPROTOCOL : false),
  });

  function send(ws: WebSocket, frame: LiveServerFrame): void {
    if (ws.readyState !== WebSocket.OPEN) return;
    if (ws.bufferedAmount > maxBuffered) return ws.close(liveCloseCodes.TOO_SLOW, 'too slow; reconnect');
    ws.send(JSON.stringify(frame));
  }

  function onConnection(ws: WebSocket): void {
    const session = createLiveSession({
      auth: options.auth,
      heartbeatSeconds: Math.round(heartbeatMs / 1000) || 1,
      send: (frame) => send(ws, frame),
      close: (code, reason) => ws.close(code, reason),
      onBadFrame: (reason) => metrics.dropped.inc({ reason }),
    });
    const connection: Connection = { ws, session, alive: true };
    connections.add(connection);
    metrics.open.inc();
    const authTimer = setTimeout(() => {
      if (!session.authenticated) ws.close(liveCloseCodes.AUTH_TIMEOUT, 'no auth frame in time');
    }, options.authTimeoutMs ?? 5000);
    ws.on('message', (data, isBinary) => {
      // Frames are JSON text; a binary one is as invalid as bad JSON.
      session.receive(isBinary ? '' : Buffer.isBuffer(data) ? data.toString('utf8') : String(data));
    });
    ws.on('pong', () => { connection.alive = true; });
    ws.on('error', (err) => logger.debug({ err: err.message }, 'live socket error'));
    ws.on('close', () => {
      clearTimeout(authTimer);
      connections.delete(connection);
      metrics.open.dec();
    });
  }

  function onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path !== LIVE_PATH) {
      // Another upgrade handler may own this path (the browser runtime's socket, later).
      if (server.listenerCount('upgrade') === 1) reject(socket, 404, 'no WebSocket endpoint here');
      return;
    }
    const offered = String(req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
    if (!offered.includes(LIVE_SUBPROTOCOL)) return reject(socket, 400, `offer the subprotocol ${LIVE_SUBPROTOCOL}`);
    wss.handleUpgrade(req, socket, head, onConnection);
  }

  const unsubscribe = changes.subscribe((change) => {
    for (const c of connections) {
      try {
        // A revoked token loses its feed at once, not at the next heartbeat.
        if (change.topic === 'token') c.session.recheck();
        c.session.deliver(change);
      } catch (err) {
        logger.error({ err }, 'live delivery failed');
      }
    }
  });

  const heartbeat = setInterval(() => {
    for (const c of connections) {
      if (!c.alive) {
        c.ws.terminate();
        continue;
      }
      c.alive = false;
      c.ws.ping();
      c.session.recheck(); // tokens expire without any change being announced
    }
  }, heartbeatMs);
  heartbeat.unref();

  const sweep = options.devices
    ? startPresenceSweep({ devices: options.devices, bus: changes, now: options.now ?? (() => new Date()), intervalMs: options.presenceSweepMs ?? 15_000 })
    : undefined;

  server.on('upgrade', onUpgrade);
  return {
    connections: () => connections.size,
    async close() {
      server.off('upgrade', onUpgrade);
      clearInterval(heartbeat);
      sweep?.stop();
      unsubscribe();
      const closing = [...connections].map((c) => new Promise<void>((resolve) => {
        if (c.ws.readyState === WebSocket.CLOSED) return resolve();
        c.ws.once('close', () => resolve());
        c.ws.close(liveCloseCodes.GOING_AWAY, 'control plane stopping');
        // A peer that never answers the close handshake must not hold up shutdown.
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
