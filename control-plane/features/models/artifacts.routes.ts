import { Readable } from 'node:stream';
import { Hono } from 'hono';
import { EdgefleetError } from '../../../protocol/index.ts';
import type { AppEnv } from '../../http/app-env.ts';
import { decideRange, etagMatches } from './byte-range.ts';
import type { ModelsService } from './models.service.ts';

/**
 * `GET /v1/artifacts/:sha256` for agents and admins. The hash is the identity, so the ETag is the
 * hash and the body never changes: agents resume interrupted downloads with Range and skip ones
 * they already hold with If-None-Match.
 */
export function createArtifactRoutes(deps: { models: ModelsService }) {
  return new Hono<AppEnv>().get('/:sha256', (c) => {
    const artifact = deps.models.artifact(c.req.param('sha256'));
    const etag = `"${artifact.sha256}"`;
    c.header('ETag', etag);
    c.header('Accept-Ranges', 'bytes');
    // private: the response needs a credential, so shared caches must not keep it.
    c.header('Cache-Control', 'private, max-age=31536000, immutable');
    if (etagMatches(c.req.header('if-none-match'), etag)) return c.body(null, 304);

    // If-Range with another validator means "my partial copy is stale": send it whole.
    const ifRange = c.req.header('if-range');
    const rangeHeader = ifRange === undefined || ifRange.trim() === etag ? c.req.header('range') : undefined;
    const decision = decideRange(rangeHeader, artifact.size);
    if (decision.kind === 'unsatisfiable') {
      c.header('Content-Range', `bytes */${artifact.size}`);
      throw new EdgefleetError('RANGE_NOT_SATISFIABLE', `range "${rangeHeader ?? ''}" is outside the ${artifact.size} bytes of this artifact`, {
        details: { size: artifact.size },
      });
    }
    c.header('Content-Type', 'application/octet-stream');
    const range = decision.kind === 'partial' ? decision.range : undefined;
    const length = range ? range.end - range.start + 1 : artifact.size;
    c.header('Content-Length', String(length));
    if (range) c.header('Content-Range', `bytes ${range.start}-${range.end}/${artifact.size}`);
    const status = range ? 206 : 200;
    // HEAD is routed here too (Hono drops the body); do not open a file nobody will read.
    if (c.req.method === 'HEAD') return c.body(null, status);
    const stream = Readable.toWeb(artifact.open(range)) as ReadableStream<Uint8Array>;
    return c.body(stream, status);
  });
}
