import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  addPrediction,
  canonicalJson,
  closeWindow,
  openWindow,
  type Alert,
  type AlertNotification,
  type EnrollResponse,
  type Profile,
} from '../../../protocol/index.ts';
import { mulberry32, normalSampler } from '../../../protocol/stats/index.ts';
import { syntheticProfile, syntheticRow } from '../../../protocol/testing/synthetic-traffic.ts';
import { createTestControlPlane, type TestControlPlane } from '../../../test/helpers/control-plane.ts';
import { enrollDevice } from '../../../test/helpers/fleet.ts';
import { createEvaluationScheduler } from './evaluation-scheduler.ts';
import { createProfilesStore } from './profiles.store.ts';

/** A real HTTP server as the webhook: records every POST body, answers `status`. */
async function startWebhook() {
  const received: AlertNotification[] = [];
  const hook = { received, status: 200, url: '', server: undefined as unknown as Server };
  hook.server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      if (hook.status === 200) received.push(JSON.parse(body) as AlertNotification);
      res.writeHead(hook.status).end();
    });
  });
  await new Promise<void>((resolve) => hook.server.listen(0, '127.0.0.1', resolve));
  hook.url = `http://127.0.0.1:${(hook.server.address() as AddressInfo).port}/hook`;
  return hook;
}

const T0 = Date.parse('2026-03-01T10:00:00Z');
const shape = { numeric: 4, categorical: 1 };

describe('alerts', () => {
  let now = T0;
  let cp: TestControlPlane;
  let hook: Awaited<ReturnType<typeof startWebhook>>;
  let device: EnrollResponse;
  let profile: Profile;
  let sha: string;
  let seq = 0;
  beforeEach(async () => {
    now = T0;
    cp = createTestControlPlane({ clock: { now: () => new Date(now) } });
    hook = await startWebhook();
    device = await enrollDevice(cp);
    profile = syntheticProfile(shape, 4000, 3);
    const body = canonicalJson(profile);
    sha = createHash('sha256').update(body).digest('hex');
    createProfilesStore(cp.db).insert({ sha256: sha, model: profile.model, version: profile.version, createdAt: profile.createdAt, createdBy: null, body });
  });
  afterEach(async () => {
    await new Promise((resolve) => hook.server.close(resolve));
    await cp.close();
  });

  /** A one-minute window ending now: `n` predictions, `errorShare` of them failed, inputs shifted by `shift` std. */
  function send(n: number, errorShare: number, shift = 0): void {
    const random = mulberry32(++seq);
    const normal = normalSampler(random);
    const window = openWindow({ deviceId: device.deviceId, model: 'synthetic', version: '1', variant: 'fp32', profileSha256: sha }, profile, new Date(now - 60_000).toISOString());
    for (let i = 0; i < n; i++) addPrediction(window, { features: syntheticRow(shape, random, normal, shift), latencyMs: 3, error: i < n * errorShare });
    const result = cp.services.evaluation.ingest.ingest(closeWindow(window, { seq, sentAt: new Date(now).toISOString() }));
    expect(result.accepted).toBe(true);
  }
  const evaluate = async () => (await (await cp.call('POST', '/v1/alerts/evaluate')).json()) as { fired: number; resolved: number; sent: number; failed: number; suppressed: number };
  const alerts = async () => (await (await cp.call('GET', '/v1/alerts')).json()) as { firing: Alert[]; recent: Alert[] };
  const putRule = async (name: string, body: unknown) => expect((await cp.call('PUT', `/v1/alerts/rules/${name}`, { json: body })).status).toBe(200);
  const minutes = (m: number) => (now += m * 60_000);

  it('notifies a firing rule once, resolves it, and holds a new episode back during the cooldown', async () => {
    await putRule('errors', { condition: { kind: 'error-rate', above: 0.1, window: '15m', minPredictions: 10 }, webhook: hook.url, cooldownSeconds: 3600 });
    send(200, 0.5);
    expect(await evaluate()).toMatchObject({ fired: 1, sent: 1 });
    expect(hook.received).toEqual([expect.objectContaining({ status: 'firing', rule: 'errors', subject: 'synthetic:1/fp32/baseline', value: 0.5 })]);
    minutes(1);
    send(200, 0.5);
    expect(await evaluate()).toMatchObject({ fired: 0, sent: 0 }); // still firing: not sent again
    expect((await alerts()).firing).toEqual([expect.objectContaining({ rule: 'errors', status: 'firing', delivery: 'sent' })]);

    minutes(20); // the errors left the 15-minute window
    expect(await evaluate()).toMatchObject({ resolved: 1, sent: 1 });
    expect(hook.received.map((n) => n.status)).toEqual(['firing', 'resolved']);

    send(200, 0.5); // fires again 21 minutes after the notification: inside the hour of cooldown
    expect(await evaluate()).toMatchObject({ fired: 1, suppressed: 1, sent: 0 });
    expect((await alerts()).firing).toEqual([expect.objectContaining({ delivery: 'cooldown', notifiedAt: null })]);
    minutes(20);
    expect(await evaluate()).toMatchObject({ resolved: 1, sent: 0 }); // an episode nobody was told of resolves quietly

    minutes(30); // 71 minutes after the last notification
    send(200, 0.5);
    expect(await evaluate()).toMatchObject({ fired: 1, sent: 1 });
    expect(hook.received.map((n) => n.status)).toEqual(['firing', 'resolved', 'firing']);
    expect((await alerts()).recent.map((a) => a.delivery)).toEqual(['sent', 'cooldown', 'sent']);
  });

  it('retries a failed delivery on the next check, and fires on drift and offline devices', async () => {
    hook.status = 500;
    await putRule('offline', { condition: { kind: 'devices-offline', above: 0 }, webhook: hook.url });
    await putRule('drift', { condition: { kind: 'drift', model: 'synthetic', window: '1h' }, webhook: hook.url });
    cp.services.fleet.messages.disconnected(device.deviceId);
    send(2000, 0, 1);
    expect(await evaluate()).toMatchObject({ fired: 2, sent: 0, failed: 2 });
    expect((await alerts()).firing.map((a) => [a.rule, a.delivery])).toEqual([['drift', 'pending'], ['offline', 'pending']]);
    hook.status = 200;
    expect(await evaluate()).toMatchObject({ fired: 0, sent: 2 });
    expect(await evaluate()).toMatchObject({ sent: 0 });
    const drift = hook.received.find((n) => n.rule === 'drift')!;
    expect(drift).toMatchObject({ subject: 'synthetic:1', details: { driftedFeatures: ['n0', 'n1', 'n2', 'n3'] } });
    expect(hook.received.find((n) => n.rule === 'offline')).toMatchObject({ value: 1, details: { offline: [device.deviceId] } });
  });

  it('checks on a timer (injected), never two checks at once', async () => {
    let tick: () => void = () => undefined;
    const timers = { setInterval: vi.fn((fn: () => void) => ((tick = fn), 7)), clearInterval: vi.fn() };
    let release: () => void = () => undefined;
    const evaluateAlerts = vi.fn(() => new Promise<void>((resolve) => (release = resolve)));
    const scheduler = createEvaluationScheduler({ evaluateAlerts, prune: vi.fn(), intervalMs: 60_000, timers });
    scheduler.start();
    expect(timers.setInterval).toHaveBeenCalledWith(expect.any(Function), 60_000);
    tick();
    tick(); // the first check is still running
    expect(evaluateAlerts).toHaveBeenCalledTimes(1);
    release();
    await scheduler.tick(); // joins the running check
    const second = scheduler.tick();
    expect(evaluateAlerts).toHaveBeenCalledTimes(2);
    release();
    await second;
    scheduler.stop();
    expect(timers.clearInterval).toHaveBeenCalledWith(7);
  });
});
