import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import {
  EdgefleetError,
  deviceIdParamSchema,
  driftQuerySchema,
  evaluationQuerySchema,
  parseOrThrow,
  profileRequestSchema,
  sha256Schema,
  timeseriesQuerySchema,
  windowSummarySchema,
} from '../../../protocol/index.ts';
import type { AppEnv } from '../../http/app-env.ts';
import { assertSelf } from '../fleet/route-guards.ts';
import type { EvaluationQueries } from './evaluation-queries.service.ts';
import type { ProfilesService } from './profiles.service.ts';
import type { SummaryIngestService } from './summary-ingest.service.ts';

/** Largest profile request (declarations + data set) by default: 32 MiB. */
export const DEFAULT_MAX_DATASET_BYTES = 32 * 1024 * 1024;

/** `/v1/evaluation/*`: drift, quality, time series and ingest status (any API token). */
export function createEvaluationRoutes(deps: { queries: EvaluationQueries }) {
  const { queries } = deps;
  return new Hono<AppEnv>()
    .get('/drift', (c) => c.json(queries.drift(parseOrThrow(driftQuerySchema, c.req.query(), 'drift query'))))
    .get('/quality', (c) => c.json(queries.quality(parseOrThrow(evaluationQuerySchema, c.req.query(), 'quality query'))))
    .get('/timeseries', (c) => c.json(queries.timeseries(parseOrThrow(timeseriesQuerySchema, c.req.query(), 'time series query'))))
    .get('/ingest', (c) => c.json(queries.ingestStatus(parseOrThrow(evaluationQuerySchema, c.req.query(), 'ingest query'))));
}

/**
 * `/v1/models/{name}/versions/{version}/profile`, mounted beside the model routes. The body is JSON
 * (`profileRequestSchema`: declarations plus the data set as CSV or JSONL text) with its own size
 * limit, since data sets outgrow the API's JSON limit (app.ts lets this path through).
 */
export function createProfileRoutes(deps: { profiles: ProfilesService; maxDatasetBytes?: number }) {
  const { profiles } = deps;
  const maxBytes = deps.maxDatasetBytes ?? DEFAULT_MAX_DATASET_BYTES;
  const limit = bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new EdgefleetError('PAYLOAD_TOO_LARGE', `profile requests are limited to ${maxBytes} bytes`, { details: { maxBytes } });
    },
  });
  return new Hono<AppEnv>()
    .post('/:name/versions/:version/profile', limit, async (c) => {
      const body = parseOrThrow(profileRequestSchema, await c.req.json(), 'profile request');
      const stored = await profiles.build(c.req.param('name'), c.req.param('version'), body, c.get('principal'));
      return c.json(stored, 201);
    })
    .get('/:name/versions/:version/profile', (c) => {
      const { sha256 } = profiles.get(c.req.param('name'), c.req.param('version'));
      c.header('ETag', `"${sha256}"`);
      c.header('Content-Type', 'application/json');
      return c.body(profiles.body(sha256));
    });
}

/** `/v1/profiles/{sha256}`: the profile bytes devices download (content-addressed, so cacheable forever). */
export function createProfileDownloadRoutes(deps: { profiles: ProfilesService }) {
  return new Hono<AppEnv>().get('/:sha256', (c) => {
    const sha256 = parseOrThrow(sha256Schema, c.req.param('sha256'), 'profile hash');
    const etag = `"${sha256}"`;
    if (c.req.header('if-none-match') === etag) return c.body(null, 304);
    const body = deps.profiles.body(sha256);
    c.header('ETag', etag);
    c.header('Cache-Control', 'private, max-age=31536000, immutable');
    c.header('Content-Type', 'application/json');
    return c.body(body);
  });
}

/**
 * `POST /v1/devices/{id}/summaries`: a window summary over REST, for agents without MQTT, through
 * the same ingest as the MQTT handler. 200 `{accepted: true}`, or `{accepted: false, reason:
 * 'duplicate'}` for a (device, seq) already stored; 400 for a summary that can never be accepted.
 * The answer waits for the group commit holding the summary; 503 when it could not be stored.
 */
export function createDeviceSummaryRoutes(deps: { ingest: Pick<SummaryIngestService, 'submit'> }) {
  return new Hono<AppEnv>().post('/:id/summaries', async (c) => {
    const id = parseOrThrow(deviceIdParamSchema, { id: c.req.param('id') }, 'device id').id;
    assertSelf(c.get('principal'), id);
    const raw = await c.req.text(); // kept: ingest stores the summary as received
    const summary = parseOrThrow(windowSummarySchema, JSON.parse(raw), 'window summary');
    if (summary.deviceId !== id) throw new EdgefleetError('VALIDATION_FAILED', `the summary names device ${summary.deviceId}, the URL ${id}`);
    const result = await deps.ingest.submit(summary, raw);
    if (result.accepted) return c.json({ accepted: true });
    if (result.reason === 'unknown_device') throw new EdgefleetError('NOT_FOUND', `no device with id ${id}`);
    if (result.reason === 'duplicate') return c.json({ accepted: false, reason: 'duplicate' });
    throw new EdgefleetError('VALIDATION_FAILED', `summary not accepted (${result.reason})${result.detail ? `: ${result.detail}` : ''}`, {
      details: { reason: result.reason },
    });
  });
}
