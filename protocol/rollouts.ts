/**
 * Staged rollouts: the plan an admin writes (YAML `kind: Rollout`, `POST /v1/rollouts`, CLI) and
 * the directive a device in a rollout finds in its desired state. The engine, gates and decisions
 * live in control-plane/features/rollouts; reports in rollout-reports.ts.
 */
import { z } from 'zod';
import { resourceNameSchema } from './assignments.ts';
import { aliasSchema, modelNameSchema, signedManifestSchema, variantSchema, versionSchema } from './models.ts';
import { durationSchema } from './evaluation.ts';
import { profileRefSchema } from './profile.ts';

/** A traffic share in percent, 0-100, to 0.01 points (the cohort hash's resolution). */
export const sharePercentSchema = z
  .number()
  .min(0)
  .max(100)
  .refine((x) => Math.abs(x * 100 - Math.round(x * 100)) < 1e-9, 'shares are percentages with at most two decimals');

/** The request attribute whose value keeps a caller on one arm (a header or parameter name). */
export const stickyKeySchema = z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'a sticky key is 1-64 letters, digits or "_.:-"');

const rate = z.number().min(0).max(1);

/** A business event the candidate must not hurt: its rate per prediction, or the mean of its values. */
export const businessGuardrailSchema = z.object({
  event: z.string().min(1).max(64),
  measure: z.enum(['rate', 'value']).default('rate'),
  higherIsBetter: z.boolean().default(true),
  /** Tolerated relative change in the bad direction before it counts as harm (default 0.05). */
  maxDrop: rate.optional(),
});
export type BusinessGuardrail = z.infer<typeof businessGuardrailSchema>;

/**
 * Limits on the candidate. Absolute limits (`max*`, `minShadowAgreement`) compare the candidate's
 * observed value with the threshold once the step has its minimum samples; `*Increase`/`*Drop`
 * margins are the harm the comparison against the baseline tolerates before a significant
 * difference (sequential test, multiplicity-adjusted) rolls the candidate back.
 */
export const guardrailsSchema = z.object({
  maxErrorRate: rate.optional(),
  maxNanRate: rate.optional(),
  maxP95LatencyMs: z.number().positive().optional(),
  /** Largest PSI of an input feature between the arms: the split should not change what comes in. */
  maxFeatureDrift: z.number().positive().optional(),
  /** Largest Jensen-Shannon distance (base 2) between the arms' predicted-class or score histograms. */
  maxOutputShift: rate.optional(),
  /** Shadow steps: least share of requests on which candidate and baseline predict the same class. */
  minShadowAgreement: rate.optional(),
  /** Shadow steps: largest mean absolute difference of the primary scores on the same requests. */
  maxShadowOutputDelta: z.number().nonnegative().optional(),
  /** Absolute error-rate increase tolerated (default 0.005). */
  maxErrorRateIncrease: rate.optional(),
  /** Relative mean-latency increase tolerated (default 0.1 = +10%). */
  maxLatencyIncrease: z.number().nonnegative().optional(),
  /** Absolute accuracy drop on labelled traffic tolerated (default 0.01). */
  maxAccuracyDrop: rate.optional(),
  /** Absolute macro-F1 drop on labelled traffic tolerated, on point estimates (default 0.05). */
  maxF1Drop: rate.optional(),
  /** Relative mean-absolute-error increase tolerated for regression models (default 0.05). */
  maxMaeIncrease: z.number().nonnegative().optional(),
  business: z.array(businessGuardrailSchema).max(16).optional(),
});
export type Guardrails = z.infer<typeof guardrailsSchema>;

/** When a step has seen enough, and how its comparisons are tested. Every field has a default. */
export const gatesSchema = z.object({
  /** Predictions per arm before anything is decided (default 500). */
  minSamples: z.number().int().nonnegative().optional(),
  /** Devices reporting per arm (default 1). */
  minDevices: z.number().int().nonnegative().optional(),
  /** Labelled predictions per arm before accuracy and F1 count (default 100). */
  minLabels: z.number().int().nonnegative().optional(),
  /** A step lasts at least this long even when its data is in (default none). */
  minDuration: durationSchema.optional(),
  /** Devices that have not applied a step after this long stop blocking it (default 10m). */
  applyTimeout: durationSchema.optional(),
  /** Family-wise (Holm) or false-discovery (BH) level of the comparisons (default 0.05). */
  alpha: z.number().gt(0).lt(0.5).optional(),
  correction: z.enum(['holm', 'bh']).optional(),
  /** Per-arm sample size the sequential test is tightest at; fixed before the data (default 1000). */
  plannedSamples: z.number().int().positive().optional(),
  /** Power the reported minimum detectable effects are computed for (default 0.8). */
  power: z.number().gt(0).lt(1).optional(),
  guardrails: guardrailsSchema.optional(),
});
export type Gates = z.infer<typeof gatesSchema>;

const stepGates = { minDuration: durationSchema.optional(), gates: gatesSchema.optional() };

/** Candidate runs beside the baseline on the same requests of the cohort; its outputs are not served. */
export const shadowStepSchema = z.object({ deviceShare: sharePercentSchema.default(100), ...stepGates });
/** Cohort devices send `requestShare` percent of their requests to the candidate. */
export const canaryStepSchema = z.object({
  deviceShare: sharePercentSchema,
  requestShare: sharePercentSchema.default(100),
  stickyKey: stickyKeySchema.optional(),
  ...stepGates,
});
/** Hold the previous step's traffic for a while, or until `resume` when no duration is given. */
export const pauseStepSchema = z.object({ duration: durationSchema.optional() });
/** The candidate becomes the alias target (the baseline's alias unless another is named). */
export const promoteStepSchema = z.object({ alias: aliasSchema.optional() });

/**
 * One step, written as a single-key object, Argo Rollouts style:
 * `- shadow: {}`, `- canary: { deviceShare: 10 }`, `- pause: { duration: 1h }`, `- promote: {}`.
 */
export const rolloutStepSchema = z.union([
  z.strictObject({ shadow: shadowStepSchema }),
  z.strictObject({ canary: canaryStepSchema }),
  z.strictObject({ pause: pauseStepSchema }),
  z.strictObject({ promote: promoteStepSchema }),
]);
export type RolloutStep = z.infer<typeof rolloutStepSchema>;
export type RolloutStepKind = 'shadow' | 'canary' | 'pause' | 'promote';

/**
 * Which kind a step is.
 *
 * @example
 * stepKind({ canary: { deviceShare: 10, requestShare: 100 } }) // 'canary'
 */
export function stepKind(step: RolloutStep): RolloutStepKind {
  if ('shadow' in step) return 'shadow';
  if ('canary' in step) return 'canary';
  if ('pause' in step) return 'pause';
  return 'promote';
}

/**
 * The plan: which devices (selector or fleet), which model, baseline (alias or version) against
 * candidate version, the steps, and the gates every step uses unless it overrides them.
 *
 * @example
 * rolloutSpecSchema.parse({ model: 'bc', fleet: 'berlin', baseline: { alias: 'prod' }, candidate: { version: '2' },
 *   steps: [{ shadow: {} }, { canary: { deviceShare: 10 } }, { canary: { deviceShare: 50 } }, { canary: { deviceShare: 100 } }, { promote: {} }] })
 */
export const rolloutSpecSchema = z
  .object({
    model: modelNameSchema,
    selector: z.string().max(2000).optional(),
    fleet: resourceNameSchema.optional(),
    baseline: z
      .object({ alias: aliasSchema.optional(), version: versionSchema.optional() })
      .refine((b) => (b.alias === undefined) !== (b.version === undefined), 'give exactly one of alias and version'),
    candidate: z.object({ version: versionSchema }),
    /** Force a variant for both arms (default: the fleet's choice per device). */
    variant: variantSchema.optional(),
    steps: z.array(rolloutStepSchema).min(1).max(32),
    gates: gatesSchema.optional(),
    description: z.string().max(500).optional(),
  })
  .refine((s) => (s.selector === undefined) !== (s.fleet === undefined), {
    message: 'give exactly one of selector and fleet',
    path: ['selector'],
  })
  .refine((s) => s.steps.every((step, i) => !('promote' in step) || i === s.steps.length - 1), {
    message: 'promote can only be the last step',
    path: ['steps'],
  })
  .refine((s) => s.steps.every((step) => !('promote' in step) || step.promote.alias !== undefined || s.baseline.alias !== undefined), {
    message: 'a promote step needs an alias: name it, or give the baseline as an alias',
    path: ['steps'],
  });
export type RolloutSpec = z.infer<typeof rolloutSpecSchema>;

/** `POST /v1/rollouts`: create and start. */
export const createRolloutBodySchema = z.object({ name: resourceNameSchema, spec: rolloutSpecSchema });
export type CreateRolloutBody = z.infer<typeof createRolloutBodySchema>;

export const rolloutArmNameSchema = z.enum(['baseline', 'candidate']);
export type RolloutArmName = z.infer<typeof rolloutArmNameSchema>;

/** One arm a device serves: a complete, signed model like a top-level desired model. */
export const rolloutArmSchema = z.object({
  name: rolloutArmNameSchema,
  version: versionSchema,
  variant: variantSchema,
  artifactPath: z.string().startsWith('/v1/artifacts/'),
  signed: signedManifestSchema,
  /** Percent of requests this arm serves; the arms' shares add up to 100. */
  requestShare: sharePercentSchema,
  profile: profileRefSchema.optional(),
});
export type RolloutArm = z.infer<typeof rolloutArmSchema>;

/**
 * What a device in a rollout's cohort does with a model (field `rollout` of a desired model, whose
 * top-level version stays the baseline so an agent that ignores this keeps serving the baseline):
 * serve each arm's `requestShare` of requests — by `requestBucket(id, value of stickyKey)` when
 * the request carries the sticky key, else by a uniformly random bucket — label each arm's window
 * summaries with the arm's name, and, with `shadow`, also run that arm on every request the other
 * arm serves without returning its output. Arms with share 0 that are not shadowed need not load.
 *
 * @example
 * rolloutDirectiveSchema.parse({ id: 'ro_x', step: 1, arms: [baselineArm, candidateArm] })
 */
export const rolloutDirectiveSchema = z.object({
  id: z.string().min(1).max(64),
  /** Index of the step in the plan, for people and for summaries' provenance. */
  step: z.number().int().nonnegative(),
  arms: z.array(rolloutArmSchema).min(1).max(2),
  shadow: z.object({ arm: z.literal('candidate') }).optional(),
  stickyKey: stickyKeySchema.optional(),
});
export type RolloutDirective = z.infer<typeof rolloutDirectiveSchema>;

/**
 * Business-event names a shadowing agent records in the shadow arm's window summary, one per
 * compared request: agreement (value 1 when both arms predict the same class, else 0), the absolute
 * difference of the primary scores, and candidate minus baseline latency in milliseconds. They
 * ride in `business` so shadow comparisons need no new summary field.
 */
export const SHADOW_EVENTS = {
  agreement: 'edgefleet.shadow.agreement',
  outputDelta: 'edgefleet.shadow.output_delta',
  latencyDeltaMs: 'edgefleet.shadow.latency_delta_ms',
} as const;
