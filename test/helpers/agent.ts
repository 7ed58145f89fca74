/**
 * Integration stack for edge-agent tests: a real control plane (startControlPlane: HTTP, SQLite,
 * embedded MQTT broker) in a temp folder on port 0, and real agents (onnxruntime-node, real HTTP
 * and MQTT) in their own temp folders. Timings are shortened (poll, retry and reconnect backoff).
 */
import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import type { Clock } from '../../control-plane/clock.ts';
import { loadControlPlaneConfig, type ControlPlaneConfig } from '../../control-plane/config.ts';
import { startControlPlane, type RunningControlPlane } from '../../control-plane/main.ts';
import { startAgent, type AgentDeps, type RunningAgent } from '../../edge-agent/agent.ts';
import { loadAgentConfig, type AgentConfig } from '../../edge-agent/config.ts';
import type { Labels } from '../../protocol/index.ts';
import { createTempDir } from './temp-dir.ts';

export interface TestStack {
  cp: RunningControlPlane;
  /** REST call with the admin token; JSON in and out. */
  api(method: string, path: string, init?: { json?: unknown; body?: Uint8Array; token?: string }): Promise<Response>;
  pushModel(name: string, version: string, bytes: Uint8Array): Promise<void>;
  assign(name: string, spec: { selector: string; model: string; version: string }): Promise<void>;
  enrollToken(labels?: Labels): Promise<string>;
  /** Stop the control plane (HTTP and broker); `restartControlPlane` brings it back on the same ports and data. */
  stopControlPlane(): Promise<void>;
  restartControlPlane(): Promise<void>;
  close(): Promise<void>;
}

export interface TestStackOptions {
  /**
   * Run the control plane's variant build worker. Off by default: suites that compare an agent's
   * outputs with a direct FP32 run must not see their devices switch to int8 midway.
   */
  variantJobs?: boolean;
  /** Control-plane settings over the test defaults (e.g. `rolloutIntervalSeconds`); kept across restarts. */
  config?: Partial<Record<keyof ControlPlaneConfig, unknown>>;
  /** The control plane's clock (default the system clock); kept across restarts. */
  clock?: Clock;
}

export async function startTestStack(options: TestStackOptions = {}): Promise<TestStack> {
  const dir = createTempDir('ef-stack-cp-');
  const adminToken = `efa_test_${randomBytes(12).toString('hex')}`;
  const logger = pino({ level: 'silent' });
  const configFor = (port: number, mqttPort: number) =>
    loadControlPlaneConfig({ flags: { presenceTimeoutSeconds: 90, ...options.config, dataDir: dir.path, port, mqttPort, adminToken, logLevel: 'silent' } });
  const startOptions = { logger, variantJobs: options.variantJobs ?? false, ...(options.clock ? { clock: options.clock } : {}) };
  let cp = await startControlPlane(configFor(0, 0), startOptions);
  let running = true;

  const api: TestStack['api'] = (method, path, init = {}) => {
    const headers: Record<string, string> = { authorization: `Bearer ${init.token ?? adminToken}` };
    let body: BodyInit | undefined;
    if (init.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(init.json);
    } else if (init.body) {
      headers['content-type'] = 'application/octet-stream';
      body = init.body as unknown as BodyInit;
    }
    return fetch(`${cp.url}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
  };
  const expectOk = async (res: Response, what: string) => {
    if (!res.ok) throw new Error(`${what}: HTTP ${res.status} ${await res.text()}`);
    return res;
  };

  return {
    get cp() {
      return cp;
    },
    api,
    async pushModel(name, version, bytes) {
      await expectOk(await api('POST', `/v1/models/${name}/versions/${version}`, { body: bytes }), `push ${name}:${version}`);
    },
    async assign(name, spec) {
      await expectOk(await api('PUT', `/v1/assignments/${name}`, { json: spec }), `assign ${name}`);
    },
    async enrollToken(labels = {}) {
      const res = await expectOk(await api('POST', '/v1/tokens', { json: { role: 'enroll', labels } }), 'enroll token');
      return ((await res.json()) as { token: string }).token;
    },
    async stopControlPlane() {
      if (!running) return;
      running = false;
      await cp.stop();
    },
    async restartControlPlane() {
      if (running) return;
      cp = await startControlPlane(configFor(cp.port, cp.mqttPort), startOptions);
      running = true;
    },
    async close() {
      if (running) await cp.stop();
      running = false;
      dir.remove();
    },
  };
}

export interface TestAgent extends RunningAgent {
  dataDir: string;
  config: AgentConfig;
}

/** Fast timings for tests: 200 ms REST polls, retries from 200 ms, MQTT reconnects from 100 ms. */
export const testAgentDeps: AgentDeps = {
  collectProcessMetrics: false,
  gpuProbe: async () => [],
  retry: { initialMs: 200, maxMs: 1000 },
  mqttBackoff: { initialMs: 100, maxMs: 500 },
  logger: pino({ level: process.env['EDGEFLEET_TEST_LOG'] ?? 'silent' }),
};

/** Start an agent with a fresh (or the given) data folder and settings overrides. */
export async function startTestAgent(flags: Partial<Record<keyof AgentConfig, unknown>>, options: { dataDir?: string; deps?: AgentDeps } = {}): Promise<TestAgent> {
  const dataDir = options.dataDir ?? createTempDir('ef-stack-agent-').path;
  const config = loadAgentConfig({ flags: { port: 0, pollIntervalSeconds: 0.2, probationSeconds: 30, name: 'test-box', ...flags, dataDir } });
  const agent = await startAgent(config, { ...testAgentDeps, ...options.deps });
  return Object.assign(agent, { dataDir, config });
}

/** Poll until `check` returns a truthy value (or throws), then return it. */
export async function waitFor<T>(check: () => T | Promise<T>, options: { timeoutMs?: number; what?: string } = {}): Promise<NonNullable<T>> {
  const until = Date.now() + (options.timeoutMs ?? 10_000);
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      last = error;
    }
    if (Date.now() > until) throw new Error(`timed out waiting for ${options.what ?? 'condition'}${last ? `: ${String(last)}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export interface OipOutput {
  name: string;
  datatype: string;
  shape: number[];
  data: number[];
}

/** POST an OIP v2 JSON inference request; returns status and body. */
export async function infer(
  baseUrl: string,
  model: string,
  inputs: Array<{ name: string; shape: number[]; datatype: string; data: number[] }>,
  version?: string,
): Promise<{ status: number; body: { model_version?: string; outputs?: OipOutput[]; error?: string } }> {
  const path = version ? `/v2/models/${model}/versions/${version}/infer` : `/v2/models/${model}/infer`;
  const res = await fetch(`${baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ inputs }) });
  const text = await res.text();
  // Triton-style bare NaN in the JSON: make it parseable for assertions.
  return { status: res.status, body: JSON.parse(text.replace(/\bNaN\b/g, '"NaN"').replace(/-?\bInfinity\b/g, '"Infinity"')) as never };
}
