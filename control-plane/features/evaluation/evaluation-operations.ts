import { z } from 'zod';
import {
  alertRuleSchema, alertRuleSpecSchema, alertsListSchema, driftQuerySchema, driftReportsSchema, evaluationQuerySchema,
  ingestStatusSchema, profileRequestSchema, profileSchema, qualityReportsSchema, storedProfileSchema, timeseriesQuerySchema,
  timeseriesSchema, windowSummarySchema,
} from '../../../protocol/index.ts';
import type { Operation } from '../../http/openapi.ts';

const accepted = z.object({ accepted: z.boolean(), reason: z.string().optional() });
const evaluationResult = z.object({
  rules: z.number().int(), fired: z.number().int(), resolved: z.number().int(), sent: z.number().int(), failed: z.number().int(),
  suppressed: z.number().int(), errors: z.array(z.object({ rule: z.string(), message: z.string() })),
});

/** The evaluation feature's operations for `/openapi.json` (api-operations.ts lists them). */
export const evaluationOperations: readonly Operation[] = [
  { method: 'post', path: '/v1/models/{name}/versions/{version}/profile', summary: 'Build the reference profile from a data set (runs the model on every row)', tag: 'evaluation', access: 'admin', body: profileRequestSchema, response: storedProfileSchema, status: 201, errors: [404, 413] },
  { method: 'get', path: '/v1/models/{name}/versions/{version}/profile', summary: 'The current reference profile of a version', tag: 'evaluation', access: 'viewer', response: profileSchema, errors: [404] },
  { method: 'get', path: '/v1/profiles/{sha256}', summary: 'A profile by hash, as devices download it (ETag, immutable)', tag: 'evaluation', access: 'device', response: profileSchema, errors: [304, 404] },
  { method: 'post', path: '/v1/devices/{id}/summaries', summary: 'Send a window summary over REST (same ingest as MQTT)', tag: 'evaluation', access: 'device', body: windowSummarySchema, response: accepted, errors: [404] },
  { method: 'get', path: '/v1/evaluation/drift', summary: 'Drift per feature against the reference profile, per model version', tag: 'evaluation', access: 'viewer', query: driftQuerySchema, response: driftReportsSchema },
  { method: 'get', path: '/v1/evaluation/quality', summary: 'Infrastructure, model and business quality per model, version, variant and arm', tag: 'evaluation', access: 'viewer', query: evaluationQuerySchema, response: qualityReportsSchema },
  { method: 'get', path: '/v1/evaluation/timeseries', summary: 'One metric per time bucket, for charts', tag: 'evaluation', access: 'viewer', query: timeseriesQuerySchema, response: timeseriesSchema },
  { method: 'get', path: '/v1/evaluation/ingest', summary: 'Summaries received and sequence gaps per device', tag: 'evaluation', access: 'viewer', query: evaluationQuerySchema, response: ingestStatusSchema },
  { method: 'get', path: '/v1/alerts', summary: 'Firing and recent alerts', tag: 'evaluation', access: 'viewer', response: alertsListSchema },
  { method: 'get', path: '/v1/alerts/rules', summary: 'Alert rules', tag: 'evaluation', access: 'viewer', response: z.object({ rules: z.array(alertRuleSchema) }) },
  { method: 'get', path: '/v1/alerts/rules/{name}', summary: 'One alert rule', tag: 'evaluation', access: 'viewer', response: alertRuleSchema, errors: [404] },
  { method: 'put', path: '/v1/alerts/rules/{name}', summary: 'Create or replace an alert rule', tag: 'evaluation', access: 'admin', body: alertRuleSpecSchema, response: alertRuleSchema },
  { method: 'delete', path: '/v1/alerts/rules/{name}', summary: 'Delete an alert rule', tag: 'evaluation', access: 'admin', status: 204, errors: [404] },
  { method: 'post', path: '/v1/alerts/evaluate', summary: 'Check the alert rules now', tag: 'evaluation', access: 'admin', response: evaluationResult },
];
