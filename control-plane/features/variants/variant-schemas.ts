/**
 * Bodies and answers of the variant routes (jobs, gate, evaluation set). They sit here rather than in
 * `protocol/` because only the control plane and the CLI read them; no agent does.
 */
import { z } from 'zod';
import { modelNameSchema, sha256Schema, variantSchema, versionSchema } from '../../../protocol/index.ts';
import { DEFAULT_MIN_TOP1_AGREEMENT } from './accuracy-gate.ts';

/** `PUT /v1/models/{name}/gate`. Unknown keys are refused so a typo does not silently keep the default. */
export const gateSettingsSchema = z.strictObject({
  /** Share of classifier rows whose arg-max must match FP32. */
  minTop1Agreement: z.number().min(0).max(1),
  /** Bound on the largest absolute difference from FP32, for every output; needed for regression outputs. */
  maxAbsError: z.number().positive().optional(),
  /** Allowed accuracy loss against FP32 when the evaluation set has labels; default 0.01. */
  maxAccuracyDrop: z.number().min(0).max(1).optional(),
});
export type GateSettings = z.infer<typeof gateSettingsSchema>;

export const DEFAULT_GATE: GateSettings = { minTop1Agreement: DEFAULT_MIN_TOP1_AGREEMENT };

export const gateViewSchema = gateSettingsSchema.extend({
  name: modelNameSchema,
  /** True when the model has no gate of its own and the defaults apply. */
  default: z.boolean(),
  updatedAt: z.string().optional(),
});
export type GateView = z.infer<typeof gateViewSchema>;

export const jobKindSchema = z.enum(['build', 'gate']);
export type JobKind = z.infer<typeof jobKindSchema>;
export const jobStatusSchema = z.enum(['queued', 'building', 'done', 'failed']);
export type JobStatus = z.infer<typeof jobStatusSchema>;

/** What became of one variant of a job. `skipped`: the builder had nothing to change (no weights to quantize). */
export const variantOutcomeSchema = z.object({
  status: z.enum(['ready', 'rejected', 'failed', 'skipped']),
  summary: z.string(),
  sha256: sha256Schema.optional(),
});
export type VariantOutcome = z.infer<typeof variantOutcomeSchema>;

export const variantJobSchema = z.object({
  id: z.number().int(),
  name: modelNameSchema,
  version: versionSchema,
  kind: jobKindSchema,
  variants: z.array(variantSchema),
  status: jobStatusSchema,
  /** 0..1 over all the job's variants (build, then each gate run). */
  progress: z.number(),
  step: z.string().nullable(),
  results: z.partialRecord(variantSchema, variantOutcomeSchema),
  error: z.string().nullable(),
  attempts: z.number().int(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type VariantJob = z.infer<typeof variantJobSchema>;

export const evaluationSetInfoSchema = z.object({
  name: modelNameSchema,
  version: versionSchema,
  sha256: sha256Schema,
  size: z.number().int(),
  rows: z.number().int(),
  labelled: z.boolean(),
  createdAt: z.string(),
});
export type EvaluationSetInfo = z.infer<typeof evaluationSetInfoSchema>;
