import { z } from 'zod';
import { deviceIdSchema } from './envelope.ts';
import { labelsSchema } from './labels.ts';
import { signingKeySchema } from './models.ts';

/** What a device can run. Execution providers are the ones its onnxruntime build really has. */
export const capabilitiesSchema = z.object({
  agentVersion: z.string(),
  platform: z.enum(['node', 'browser']),
  os: z.string().optional(),
  arch: z.string().optional(),
  cpu: z.object({ model: z.string(), cores: z.number().int().positive() }),
  memoryBytes: z.number().int().nonnegative(),
  runtime: z.object({ name: z.string(), version: z.string() }),
  executionProviders: z.array(z.string()).min(1),
  gpus: z.array(z.object({ name: z.string(), memoryBytes: z.number().int().nonnegative().optional() })).default([]),
  webgpu: z.object({ available: z.boolean(), shaderF16: z.boolean() }).optional(),
});
export type Capabilities = z.infer<typeof capabilitiesSchema>;

export const tokenRoleSchema = z.enum(['admin', 'viewer', 'enroll']);
export type TokenRole = z.infer<typeof tokenRoleSchema>;

/** `POST /v1/tokens`. Enrollment tokens carry labels to stamp and a use limit. */
export const createTokenBodySchema = z.object({
  role: tokenRoleSchema,
  name: z.string().max(100).optional(),
  labels: labelsSchema.optional(),
  uses: z.number().int().positive().optional(),
  ttlSeconds: z.number().int().positive().optional(),
});
export type CreateTokenBody = z.infer<typeof createTokenBodySchema>;

export const tokenInfoSchema = z.object({
  id: z.string(),
  role: tokenRoleSchema,
  name: z.string().nullable(),
  labels: labelsSchema,
  usesLeft: z.number().int().nullable(),
  expiresAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  revokedAt: z.iso.datetime().nullable(),
});
export type TokenInfo = z.infer<typeof tokenInfoSchema>;
/** The secret is returned exactly once, at creation. */
export const createdTokenSchema = tokenInfoSchema.extend({ token: z.string() });
export type CreatedToken = z.infer<typeof createdTokenSchema>;

export const deviceNameSchema = z.string().min(1).max(100);

/** `POST /v1/enroll`, authenticated by the enrollment token in the body. */
export const enrollRequestSchema = z.object({
  token: z.string().min(1),
  name: deviceNameSchema,
  labels: labelsSchema.default({}),
  capabilities: capabilitiesSchema,
});
export type EnrollRequest = z.infer<typeof enrollRequestSchema>;

export const enrollResponseSchema = z.object({
  deviceId: deviceIdSchema,
  credential: z.string(),
  labels: labelsSchema,
  signingKey: signingKeySchema,
  mqtt: z.object({ port: z.number().int(), topicPrefix: z.string() }),
});
export type EnrollResponse = z.infer<typeof enrollResponseSchema>;

export const presenceStatusSchema = z.enum(['online', 'offline', 'unknown']);

export const deviceSchema = z.object({
  id: deviceIdSchema,
  name: deviceNameSchema,
  labels: labelsSchema,
  capabilities: capabilitiesSchema,
  presence: presenceStatusSchema,
  lastSeenAt: z.iso.datetime().nullable(),
  enrolledAt: z.iso.datetime(),
  reported: z.unknown().nullable(),
});
export type Device = z.infer<typeof deviceSchema>;

export const patchDeviceBodySchema = z.object({ labels: labelsSchema.optional(), name: deviceNameSchema.optional() });
