import { EdgefleetError, errorBodySchema, type ReportedState } from '../../protocol/index.ts';

export interface ControlPlaneClientOptions {
  baseUrl: string;
  deviceId: string;
  credential: string;
  fetch: typeof fetch;
  timeoutMs?: number;
}

/** The device's REST calls to the control plane, with its bearer credential. */
export interface ControlPlaneClient {
  /** The raw JSON of the desired state (validated by the caller, which counts bad ones), or null for 404. */
  getDesiredState(): Promise<unknown>;
  putReported(state: ReportedState): Promise<void>;
}

export function createControlPlaneClient(options: ControlPlaneClientOptions): ControlPlaneClient {
  const base = options.baseUrl.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 15_000;
  const devicePath = `${base}/v1/devices/${encodeURIComponent(options.deviceId)}`;

  const call = async (url: string, init: RequestInit = {}): Promise<Response> => {
    try {
      return await options.fetch(url, {
        ...init,
        headers: { authorization: `Bearer ${options.credential}`, ...(init.headers as Record<string, string> | undefined) },
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (cause) {
      throw new EdgefleetError('UNAVAILABLE', `control plane unreachable: ${(cause as Error).message}`, { cause });
    }
  };

  return {
    async getDesiredState() {
      const response = await call(`${devicePath}/desired-state`);
      if (response.status === 404) {
        await response.body?.cancel();
        return null;
      }
      if (!response.ok) throw await failure(response, 'desired state');
      return (await response.json()) as unknown;
    },
    async putReported(state) {
      const response = await call(`${devicePath}/reported`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(state),
      });
      if (!response.ok) throw await failure(response, 'reported state');
      await response.body?.cancel();
    },
  };
}

async function failure(response: Response, what: string): Promise<EdgefleetError> {
  const json: unknown = await response.json().catch(() => undefined);
  const parsed = errorBodySchema.safeParse(json);
  const message = parsed.success ? parsed.data.error.message : `HTTP ${response.status}`;
  const code = response.status >= 500 ? 'UNAVAILABLE' : parsed.success ? parsed.data.error.code : 'INTERNAL';
  return new EdgefleetError(code, `${what}: ${message}`);
}
