/**
 * Fetch an artifact into the cache: resume a partial file with Range (+ If-Range on the sha256
 * ETag), stop at the manifest's size, then verify size and sha256 before the file gets its
 * content-addressed name. Nothing unverified is ever at `<cache>/<sha256>`.
 */
import { open, rm, stat } from 'node:fs/promises';
import type { SyncMetrics } from '../metrics.ts';
import type { Logger } from '../logger.ts';
import { sleep, type Timers } from '../util/timers.ts';
import { ArtifactRejectedError, DownloadFailedError } from './artifact-errors.ts';
import { hashFile, type ArtifactCache } from './artifact-cache.ts';

export interface DownloadRequest {
  url: string;
  sha256: string;
  size: number;
  headers: Record<string, string>;
}

export interface DownloaderDeps {
  cache: ArtifactCache;
  fetch: typeof fetch;
  metrics: SyncMetrics;
  timers: Timers;
  logger: Logger;
  /** Connection attempts per download; each one resumes where the last stopped (default 4). */
  attempts?: number;
  /** How long one response may stall before it is aborted (default 30 s). */
  idleTimeoutMs?: number;
}

export interface DownloadResult {
  /** Bytes received over the network (0 when the cache already held it). */
  received: number;
  resumed: boolean;
}

export type ArtifactDownloader = (request: DownloadRequest) => Promise<DownloadResult>;

export function createArtifactDownloader(deps: DownloaderDeps): ArtifactDownloader {
  const attempts = deps.attempts ?? 4;
  return async (request) => {
    const { cache } = deps;
    const part = cache.partPath(request.sha256);
    const counter = { received: 0 };
    let resumed = false;
    let lastError: unknown;
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (attempt > 0) await sleep(deps.timers, 200 * 2 ** (attempt - 1));
      const have = await partSize(part, request.size);
      if (have === request.size) break;
      try {
        const result = await fetchInto(deps, request, part, have, counter);
        resumed ||= result.resumed;
        lastError = undefined;
        if (result.complete) break;
      } catch (error) {
        if (error instanceof ArtifactRejectedError) {
          await rm(part, { force: true });
          throw error;
        }
        lastError = error;
        deps.logger.warn({ sha256: request.sha256, attempt: attempt + 1, err: (error as Error).message }, 'artifact download interrupted');
      }
    }
    if ((await partSize(part, request.size)) !== request.size) {
      deps.metrics.download('failed');
      throw lastError instanceof Error ? lastError : new DownloadFailedError(`download of ${request.sha256} did not complete after ${attempts} attempts`);
    }
    const actual = await hashFile(part);
    if (actual !== request.sha256) {
      await rm(part, { force: true });
      deps.metrics.download('failed');
      throw new ArtifactRejectedError('sha256', `downloaded artifact hashes to ${actual}, the signed manifest says ${request.sha256}`, {
        expected: request.sha256,
        actual,
        size: request.size,
      });
    }
    cache.commit(request.sha256);
    deps.metrics.download(resumed ? 'resumed' : 'complete');
    return { received: counter.received, resumed };
  };
}

/** Size of the part file; a part larger than the artifact is garbage and is removed. */
async function partSize(part: string, size: number): Promise<number> {
  try {
    const have = (await stat(part)).size;
    if (have <= size) return have;
    await rm(part, { force: true });
  } catch {
    // No part yet.
  }
  return 0;
}

async function fetchInto(deps: DownloaderDeps, request: DownloadRequest, part: string, have: number, counter: { received: number }) {
  const headers: Record<string, string> = { ...request.headers };
  if (have > 0) {
    headers['range'] = `bytes=${have}-`;
    // If the server's copy is not the one the part came from, it must send all of it (RFC 9110 13.1.5).
    headers['if-range'] = `"${request.sha256}"`;
  }
  const controller = new AbortController();
  const idleMs = deps.idleTimeoutMs ?? 30_000;
  let cancelIdle = deps.timers.setTimeout(() => controller.abort(), idleMs);
  const bumpIdle = () => {
    cancelIdle();
    cancelIdle = deps.timers.setTimeout(() => controller.abort(), idleMs);
  };
  try {
    let response: Response;
    try {
      response = await deps.fetch(request.url, { headers, signal: controller.signal });
    } catch (cause) {
      throw new DownloadFailedError(`artifact server unreachable: ${(cause as Error).message}`, { cause });
    }
    let offset: number;
    if (response.status === 206 && have > 0) {
      offset = contentRangeStart(response.headers.get('content-range'));
      if (offset !== have) {
        await response.body?.cancel();
        throw new DownloadFailedError(`server resumed at byte ${offset}, the partial file ends at ${have}`);
      }
    } else if (response.status === 200) {
      offset = 0;
    } else if (response.status === 416) {
      await response.body?.cancel();
      await rm(part, { force: true });
      throw new DownloadFailedError('server refused the resume range; starting over', { status: 416 });
    } else {
      await response.body?.cancel();
      throw new DownloadFailedError(`artifact download failed: HTTP ${response.status}`, { status: response.status });
    }
    const file = await open(part, offset === 0 ? 'w' : 'a', 0o600);
    let received = 0;
    try {
      if (!response.body) throw new DownloadFailedError('artifact response has no body');
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        bumpIdle();
        if (offset + received + chunk.byteLength > request.size) {
          controller.abort();
          throw new ArtifactRejectedError('size', `artifact is larger than the ${request.size} bytes its signed manifest says`, {
            expectedSize: request.size,
            receivedAtLeast: offset + received + chunk.byteLength,
          });
        }
        await file.write(chunk);
        received += chunk.byteLength;
        counter.received += chunk.byteLength;
        deps.metrics.downloadedBytes(chunk.byteLength);
      }
    } catch (error) {
      if (error instanceof ArtifactRejectedError || error instanceof DownloadFailedError) throw error;
      throw new DownloadFailedError(`artifact download interrupted after ${offset + received} of ${request.size} bytes: ${(error as Error).message}`, { cause: error });
    } finally {
      await file.close();
    }
    const total = offset + received;
    if (total < request.size && response.headers.get('content-length') === String(received)) {
      // The server sent everything it promised and it is less than the manifest's size.
      await rm(part, { force: true });
      throw new ArtifactRejectedError('size', `artifact is ${total} bytes, its signed manifest says ${request.size}`, { expectedSize: request.size, actualSize: total });
    }
    return { resumed: offset > 0, complete: total === request.size };
  } finally {
    cancelIdle();
  }
}

function contentRangeStart(header: string | null): number {
  const match = /^bytes (\d+)-\d+\/(\d+|\*)$/.exec(header?.trim() ?? '');
  return match ? Number(match[1]) : -1;
}
