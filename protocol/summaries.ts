/**
 * The window summary a device sends every N predictions or T seconds: counts, per-feature
 * histograms on the reference profile's edges, output and latency distributions, feedback and
 * business events. Every part is a mergeable state (counts add, moments merge by Chan/Pébay), so
 * the control plane merges windows across time and devices exactly. Vectors are plain arrays
 * aligned with the profile (feature k of the summary is feature k of the profile), which keeps the
 * JSON small: no object per bin, no names repeated per window.
 */
import { z } from 'zod';
import { enveloped } from './envelope.ts';
import { modelNameSchema, sha256Schema, variantSchema, versionSchema } from './models.ts';
import { MAX_PROFILE_FEATURES } from './profile.ts';
import { createMoments, momentsSchema } from './stats/index.ts';
import type { Profile } from './profile.ts';

/**
 * Latency edges in milliseconds, log-spaced at 10 per decade from 0.1 ms to 100 s (each bin ~26%
 * wide), the resolution an SRE reads p50/p95/p99 at. Fixed, so every device and version compares.
 */
export const LATENCY_EDGES_MS: readonly number[] = Array.from({ length: 61 }, (_, i) => Number((10 ** ((i - 10) / 10)).toPrecision(6)));
/** Confidence bins of the reliability histogram (calibration curve, expected calibration error). */
export const RELIABILITY_EDGES: readonly number[] = Array.from({ length: 11 }, (_, i) => i / 10);
/** Most named business events one summary tracks; later names are counted in `dropped`. */
export const MAX_BUSINESS_EVENTS = 32;
/** Most classes for per-class feature histograms in feedback (K x top features x bins cells). */
export const MAX_PER_CLASS_CLASSES = 16;

function isCountArray(value: unknown): value is number[] {
  if (!Array.isArray(value)) return false;
  for (const x of value) if (typeof x !== 'number' || !Number.isInteger(x) || x < 0) return false;
  return true;
}

/**
 * A vector of counts. One check over the array instead of a schema per element: a summary holds
 * thousands of counts and the control plane validates every one it receives (5x faster with zod 4).
 */
export const countsSchema = z
  .custom<number[]>(isCountArray, { message: 'expected an array of non-negative integer counts' })
  .meta({ description: 'array of non-negative integer counts' });

export const armSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, 'arms are letters, digits, ".", "_", "-" (max 63)');

/**
 * One feature's window. Numeric: `counts` = [underflow, bins..., overflow] on the profile's edges,
 * plus moments. Categorical: `counts` = one per profile category, then OTHER.
 */
export const featureWindowSchema = z.object({
  counts: countsSchema,
  missing: z.number().int().nonnegative(),
  moments: momentsSchema.optional(),
});
export type FeatureWindow = z.infer<typeof featureWindowSchema>;

/** The primary output: score histogram on the profile's output edges (extended), moments, predicted classes. */
export const outputWindowSchema = z.object({
  scores: countsSchema,
  scoreMoments: momentsSchema,
  entropy: momentsSchema,
  classes: countsSchema,
});
export type OutputWindow = z.infer<typeof outputWindowSchema>;

/** Latency in ms on `LATENCY_EDGES_MS` (extended), with moments. */
export const latencyWindowSchema = z.object({ counts: countsSchema, moments: momentsSchema });

/** State of the device's error-stream detector (error-stream-detectors.ts); not a window statistic. */
export const detectorStateSchema = z.object({
  kind: z.enum(['ddm', 'page-hinkley']),
  state: z.array(z.number()).max(8),
  warning: z.boolean(),
  alarms: z.number().int().nonnegative(),
  lastAlarmAt: z.iso.datetime().optional(),
});
export type DetectorState = z.infer<typeof detectorStateSchema>;

/**
 * Labels that came back for earlier predictions. Classification (K classes): `labels` has K + 1
 * cells (the last: labels outside the classes), `confusion` is (K + 1) x K row-major (row = true
 * class, column = predicted), reliability bins on `RELIABILITY_EDGES`, `perClass` is K x T x bins
 * for the profile's T top features. Regression: label, residual (prediction - label) and absolute
 * error moments.
 */
export const feedbackWindowSchema = z.object({
  n: z.number().int().nonnegative(),
  labels: countsSchema.optional(),
  confusion: countsSchema.optional(),
  reliability: z.object({ counts: countsSchema, correct: countsSchema, confidenceSum: z.array(z.number()) }).optional(),
  perClass: countsSchema.optional(),
  labelMoments: momentsSchema.optional(),
  residuals: momentsSchema.optional(),
  absoluteErrors: momentsSchema.optional(),
  detector: detectorStateSchema.optional(),
});
export type FeedbackWindow = z.infer<typeof feedbackWindowSchema>;

/** Named business events (parallel arrays: names are data, not keys): counts and value moments. */
export const businessWindowSchema = z.object({
  names: z.array(z.string().min(1).max(64)).max(MAX_BUSINESS_EVENTS),
  counts: countsSchema,
  values: z.array(momentsSchema),
  dropped: z.number().int().nonnegative(),
});
export type BusinessWindow = z.infer<typeof businessWindowSchema>;

/** Infrastructure samples when the agent sends them: CPU as a fraction of the machine, memory in bytes. */
export const resourcesWindowSchema = z.object({ cpu: momentsSchema.optional(), memoryBytes: momentsSchema.optional() });

/** The mergeable part of a summary: what the control plane stores per time bucket. */
export const summaryStatsSchema = z.object({
  windowStart: z.iso.datetime(),
  windowEnd: z.iso.datetime(),
  counts: z.object({
    predictions: z.number().int().nonnegative(),
    errors: z.number().int().nonnegative(),
    nanOutputs: z.number().int().nonnegative(),
    /** Expectation violations, one per profile feature. */
    violations: countsSchema,
  }),
  features: z.array(featureWindowSchema).max(MAX_PROFILE_FEATURES),
  output: outputWindowSchema.optional(),
  latency: latencyWindowSchema,
  feedback: feedbackWindowSchema.optional(),
  business: businessWindowSchema.optional(),
  resources: resourcesWindowSchema.optional(),
});
export type SummaryStats = z.infer<typeof summaryStatsSchema>;

/** Which model a summary describes, and on which profile its vectors are aligned. */
export const summaryIdentityShape = {
  model: modelNameSchema,
  version: versionSchema,
  variant: variantSchema,
  /** Rollout arm (e.g. `baseline`, `candidate`); A/B reports compare arms. */
  arm: armSchema.default('baseline'),
  /** sha256 of the profile the vectors are aligned with; absent when the device had none. */
  profile: sha256Schema.optional(),
};

/**
 * A window summary on the `summaries` channel (MQTT) or `POST /v1/devices/{id}/summaries`.
 *
 * @example
 * windowSummarySchema.parse(closeWindow(window, { seq: 12, sentAt: new Date().toISOString() }))
 */
export const windowSummarySchema = enveloped({ ...summaryIdentityShape, ...summaryStatsSchema.shape });
export type WindowSummary = z.infer<typeof windowSummarySchema>;

/** The empty stats of a window aligned with `profile` (null: no features, no output). */
export function emptyStats(profile: Profile | null, windowStart: string): SummaryStats {
  const zeros = (n: number) => new Array<number>(n).fill(0);
  const features = (profile?.features ?? []).map((f) =>
    f.type === 'numeric'
      ? { counts: zeros(f.histogram.edges.length + 1), missing: 0, moments: createMoments() }
      : { counts: zeros(f.counts.categories.length + 1), missing: 0 },
  );
  const stats: SummaryStats = {
    windowStart, windowEnd: windowStart,
    counts: { predictions: 0, errors: 0, nanOutputs: 0, violations: zeros(features.length) },
    features,
    latency: { counts: zeros(LATENCY_EDGES_MS.length + 1), moments: createMoments() },
  };
  const output = profile?.output;
  if (output) {
    stats.output = {
      scores: zeros(output.scores.edges.length + 1), scoreMoments: createMoments(), entropy: createMoments(),
      classes: zeros(output.spec.classes?.length ?? 0),
    };
  }
  return stats;
}

/** Who sends a summary and what it describes. */
export interface SummaryIdentity {
  deviceId: string;
  model: string;
  version: string;
  variant: WindowSummary['variant'];
  arm?: string;
  /** sha256 of `profile` as the device received it. */
  profileSha256?: string;
}

/**
 * An empty summary for a window starting at `start` (ISO), aligned with `profile`.
 *
 * @example
 * emptySummary({ deviceId: 'dev_abc123', model: 'bc', version: '1', variant: 'fp32' }, profile, new Date().toISOString())
 */
export function emptySummary(identity: SummaryIdentity, profile: Profile | null, start: string): WindowSummary {
  return {
    schemaVersion: 1, deviceId: identity.deviceId, seq: 0, sentAt: start,
    model: identity.model, version: identity.version, variant: identity.variant, arm: identity.arm ?? 'baseline',
    ...(identity.profileSha256 ? { profile: identity.profileSha256 } : {}),
    ...emptyStats(profile, start),
  };
}
