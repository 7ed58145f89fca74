import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExperimentReport } from '../../protocol/index.ts';
import { runEdgefleet } from '../../test/helpers/cli-runner.ts';
import { GOOD, createRolloutHarness, type RolloutHarness } from '../../test/helpers/rollout-harness.ts';
import { createTempDir } from '../../test/helpers/temp-dir.ts';
import { parseStepList } from './rollout.ts';

// `edgefleet rollout`, `edgefleet experiment report` and `edgefleet apply` with a Rollout document,
// against a control plane served over real HTTP.

const yaml = (minSamples: number) => `apiVersion: edgefleet.io/v1
kind: Rollout
metadata:
  name: bc-v2
spec:
  model: bc
  fleet: edge
  baseline: { alias: prod }
  candidate: { version: "2" }
  steps:
    - canary: { deviceShare: 100, requestShare: 50 }
    - pause: {}
    - promote: {}
  gates: { minSamples: ${minSamples} }
`;

describe('edgefleet rollout / experiment / apply', () => {
  let h: RolloutHarness;
  let server: ServerType;
  let env: Record<string, string>;
  const dir = createTempDir('ef-cli-rollout-');
  const file = join(dir.path, 'rollout.yaml');

  beforeAll(async () => {
    h = await createRolloutHarness();
    server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: h.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    env = { EDGEFLEET_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, EDGEFLEET_TOKEN: h.token };
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    h.close();
    dir.remove();
  });

  it('parses the --steps list', () => {
    expect(parseStepList('shadow,canary:10,canary:50/25@user,pause:1h,pause,promote:prod')).toEqual([
      { shadow: { deviceShare: 100 } }, { canary: { deviceShare: 10, requestShare: 100 } },
      { canary: { deviceShare: 50, requestShare: 25, stickyKey: 'user' } }, { pause: { duration: '1h' } }, { pause: {} },
      { promote: { alias: 'prod' } },
    ]);
    expect(() => parseStepList('canary')).toThrow(/canary:DEVICE_SHARE/);
  });

  it('starts from YAML, shows status, and applies a changed plan with a dry-run diff first', async () => {
    writeFileSync(file, yaml(200));
    const started = await runEdgefleet(['rollout', 'start', '-f', file], env);
    expect(started.stderr).toBe('');
    expect(started.stdout).toMatch(/state\s+running\n/);
    expect(started.stdout).toMatch(/devices\s+10 in cohort of 10/);
    const again = await runEdgefleet(['apply', '-f', file], env);
    expect(again.stdout).toBe('rollout/bc-v2 unchanged\n');
    writeFileSync(file, yaml(300));
    const dry = await runEdgefleet(['apply', '-f', file, '--dry-run'], env);
    expect(dry.stdout).toBe('rollout/bc-v2 configured (dry run)\n  spec.gates: {"minSamples":200} -> {"minSamples":300}\n');
    expect(h.services.rollouts.service.get('bc-v2').spec.gates?.minSamples).toBe(200);
    expect((await runEdgefleet(['apply', '-f', file], env)).stdout).toBe('rollout/bc-v2 configured\n');
    expect(h.services.rollouts.service.get('bc-v2').spec.gates?.minSamples).toBe(300);
  });

  it('prints the experiment report as a table and as JSON', async () => {
    h.simulateMinute({ '1': GOOD, '2': GOOD }, { perDevice: 40 }); // 200 per arm: the step holds
    expect(h.tick()).toMatchObject([{ action: 'hold' }]);
    const table = await runEdgefleet(['experiment', 'report', 'bc-v2'], env);
    expect(table.stderr).toBe('');
    expect(table.stdout).toMatch(/^bc-v2 step 0 \(canary\)/);
    expect(table.stdout).toMatch(/SRM \(requests\): \d+:\d+ vs planned 50:50, p [\d.e-]+\n/);
    expect(table.stdout).toMatch(/METRIC\s*│\s*KIND\s*│\s*BASELINE\s*│\s*CANDIDATE\s*│\s*DIFF \[CI\]\s*│\s*LIFT \[CI\]\s*│\s*P\s*│\s*SEQ P/);
    expect(table.stdout).toMatch(/latency_mean_ms\s*│\s*comparison\s*│\s*[\d.]+ \(n \d+\)/);
    const json = (await runEdgefleet(['experiment', 'report', 'bc-v2', '--json'], env)).json<ExperimentReport>();
    expect(json.metrics.map((m) => m.metric)).toEqual(expect.arrayContaining(['error_rate', 'latency_mean_ms', 'accuracy']));
  });

  it('pauses, resumes, aborts; a second rollout on the same target is refused while one is active', async () => {
    expect((await runEdgefleet(['rollout', 'pause', 'bc-v2'], env)).stdout).toMatch(/state\s+paused/);
    expect((await runEdgefleet(['rollout', 'resume', 'bc-v2'], env)).stdout).toMatch(/state\s+running/);
    const flags = ['rollout', 'start', 'bc-flags', '--model', 'bc', '--fleet', 'edge', '--baseline-alias', 'prod', '--candidate', '2', '--steps', 'canary:10/50@user,promote'];
    const refused = await runEdgefleet(flags, env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/CONFLICT: rollout "bc-v2" is already active for bc on fleet:edge/);
    expect((await runEdgefleet(['rollout', 'abort', 'bc-v2'], env)).stdout).toMatch(/state\s+aborted/);
    const fromFlags = await runEdgefleet(flags, env);
    expect(fromFlags.stderr).toBe('');
    expect(fromFlags.stdout).toMatch(/step\s+0 \(canary\) of 2/);
    const decisions = await runEdgefleet(['rollout', 'decisions', 'bc-v2'], env);
    expect(decisions.stdout).toMatch(/abort/);
    const list = await runEdgefleet(['rollout', 'list', '--json'], env);
    expect(list.json<{ rollouts: Array<{ name: string; state: string }> }>().rollouts.map((r) => `${r.name}:${r.state}`)).toEqual(['bc-v2:aborted', 'bc-flags:running']);
  });
});
