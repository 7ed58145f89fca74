import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { loadControlPlaneConfig } from '../../control-plane/config.ts';
import { startControlPlane, type RunningControlPlane } from '../../control-plane/main.ts';
import { deviceSchema, ingestStatusSchema, modelVersionSchema, type AssignmentSpec, type Device, type IngestStatus, type ModelVersion } from '../../protocol/index.ts';
import { createTempDir } from '../helpers/temp-dir.ts';

/**
 * A real control plane for the browser runtime's tests: startControlPlane (HTTP, device socket,
 * live feed, MQTT broker, runtime and console bundles) on port 0 in a temp folder, with admin
 * helpers. Variant builds are off (CPU work in this process would slow the browser down on two
 * cores), so every device gets the fp32 variant; `variantJobs: true` turns them on.
 */
export async function startBrowserStack(options: { rolloutIntervalSeconds?: number; variantJobs?: boolean } = {}) {
  const dir = createTempDir('ef-browser-');
  const adminToken = `efa_test_${randomBytes(12).toString('hex')}`;
  const config = loadControlPlaneConfig({
    flags: { dataDir: dir.path, port: 0, mqttPort: 0, adminToken, logLevel: 'silent', rolloutIntervalSeconds: options.rolloutIntervalSeconds ?? 15 },
  });
  const cp: RunningControlPlane = await startControlPlane(config, { logger: pino({ level: 'silent' }), variantJobs: options.variantJobs ?? false });

  async function api(method: string, path: string, body?: unknown): Promise<Response> {
    const binary = body instanceof Uint8Array;
    return fetch(`${cp.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${adminToken}`,
        ...(body === undefined ? {} : { 'content-type': binary ? 'application/octet-stream' : 'application/json' }),
      },
      ...(body === undefined ? {} : { body: binary ? (body as unknown as BodyInit) : JSON.stringify(body) }),
    });
  }
  async function ok<T>(res: Response | Promise<Response>, what: string): Promise<T> {
    const r = await res;
    if (!r.ok) throw new Error(`${what}: HTTP ${r.status} ${await r.text()}`);
    return (r.status === 204 ? undefined : await r.json()) as T;
  }

  return {
    cp, url: cp.url, adminToken, dataDir: dir.path, api, ok,
    async enrollToken(labels: Record<string, string> = {}, uses = 5): Promise<string> {
      return (await ok<{ token: string }>(api('POST', '/v1/tokens', { role: 'enroll', uses, labels }), 'enroll token')).token;
    },
    async pushModel(name: string, version: string, bytes: Uint8Array): Promise<ModelVersion> {
      return modelVersionSchema.parse(await ok(api('POST', `/v1/models/${name}/versions/${version}`, bytes), `push ${name}:${version}`));
    },
    async assign(name: string, spec: AssignmentSpec): Promise<void> {
      await ok(api('PUT', `/v1/assignments/${name}`, spec), `assignment ${name}`);
    },
    async setAlias(model: string, alias: string, version: string): Promise<void> {
      await ok(api('PUT', `/v1/models/${model}/aliases/${alias}`, { version }), `alias ${model}@${alias}`);
    },
    /**
     * Wait until a variant is ready; resolves with the version. A failure is not final here: an
     * evaluation set uploaded after the push re-gates the variant.
     */
    async variantReady(name: string, version: string, variant: string, timeoutMs = 60_000): Promise<ModelVersion> {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const v = modelVersionSchema.parse(await ok(api('GET', `/v1/models/${name}/versions/${version}`), 'version'));
        const status = v.variants.find((x) => x.variant === variant)?.status;
        if (status === 'ready') return v;
        if (Date.now() > until) {
          throw new Error(`${name}:${version} ${variant} is ${status ?? 'missing'}: ${JSON.stringify(v.variants.find((x) => x.variant === variant)?.evidence ?? {})}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
    },
    async devices(): Promise<Device[]> {
      const body = await ok<{ devices: unknown[] }>(api('GET', '/v1/devices'), 'devices');
      return body.devices.map((d) => deviceSchema.parse(d));
    },
    async events(deviceId: string): Promise<Array<{ type: string; model: string | null; version: string | null; message: string; evidence: Record<string, unknown> | null }>> {
      return (await ok<{ events: never[] }>(api('GET', `/v1/devices/${deviceId}/events`), 'events')).events;
    },
    async ingest(): Promise<IngestStatus> {
      return ingestStatusSchema.parse(await ok(api('GET', '/v1/evaluation/ingest?since=1h'), 'ingest status'));
    },
    async stop(): Promise<void> {
      await cp.stop();
      dir.remove();
    },
  };
}
export type BrowserStack = Awaited<ReturnType<typeof startBrowserStack>>;
