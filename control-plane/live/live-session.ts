import {
  liveClientFrameSchema,
  liveCloseCodes,
  parseLiveFrame,
  type LiveChange,
  type LiveServerFrame,
} from '../../protocol/index.ts';
import type { Authenticator } from '../http/auth.ts';

export type BadFrameReason = 'invalid_frame' | 'not_authenticated' | 'already_authenticated';

export interface LiveSessionDeps {
  auth: Authenticator;
  send(frame: LiveServerFrame): void;
  close(code: number, reason: string): void;
  /** Counted by the server (`edgefleet_live_frames_dropped_total{reason}`). */
  onBadFrame(reason: BadFrameReason): void;
  heartbeatSeconds: number;
  /** Close after this many bad frames: a client that keeps sending garbage is broken or hostile. */
  maxBadFrames?: number;
}

export interface LiveSession {
  /** One text frame from the client. Never throws. */
  receive(text: string): void;
  /** A change from the bus; sent only once authenticated and when subscribed to its topic. */
  deliver(change: LiveChange): void;
  /** Authenticate the token again (revoked or expired since?); closes the session when it fails. */
  recheck(): void;
  readonly authenticated: boolean;
}

/**
 * The state of one live connection, apart from the socket so it can be tested frame by frame:
 * waiting for `auth`, then open (changes flow, `subscribe` and `ping` answered), then closed.
 */
export function createLiveSession(deps: LiveSessionDeps): LiveSession {
  const maxBadFrames = deps.maxBadFrames ?? 20;
  let secret: string | null = null;
  let closed = false;
  let badFrames = 0;
  /** null: every topic. */
  let topics: Set<string> | null = null;

  function close(code: number, reason: string): void {
    if (closed) return;
    closed = true;
    deps.close(code, reason);
  }

  function refuse(reason: BadFrameReason, message: string): void {
    deps.onBadFrame(reason);
    badFrames += 1;
    deps.send({ type: 'error', code: 'VALIDATION_FAILED', message });
    if (badFrames >= maxBadFrames) close(liveCloseCodes.TOO_MANY_BAD_FRAMES, 'too many invalid frames');
  }

  function authenticate(token: string): void {
    const principal = deps.auth.authenticate(token);
    if (!principal) {
      deps.send({ type: 'error', code: 'UNAUTHENTICATED', message: 'the token is unknown, revoked or expired' });
      return close(liveCloseCodes.UNAUTHENTICATED, 'unauthenticated');
    }
    if (principal.kind !== 'token') {
      deps.send({ type: 'error', code: 'FORBIDDEN', message: 'device credentials cannot open the console feed; use an API token' });
      return close(liveCloseCodes.FORBIDDEN, 'forbidden');
    }
    secret = token;
    deps.send({ type: 'ready', role: principal.role, tokenId: principal.tokenId, heartbeatSeconds: deps.heartbeatSeconds });
  }

  return {
    receive(text) {
      if (closed) return;
      const frame = parseLiveFrame(liveClientFrameSchema, text);
      if (!frame) return refuse('invalid_frame', 'not a valid live frame; see protocol/live.ts');
      if (frame.type === 'auth') {
        if (secret !== null) return refuse('already_authenticated', 'this connection is already authenticated');
        return authenticate(frame.token);
      }
      if (secret === null) return refuse('not_authenticated', 'send an auth frame first');
      if (frame.type === 'subscribe') topics = frame.topics.length > 0 ? new Set(frame.topics) : null;
      else deps.send({ type: 'pong', ...(frame.id === undefined ? {} : { id: frame.id }) });
    },
    deliver(change) {
      if (closed || secret === null) return;
      if (topics && !topics.has(change.topic)) return;
      deps.send({ type: 'change', change });
    },
    recheck() {
      if (closed || secret === null) return;
      if (!deps.auth.authenticate(secret)) {
        deps.send({ type: 'error', code: 'UNAUTHENTICATED', message: 'the token was revoked or has expired' });
        close(liveCloseCodes.UNAUTHENTICATED, 'unauthenticated');
      }
    },
    get authenticated() {
      return secret !== null && !closed;
    },
  };
}
