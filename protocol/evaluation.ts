/**
 * Queries and answers of the control plane's evaluation API (`/v1/evaluation/*`): drift per
 * feature, quality per model/version/variant/arm, and time series for charts. Numbers that can be
 * undefined (no data, a zero spread) are null: JSON has no NaN or Infinity.
 */
import { z } from 'zod';
import { modelNameSchema, sha256Schema, variantSchema, versionSchema } from './models.ts';
import { armSchema } from './summaries.ts';

const durationPattern = /^(\d+)(s|m|h|d)$/;

/**
 * Seconds in a duration like `90s`, `15m`, `1h`, `7d`; NaN when it is not one.
 *
 * @example
 * durationSeconds('15m') // 900
 */
export function durationSeconds(text: string): number {
  const m = durationPattern.exec(text);
  if (!m) return NaN;
  return Number(m[1]) * { s: 1, m: 60, h: 3600, d: 86400 }[m[2] as 's' | 'm' | 'h' | 'd'];
}

export const durationSchema = z
  .string()
  .regex(durationPattern, 'durations look like 90s, 15m, 1h or 7d')
  .refine((d) => durationSeconds(d) > 0, 'a duration must be positive');

/** Filters every evaluation query shares. `since` is a duration back from now or an ISO instant. */
export const evaluationQuerySchema = z.object({
  model: modelNameSchema.optional(),
  version: versionSchema.optional(),
  variant: variantSchema.optional(),
  arm: armSchema.optional(),
  /** Device label selector: only devices it matches count. */
  selector: z.string().max(2000).optional(),
  since: z.union([durationSchema, z.iso.datetime()]).default('1h'),
  until: z.iso.datetime().optional(),
});
export type EvaluationQuery = z.infer<typeof evaluationQuerySchema>;

/** `GET /v1/evaluation/drift`. */
export const driftQuerySchema = evaluationQuerySchema.extend({
  /** Level for the BH-adjusted p-values (default 0.01). */
  alpha: z.coerce.number().gt(0).lt(1).optional(),
  /** The data set drifts when more than this share of features drift (default 0.5). */
  maxDriftedShare: z.coerce.number().min(0).max(1).optional(),
  /** `off` ignores the cohort's history and uses the reference-based thresholds only. */
  history: z.enum(['on', 'off']).default('on'),
});
export type DriftQuery = z.infer<typeof driftQuerySchema>;

const nullableNumber = z.number().nullable();

export const driftTestSchema = z.enum(['ks-binned', 'wasserstein-normalized', 'chi-squared', 'jensen-shannon', 'none']);
export const thresholdSourceSchema = z.enum(['alpha', 'null-simulation', 'history', 'none']);

/** One feature's drift: the test, its numbers, the threshold used, and both histograms for an overlay. */
export const featureDriftSchema = z.object({
  feature: z.string(),
  type: z.enum(['numeric', 'categorical']),
  test: driftTestSchema,
  statistic: nullableNumber,
  pValue: nullableNumber,
  /** Benjamini-Hochberg adjusted across the report's features that have a p-value. */
  adjustedP: nullableNumber,
  psi: nullableNumber,
  /** What the decision compared against: alpha for adjusted p, or a threshold on the statistic. */
  threshold: nullableNumber,
  thresholdSource: thresholdSourceSchema,
  /** Healthy past windows of this cohort that the history threshold used (0 without one). */
  historyWindows: z.number().int().nonnegative(),
  windowN: z.number().int().nonnegative(),
  drifted: z.boolean().nullable(),
  /** Numeric: edges and extended counts [under, bins..., over]; categorical: categories + OTHER. */
  reference: z.object({ edges: z.array(z.number()).optional(), categories: z.array(z.string()).optional(), counts: z.array(z.number()), mean: nullableNumber, std: nullableNumber }),
  current: z.object({ counts: z.array(z.number()), missing: z.number().int(), mean: nullableNumber, std: nullableNumber }),
});
export type FeatureDrift = z.infer<typeof featureDriftSchema>;

/** Drift of one model version's inputs (and outputs) over a window, fleet-wide or for a selection. */
export const driftReportSchema = z.object({
  model: modelNameSchema,
  version: versionSchema,
  profile: sha256Schema,
  variant: variantSchema.nullable(),
  arm: z.string().nullable(),
  selector: z.string().nullable(),
  since: z.iso.datetime(),
  until: z.iso.datetime(),
  predictions: z.number().int().nonnegative(),
  devices: z.number().int().nonnegative(),
  summaries: z.number().int().nonnegative(),
  alpha: z.number(),
  maxDriftedShare: z.number(),
  /** Dataset-level verdict; `reason` says which rule fired. */
  drifted: z.boolean(),
  driftedShare: z.number(),
  driftedFeatures: z.array(z.string()),
  reason: z.string(),
  features: z.array(featureDriftSchema),
  /** Prediction drift: the output score histogram and the predicted classes against the reference. */
  output: z.array(featureDriftSchema.extend({ type: z.enum(['numeric', 'categorical']) })),
});
export type DriftReport = z.infer<typeof driftReportSchema>;
export const driftReportsSchema = z.object({ reports: z.array(driftReportSchema) });

const summaryOfMoments = z.object({ mean: nullableNumber, max: nullableNumber });

/** Quality of one (model, version, variant, arm) over a window, in three tiers: infrastructure, model, business. */
export const qualityReportSchema = z.object({
  model: modelNameSchema,
  /** Profile the group's summaries were counted on (a version re-profiled mid-window shows as two groups). */
  profile: sha256Schema.nullable(),
  version: versionSchema,
  variant: variantSchema,
  arm: z.string(),
  since: z.iso.datetime(),
  until: z.iso.datetime(),
  devices: z.number().int().nonnegative(),
  summaries: z.number().int().nonnegative(),
  /** Summaries never received (sequence numbers skipped), from the devices in this group. */
  gaps: z.number().int().nonnegative(),
  tiers: z.object({
  infrastructure: z.object({
    predictions: z.number().int().nonnegative(),
    errors: z.number().int().nonnegative(),
    errorRate: nullableNumber,
    latencyMs: z.object({ p50: nullableNumber, p95: nullableNumber, p99: nullableNumber, mean: nullableNumber, max: nullableNumber }),
    cpu: summaryOfMoments.nullable(),
    memoryBytes: summaryOfMoments.nullable(),
  }),
  model: z.object({
    nanOutputs: z.number().int().nonnegative(),
    nanRate: nullableNumber,
    violations: z.array(z.object({ feature: z.string(), count: z.number().int(), rate: z.number() })),
    feedback: z.number().int().nonnegative(),
    accuracy: nullableNumber,
    macroF1: nullableNumber,
    classes: z.array(z.object({ label: z.string(), precision: nullableNumber, recall: nullableNumber, f1: nullableNumber, support: z.number().int(), predicted: z.number().int() })),
    labels: z.array(z.object({ label: z.string(), count: z.number().int() })),
    mae: nullableNumber,
    rmse: nullableNumber,
    bias: nullableNumber,
    expectedCalibrationError: nullableNumber,
    detector: z.object({ kind: z.string(), alarms: z.number().int(), warning: z.boolean(), lastAlarmAt: z.string().nullable() }).nullable(),
    referenceAccuracy: nullableNumber,
  }),
  business: z.object({
    events: z.array(z.object({ name: z.string(), count: z.number().int(), valueCount: z.number().int(), sum: z.number(), mean: nullableNumber })),
    dropped: z.number().int().nonnegative(),
  }),
  }),
});
export type QualityReport = z.infer<typeof qualityReportSchema>;
export const qualityReportsSchema = z.object({ groups: z.array(qualityReportSchema) });

/** Metrics `GET /v1/evaluation/timeseries` charts; `drift:<feature>`, `psi:<feature>` and `business:<name>` take a name. */
export const timeseriesMetrics = [
  'predictions', 'errors', 'error_rate', 'nan_rate', 'latency_p50', 'latency_p95', 'latency_p99', 'accuracy', 'mae', 'rmse',
  'cpu', 'memory_bytes', 'summaries', 'gaps', 'feedback',
] as const;
export const timeseriesMetricSchema = z.union([
  z.enum(timeseriesMetrics),
  z.string().regex(/^(drift|psi|business):.{1,128}$/, 'metric is one of the named metrics, drift:<feature>, psi:<feature> or business:<event>'),
]);

export const timeseriesQuerySchema = evaluationQuerySchema.extend({
  metric: timeseriesMetricSchema.default('predictions'),
  bucket: durationSchema.default('5m'),
});
export type TimeseriesQuery = z.infer<typeof timeseriesQuerySchema>;

export const timeseriesSchema = z.object({
  metric: z.string(),
  bucketSeconds: z.number().int().positive(),
  series: z.array(z.object({
    model: modelNameSchema,
    profile: sha256Schema.nullable(),
    version: versionSchema,
    variant: variantSchema,
    arm: z.string(),
    points: z.array(z.object({ t: z.iso.datetime(), value: nullableNumber, n: z.number().int().nonnegative() })),
  })),
});
export type Timeseries = z.infer<typeof timeseriesSchema>;

/** `GET /v1/evaluation/ingest`: what arrived per device, and what never did (sequence gaps). */
export const ingestStatusSchema = z.object({
  devices: z.array(z.object({
    deviceId: z.string(),
    summaries: z.number().int().nonnegative(),
    predictions: z.number().int().nonnegative(),
    gaps: z.number().int().nonnegative(),
    lastBucket: z.iso.datetime(),
  })),
});
export type IngestStatus = z.infer<typeof ingestStatusSchema>;

/** The answer to `POST /v1/models/{name}/versions/{version}/profile`. */
export const storedProfileSchema = z.object({
  model: modelNameSchema,
  version: versionSchema,
  sha256: sha256Schema,
  path: z.string(),
  createdAt: z.iso.datetime(),
  rows: z.number().int().nonnegative(),
  features: z.number().int().nonnegative(),
  quality: z.record(z.string(), z.number()).optional(),
});
export type StoredProfile = z.infer<typeof storedProfileSchema>;
