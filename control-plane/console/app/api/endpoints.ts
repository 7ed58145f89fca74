import { z } from 'zod';
import {
  assignmentSchema, desiredStateSchema, deviceSchema, fleetSchema, modelSummarySchema, modelVersionSchema,
  reportedStateSchema,
  type AssignmentSpec, type Device, type FleetSpec, type ReportedModel, type Variant,
} from '../protocol.ts';
import type { ApiClient } from './api-client.ts';
import { evaluationEndpoints } from './evaluation-endpoints.ts';
import { rolloutEndpoints } from './rollout-endpoints.ts';

// The REST operations the console calls (control-plane/http/api-operations.ts lists them all).
// Responses are parsed with the protocol's schemas; the two below have none there yet.

/** `GET /v1/devices/{id}/events` items (control-plane/features/fleet/devices.service.ts). */
export const deviceEventViewSchema = z.object({
  id: z.number().int(),
  seq: z.number().int(),
  type: z.string(),
  model: z.string().nullable(),
  version: z.string().nullable(),
  message: z.string(),
  evidence: z.record(z.string(), z.unknown()).nullable(),
  at: z.string(),
});
export type DeviceEventView = z.infer<typeof deviceEventViewSchema>;

/** `GET /v1/audit` items (control-plane/features/audit/audit.store.ts). */
export const auditEntrySchema = z.object({
  id: z.number().int(), at: z.string(), actor: z.string(), action: z.string(), target: z.string(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

const devicesBody = z.object({ devices: z.array(deviceSchema) });
const eventsBody = z.object({ events: z.array(deviceEventViewSchema) });
const modelsBody = z.object({ models: z.array(modelSummarySchema) });
const fleetsBody = z.object({ fleets: z.array(fleetSchema) });
const assignmentsBody = z.object({ assignments: z.array(assignmentSchema) });
const auditBody = z.object({ entries: z.array(auditEntrySchema) });

const e = encodeURIComponent;
type Opts = { signal?: AbortSignal };

export function createEndpoints(api: ApiClient) {
  return {
    listDevices: async (selector = '', o: Opts = {}) =>
      (await api.request('GET', `/v1/devices${selector ? `?selector=${e(selector)}` : ''}`, { schema: devicesBody, ...o })).devices,
    getDevice: (id: string, o: Opts = {}) => api.request('GET', `/v1/devices/${e(id)}`, { schema: deviceSchema, ...o }),
    deviceEvents: async (id: string, limit = 50, o: Opts = {}) =>
      (await api.request('GET', `/v1/devices/${e(id)}/events?limit=${limit}`, { schema: eventsBody, ...o })).events,
    desiredState: (id: string, o: Opts = {}) => api.request('GET', `/v1/devices/${e(id)}/desired-state`, { schema: desiredStateSchema, ...o }),

    listModels: async (o: Opts = {}) => (await api.request('GET', '/v1/models', { schema: modelsBody, ...o })).models,
    getModel: (name: string, o: Opts = {}) => api.request('GET', `/v1/models/${e(name)}`, { schema: modelSummarySchema, ...o }),
    getVersion: (name: string, version: string, o: Opts = {}) =>
      api.request('GET', `/v1/models/${e(name)}/versions/${e(version)}`, { schema: modelVersionSchema, ...o }),
    pushVersion: (p: { name: string; version: string; variant: Variant; file: Blob; onProgress?: (loaded: number, total: number) => void }) =>
      api.upload(`/v1/models/${e(p.name)}/versions/${e(p.version)}?variant=${p.variant}`, p.file, {
        schema: modelVersionSchema, ...(p.onProgress ? { onProgress: p.onProgress } : {}),
      }),
    setAlias: (name: string, alias: string, version: string) =>
      api.request('PUT', `/v1/models/${e(name)}/aliases/${e(alias)}`, { json: { version }, schema: modelSummarySchema }),
    deleteAlias: (name: string, alias: string) => api.request('DELETE', `/v1/models/${e(name)}/aliases/${e(alias)}`),

    listFleets: async (o: Opts = {}) => (await api.request('GET', '/v1/fleets', { schema: fleetsBody, ...o })).fleets,
    putFleet: (name: string, spec: FleetSpec) => api.request('PUT', `/v1/fleets/${e(name)}`, { json: spec, schema: fleetSchema }),
    deleteFleet: (name: string) => api.request('DELETE', `/v1/fleets/${e(name)}`),
    listAssignments: async (o: Opts = {}) => (await api.request('GET', '/v1/assignments', { schema: assignmentsBody, ...o })).assignments,
    putAssignment: (name: string, spec: AssignmentSpec) =>
      api.request('PUT', `/v1/assignments/${e(name)}`, { json: spec, schema: assignmentSchema }),
    deleteAssignment: (name: string) => api.request('DELETE', `/v1/assignments/${e(name)}`),

    listAudit: async (limit = 20, o: Opts = {}) => (await api.request('GET', `/v1/audit?limit=${limit}`, { schema: auditBody, ...o })).entries,

    ...rolloutEndpoints(api),
    ...evaluationEndpoints(api),
  };
}
export type Endpoints = ReturnType<typeof createEndpoints>;

/** The models a device reports running; empty when it has not reported (or reported garbage). */
export function reportedModels(device: Pick<Device, 'reported'>): ReportedModel[] {
  const parsed = reportedStateSchema.safeParse(device.reported);
  return parsed.success ? parsed.data.models : [];
}

/** The revision of the desired state the device last reported acting on, or null. */
export function reportedRevision(device: Pick<Device, 'reported'>): number | null {
  const parsed = reportedStateSchema.safeParse(device.reported);
  return parsed.success ? parsed.data.desiredRevision : null;
}
