import { enrollResponseSchema, type Capabilities, type EnrollResponse, type Labels } from '../../protocol/index.ts';
import type { TestControlPlane } from './control-plane.ts';

/** What a plain CPU Node agent reports at enrollment. */
export const cpuCapabilities: Capabilities = {
  agentVersion: '0.1.0', platform: 'node', os: 'linux', arch: 'x64',
  cpu: { model: 'test cpu', cores: 2 }, memoryBytes: 4 * 1024 ** 3,
  runtime: { name: 'onnxruntime-node', version: '1.30.0' }, executionProviders: ['cpu'], gpus: [],
};

/** Create an enrollment token (admin) and return its secret. */
export async function createEnrollToken(cp: TestControlPlane, body: { labels?: Labels; uses?: number; ttlSeconds?: number } = {}): Promise<string> {
  const res = await cp.call('POST', '/v1/tokens', { json: { role: 'enroll', ...body } });
  if (res.status !== 201) throw new Error(`token creation failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

/** Enroll one device through `POST /v1/enroll` with a fresh single-use token. */
export async function enrollDevice(
  cp: TestControlPlane,
  options: { name?: string; labels?: Labels; tokenLabels?: Labels } = {},
): Promise<EnrollResponse> {
  const token = await createEnrollToken(cp, { labels: options.tokenLabels, uses: 1 });
  const res = await cp.call('POST', '/v1/enroll', {
    token: null,
    json: { token, name: options.name ?? 'box', labels: options.labels ?? {}, capabilities: cpuCapabilities },
  });
  if (res.status !== 201) throw new Error(`enrollment failed: ${res.status} ${await res.text()}`);
  return enrollResponseSchema.parse(await res.json());
}

/** Push ONNX bytes as a new model version through the models API; returns the response body. */
export async function pushModelVersion(cp: TestControlPlane, name: string, version: string, bytes: Uint8Array): Promise<unknown> {
  const res = await cp.call('POST', `/v1/models/${name}/versions/${version}`, {
    body: bytes as unknown as BodyInit,
    headers: { 'content-type': 'application/octet-stream' },
  });
  if (res.status !== 201) throw new Error(`model push failed: ${res.status} ${await res.text()}`);
  return res.json();
}

export type ErrorJson = { error: { code: string; message: string; details?: unknown } };

/** Assert status and error code together, so a failure prints the body. */
export async function expectError(res: Response, status: number, code: string): Promise<ErrorJson> {
  const body = (await res.json()) as ErrorJson;
  if (res.status !== status || body.error?.code !== code) {
    throw new Error(`expected ${status} ${code}, got ${res.status} ${JSON.stringify(body)}`);
  }
  return body;
}
