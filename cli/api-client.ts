import { CliError } from './cli-error.ts';
import type { ClientConfig } from './client-config.ts';

export interface ApiClient {
  readonly url: string;
  request<T>(method: string, path: string, init?: { json?: unknown; body?: BodyInit; contentType?: string; allow404?: boolean }): Promise<T>;
  /** GET raw bytes (artifacts). */
  download(path: string): Promise<Uint8Array>;
}

/**
 * A thin fetch wrapper over the REST API. Errors become one CliError line with the server's code
 * and message, so every command fails the same way.
 */
export function createApiClient(config: ClientConfig, fetchImpl: typeof fetch = fetch): ApiClient {
  const auth = (): Record<string, string> => (config.token ? { authorization: `Bearer ${config.token}` } : {});
  return {
    url: config.url,
    async download(path) {
      let res: Response;
      try {
        res = await fetchImpl(`${config.url}${path}`, { headers: auth() });
      } catch (err) {
        throw new CliError(`cannot reach the control plane at ${config.url} (${(err as Error).message})`);
      }
      if (!res.ok) throw new CliError(`GET ${path}: HTTP ${res.status}`);
      return new Uint8Array(await res.arrayBuffer());
    },
    async request<T>(method: string, path: string, init: { json?: unknown; body?: BodyInit; contentType?: string; allow404?: boolean } = {}) {
      const headers: Record<string, string> = auth();
      let body = init.body;
      if (init.json !== undefined) {
        headers['content-type'] = 'application/json';
        body = JSON.stringify(init.json);
      } else if (init.contentType) headers['content-type'] = init.contentType;
      let res: Response;
      try {
        res = await fetchImpl(`${config.url}${path}`, { method, headers, body, duplex: 'half' } as RequestInit);
      } catch (err) {
        const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message;
        throw new CliError(`cannot reach the control plane at ${config.url} (${cause}); is it running? set --url or EDGEFLEET_URL`);
      }
      if (res.status === 404 && init.allow404) return undefined as T;
      if (res.status === 204) return undefined as T;
      const text = await res.text();
      let parsed: unknown;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        parsed = text;
      }
      if (!res.ok) {
        const err = (parsed as { error?: { code?: string; message?: string } } | undefined)?.error;
        if (res.status === 401 && !config.token) {
          throw new CliError('no API token: pass --token, set EDGEFLEET_TOKEN, or run where ./data/admin-token exists');
        }
        throw new CliError(`${err?.code ?? `HTTP ${res.status}`}: ${err?.message ?? text.slice(0, 200)}`);
      }
      return parsed as T;
    },
  };
}
