import { describe, expect, it } from 'vitest';
import { liveCloseCodes, liveServerFrameSchema, type LiveServerFrame } from '../../protocol/index.ts';
import type { Principal } from '../http/principal.ts';
import { createLiveSession } from './live-session.ts';

const tokens: Record<string, Principal> = {
  efa_admin: { kind: 'token', tokenId: 'tok_a', role: 'admin' },
  efa_viewer: { kind: 'token', tokenId: 'tok_v', role: 'viewer' },
  efd_device: { kind: 'device', deviceId: 'dev_abc123' },
};

function harness(maxBadFrames?: number) {
  const valid = new Set(Object.keys(tokens));
  const sent: LiveServerFrame[] = [];
  const closed: Array<{ code: number; reason: string }> = [];
  const bad: string[] = [];
  const session = createLiveSession({
    auth: { authenticate: (s) => (valid.has(s) ? tokens[s] ?? null : null) },
    send: (f) => sent.push(liveServerFrameSchema.parse(f)), // every frame the server sends is a valid one
    close: (code, reason) => closed.push({ code, reason }),
    onBadFrame: (r) => bad.push(r),
    heartbeatSeconds: 30,
    ...(maxBadFrames ? { maxBadFrames } : {}),
  });
  return { session, sent, closed, bad, revoke: (s: string) => valid.delete(s) };
}
const change = (topic: string) => ({ topic, action: `${topic}.x`, at: '2026-01-01T00:00:00.000Z' });

describe('live session', () => {
  it('answers a good auth frame with ready and the role, then forwards changes', () => {
    const t = harness();
    t.session.deliver(change('device')); // before auth: nothing
    t.session.receive(JSON.stringify({ type: 'auth', token: 'efa_viewer' }));
    t.session.deliver(change('device'));
    expect(t.sent).toEqual([
      { type: 'ready', role: 'viewer', tokenId: 'tok_v', heartbeatSeconds: 30 },
      { type: 'change', change: change('device') },
    ]);
  });

  it('drops and counts bad frames, answering each with an error, and closes after too many', () => {
    const t = harness(4);
    t.session.receive('{not json');
    t.session.receive(JSON.stringify({ type: 'ping' })); // before auth
    t.session.receive(JSON.stringify({ type: 'auth', token: 'efa_admin' }));
    t.session.receive(JSON.stringify({ type: 'auth', token: 'efa_admin' }));
    t.session.receive(JSON.stringify({ type: 'subscribe', topics: ['NOT A TOPIC'] }));
    expect(t.bad).toEqual(['invalid_frame', 'not_authenticated', 'already_authenticated', 'invalid_frame']);
    expect(t.sent.filter((f) => f.type === 'error')).toHaveLength(4);
    expect(t.closed).toEqual([{ code: liveCloseCodes.TOO_MANY_BAD_FRAMES, reason: 'too many invalid frames' }]);
    t.session.receive(JSON.stringify({ type: 'ping' }));
    expect(t.sent.at(-1)?.type).toBe('error'); // nothing after the close
  });

  it('closes 4401 for an unknown token and 4403 for a device credential', () => {
    const unknown = harness();
    unknown.session.receive(JSON.stringify({ type: 'auth', token: 'efa_nope' }));
    expect(unknown.closed[0]?.code).toBe(liveCloseCodes.UNAUTHENTICATED);
    expect(unknown.sent[0]).toMatchObject({ type: 'error', code: 'UNAUTHENTICATED' });
    const device = harness();
    device.session.receive(JSON.stringify({ type: 'auth', token: 'efd_device' }));
    expect(device.closed[0]?.code).toBe(liveCloseCodes.FORBIDDEN);
    expect(device.session.authenticated).toBe(false);
  });

  it('filters by subscribed topics and answers pings', () => {
    const t = harness();
    t.session.receive(JSON.stringify({ type: 'auth', token: 'efa_admin' }));
    t.session.receive(JSON.stringify({ type: 'subscribe', topics: ['model'] }));
    t.session.deliver(change('device'));
    t.session.deliver(change('model'));
    t.session.receive(JSON.stringify({ type: 'ping', id: 7 }));
    t.session.receive(JSON.stringify({ type: 'subscribe', topics: [] }));
    t.session.deliver(change('device'));
    expect(t.sent.slice(1).map((f) => (f.type === 'change' ? f.change.topic : f.type))).toEqual(['model', 'pong', 'device']);
    expect(t.sent[2]).toEqual({ type: 'pong', id: 7 });
  });

  it('closes when a recheck finds the token revoked', () => {
    const t = harness();
    t.session.receive(JSON.stringify({ type: 'auth', token: 'efa_admin' }));
    t.session.recheck();
    expect(t.closed).toEqual([]);
    t.revoke('efa_admin');
    t.session.recheck();
    expect(t.closed[0]?.code).toBe(liveCloseCodes.UNAUTHENTICATED);
    expect(t.session.authenticated).toBe(false);
  });
});
