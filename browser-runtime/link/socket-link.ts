import {
  DEVICE_SOCKET_SUBPROTOCOL,
  deviceServerFrameSchema,
  deviceSocketCloseCodes,
  parseLiveFrame,
  type DeviceServerFrame,
  type DeviceSocketChannel,
  type PresenceMessage,
} from '../../protocol/index.ts';
import { createBackoff } from './backoff.ts';

export type LinkState = 'connecting' | 'online' | 'offline' | 'unauthenticated' | 'replaced' | 'stopped';

export interface SocketLinkOptions {
  /** `ws(s)://<control plane>/v1/device-socket`. */
  url: string;
  credential: string;
  /** The birth message for this attempt; its seq is reserved only once the socket opened. */
  birth(): Promise<PresenceMessage>;
  /** `desired`, `ack` and `error` frames, validated. */
  onFrame(frame: DeviceServerFrame): void;
  onState(state: LinkState, detail?: string): void;
  backoff?: { initialMs: number; maxMs: number };
  WebSocketImpl?: typeof WebSocket;
}

export interface SocketLink {
  start(): void;
  /** Close the socket (the control plane marks the device offline) and stop reconnecting. */
  stop(): void;
  /** Send a device message; false when not connected (the caller keeps it for later). */
  send(channel: DeviceSocketChannel, message: unknown): boolean;
  /** Reconnect now instead of at the next backoff step (the browser came back online). */
  retryNow(): void;
  readonly online: boolean;
}

/** Close codes after which reconnecting cannot help; the app must act (enroll again, close the other tab). */
const FINAL_CLOSES = new Map<number, LinkState>([
  [deviceSocketCloseCodes.UNAUTHENTICATED, 'unauthenticated'],
  [deviceSocketCloseCodes.FORBIDDEN, 'unauthenticated'],
  [deviceSocketCloseCodes.REPLACED, 'replaced'],
]);

/**
 * The device's WebSocket to the control plane (protocol/device-socket.ts): auth frame with the
 * credential and birth message first, then frames both ways; reconnects with exponential backoff
 * and jitter (0.5 s to 30 s by default) on any close except the final ones; an application-level
 * ping every heartbeat finds a dead connection that never closed (a laptop waking up, a proxy that
 * dropped it). Messages are not queued here: the outbox resends what was not acknowledged.
 */
export function createSocketLink(options: SocketLinkOptions): SocketLink {
  const WS = options.WebSocketImpl ?? WebSocket;
  const backoff = createBackoff(options.backoff ?? { initialMs: 500, maxMs: 30_000 });
  let ws: WebSocket | null = null;
  let online = false;
  let stopped = true;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let lastHeard = 0;

  const setState = (state: LinkState, detail?: string) => options.onState(state, detail);

  function schedule(): void {
    if (stopped || retryTimer) return;
    const delay = backoff.next();
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      attempt();
    }, delay);
  }

  function startHeartbeat(seconds: number, socket: WebSocket): void {
    let id = 0;
    heartbeat = setInterval(() => {
      // Nothing heard for two heartbeats: the connection is dead even if no close event came.
      if (Date.now() - lastHeard > seconds * 2000) return socket.close(4000, 'heartbeat timeout');
      socket.send(JSON.stringify({ type: 'ping', id: id++ }));
    }, seconds * 1000);
  }

  function attempt(): void {
    if (stopped) return;
    setState('connecting');
    let socket: WebSocket;
    try {
      socket = new WS(options.url, DEVICE_SOCKET_SUBPROTOCOL);
    } catch (error) {
      setState('offline', (error as Error).message);
      return schedule();
    }
    ws = socket;
    socket.onopen = () => {
      options.birth().then(
        (birth) => socket.readyState === WS.OPEN && socket.send(JSON.stringify({ type: 'auth', credential: options.credential, birth })),
        (error: unknown) => socket.close(4000, `no birth message: ${(error as Error).message}`.slice(0, 120)),
      );
    };
    socket.onmessage = (event) => {
      lastHeard = Date.now();
      const frame = typeof event.data === 'string' ? parseLiveFrame(deviceServerFrameSchema, event.data) : null;
      if (!frame) return; // dropped, like the control plane drops a bad frame
      if (frame.type === 'ready') {
        online = true;
        backoff.reset();
        startHeartbeat(frame.heartbeatSeconds, socket);
        setState('online');
        return;
      }
      if (frame.type !== 'pong') options.onFrame(frame);
    };
    socket.onclose = (event) => {
      if (ws === socket) ws = null;
      online = false;
      clearInterval(heartbeat);
      heartbeat = undefined;
      if (stopped) return setState('stopped');
      const final = FINAL_CLOSES.get(event.code);
      if (final) {
        stopped = true;
        return setState(final, event.reason || `closed with ${event.code}`);
      }
      setState('offline', event.reason || `closed with ${event.code}`);
      schedule();
    };
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      attempt();
    },
    stop() {
      stopped = true;
      clearTimeout(retryTimer);
      retryTimer = undefined;
      if (ws) ws.close(1000, 'runtime closed');
      else setState('stopped');
    },
    send(channel, message) {
      if (!online || !ws || ws.readyState !== WS.OPEN) return false;
      ws.send(JSON.stringify({ type: 'message', channel, message }));
      return true;
    },
    retryNow() {
      if (stopped || ws) return;
      clearTimeout(retryTimer);
      retryTimer = undefined;
      backoff.reset();
      attempt();
    },
    get online() {
      return online;
    },
  };
}
