/**
 * What the control plane answers about rollouts: status (`GET /v1/rollouts/:name`), the decision
 * log with its evidence, and the experiment report per metric and arm. Numbers that can be undefined
 * (no data yet) are null: JSON has no NaN or Infinity.
 */
import { z } from 'zod';
import { rolloutSpecSchema } from './rollouts.ts';

const num = z.number().nullable();

export const rolloutStateSchema = z.enum(['running', 'paused', 'promoting', 'promoted', 'rolled_back', 'aborted', 'completed']);
export type RolloutState = z.infer<typeof rolloutStateSchema>;
/** States in which a rollout still steers devices: at most one per model and target. */
export const ACTIVE_ROLLOUT_STATES: readonly RolloutState[] = ['running', 'paused', 'promoting'];

export const decisionKindSchema = z.enum([
  'start', 'advance', 'hold', 'rollback', 'promote', 'complete', 'pause', 'resume', 'abort', 'update',
]);
export type DecisionKind = z.infer<typeof decisionKindSchema>;

/** One metric a gate looked at, with everything needed to check the decision by hand. */
export const metricEvidenceSchema = z.object({
  metric: z.string(),
  /** `guardrail`: candidate against an absolute threshold; `comparison`: candidate against baseline. */
  kind: z.enum(['guardrail', 'comparison']),
  unit: z.enum(['rate', 'ms', 'score', 'distance', 'value']),
  baseline: z.object({ n: z.number().int().nonnegative(), value: num }),
  candidate: z.object({ n: z.number().int().nonnegative(), value: num }),
  /** Guardrails: the limit; comparisons: the tolerated harm (margin), in the metric's unit. */
  threshold: num,
  /** candidate - baseline, with the always-valid (sequential) interval. */
  difference: num,
  differenceInterval: z.tuple([num, num]).nullable(),
  /** candidate / baseline - 1 with its delta-method 95% interval. */
  lift: num,
  liftInterval: z.tuple([num, num]).nullable(),
  /** Fixed-horizon two-sided p-value (Welch or two-proportion z, request level). */
  pValue: num,
  /** Welch on per-device values (devices are the randomisation unit of device-share steps). */
  perDevice: z.object({ baselineDevices: z.number().int(), candidateDevices: z.number().int(), pValue: num }).nullable(),
  /** Always-valid p-value for "harm beyond the margin", running minimum over the step's looks. */
  sequentialP: num,
  /** `sequentialP` after Holm or Benjamini-Hochberg across the step's comparisons. */
  adjustedP: num,
  /** Power to detect a difference of the margin at the current sample sizes, and the MDE at the gate's power. */
  power: num,
  minimumDetectableEffect: num,
  /** true passed, false broke, null not testable yet (too little data, no labels). */
  passed: z.boolean().nullable(),
  note: z.string().optional(),
});
export type MetricEvidence = z.infer<typeof metricEvidenceSchema>;

export const srmEvidenceSchema = z.object({
  unit: z.enum(['requests', 'devices']),
  observed: z.array(z.number()),
  expectedShares: z.array(z.number()),
  statistic: num,
  pValue: num,
  mismatch: z.boolean(),
});
export type SrmEvidence = z.infer<typeof srmEvidenceSchema>;

export const cohortCountsSchema = z.object({
  /** Devices the rollout's selector or fleet reaches that serve the model. */
  target: z.number().int().nonnegative(),
  /** Of those, devices the step's device share puts in the cohort. */
  cohort: z.number().int().nonnegative(),
  /** Reported the step's desired revision. */
  applied: z.number().int().nonnegative(),
  /** Online, not applied yet, within the apply timeout: they block the step. */
  pending: z.number().int().nonnegative(),
  /** Offline and not applied: counted, never blocking. */
  offline: z.number().int().nonnegative(),
  /** Online but past the apply timeout without applying: counted, no longer blocking. */
  timedOut: z.number().int().nonnegative(),
  /** Reported a failed or reverted model. */
  failed: z.number().int().nonnegative(),
});
export type CohortCounts = z.infer<typeof cohortCountsSchema>;

/** What a gate saw when it decided. */
export const gateEvidenceSchema = z.object({
  step: z.number().int(),
  stepKind: z.string(),
  since: z.iso.datetime(),
  cohort: cohortCountsSchema,
  samples: z.object({
    baseline: z.object({ predictions: z.number().int(), devices: z.number().int(), labels: z.number().int() }),
    candidate: z.object({ predictions: z.number().int(), devices: z.number().int(), labels: z.number().int() }),
  }),
  srm: srmEvidenceSchema.nullable(),
  metrics: z.array(metricEvidenceSchema),
  alpha: z.number(),
  correction: z.enum(['holm', 'bh']),
});
export type GateEvidence = z.infer<typeof gateEvidenceSchema>;

export const rolloutDecisionSchema = z.object({
  id: z.number().int(),
  at: z.iso.datetime(),
  step: z.number().int(),
  decision: decisionKindSchema,
  reason: z.string(),
  /** `engine` for gate decisions, the token or device for operator actions. */
  actor: z.string(),
  /** The metric that decided a rollback, when one did. */
  metric: z.string().nullable(),
  evidence: gateEvidenceSchema.nullable(),
});
export type RolloutDecision = z.infer<typeof rolloutDecisionSchema>;

/** `GET /v1/rollouts/:name`. */
export const rolloutViewSchema = z.object({
  name: z.string(),
  id: z.string(),
  spec: rolloutSpecSchema,
  state: rolloutStateSchema,
  step: z.number().int(),
  stepKind: z.string(),
  stepStartedAt: z.iso.datetime(),
  baselineVersion: z.string(),
  candidateVersion: z.string(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().nullable(),
  cohort: cohortCountsSchema,
  /** The latest gate verdict of the current step (holds included), null before the first tick. */
  gate: z.object({
    decision: decisionKindSchema, code: z.string().optional(), reason: z.string(), at: z.iso.datetime(), metric: z.string().nullable(),
  }).nullable(),
});
export type RolloutView = z.infer<typeof rolloutViewSchema>;

/** `GET /v1/rollouts/:name/experiment`: the current step's comparison, arm by arm. */
export const experimentReportSchema = z.object({
  rollout: z.string(),
  step: z.number().int(),
  stepKind: z.string(),
  since: z.iso.datetime(),
  until: z.iso.datetime(),
  arms: z.array(z.object({
    arm: z.string(), version: z.string(), devices: z.number().int(), predictions: z.number().int(), labels: z.number().int(),
  })),
  srm: srmEvidenceSchema.nullable(),
  metrics: z.array(metricEvidenceSchema),
  alpha: z.number(),
  correction: z.enum(['holm', 'bh']),
});
export type ExperimentReport = z.infer<typeof experimentReportSchema>;
