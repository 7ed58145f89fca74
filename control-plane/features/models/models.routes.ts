import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { EdgefleetError, parseOrThrow, setAliasBodySchema } from '../../../protocol/index.ts';
import type { AppEnv } from '../../http/app-env.ts';
import type { ModelsService } from './models.service.ts';

export interface ModelRoutesDeps {
  models: ModelsService;
  limits: { maxArtifactBytes: number };
}

/** Model registry under `/v1/models`. Uploads are raw ONNX bytes, not multipart: one file, one hash. */
export function createModelRoutes(deps: ModelRoutesDeps) {
  const { models } = deps;
  const upload = uploadLimit(deps.limits.maxArtifactBytes);
  return new Hono<AppEnv>()
    .get('/', (c) => c.json({ models: models.list() }))
    .get('/:name', (c) => c.json(models.getModel(c.req.param('name'))))
    .get('/:name/versions/:version', (c) => c.json(models.getVersion(c.req.param('name'), c.req.param('version'))))
    .post('/:name/versions/:version', upload, async (c) => {
      const bytes = await readOnnxBody(c);
      const created = await models.pushVersion(
        { name: c.req.param('name'), version: c.req.param('version'), variant: c.req.query('variant') ?? 'fp32', bytes },
        c.get('principal'),
      );
      return c.json(created, 201);
    })
    .post('/:name/versions/:version/variants/:variant', upload, async (c) => {
      const bytes = await readOnnxBody(c);
      const updated = await models.pushVariant(
        { name: c.req.param('name'), version: c.req.param('version'), variant: c.req.param('variant'), bytes },
        c.get('principal'),
      );
      return c.json(updated, 201);
    })
    .delete('/:name/versions/:version', (c) => {
      models.deleteVersion(c.req.param('name'), c.req.param('version'), c.get('principal'));
      return c.body(null, 204);
    })
    .put('/:name/aliases/:alias', async (c) => {
      const body = parseOrThrow(setAliasBodySchema, await c.req.json(), 'alias body');
      return c.json(models.setAlias(c.req.param('name'), c.req.param('alias'), body.version, c.get('principal')));
    })
    .delete('/:name/aliases/:alias', (c) => {
      models.deleteAlias(c.req.param('name'), c.req.param('alias'), c.get('principal'));
      return c.body(null, 204);
    });
}

/**
 * The content type is checked before the size limit so a JSON body sent by mistake gets 415, and
 * the limit applies to octet-stream bodies only (app.ts gives those a pass on the JSON limit).
 */
function uploadLimit(maxBytes: number): MiddlewareHandler<AppEnv> {
  const limit = bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new EdgefleetError('PAYLOAD_TOO_LARGE', `model uploads are limited to ${maxBytes} bytes (maxArtifactBytes)`, {
        details: { maxBytes },
      });
    },
  });
  return async (c, next) => {
    const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/octet-stream') {
      throw new EdgefleetError('UNSUPPORTED_MEDIA_TYPE', 'send the ONNX file as the raw body with Content-Type: application/octet-stream', {
        details: { contentType: type || null },
      });
    }
    return limit(c, next);
  };
}

async function readOnnxBody(c: Context<AppEnv>): Promise<Uint8Array> {
  return new Uint8Array(await c.req.arrayBuffer());
}
