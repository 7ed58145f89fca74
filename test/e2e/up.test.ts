import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnEdgefleet, type SpawnedEdgefleet } from '../helpers/spawn-edgefleet.ts';
import { createTempDir } from '../helpers/temp-dir.ts';

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const started = Date.now();
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('edgefleet up (the npm start command) as a child process', () => {
  const dir = createTempDir('ef-up-');
  const data = join(dir.path, 'data');
  let proc: SpawnedEdgefleet | undefined;
  afterAll(async () => {
    await proc?.stop();
    dir.remove();
  });

  it('comes up offline on a fresh data folder, prints its URLs once, applies the demo fleet, and restarts cleanly', async () => {
    // Short statistics windows so the demo traffic's summaries reach the control plane within the test.
    proc = spawnEdgefleet(['up', '--data', data, '--port', '0', '--mqtt-port', '0', '--agent-port', '0'], { EDGEFLEET_STATS_WINDOW_SECONDS: '1' });
    const out = await proc.waitFor(/Press Ctrl\+C to stop/, 60_000);
    const url = /console\s+(http:\/\/[\d.]+:\d+)\//.exec(out)?.[1];
    expect(url).toBeDefined();
    expect(out).toMatch(/MQTT broker\s+mqtt:\/\/127\.0\.0\.1:\d+/);
    const token = readFileSync(join(data, 'admin-token'), 'utf8').trim();
    expect(statSync(join(data, 'admin-token')).mode & 0o777).toBe(0o600);
    expect(out).toContain(token);
    expect(existsSync(join(data, 'control-plane.sqlite'))).toBe(true);

    const models = (await (await fetch(`${url}/v1/models`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
      models: Array<{ name: string; aliases: Record<string, string> }>;
    };
    expect(models.models.find((m) => m.name === 'vad')?.aliases.production).toBe('5');
    const assignment = await fetch(`${url}/v1/assignments/vad-local`, { headers: { authorization: `Bearer ${token}` } });
    expect(assignment.status).toBe(200);

    // The local agent enrolled into the demo fleet and serves the demo model over OIP v2.
    const inference = /inference (http:\/\/[\d.]+:\d+)\/v2/.exec(out)?.[1];
    const deviceId = /local agent\s+(dev_\w+)/.exec(out)?.[1];
    expect(inference).toBeDefined();
    await waitUntil(async () => (await fetch(`${inference}/v2/models/vad/ready`)).status === 200, 60_000);
    const res = await fetch(`${inference}/v2/models/vad/infer`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ inputs: [
        { name: 'input', datatype: 'FP32', shape: [1, 512], data: new Array(512).fill(0) },
        { name: 'state', datatype: 'FP32', shape: [2, 1, 128], data: new Array(256).fill(0) },
        { name: 'sr', datatype: 'INT64', shape: [], data: [16000] },
      ] }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { model_name: string; outputs: Array<{ name: string }> };
    expect(body.outputs.map((o) => o.name)).toContain('output');
    const device = (await (await fetch(`${url}/v1/devices/${deviceId}`, { headers: { authorization: `Bearer ${token}` } })).json()) as { labels: Record<string, string> };
    expect(device.labels.site).toBe('local');

    // The demo traffic drives the tabular cancer model; its summaries, with labels, reach the fleet evaluation.
    const auth = { headers: { authorization: `Bearer ${token}` } };
    await waitUntil(async () => {
      const q = (await (await fetch(`${url}/v1/evaluation/quality?model=cancer`, auth)).json()) as {
        groups: Array<{ tiers: { infrastructure: { predictions: number }; model: { feedback: number; accuracy: number | null } } }>;
      };
      const g = q.groups[0];
      return Boolean(g && g.tiers.infrastructure.predictions > 0 && g.tiers.model.feedback > 0 && g.tiers.model.accuracy !== null);
    }, 60_000);
    const drift = await fetch(`${url}/v1/evaluation/drift?model=cancer`, auth);
    expect(drift.status).toBe(200);

    expect(await proc.stop()).toBe(0);

    // Second start on the same folder: the token is not printed again, the agent keeps its identity.
    proc = spawnEdgefleet(['up', '--data', data, '--port', '0', '--mqtt-port', '0', '--agent-port', '0']);
    const again = await proc.waitFor(/Press Ctrl\+C to stop/, 60_000);
    expect(again).not.toContain(token);
    expect(again).toContain(deviceId);
    expect(await proc.stop()).toBe(0);
  });
});
