import { z } from 'zod';
import { aliasSchema, modelNameSchema, variantSchema, versionSchema } from './models.ts';

export const resourceNameSchema = z
  .string()
  .regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, 'names are lowercase letters, digits and "-" (max 63), like Kubernetes');

/** A named label selector: "the Berlin GPUs". Assignments may target a fleet by name. */
export const fleetSpecSchema = z.object({
  selector: z.string(),
  description: z.string().max(500).optional(),
});
export type FleetSpec = z.infer<typeof fleetSpecSchema>;

/**
 * "Devices matching this selector (or fleet) serve this model at this alias or version."
 * Exactly one of `alias` and `version`; exactly one of `selector` and `fleet`.
 */
export const assignmentSpecSchema = z
  .object({
    model: modelNameSchema,
    alias: aliasSchema.optional(),
    version: versionSchema.optional(),
    selector: z.string().optional(),
    fleet: resourceNameSchema.optional(),
    variant: variantSchema.optional(),
  })
  .refine((s) => (s.alias === undefined) !== (s.version === undefined), {
    message: 'give exactly one of alias and version',
    path: ['alias'],
  })
  .refine((s) => (s.selector === undefined) !== (s.fleet === undefined), {
    message: 'give exactly one of selector and fleet',
    path: ['selector'],
  });
export type AssignmentSpec = z.infer<typeof assignmentSpecSchema>;

export const fleetSchema = z.object({ name: resourceNameSchema, ...fleetSpecSchema.shape, updatedAt: z.iso.datetime() });
export type Fleet = z.infer<typeof fleetSchema>;
export const assignmentSchema = z.object({
  name: resourceNameSchema,
  spec: assignmentSpecSchema,
  updatedAt: z.iso.datetime(),
});
export type Assignment = z.infer<typeof assignmentSchema>;
