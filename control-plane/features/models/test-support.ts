// Shared by the models feature's route tests only. It imports nothing from test/ (the lint rule
// no-test-code-in-parts applies to every non-*.test.ts file here), so callers pass the control plane in.

export type ErrorJson = { error: { code: string; message: string; details?: unknown } };

/** The part of `createTestControlPlane()` these helpers use. */
interface Caller {
  call(
    method: string,
    path: string,
    init?: { token?: string | null; body?: BodyInit; headers?: Record<string, string> },
  ): Promise<Response>;
}

export function push(
  cp: Caller,
  path: string,
  bytes: Uint8Array,
  options: { token?: string | null; contentType?: string } = {},
) {
  return cp.call('POST', path, {
    token: options.token,
    body: new Uint8Array(bytes), // a copy on a plain ArrayBuffer is what BodyInit accepts
    headers: { 'content-type': options.contentType ?? 'application/octet-stream' },
  });
}

export async function expectError(res: Response, status: number, code: string): Promise<ErrorJson> {
  const body = (await res.json()) as ErrorJson;
  if (res.status !== status || body.error.code !== code) {
    throw new Error(`expected ${status} ${code}, got ${res.status} ${JSON.stringify(body)}`);
  }
  return body;
}
