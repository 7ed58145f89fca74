import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTempDir } from '../test/helpers/temp-dir.ts';
import { loadAgentConfig } from './config.ts';

describe('loadAgentConfig', () => {
  const dirs: Array<{ remove: () => void }> = [];
  afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

  it('has defaults for everything but the control plane and token', () => {
    const config = loadAgentConfig({});
    expect(config.port).toBe(8000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.cacheMaxBytes).toBe(2 * 1024 ** 3);
    expect(config.probationSeconds).toBe(60);
    expect(config.executionProviders).toBeUndefined();
    expect(config.name.length).toBeGreaterThan(0);
    expect(config.dataDir.startsWith('/')).toBe(true);
  });

  it('takes flags over env over file', () => {
    const dir = createTempDir();
    dirs.push(dir);
    const file = join(dir.path, 'agent.yaml');
    writeFileSync(file, 'port: 7000\nname: from-file\nlabels: { site: berlin }\nexecutionProviders: [cuda, cpu]\ncacheMaxBytes: 512MiB\n');
    const config = loadAgentConfig({
      file,
      env: { EDGEFLEET_AGENT_PORT: '7100', EDGEFLEET_AGENT_NAME: 'from-env', EDGEFLEET_CONTROL_PLANE: 'http://127.0.0.1:8080' },
      flags: { port: 7200, enrollToken: undefined },
    });
    expect(config.port).toBe(7200);
    expect(config.name).toBe('from-env');
    expect(config.labels).toEqual({ site: 'berlin' });
    expect(config.executionProviders).toEqual(['cuda', 'cpu']);
    expect(config.cacheMaxBytes).toBe(512 * 1024 * 1024);
    expect(config.controlPlaneUrl).toBe('http://127.0.0.1:8080');
  });

  it('reads comma lists and label lists from env', () => {
    const config = loadAgentConfig({ env: { EDGEFLEET_EXECUTION_PROVIDERS: 'cuda, cpu', EDGEFLEET_AGENT_LABELS: 'site=berlin,tier=cpu', EDGEFLEET_POLL_INTERVAL_SECONDS: '0.5' } });
    expect(config.executionProviders).toEqual(['cuda', 'cpu']);
    expect(config.labels).toEqual({ site: 'berlin', tier: 'cpu' });
    expect(config.pollIntervalSeconds).toBe(0.5);
  });

  it('names the failing setting', () => {
    expect(() => loadAgentConfig({ env: { EDGEFLEET_AGENT_PORT: 'eighty' } })).toThrow(/port/);
    expect(() => loadAgentConfig({ flags: { budgetMaxNanRate: 2 } })).toThrow(/budgetMaxNanRate/);
    expect(() => loadAgentConfig({ env: { EDGEFLEET_AGENT_LABELS: 'nonsense' } })).toThrow(/INVALID|label/i);
  });

  it('refuses unknown keys in the file (typos would silently do nothing)', () => {
    const dir = createTempDir();
    dirs.push(dir);
    const file = join(dir.path, 'agent.yaml');
    writeFileSync(file, 'prot: 7000\n');
    expect(() => loadAgentConfig({ file })).toThrow(/prot/);
  });
});
