import { ArtifactRejectedError, sha256Hex } from './verify.ts';

/** A download that may work next time (network down, control plane restarting). */
export class TransientError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TransientError';
  }
}

export interface VerifiedArtifact {
  bytes: Uint8Array<ArrayBuffer>;
  /** Served from Cache Storage (re-verified) rather than downloaded. */
  cached: boolean;
}

export interface ArtifactCache {
  /**
   * The artifact's bytes, verified against `sha256` and `size`: from Cache Storage when the cached
   * copy still hashes to its name, otherwise downloaded with the device credential, verified, and
   * only then cached. Throws ArtifactRejectedError for bytes that do not verify, TransientError
   * for failures worth retrying.
   */
  get(sha256: string, size: number): Promise<VerifiedArtifact>;
  /** Download and verify without keeping a copy (for files another cache holds, like web-llm's weights). */
  download(sha256: string, size: number): Promise<Uint8Array<ArrayBuffer>>;
  /** Drop cached artifacts not in `keep` (sha256s); returns how many went. */
  prune(keep: ReadonlySet<string>): Promise<number>;
}

const CACHE_NAME = 'edgefleet-artifacts-v1';

/**
 * Content-addressed artifacts in Cache Storage, keyed by their control-plane URL. Bytes go in only
 * after they verified, and are verified again each time they come out (the cache is writable by any
 * script of the origin, so it is a cache, not a trust anchor).
 */
export function createArtifactCache(options: { baseUrl: string; credential: string; fetch: typeof fetch; timeoutMs?: number }): ArtifactCache {
  const urlOf = (sha: string) => `${options.baseUrl}/v1/artifacts/${sha}`;
  const open = () => caches.open(CACHE_NAME);

  async function verify(bytes: Uint8Array<ArrayBuffer>, sha: string, size: number): Promise<void> {
    if (bytes.byteLength !== size) {
      throw new ArtifactRejectedError('size', `artifact ${sha} is ${bytes.byteLength} bytes, expected ${size}`, { expected: size, actual: bytes.byteLength, sha256: sha });
    }
    const actual = await sha256Hex(bytes);
    if (actual !== sha) throw new ArtifactRejectedError('sha256', `artifact hashes to ${actual}, expected ${sha}`, { expected: sha, actual });
  }

  async function fromCache(sha: string, size: number): Promise<Uint8Array<ArrayBuffer> | null> {
    const cache = await open();
    const hit = await cache.match(urlOf(sha));
    if (!hit) return null;
    const bytes = new Uint8Array(await hit.arrayBuffer());
    try {
      await verify(bytes, sha, size);
      return bytes;
    } catch {
      await cache.delete(urlOf(sha)); // damaged: download it again
      return null;
    }
  }

  async function download(sha: string): Promise<Uint8Array<ArrayBuffer>> {
    let response: Response;
    try {
      response = await options.fetch(urlOf(sha), {
        headers: { authorization: `Bearer ${options.credential}` },
        signal: AbortSignal.timeout(options.timeoutMs ?? 10 * 60_000),
        cache: 'no-store', // the HTTP cache would keep a second copy; Cache Storage is ours
      });
    } catch (cause) {
      throw new TransientError(`downloading artifact ${sha} failed: ${(cause as Error).message}`, { cause });
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new TransientError(`downloading artifact ${sha} failed: HTTP ${response.status}`);
    }
    return new Uint8Array(await response.arrayBuffer());
  }

  return {
    async get(sha, size) {
      const cached = await fromCache(sha, size);
      if (cached) return { bytes: cached, cached: true };
      const bytes = await download(sha);
      await verify(bytes, sha, size);
      try {
        const cache = await open();
        await cache.put(urlOf(sha), new Response(bytes, { headers: { 'content-type': 'application/octet-stream' } }));
      } catch {
        // Over quota: serve it now, download again next time.
      }
      return { bytes, cached: false };
    },
    async download(sha, size) {
      const bytes = await download(sha);
      await verify(bytes, sha, size);
      return bytes;
    },
    async prune(keep) {
      const cache = await open();
      let removed = 0;
      for (const request of await cache.keys()) {
        const sha = request.url.slice(request.url.lastIndexOf('/') + 1);
        if (!keep.has(sha) && (await cache.delete(request))) removed++;
      }
      return removed;
    },
  };
}
