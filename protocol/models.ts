import { z } from 'zod';
import { tensorSpecSchema } from './tensors.ts';

export const modelNameSchema = z
  .string()
  .regex(/^[a-z0-9]([a-z0-9._-]{0,62}[a-z0-9])?$/, 'model names are lowercase letters, digits, ".", "_", "-" (max 64)');
export const versionSchema = z
  .string()
  .regex(/^[A-Za-z0-9]([A-Za-z0-9._+-]{0,62})?$/, 'versions are letters, digits, ".", "_", "+", "-" (max 64)');
export const aliasSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{0,31}$/, 'aliases start with a letter: lowercase letters, digits, "_", "-" (max 32)');
export const variantSchema = z.enum(['fp32', 'fp16', 'int8']);
export type Variant = z.infer<typeof variantSchema>;
export const sha256Schema = z.string().regex(/^[a-f0-9]{64}$/, 'a sha256 is 64 lowercase hex digits');
export const artifactKindSchema = z.enum(['onnx', 'llm']);

/**
 * Local guardrail budget an agent enforces during probation after switching versions.
 * Absent fields fall back to the agent's configuration.
 */
export const guardrailBudgetSchema = z.object({
  p95LatencyMs: z.number().positive().optional(),
  maxFailureRate: z.number().min(0).max(1).optional(),
  maxNanRate: z.number().min(0).max(1).optional(),
});

/**
 * What the control plane signs for each artifact: the agent checks the downloaded bytes against
 * `sha256` and `size`, and the signature over this object, before loading anything.
 *
 * @example
 * manifestSchema.parse({ schemaVersion: 1, name: 'vad', version: '5', variant: 'fp32', kind: 'onnx',
 *   sha256: 'ab…', size: 2327524, inputs: [], outputs: [], opset: 16, createdAt: '2026-01-01T00:00:00Z' })
 */
export const manifestSchema = z.object({
  schemaVersion: z.literal(1),
  name: modelNameSchema,
  version: versionSchema,
  variant: variantSchema,
  kind: artifactKindSchema,
  sha256: sha256Schema,
  size: z.number().int().positive(),
  inputs: z.array(tensorSpecSchema),
  outputs: z.array(tensorSpecSchema),
  opset: z.number().int().nonnegative(),
  producer: z.string().optional(),
  budget: guardrailBudgetSchema.optional(),
  createdAt: z.iso.datetime(),
});
export type Manifest = z.infer<typeof manifestSchema>;

/** A manifest with its Ed25519 signature (base64) over `canonicalJson(manifest)`. */
export const signedManifestSchema = z.object({
  manifest: manifestSchema,
  signature: z.string().min(1),
  keyId: z.string().min(1),
});
export type SignedManifest = z.infer<typeof signedManifestSchema>;

/** The control plane's public signing key, pinned by agents at enrollment. */
export const signingKeySchema = z.object({
  keyId: z.string(),
  algorithm: z.literal('Ed25519'),
  /** SubjectPublicKeyInfo, DER, base64: what WebCrypto's importKey('spki') and Node's createPublicKey take. */
  publicKeySpki: z.string(),
});
export type SigningKey = z.infer<typeof signingKeySchema>;

export const variantInfoSchema = z.object({
  variant: variantSchema,
  sha256: sha256Schema,
  size: z.number().int(),
  status: z.enum(['ready', 'building', 'rejected', 'failed']),
  signed: signedManifestSchema.optional(),
  evidence: z.record(z.string(), z.unknown()).optional(),
});
export type VariantInfo = z.infer<typeof variantInfoSchema>;

export const modelVersionSchema = z.object({
  name: modelNameSchema,
  version: versionSchema,
  createdAt: z.iso.datetime(),
  createdBy: z.string().optional(),
  inputs: z.array(tensorSpecSchema),
  outputs: z.array(tensorSpecSchema),
  opset: z.number().int(),
  producer: z.string().optional(),
  variants: z.array(variantInfoSchema),
  aliases: z.array(aliasSchema),
});
export type ModelVersion = z.infer<typeof modelVersionSchema>;

export const modelSummarySchema = z.object({
  name: modelNameSchema,
  versions: z.array(versionSchema),
  aliases: z.record(aliasSchema, versionSchema),
  latestVersion: versionSchema.optional(),
  updatedAt: z.iso.datetime(),
});
export type ModelSummary = z.infer<typeof modelSummarySchema>;

export const setAliasBodySchema = z.object({ version: versionSchema });
