import { z } from 'zod';
import {
  assignmentSchema, assignmentSpecSchema, createTokenBodySchema, createdTokenSchema, desiredStateSchema, deviceSchema,
  enrollRequestSchema, enrollResponseSchema, fleetSchema, fleetSpecSchema, modelSummarySchema, modelVersionSchema,
  patchDeviceBodySchema, reportedStateSchema, setAliasBodySchema, signingKeySchema, tokenInfoSchema,
} from '../../protocol/index.ts';
import { evaluationSetInfoSchema, gateSettingsSchema, gateViewSchema, variantJobSchema } from '../features/variants/variant-schemas.ts';
import { evaluationOperations } from '../features/evaluation/evaluation-operations.ts';
import { rolloutOperations } from '../features/rollouts/rollout-operations.ts';
import type { Operation } from './openapi.ts';

const list = <K extends string>(key: K, item: z.ZodType) => z.object({ [key]: z.array(item) } as Record<K, z.ZodArray<z.ZodType>>);
const auditEntrySchema = z.object({
  id: z.number().int(), at: z.string(), actor: z.string(), action: z.string(), target: z.string(), details: z.record(z.string(), z.unknown()),
});

/**
 * Every operation of the REST API, for `/openapi.json`. The bodies and responses are the same zod
 * schemas the routes parse with, so the document cannot drift from what the server accepts.
 */
export const apiOperations: readonly Operation[] = [
  { method: 'get', path: '/healthz', summary: 'Liveness', tag: 'operations', access: 'public', response: z.object({ status: z.string() }) },
  { method: 'get', path: '/readyz', summary: 'Readiness (503 while starting)', tag: 'operations', access: 'public', response: z.object({ status: z.string() }), errors: [503] },
  { method: 'get', path: '/metrics', summary: 'Prometheus metrics', tag: 'operations', access: 'public', response: 'text' },
  { method: 'get', path: '/v1/keys/signing', summary: 'Public key that signs manifests (pin it)', tag: 'models', access: 'public', response: signingKeySchema },

  { method: 'post', path: '/v1/tokens', summary: 'Create an API or enrollment token (secret returned once)', tag: 'tokens', access: 'admin', body: createTokenBodySchema, response: createdTokenSchema, status: 201 },
  { method: 'get', path: '/v1/tokens', summary: 'List tokens', tag: 'tokens', access: 'viewer', response: list('tokens', tokenInfoSchema) },
  { method: 'delete', path: '/v1/tokens/{id}', summary: 'Revoke a token', tag: 'tokens', access: 'admin', status: 204, errors: [404] },
  { method: 'get', path: '/v1/audit', summary: 'Audit log, newest first', tag: 'tokens', access: 'viewer', response: list('entries', auditEntrySchema) },

  { method: 'get', path: '/v1/models', summary: 'List models', tag: 'models', access: 'viewer', response: list('models', modelSummarySchema) },
  { method: 'get', path: '/v1/models/{name}', summary: 'One model with versions and aliases', tag: 'models', access: 'viewer', response: modelSummarySchema, errors: [404] },
  { method: 'post', path: '/v1/models/{name}/versions/{version}', summary: 'Push an ONNX file as a new immutable version', tag: 'models', access: 'admin', body: 'octet-stream', response: modelVersionSchema, status: 201, errors: [409, 413, 415] },
  { method: 'get', path: '/v1/models/{name}/versions/{version}', summary: 'A version with its variants and signed manifests', tag: 'models', access: 'viewer', response: modelVersionSchema, errors: [404] },
  { method: 'delete', path: '/v1/models/{name}/versions/{version}', summary: 'Delete a version (refused while in use)', tag: 'models', access: 'admin', status: 204, errors: [404, 409] },
  { method: 'post', path: '/v1/models/{name}/versions/{version}/variants/{variant}', summary: 'Add a variant built elsewhere', tag: 'models', access: 'admin', body: 'octet-stream', response: modelVersionSchema, status: 201, errors: [404, 409, 413, 415] },
  { method: 'get', path: '/v1/models/{name}/versions/{version}/jobs', summary: 'Variant build and gate jobs of a version, with status and progress', tag: 'models', access: 'viewer', response: list('jobs', variantJobSchema), errors: [404] },
  { method: 'put', path: '/v1/models/{name}/versions/{version}/evaluation-set', summary: 'Upload the JSONL evaluation set variants are gated on (re-gates them)', tag: 'models', access: 'admin', body: 'octet-stream', response: evaluationSetInfoSchema, errors: [404, 413] },
  { method: 'get', path: '/v1/models/{name}/versions/{version}/evaluation-set', summary: 'The evaluation set of a version', tag: 'models', access: 'viewer', response: evaluationSetInfoSchema, errors: [404] },
  { method: 'get', path: '/v1/models/{name}/gate', summary: 'The accuracy gate of a model (defaults when unset)', tag: 'models', access: 'viewer', response: gateViewSchema },
  { method: 'put', path: '/v1/models/{name}/gate', summary: 'Set the accuracy gate of a model (re-gates its variants)', tag: 'models', access: 'admin', body: gateSettingsSchema, response: gateViewSchema },
  { method: 'put', path: '/v1/models/{name}/aliases/{alias}', summary: 'Point an alias at a version', tag: 'models', access: 'admin', body: setAliasBodySchema, response: modelSummarySchema, errors: [404] },
  { method: 'delete', path: '/v1/models/{name}/aliases/{alias}', summary: 'Remove an alias', tag: 'models', access: 'admin', status: 204, errors: [404] },
  { method: 'get', path: '/v1/artifacts/{sha256}', summary: 'Download an artifact (Range, ETag)', tag: 'models', access: 'device', response: 'octet-stream', errors: [304, 404, 416] },

  { method: 'post', path: '/v1/enroll', summary: 'Enroll a device with an enrollment token', tag: 'fleet', access: 'public', body: enrollRequestSchema, response: enrollResponseSchema, status: 201, errors: [401] },
  { method: 'get', path: '/v1/devices', summary: 'List devices, filtered by a label selector', tag: 'fleet', access: 'viewer', query: z.object({ selector: z.string().optional() }), response: list('devices', deviceSchema) },
  { method: 'get', path: '/v1/devices/{id}', summary: 'One device', tag: 'fleet', access: 'device', response: deviceSchema, errors: [404] },
  { method: 'patch', path: '/v1/devices/{id}', summary: 'Change labels or name', tag: 'fleet', access: 'admin', body: patchDeviceBodySchema, response: deviceSchema, errors: [404] },
  { method: 'delete', path: '/v1/devices/{id}', summary: 'Remove a device and revoke its credential', tag: 'fleet', access: 'admin', status: 204, errors: [404] },
  { method: 'get', path: '/v1/devices/{id}/events', summary: 'Events a device reported', tag: 'fleet', access: 'device', errors: [404] },
  { method: 'get', path: '/v1/devices/{id}/desired-state', summary: 'Desired state (for agents that poll)', tag: 'fleet', access: 'device', response: desiredStateSchema, errors: [404] },
  { method: 'put', path: '/v1/devices/{id}/reported', summary: 'Report state over REST (same as MQTT)', tag: 'fleet', access: 'device', body: reportedStateSchema, errors: [404] },
  { method: 'get', path: '/v1/fleets', summary: 'List fleets', tag: 'fleet', access: 'viewer', response: list('fleets', fleetSchema) },
  { method: 'get', path: '/v1/fleets/{name}', summary: 'One fleet', tag: 'fleet', access: 'viewer', response: fleetSchema, errors: [404] },
  { method: 'put', path: '/v1/fleets/{name}', summary: 'Create or replace a fleet', tag: 'fleet', access: 'admin', body: fleetSpecSchema, response: fleetSchema },
  { method: 'delete', path: '/v1/fleets/{name}', summary: 'Delete a fleet (refused while assignments use it)', tag: 'fleet', access: 'admin', status: 204, errors: [404, 409] },
  { method: 'get', path: '/v1/assignments', summary: 'List assignments', tag: 'fleet', access: 'viewer', response: list('assignments', assignmentSchema) },
  { method: 'get', path: '/v1/assignments/{name}', summary: 'One assignment', tag: 'fleet', access: 'viewer', response: assignmentSchema, errors: [404] },
  { method: 'put', path: '/v1/assignments/{name}', summary: 'Create or replace an assignment', tag: 'fleet', access: 'admin', body: assignmentSpecSchema, response: assignmentSchema, errors: [404] },
  { method: 'delete', path: '/v1/assignments/{name}', summary: 'Delete an assignment', tag: 'fleet', access: 'admin', status: 204, errors: [404] },
  ...evaluationOperations,
  ...rolloutOperations,
  // Browser devices. Their WebSocket (GET /v1/device-socket, subprotocol edgefleet.device.v1) cannot be
  // described in OpenAPI 3.0; its frames are the zod schemas in protocol/device-socket.ts.
  { method: 'get', path: '/runtime/{file}', summary: 'The browser runtime: edgefleet.js (ES module) and its chunks', tag: 'browser', access: 'public', response: 'text', errors: [404, 503] },
  { method: 'get', path: '/runtime/ort/{file}', summary: 'onnxruntime-web WebAssembly files the runtime loads', tag: 'browser', access: 'public', response: 'octet-stream', errors: [304, 404] },
];
