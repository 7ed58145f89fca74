import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnEdgefleet, type SpawnedEdgefleet } from '../helpers/spawn-edgefleet.ts';
import { createTempDir } from '../helpers/temp-dir.ts';

describe('edgefleet up (the npm start command) as a child process', () => {
  const dir = createTempDir('ef-up-');
  const data = join(dir.path, 'data');
  let proc: SpawnedEdgefleet | undefined;
  afterAll(async () => {
    await proc?.stop();
    dir.remove();
  });

  it('comes up offline on a fresh data folder, prints its URLs once, applies the demo fleet, and restarts cleanly', async () => {
    proc = spawnEdgefleet(['up', '--data', data, '--port', '0', '--mqtt-port', '0']);
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

    expect(await proc.stop()).toBe(0);

    // Second start on the same folder: the token is not printed again and the demo is already there.
    proc = spawnEdgefleet(['up', '--data', data, '--port', '0', '--mqtt-port', '0']);
    const again = await proc.waitFor(/Press Ctrl\+C to stop/, 60_000);
    expect(again).not.toContain(token);
    expect(await proc.stop()).toBe(0);
  });
});
