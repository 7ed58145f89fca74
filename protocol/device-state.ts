import { z } from 'zod';
import { deviceIdSchema, enveloped } from './envelope.ts';
import { modelNameSchema, signedManifestSchema, variantSchema, versionSchema } from './models.ts';
import { profileRefSchema } from './profile.ts';
import { rolloutDirectiveSchema } from './rollouts.ts';

/** One model a device should serve, with the signed manifest of the variant chosen for it. */
export const desiredModelSchema = z.object({
  name: modelNameSchema,
  version: versionSchema,
  variant: variantSchema,
  /** Path on the control plane, relative to its base URL: `/v1/artifacts/<sha256>`. */
  artifactPath: z.string().startsWith('/v1/artifacts/'),
  signed: signedManifestSchema,
  /** The assignment that put it there, for people reading the state. */
  assignment: z.string().optional(),
  /** The version's reference profile, when one was built: window summaries are counted on it. */
  profile: profileRefSchema.optional(),
  /**
   * Present while the device is in a rollout's cohort for this model: serve the arms as directed
   * (protocol/rollouts.ts). The fields above stay the baseline, so an agent that ignores this keeps
   * serving the baseline.
   */
  rollout: rolloutDirectiveSchema.optional(),
});
export type DesiredModel = z.infer<typeof desiredModelSchema>;

/**
 * The state a device should converge to. Published retained on the device's MQTT topic and served
 * over REST. `revision` grows with each change so an agent can ignore stale copies.
 *
 * @example
 * desiredStateSchema.parse({ schemaVersion: 1, deviceId: 'dev_abc123', revision: 3, generatedAt: '…', models: [] })
 */
export const desiredStateSchema = z.object({
  schemaVersion: z.literal(1),
  deviceId: deviceIdSchema,
  revision: z.number().int().nonnegative(),
  generatedAt: z.iso.datetime(),
  models: z.array(desiredModelSchema),
});
export type DesiredState = z.infer<typeof desiredStateSchema>;

export const modelStatusSchema = z.enum(['downloading', 'verifying', 'loading', 'ready', 'failed', 'reverted']);

/** What the device actually runs, per model. */
export const reportedModelSchema = z.object({
  name: modelNameSchema,
  version: versionSchema.nullable(),
  variant: variantSchema.nullable(),
  executionProvider: z.string().nullable(),
  status: modelStatusSchema,
  lastError: z.string().nullable().optional(),
  desiredVersion: versionSchema.optional(),
});
export type ReportedModel = z.infer<typeof reportedModelSchema>;

export const reportedStateSchema = enveloped({
  desiredRevision: z.number().int().nonnegative().nullable(),
  models: z.array(reportedModelSchema),
});
export type ReportedState = z.infer<typeof reportedStateSchema>;

/**
 * Birth message (`online`) and Last Will (`offline`). The will is registered at connect time with
 * the sequence number reserved for it.
 */
export const presenceMessageSchema = enveloped({
  status: z.enum(['online', 'offline']),
  agentVersion: z.string().optional(),
  reason: z.string().optional(),
});
export type PresenceMessage = z.infer<typeof presenceMessageSchema>;

export const deviceEventTypeSchema = z.enum([
  'model.activated',
  'model.load_failed',
  'model.reverted',
  'artifact.rejected',
  'agent.started',
  'agent.error',
  /** The agent's summaries outbox went over its byte budget and dropped its oldest summaries. */
  'summaries.dropped',
]);

/** Something that happened on a device that people should see, with its evidence. */
export const deviceEventSchema = enveloped({
  type: deviceEventTypeSchema,
  model: modelNameSchema.optional(),
  version: versionSchema.optional(),
  message: z.string().max(2000),
  evidence: z.record(z.string(), z.unknown()).optional(),
});
export type DeviceEvent = z.infer<typeof deviceEventSchema>;

export const deviceIdParamSchema = z.object({ id: deviceIdSchema });
