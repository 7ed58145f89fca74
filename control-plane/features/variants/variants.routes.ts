import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { EdgefleetError } from '../../../protocol/index.ts';
import type { AppEnv } from '../../http/app-env.ts';
import type { VariantsFeature } from './variants-feature.ts';

export interface VariantRoutesDeps {
  variants: Pick<VariantsFeature, 'jobs' | 'settings'>;
  limits: { maxArtifactBytes: number };
}

/**
 * Variant jobs, the per-model gate and per-version evaluation sets, under `/v1/models` beside the
 * registry's own routes.
 */
export function createVariantRoutes(deps: VariantRoutesDeps) {
  const { jobs, settings } = deps.variants;
  return new Hono<AppEnv>()
    .get('/:name/versions/:version/jobs', (c) => c.json({ jobs: jobs.list(c.req.param('name'), c.req.param('version')) }))
    .get('/:name/versions/:version/evaluation-set', (c) => c.json(settings.getEvaluationSet(c.req.param('name'), c.req.param('version'))))
    .put('/:name/versions/:version/evaluation-set', evaluationSetLimit(deps.limits.maxArtifactBytes), async (c) => {
      const info = await settings.putEvaluationSet(c.req.param('name'), c.req.param('version'), await c.req.text(), c.get('principal'));
      return c.json(info);
    })
    .get('/:name/gate', (c) => c.json(settings.getGate(c.req.param('name'))))
    .put('/:name/gate', async (c) => c.json(settings.setGate(c.req.param('name'), await c.req.json(), c.get('principal'))));
}

/**
 * JSONL as `application/x-ndjson` (or any text type) falls under the API's JSON limit (app.ts); a
 * large set goes as `application/octet-stream`, which app.ts lets through, so it is limited here.
 */
function evaluationSetLimit(maxBytes: number): MiddlewareHandler<AppEnv> {
  const limit = bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new EdgefleetError('PAYLOAD_TOO_LARGE', `evaluation sets are limited to ${maxBytes} bytes (maxArtifactBytes)`);
    },
  });
  return async (c, next) => {
    if ((c.req.header('content-type') ?? '').startsWith('application/octet-stream')) return limit(c, next);
    return next();
  };
}
