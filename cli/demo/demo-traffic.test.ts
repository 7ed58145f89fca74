/**
 * The demo generator against a stand-in of the agent's local API (the real one is exercised by
 * test/agent/telemetry.test.ts): inputs shaped from the OIP metadata, a mean that moves by
 * `maxShift` over `driftMinutes`, labels for a share of predictions, and a clean stop.
 */
import { describe, expect, it } from 'vitest';
import { driftProgress, startDemoTraffic, type DemoTrafficTimers } from './demo-traffic.ts';

function manual(): DemoTrafficTimers & { advance(ms: number): Promise<void> } {
  let now = 0;
  let pending: { at: number; fn: () => void } | undefined;
  return {
    now: () => now,
    setTimeout(fn, ms) {
      const timer = { at: now + ms, fn };
      pending = timer;
      return () => {
        if (pending === timer) pending = undefined;
      };
    },
    async advance(ms) {
      const target = now + ms;
      while (pending && pending.at <= target) {
        const { at, fn } = pending;
        pending = undefined;
        now = at;
        fn();
        for (let i = 0; i < 20 && !pending; i++) await new Promise((resolve) => setImmediate(resolve));
      }
      now = target;
    },
  };
}

describe('demo traffic', () => {
  it('sends shaped inputs whose distribution drifts, labels some predictions, and stops', async () => {
    const means: number[] = [];
    const feedback: unknown[] = [];
    let n = 0;
    const fake = (async (url: string, init?: RequestInit) => {
      if (url.endsWith('/v2/models/mlp')) return Response.json({ inputs: [{ name: 'input', datatype: 'FP32', shape: [-1, 8] }, { name: 'sr', datatype: 'INT64', shape: [] }] });
      const body = JSON.parse(String(init?.body)) as { inputs?: Array<{ name: string; shape: number[]; data: number[] }> };
      if (url.endsWith('/infer')) {
        const x = body.inputs!.find((i) => i.name === 'input')!;
        expect(x.shape).toEqual([1, 8]);
        expect(body.inputs!.find((i) => i.name === 'sr')!.data).toEqual([16000]);
        means.push(x.data.reduce((a, b) => a + b, 0) / x.data.length);
        return new Response(JSON.stringify({ outputs: [{ name: 'output', shape: [1, 3], datatype: 'FP32', data: [0.1, 0.7, NaN] }] }).replace('null', 'NaN'), {
          headers: { 'x-request-id': `r${n++}` },
        });
      }
      if (url.endsWith('/v1/feedback')) feedback.push(body);
      return Response.json({ accepted: true }, { status: 202 });
    }) as typeof fetch;
    const timers = manual();
    const traffic = startDemoTraffic({ inferenceUrl: 'http://agent', model: 'mlp', ratePerSecond: 10, driftMinutes: 1, maxShift: 3, feedbackShare: 0.5, fixed: { sr: [16000] }, fetch: fake, timers });
    await timers.advance(60_000);
    await timers.advance(10_000);
    await traffic.stop();

    const stats = traffic.stats();
    expect(stats.requests).toBeGreaterThan(600);
    expect(stats.failures).toBe(0);
    expect(stats.feedback / stats.requests).toBeGreaterThan(0.4);
    expect(stats.feedback / stats.requests).toBeLessThan(0.6);
    expect(feedback[0]).toMatchObject({ requestId: expect.stringMatching(/^r\d+$/), label: expect.any(Number) });
    const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    // The first seconds sit near the undrifted centre, the last ones about 3 standard deviations up.
    expect(avg(means.slice(-50)) - avg(means.slice(0, 50))).toBeGreaterThan(2.5);
    const sent = stats.requests;
    await timers.advance(5_000);
    expect(traffic.stats().requests).toBe(sent);
  });

  it('drift progress runs from 0 to 1 over the configured minutes and stays there', () => {
    expect(driftProgress(0, 10)).toBe(0);
    expect(driftProgress(300_000, 10)).toBe(0.5);
    expect(driftProgress(3_600_000, 10)).toBe(1);
  });
});
