import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPrediction, canonicalJson, closeWindow, openWindow, type DriftReport } from '../../protocol/index.ts';
import { mulberry32, normalSampler } from '../../protocol/stats/index.ts';
import { createProfilesStore } from '../../control-plane/features/evaluation/profiles.store.ts';
import { syntheticProfile, syntheticRow } from '../../protocol/testing/synthetic-traffic.ts';
import { runEdgefleet } from '../../test/helpers/cli-runner.ts';
import { createTestControlPlane, type TestControlPlane } from '../../test/helpers/control-plane.ts';
import { enrollDevice } from '../../test/helpers/fleet.ts';

// `edgefleet drift report` against a control plane served over real HTTP, with one shifted feature.

describe('edgefleet drift report', () => {
  const now = Date.parse('2026-03-01T12:00:00Z');
  const shape = { numeric: 3, categorical: 1 };
  let cp: TestControlPlane;
  let server: ServerType;
  let env: Record<string, string>;

  beforeAll(async () => {
    cp = createTestControlPlane({ clock: { now: () => new Date(now) } });
    const profile = syntheticProfile(shape, 5000, 4);
    const body = canonicalJson(profile);
    const sha256 = createHash('sha256').update(body).digest('hex');
    createProfilesStore(cp.db).insert({ sha256, model: 'synthetic', version: '1', createdAt: profile.createdAt, createdBy: null, body });
    const device = await enrollDevice(cp);
    const random = mulberry32(5);
    const normal = normalSampler(random);
    const window = openWindow({ deviceId: device.deviceId, model: 'synthetic', version: '1', variant: 'fp32', profileSha256: sha256 }, profile, new Date(now - 600_000).toISOString());
    for (let i = 0; i < 1500; i++) {
      const row = syntheticRow(shape, random, normal);
      row[1] = (row[1] as number) + 1; // n1 moves by one standard deviation
      addPrediction(window, { features: row, latencyMs: 4 });
    }
    expect(cp.services.evaluation.ingest.ingest(closeWindow(window, { seq: 1, sentAt: new Date(now - 300_000).toISOString() })).accepted).toBe(true);
    server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: cp.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    env = { EDGEFLEET_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, EDGEFLEET_TOKEN: cp.adminToken };
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await cp.close();
  });

  it('prints the per-feature table: feature, test, statistic, p-value or score, threshold, drifted', async () => {
    const run = await runEdgefleet(['drift', 'report', '--model', 'synthetic', '--since', '1h'], env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^synthetic:1 .* 1500 predictions, 1 device, profile [0-9a-f]{12}\nDRIFTED: BH-adjusted p < 0\.01 for n1\n/);
    expect(run.stdout).toMatch(/FEATURE\s*│\s*TEST\s*│\s*STATISTIC\s*│\s*P-VALUE \/ SCORE\s*│\s*THRESHOLD\s*│\s*DRIFTED/);
    expect(run.stdout).toMatch(/n1\s*│\s*ks-binned\s*│\s*0\.\d{4}\s*│\s*p \S+\s*│\s*p < 0\.01 \(BH\)\s*│\s*yes/);
    expect(run.stdout).toMatch(/n0\s*│\s*ks-binned\s*│.*│\s*no\s*│/);
    expect(run.stdout).toMatch(/c0\s*│\s*chi-squared\s*│/);
  });

  it('prints JSON with --json, fails with --fail-on-drift, and refuses a bad window with exit 2', async () => {
    const json = await runEdgefleet(['drift', 'report', '--model', 'synthetic', '--json'], env);
    expect(json.code).toBe(0);
    const { reports } = json.json<{ reports: DriftReport[] }>();
    expect(reports[0]).toMatchObject({ model: 'synthetic', version: '1', drifted: true, driftedFeatures: ['n1'] });
    expect((await runEdgefleet(['drift', 'report', '--model', 'synthetic', '--fail-on-drift'], env)).code).toBe(3);
    const quiet = await runEdgefleet(['drift', 'report', '--model', 'other'], env);
    expect(quiet.stdout).toMatch(/no summaries with a reference profile for other/);
    const bad = await runEdgefleet(['drift', 'report', '--model', 'synthetic', '--since', 'yesterday'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/not a duration/);
  });
});
