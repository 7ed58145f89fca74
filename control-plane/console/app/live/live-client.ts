import {
  LIVE_PATH, LIVE_SUBPROTOCOL, liveCloseCodes, liveServerFrameSchema, parseLiveFrame,
  type LiveChange, type LiveClientFrame, type LiveServerFrame,
} from '../protocol.ts';

export type LiveStatus = 'connecting' | 'live' | 'reconnecting' | 'closed';
export type ReadyFrame = Extract<LiveServerFrame, { type: 'ready' }>;

export interface LiveClient {
  status(): LiveStatus;
  onStatus(listener: (status: LiveStatus) => void): () => void;
  /** Every `ready`, the first and each after a reconnect: the moment to refetch. */
  onReady(listener: (ready: ReadyFrame) => void): () => void;
  onChange(listener: (change: LiveChange) => void): () => void;
  close(): void;
}

export interface LiveClientOptions {
  token: string;
  /** ws(s)://host; defaults to the page's own origin. */
  origin?: string;
  /** The server refused the token (4401/4403): no point reconnecting; sign out with this reason. */
  onAuthFailed(message: string): void;
  /** Backoff bounds for reconnects, in ms. */
  minDelayMs?: number;
  maxDelayMs?: number;
}

const defaultOrigin = () => `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}`;

/**
 * The console's end of the live feed (protocol/live.ts): authenticate with the first frame,
 * validate every frame from the server (a bad one is dropped), reconnect with capped, jittered
 * backoff, and notice a half-open connection (laptop sleep, dead proxy) by a missed `pong`.
 */
export function connectLive(options: LiveClientOptions): LiveClient {
  const statusListeners = new Set<(s: LiveStatus) => void>();
  const readyListeners = new Set<(r: ReadyFrame) => void>();
  const changeListeners = new Set<(c: LiveChange) => void>();
  let status: LiveStatus = 'connecting';
  let socket: WebSocket | null = null;
  let attempts = 0;
  let stopped = false;
  let lastError = '';
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let pingTimer: ReturnType<typeof setInterval> | undefined;
  let awaitingPong = false;

  const setStatus = (next: LiveStatus) => {
    if (status === next) return;
    status = next;
    for (const l of statusListeners) l(next);
  };
  const send = (frame: LiveClientFrame) => socket?.readyState === WebSocket.OPEN && socket.send(JSON.stringify(frame));

  function startPings(seconds: number): void {
    clearInterval(pingTimer);
    awaitingPong = false;
    pingTimer = setInterval(() => {
      // No pong since the last ping: the connection is dead even if the browser has not noticed.
      if (awaitingPong) return socket?.close();
      awaitingPong = true;
      send({ type: 'ping' });
    }, seconds * 1000);
  }

  function handle(frame: LiveServerFrame): void {
    if (frame.type === 'ready') {
      attempts = 0;
      setStatus('live');
      startPings(frame.heartbeatSeconds);
      for (const l of readyListeners) l(frame);
    } else if (frame.type === 'change') {
      for (const l of changeListeners) l(frame.change);
    } else if (frame.type === 'pong') {
      awaitingPong = false;
    } else {
      lastError = frame.message;
    }
  }

  function open(): void {
    const ws = new WebSocket(`${options.origin ?? defaultOrigin()}${LIVE_PATH}`, [LIVE_SUBPROTOCOL]);
    socket = ws;
    ws.onopen = () => send({ type: 'auth', token: options.token });
    ws.onmessage = (e) => {
      const frame = typeof e.data === 'string' ? parseLiveFrame(liveServerFrameSchema, e.data) : null;
      if (frame) handle(frame);
    };
    ws.onclose = (e) => {
      clearInterval(pingTimer);
      if (socket !== ws || stopped) return;
      socket = null;
      if (e.code === liveCloseCodes.UNAUTHENTICATED || e.code === liveCloseCodes.FORBIDDEN) {
        stopped = true;
        setStatus('closed');
        return options.onAuthFailed(lastError || 'the token is unknown, revoked or expired');
      }
      setStatus('reconnecting');
      const min = options.minDelayMs ?? 500;
      const delay = Math.min(options.maxDelayMs ?? 10_000, min * 2 ** attempts) * (0.5 + Math.random() / 2);
      attempts += 1;
      retryTimer = setTimeout(open, delay);
    };
  }

  open();
  const listen = <T>(set: Set<T>, l: T) => {
    set.add(l);
    return () => void set.delete(l);
  };
  return {
    status: () => status,
    onStatus: (l) => listen(statusListeners, l),
    onReady: (l) => listen(readyListeners, l),
    onChange: (l) => listen(changeListeners, l),
    close() {
      stopped = true;
      clearTimeout(retryTimer);
      clearInterval(pingTimer);
      socket?.close(1000, 'signed out');
      socket = null;
      setStatus('closed');
    },
  };
}
