/**
 * The reference profile of a model version: which features to watch and how they looked on a
 * reference data set (held-out rows), plus the model's output and label distributions there.
 * Devices count their windows on the profile's edges and categories, so every window merges exactly
 * with every other and compares bin-for-bin with the reference. Built by `buildProfile`
 * (profile-builder.ts); devices receive it through the desired state (`DesiredModel.profile`).
 */
import { z } from 'zod';
import { categoricalCountsSchema, histogramSchema, momentsSchema } from './stats/index.ts';
import { modelNameSchema, sha256Schema, versionSchema } from './models.ts';

/** Most features one profile declares: a summary carries one histogram per feature. */
export const MAX_PROFILE_FEATURES = 512;
/** Numeric features whose per-class histograms travel in feedback (chosen by `buildProfile`). */
export const MAX_TOP_FEATURES = 3;

export const featureNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9_.:/\-[\] ]{1,128}$/, 'feature names are 1-128 letters, digits, spaces or "_.:/-[]"');

/** Statistics a tensor-summary feature can take of an input (per row, optionally per channel). */
export const tensorStatSchema = z.enum(['mean', 'std', 'min', 'max', 'rms']);
export type TensorStat = z.infer<typeof tensorStatSchema>;

/**
 * Where a feature's value comes from, per row of the batch (dimension 0 of the input):
 * - `element`: one element of an input, by flat index within the row (tabular models: a column);
 * - `tensor`: a statistic over the row's elements of an input (images, audio), or over one channel
 *   (the elements whose coordinate on `channelAxis`, counted without the batch dimension, is `channel`).
 *
 * @example
 * featureSourceSchema.parse({ kind: 'element', input: 'input', index: 3 })
 * featureSourceSchema.parse({ kind: 'tensor', input: 'image', stat: 'mean', channelAxis: 0, channel: 2 })
 */
export const featureSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('element'), input: z.string().min(1), index: z.number().int().nonnegative() }),
  z
    .object({
      kind: z.literal('tensor'),
      input: z.string().min(1),
      stat: tensorStatSchema,
      channelAxis: z.number().int().nonnegative().optional(),
      channel: z.number().int().nonnegative().optional(),
    })
    .refine((s) => (s.channelAxis === undefined) === (s.channel === undefined), {
      message: 'channelAxis and channel go together',
    }),
]);
export type FeatureSource = z.infer<typeof featureSourceSchema>;

/**
 * What a value must look like; a device counts each violation per feature. Categorical `allowed`
 * values compare as strings (a code 3 is "3").
 */
export const expectationsSchema = z.object({
  min: z.number().optional(),
  max: z.number().optional(),
  allowed: z.array(z.string()).max(1000).optional(),
  /** Default true: a missing value (NaN, null) is a violation only when this is false. */
  missingAllowed: z.boolean().optional(),
});
export type Expectations = z.infer<typeof expectationsSchema>;

/**
 * A declared feature. For `element` sources in a tabular data set the column of that name holds the
 * value. Categorical values are the numbers the model is fed, compared as strings.
 *
 * @example
 * featureDeclarationSchema.parse({ name: 'radius', type: 'numeric', source: { kind: 'element', input: 'input', index: 0 } })
 */
export const featureDeclarationSchema = z.object({
  name: featureNameSchema,
  type: z.enum(['numeric', 'categorical']),
  source: featureSourceSchema,
  expectations: expectationsSchema.optional(),
});
export type FeatureDeclaration = z.infer<typeof featureDeclarationSchema>;

/**
 * How to read the model's primary output, per row. Classification: `classes` names class k of the
 * output vector (a single-column output is the probability of `classes[1]`); `transform` turns raw
 * values into probabilities. Regression: the first value is the prediction.
 *
 * @example
 * outputSpecSchema.parse({ tensor: 'output', task: 'classification', classes: ['malignant', 'benign'], transform: 'softmax' })
 */
export const outputSpecSchema = z
  .object({
    tensor: z.string().min(1),
    task: z.enum(['classification', 'regression']),
    classes: z.array(z.string().min(1)).min(2).max(64).optional(),
    transform: z.enum(['none', 'softmax', 'sigmoid']).default('none'),
  })
  .refine((s) => s.task !== 'classification' || s.classes !== undefined, {
    message: 'classification outputs need their class labels',
  })
  .refine((s) => s.classes === undefined || new Set(s.classes).size === s.classes.length, {
    message: 'class labels must be unique',
  });
export type OutputSpec = z.infer<typeof outputSpecSchema>;

const numericFeatureProfileSchema = featureDeclarationSchema.extend({
  type: z.literal('numeric'),
  /** Equal-mass edges of the reference values, with its counts, under/overflow and missing. */
  histogram: histogramSchema,
  moments: momentsSchema,
});
const categoricalFeatureProfileSchema = featureDeclarationSchema.extend({
  type: z.literal('categorical'),
  /** Fixed vocabulary: the reference's top values (at most 64), the rest in OTHER. */
  counts: categoricalCountsSchema,
});
export const featureProfileSchema = z.discriminatedUnion('type', [numericFeatureProfileSchema, categoricalFeatureProfileSchema]);
export type FeatureProfile = z.infer<typeof featureProfileSchema>;
export type NumericFeatureProfile = z.infer<typeof numericFeatureProfileSchema>;
export type CategoricalFeatureProfile = z.infer<typeof categoricalFeatureProfileSchema>;

/** The model's output on the reference rows. */
export const outputProfileSchema = z.object({
  spec: outputSpecSchema,
  /** Classification: confidence of the predicted class on fixed edges 0, 0.05, ..., 1; regression: equal-mass edges. */
  scores: histogramSchema,
  scoreMoments: momentsSchema,
  /** Entropy (nats) of the class probabilities; empty for regression. */
  entropy: momentsSchema,
  /** Predicted-class counts, one per `spec.classes` entry (empty for regression). */
  classes: z.array(z.number().int().nonnegative()),
  /** Rows whose output held NaN or ±Infinity. */
  nanOutputs: z.number().int().nonnegative(),
});
export type OutputProfile = z.infer<typeof outputProfileSchema>;

/** The label column of the reference rows: class counts (classification) or moments and histogram. */
export const labelProfileSchema = z.object({
  column: z.string().min(1),
  /** Classification: one count per `output.spec.classes` entry, then one for labels outside them. */
  classes: z.array(z.number().int().nonnegative()).optional(),
  missing: z.number().int().nonnegative(),
  moments: momentsSchema.optional(),
  histogram: histogramSchema.optional(),
});
export type LabelProfile = z.infer<typeof labelProfileSchema>;

/** How the model did on the reference rows, when they had labels. */
export const referenceQualitySchema = z.object({
  n: z.number().int().nonnegative(),
  accuracy: z.number().optional(),
  mae: z.number().optional(),
  rmse: z.number().optional(),
});

/**
 * A model version's reference profile.
 *
 * @example
 * profileSchema.parse(buildProfile(rows, declarations, outputs, labels, { model: 'bc', version: '1', createdAt }))
 */
export const profileSchema = z.object({
  schemaVersion: z.literal(1),
  model: modelNameSchema,
  version: versionSchema,
  createdAt: z.iso.datetime(),
  rows: z.number().int().nonnegative(),
  features: z.array(featureProfileSchema).max(MAX_PROFILE_FEATURES),
  output: outputProfileSchema.optional(),
  labels: labelProfileSchema.optional(),
  /** Indices of numeric features whose per-class histograms feedback carries (most class-separating first). */
  topFeatures: z.array(z.number().int().nonnegative()).max(MAX_TOP_FEATURES).default([]),
  quality: referenceQualitySchema.optional(),
});
export type Profile = z.infer<typeof profileSchema>;

/**
 * Where a device finds the profile of a desired model: a content-addressed path on the control
 * plane and the sha256 of its bytes (the agent checks it before using the profile).
 */
export const profileRefSchema = z.object({
  path: z.string().startsWith('/v1/profiles/'),
  sha256: sha256Schema,
});
export type ProfileRef = z.infer<typeof profileRefSchema>;

/** Fixed score edges for class probabilities: 20 bins of 0.05, so every model version compares. */
export const PROBABILITY_EDGES: readonly number[] = Array.from({ length: 21 }, (_, i) => Math.round(i * 5) / 100);

/**
 * `POST /v1/models/{name}/versions/{version}/profile`: the declarations and a data set as text
 * (CSV with a header row, or JSON Lines), each row holding the feature columns and optionally the
 * label column; a JSONL row may instead carry a whole input as a flat array under the input's name.
 *
 * @example
 * profileRequestSchema.parse({ features: [...], output: { tensor: 'output', task: 'regression' }, format: 'csv', dataset: 'a,b\n1,2\n' })
 */
export const profileRequestSchema = z.object({
  features: z.array(featureDeclarationSchema).min(1).max(MAX_PROFILE_FEATURES),
  output: outputSpecSchema.optional(),
  labelColumn: z.string().min(1).optional(),
  format: z.enum(['csv', 'jsonl']).default('csv'),
  dataset: z.string().min(1),
  /** Equal-mass bins per numeric feature (default 50). */
  bins: z.number().int().min(2).max(200).optional(),
});
export type ProfileRequest = z.infer<typeof profileRequestSchema>;
