import {
  deviceClientFrameSchema,
  deviceSocketCloseCodes,
  deviceTopic,
  parseLiveFrame,
  type DesiredState,
  type DeviceServerFrame,
  type DeviceSocketChannel,
  type PresenceMessage,
} from '../../../protocol/index.ts';
import type { Authenticator } from '../../http/auth.ts';
import type { DeviceIngest, IngestOutcome } from '../../mqtt/device-ingest.ts';

export type DeviceFrameDropReason = 'invalid_frame' | 'not_authenticated' | 'already_authenticated';

export interface DeviceSocketSessionDeps {
  auth: Authenticator;
  /** The MQTT broker's ingest: same handlers, same deduplication, same drop counters. */
  ingest: DeviceIngest;
  /** The device's stored desired state (sent right after `ready`). */
  desiredOf(deviceId: string): DesiredState;
  /** A sign of life: moves the device's "last seen". */
  seen(deviceId: string): void;
  send(frame: DeviceServerFrame): void;
  close(code: number, reason: string): void;
  onBadFrame(reason: DeviceFrameDropReason): void;
  /** The socket now speaks for `deviceId`; the server makes it that device's one connection. */
  onAuthenticated(deviceId: string): void;
  heartbeatSeconds: number;
  now: () => Date;
  maxBadFrames?: number;
}

export interface DeviceSocketSession {
  /** One text frame from the device. Never throws. */
  receive(text: string): void;
  /** A new desired state for this device (from the fleet's publisher). */
  pushDesired(state: DesiredState): void;
  /** Authenticate the credential again (device deleted since?); closes the session when it fails. */
  recheck(): void;
  /** Close with a code unless already closed. */
  end(code: number, reason: string): void;
  readonly deviceId: string | null;
}

/** The ack outcome for what the ingest said; null means "not stored, do not ack" (the device resends). */
export function ackFor(outcome: IngestOutcome): { outcome: 'accepted' | 'duplicate' | 'rejected'; reason?: string } | null {
  if (outcome.accepted) return { outcome: 'accepted' };
  if (outcome.reason === 'duplicate') return { outcome: 'duplicate' };
  if (outcome.reason === 'handler_error') return null;
  return { outcome: 'rejected', reason: outcome.reason };
}

function seqOf(message: unknown): number | null {
  const seq = (message as { seq?: unknown } | null)?.seq;
  return typeof seq === 'number' && Number.isInteger(seq) && seq >= 0 ? seq : null;
}

/**
 * One device connection, apart from the socket so it can be tested frame by frame: waiting for
 * `auth` (with the birth message), then open — device messages go through the MQTT handlers and
 * are acknowledged one by one, pings are answered, desired states are pushed — then closed.
 */
export function createDeviceSocketSession(deps: DeviceSocketSessionDeps): DeviceSocketSession {
  const maxBadFrames = deps.maxBadFrames ?? 20;
  let credential: string | null = null;
  let deviceId: string | null = null;
  let closed = false;
  let badFrames = 0;

  function end(code: number, reason: string): void {
    if (closed) return;
    closed = true;
    deps.close(code, reason);
  }

  function refuse(reason: DeviceFrameDropReason, message: string): void {
    deps.onBadFrame(reason);
    badFrames += 1;
    deps.send({ type: 'error', code: 'VALIDATION_FAILED', message });
    if (badFrames >= maxBadFrames) end(deviceSocketCloseCodes.TOO_MANY_BAD_FRAMES, 'too many invalid frames');
  }

  const ingest = (id: string, channel: DeviceSocketChannel, message: unknown) =>
    deps.ingest(deviceTopic(id, channel), Buffer.from(JSON.stringify(message), 'utf8'), { lastWill: false });

  function authenticate(secret: string, birth: PresenceMessage): void {
    const principal = deps.auth.authenticate(secret);
    if (!principal) {
      deps.send({ type: 'error', code: 'UNAUTHENTICATED', message: 'the device credential is unknown or revoked; enroll again' });
      return end(deviceSocketCloseCodes.UNAUTHENTICATED, 'unauthenticated');
    }
    if (principal.kind !== 'device') {
      deps.send({ type: 'error', code: 'FORBIDDEN', message: 'API tokens cannot open the device socket; use a device credential' });
      return end(deviceSocketCloseCodes.FORBIDDEN, 'forbidden');
    }
    if (birth.deviceId !== principal.deviceId) {
      deps.send({ type: 'error', code: 'FORBIDDEN', message: 'the birth message names another device' });
      return end(deviceSocketCloseCodes.FORBIDDEN, 'forbidden');
    }
    credential = secret;
    deviceId = principal.deviceId;
    deps.onAuthenticated(deviceId);
    // The birth goes through the presence handler like an MQTT birth: online, deduplicated on seq.
    ingest(deviceId, 'presence', birth);
    deps.send({ type: 'ready', deviceId, heartbeatSeconds: deps.heartbeatSeconds, serverTime: deps.now().toISOString() });
    try {
      deps.send({ type: 'desired', state: deps.desiredOf(deviceId) });
    } catch {
      // Deleted between authentication and here: the next recheck closes the socket.
    }
  }

  function handleMessage(id: string, channel: DeviceSocketChannel, message: unknown): void {
    deps.seen(id);
    const seq = seqOf(message);
    const respond = (outcome: IngestOutcome) => {
      if (closed) return;
      const ack = ackFor(outcome);
      if (!ack) {
        deps.send({ type: 'error', code: 'UNAVAILABLE', message: `${channel} message ${seq ?? '?'} could not be stored; send it again` });
        return;
      }
      deps.send({ type: 'ack', channel, seq, ...ack });
    };
    // Summaries are group-committed: their outcome settles after the commit, and only then is the ack sent.
    const outcome = ingest(id, channel, message);
    if (outcome instanceof Promise) void outcome.then(respond);
    else respond(outcome);
  }

  return {
    receive(text) {
      if (closed) return;
      const frame = parseLiveFrame(deviceClientFrameSchema, text);
      if (!frame) return refuse('invalid_frame', 'not a valid device frame; see protocol/device-socket.ts');
      if (frame.type === 'auth') {
        if (credential !== null) return refuse('already_authenticated', 'this connection is already authenticated');
        return authenticate(frame.credential, frame.birth);
      }
      if (deviceId === null) return refuse('not_authenticated', 'send an auth frame first');
      if (frame.type === 'message') return handleMessage(deviceId, frame.channel, frame.message);
      deps.seen(deviceId);
      deps.send({ type: 'pong', ...(frame.id === undefined ? {} : { id: frame.id }) });
    },
    pushDesired(state) {
      if (closed || deviceId === null || state.deviceId !== deviceId) return;
      deps.send({ type: 'desired', state });
    },
    recheck() {
      if (closed || credential === null) return;
      if (deps.auth.authenticate(credential)?.kind !== 'device') {
        deps.send({ type: 'error', code: 'UNAUTHENTICATED', message: 'the device credential was revoked (device deleted?)' });
        end(deviceSocketCloseCodes.UNAUTHENTICATED, 'unauthenticated');
      }
    },
    end,
    get deviceId() {
      return closed ? null : deviceId;
    },
  };
}
