/**
 * Small real HTTP servers for agent tests: an artifact origin with Range support that can cut a
 * connection midway, and a proxy in front of the real control plane that can tamper with what
 * passes through (artifact bytes, desired-state JSON) or cut it short.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** Write `bytes`, but destroy the socket after `cutAfter` of them (a connection lost midway). */
function sendBody(res: ServerResponse, bytes: Uint8Array, cutAfter: number | undefined): void {
  if (cutAfter === undefined || cutAfter >= bytes.byteLength) {
    res.end(Buffer.from(bytes));
    return;
  }
  res.write(Buffer.from(bytes.subarray(0, cutAfter)), () => setTimeout(() => res.socket?.destroy(), 20));
}

export interface ArtifactOrigin {
  url: string;
  requests: RecordedRequest[];
  /** Cut the next N responses after this many body bytes. */
  cutNext(bytes: number, times?: number): void;
  close(): Promise<void>;
}

/** Serves `/v1/artifacts/<sha>` from a map, with Range and If-Range on the sha256 ETag. */
export async function startArtifactOrigin(artifacts: Map<string, Uint8Array>): Promise<ArtifactOrigin> {
  const requests: RecordedRequest[] = [];
  let cut: { bytes: number; times: number } | undefined;
  const server = createServer((req, res) => {
    requests.push({ method: req.method ?? 'GET', path: req.url ?? '', headers: req.headers });
    const sha = /^\/v1\/artifacts\/([a-f0-9]{64})$/.exec(req.url ?? '')?.[1];
    const bytes = sha ? artifacts.get(sha) : undefined;
    if (!sha || !bytes) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"code":"NOT_FOUND","message":"no artifact"}}');
      return;
    }
    const etag = `"${sha}"`;
    const range = /^bytes=(\d+)-$/.exec(String(req.headers.range ?? ''));
    const ifRange = req.headers['if-range'];
    const start = range && (ifRange === undefined || ifRange === etag) ? Number(range[1]) : 0;
    if (start >= bytes.byteLength && start > 0) {
      res.writeHead(416, { 'content-range': `bytes */${bytes.byteLength}` }).end();
      return;
    }
    const body = bytes.subarray(start);
    const headers: Record<string, string> = { etag, 'accept-ranges': 'bytes', 'content-type': 'application/octet-stream', 'content-length': String(body.byteLength) };
    if (start > 0) headers['content-range'] = `bytes ${start}-${bytes.byteLength - 1}/${bytes.byteLength}`;
    res.writeHead(start > 0 ? 206 : 200, headers);
    let cutAfter: number | undefined;
    if (cut && cut.times > 0) {
      cut.times--;
      cutAfter = cut.bytes;
    }
    sendBody(res, body, cutAfter);
  });
  const url = await listen(server);
  return {
    url,
    requests,
    cutNext(bytes, times = 1) {
      cut = { bytes, times };
    },
    close: () => closeServer(server),
  };
}

export interface TamperRules {
  /** Replace an artifact's bytes (the response is re-framed to the new length). */
  artifact?: (sha256: string, bytes: Uint8Array) => Uint8Array;
  /** Rewrite a JSON response body (e.g. the desired state). */
  json?: (path: string, body: unknown) => unknown;
  /** Cut artifact responses after this many bytes, this many times. */
  cutArtifact?: { bytes: number; times: number };
}

export interface TamperProxy {
  url: string;
  requests: RecordedRequest[];
  rules: TamperRules;
  close(): Promise<void>;
}

/** A reverse proxy to `target` (the real control plane) that applies `rules` to what passes through. */
export async function startTamperProxy(target: string): Promise<TamperProxy> {
  const requests: RecordedRequest[] = [];
  const rules: TamperRules = {};
  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.socket?.destroy());
  });
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = req.url ?? '/';
    requests.push({ method: req.method ?? 'GET', path, headers: req.headers });
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value === undefined || key === 'host' || key === 'connection' || key === 'content-length') continue;
      headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const upstream = await fetch(`${target}${path}`, {
      method: req.method ?? 'GET',
      headers,
      ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}),
    });
    let body: Uint8Array = new Uint8Array(await upstream.arrayBuffer());
    const outHeaders: Record<string, string> = {};
    upstream.headers.forEach((value, key) => {
      if (key !== 'content-length' && key !== 'transfer-encoding' && key !== 'content-encoding' && key !== 'connection') outHeaders[key] = value;
    });
    const sha = /^\/v1\/artifacts\/([a-f0-9]{64})/.exec(path)?.[1];
    let cutAfter: number | undefined;
    if (sha && upstream.ok) {
      if (rules.artifact) body = rules.artifact(sha, body);
      if (rules.cutArtifact && rules.cutArtifact.times > 0) {
        rules.cutArtifact.times--;
        cutAfter = rules.cutArtifact.bytes;
      }
    } else if (rules.json && (upstream.headers.get('content-type') ?? '').includes('json') && body.byteLength > 0) {
      const rewritten = rules.json(path, JSON.parse(Buffer.from(body).toString('utf8')) as unknown);
      body = Buffer.from(JSON.stringify(rewritten));
    }
    outHeaders['content-length'] = String(body.byteLength);
    res.writeHead(upstream.status, outHeaders);
    sendBody(res, body, cutAfter);
  }
  const url = await listen(server);
  return { url, requests, rules, close: () => closeServer(server) };
}
