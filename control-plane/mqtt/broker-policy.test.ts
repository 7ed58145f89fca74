import { describe, expect, it } from 'vitest';
import { desiredTopic, deviceTopic } from '../../protocol/index.ts';
import { ConnackCode, decideLogin, maySubscribe, publishChannel } from './broker-policy.ts';

const A = 'dev_aaaaaaaa';
const B = 'dev_bbbbbbbb';
const owner = (credential: string) => (credential === 'efd_a' ? A : credential === 'efd_b' ? B : null);
const login = (over: Partial<Parameters<typeof decideLogin>[0]> = {}) =>
  decideLogin({ clientId: A, username: A, password: Buffer.from('efd_a'), willTopic: undefined, ...over }, owner);

describe('broker policy', () => {
  it('lets a device in with its own id, credential and presence will', () => {
    expect(login()).toEqual({ ok: true, deviceId: A });
    expect(login({ willTopic: deviceTopic(A, 'presence') })).toEqual({ ok: true, deviceId: A });
  });

  it.each([
    ['no password', { password: undefined }, ConnackCode.BAD_USERNAME_OR_PASSWORD],
    ['another device\'s credential', { password: Buffer.from('efd_b') }, ConnackCode.BAD_USERNAME_OR_PASSWORD],
    ['a username that is not the credential\'s device', { username: B, clientId: B }, ConnackCode.BAD_USERNAME_OR_PASSWORD],
    ['a borrowed client id', { clientId: B }, ConnackCode.IDENTIFIER_REJECTED],
    ['a random client id', { clientId: 'mqttjs_1234' }, ConnackCode.IDENTIFIER_REJECTED],
    ['a will on another channel', { willTopic: deviceTopic(A, 'events') }, ConnackCode.NOT_AUTHORIZED],
    ['a will on another device', { willTopic: deviceTopic(B, 'presence') }, ConnackCode.NOT_AUTHORIZED],
  ])('refuses %s', (_what, over, code) => {
    expect(login(over)).toMatchObject({ ok: false, code });
  });

  it('confines publishing to the device\'s own device-to-cloud channels', () => {
    for (const channel of ['presence', 'reported', 'events', 'summaries'] as const) {
      expect(publishChannel(A, deviceTopic(A, channel))).toBe(channel);
      expect(publishChannel(B, deviceTopic(A, channel))).toBeNull();
    }
    for (const topic of [desiredTopic(A), `${deviceTopic(A, 'events')}/extra`, 'edgefleet/v1/devices', '$SYS/x', `edgefleet/v1/devices/${A}/`]) {
      expect(publishChannel(A, topic)).toBeNull();
    }
  });

  it('allows exactly one subscription: the device\'s own desired topic', () => {
    expect(maySubscribe(A, desiredTopic(A))).toBe(true);
    for (const filter of [desiredTopic(B), 'edgefleet/v1/devices/+/desired', `edgefleet/v1/devices/${A}/#`, '#', deviceTopic(A, 'events')]) {
      expect(maySubscribe(A, filter)).toBe(false);
    }
  });
});
