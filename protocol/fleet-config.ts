import { z } from 'zod';
import { assignmentSpecSchema, fleetSpecSchema, resourceNameSchema } from './assignments.ts';
import { rolloutSpecSchema } from './rollouts.ts';

export const API_VERSION = 'edgefleet.io/v1';

const metadataSchema = z.object({
  name: resourceNameSchema,
  labels: z.record(z.string(), z.string()).optional(),
  annotations: z.record(z.string(), z.string()).optional(),
});

/**
 * The Kubernetes-style documents `edgefleet apply -f` reads from fleet-configs YAML.
 *
 * @example
 * configDocumentSchema.parse({ apiVersion: 'edgefleet.io/v1', kind: 'Fleet',
 *   metadata: { name: 'berlin' }, spec: { selector: 'site=berlin' } })
 */
export const configDocumentSchema = z.discriminatedUnion('kind', [
  z.object({ apiVersion: z.literal(API_VERSION), kind: z.literal('Fleet'), metadata: metadataSchema, spec: fleetSpecSchema }),
  z.object({
    apiVersion: z.literal(API_VERSION),
    kind: z.literal('ModelAssignment'),
    metadata: metadataSchema,
    spec: assignmentSpecSchema,
  }),
  z.object({ apiVersion: z.literal(API_VERSION), kind: z.literal('Rollout'), metadata: metadataSchema, spec: rolloutSpecSchema }),
]);
export type ConfigDocument = z.infer<typeof configDocumentSchema>;
export type ConfigKind = ConfigDocument['kind'];
