/**
 * Alert rules (`PUT /v1/alerts/rules/{name}`), alerts (`GET /v1/alerts`) and the JSON a webhook
 * receives. A rule is checked periodically; each subject it fires for (a model version, a cohort,
 * the fleet) is one alert, notified once while firing and not again within the cooldown.
 */
import { z } from 'zod';
import { durationSchema } from './evaluation.ts';
import { modelNameSchema, versionSchema } from './models.ts';

export const alertRuleNameSchema = z
  .string()
  .regex(/^[a-z0-9]([a-z0-9._-]{0,62}[a-z0-9])?$/, 'rule names are lowercase letters, digits, ".", "_", "-" (max 64)');

/** What a rule watches. */
export const alertConditionSchema = z.discriminatedUnion('kind', [
  /** The drift report's dataset verdict for a model (every version with data, or one). */
  z.object({
    kind: z.literal('drift'),
    model: modelNameSchema,
    version: versionSchema.optional(),
    window: durationSchema.default('1h'),
    alpha: z.number().gt(0).lt(1).optional(),
    maxDriftedShare: z.number().min(0).max(1).optional(),
  }),
  /** Error rate (errors / predictions) per model version, variant and arm above `above`. */
  z.object({
    kind: z.literal('error-rate'),
    model: modelNameSchema.optional(),
    above: z.number().min(0).max(1),
    window: durationSchema.default('15m'),
    /** Fewer predictions than this in the window never fire (a rate of 1 error in 2 says little). */
    minPredictions: z.number().int().nonnegative().default(100),
  }),
  /** More than `above` devices (matching `selector`) offline. */
  z.object({
    kind: z.literal('devices-offline'),
    selector: z.string().max(2000).default(''),
    above: z.number().int().nonnegative(),
  }),
]);
export type AlertCondition = z.infer<typeof alertConditionSchema>;

const webhookUrlSchema = z.url({ protocol: /^https?$/ }).max(2000);

/**
 * A rule as written.
 *
 * @example
 * alertRuleSpecSchema.parse({ condition: { kind: 'error-rate', above: 0.05 }, webhook: 'https://hooks.example.com/x' })
 */
export const alertRuleSpecSchema = z.object({
  condition: alertConditionSchema,
  webhook: webhookUrlSchema,
  /** After a notification, the same rule and subject are not notified again for this long (default 1h). */
  cooldownSeconds: z.number().int().nonnegative().default(3600),
  enabled: z.boolean().default(true),
  description: z.string().max(500).optional(),
});
export type AlertRuleSpec = z.infer<typeof alertRuleSpecSchema>;

export const alertRuleSchema = alertRuleSpecSchema.extend({ name: alertRuleNameSchema, updatedAt: z.iso.datetime() });
export type AlertRule = z.infer<typeof alertRuleSchema>;

/** One alert: a rule firing for a subject, open until the condition clears. */
export const alertSchema = z.object({
  id: z.number().int(),
  rule: alertRuleNameSchema,
  subject: z.string(),
  status: z.enum(['firing', 'resolved']),
  startedAt: z.iso.datetime(),
  resolvedAt: z.iso.datetime().nullable(),
  /** When the webhook last accepted a notification for it; null when suppressed or not delivered yet. */
  notifiedAt: z.iso.datetime().nullable(),
  /** `sent`, `pending` (delivery failed, retried on the next check) or `cooldown` (suppressed). */
  delivery: z.enum(['sent', 'pending', 'cooldown']),
  value: z.number().nullable(),
  message: z.string(),
});
export type Alert = z.infer<typeof alertSchema>;

export const alertsListSchema = z.object({ firing: z.array(alertSchema), recent: z.array(alertSchema) });

/** The JSON body POSTed to a rule's webhook. */
export const alertNotificationSchema = z.object({
  version: z.literal(1),
  status: z.enum(['firing', 'resolved']),
  rule: alertRuleNameSchema,
  subject: z.string(),
  startedAt: z.iso.datetime(),
  resolvedAt: z.iso.datetime().nullable(),
  value: z.number().nullable(),
  message: z.string(),
  details: z.record(z.string(), z.unknown()),
});
export type AlertNotification = z.infer<typeof alertNotificationSchema>;
