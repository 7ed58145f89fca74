/**
 * protocol/stats: the pure statistics shared by the edge agent, the browser runtime and the
 * control plane. No I/O and no Node-only imports: the browser runs this code.
 *
 * Conventions across the module:
 * - Sample values: NaN is missing data and is skipped (histograms count it as missing).
 * - Count vectors: finite and non-negative, paired vectors of equal length; anything else throws a
 *   RangeError (the zod schemas reject bad data at the boundary, so this is a programming error).
 * - No data (an empty sample or window): statistic and p-value are NaN, meaning "not testable".
 * - States that travel in summaries (moments, histograms, categorical counts) are plain JSON
 *   objects with a zod schema `fooSchema` and type `Foo`; their `add*` functions update in place
 *   (the streaming hot path), their `merge*` functions return a new state.
 */
export { logBeta, logGamma, regularizedBeta, regularizedGammaP, regularizedGammaQ, erf, erfc } from './special-functions.ts';
export { normalCdf, normalQuantile, normalSf } from './normal-distribution.ts';
export {
  chiSquaredQuantile,
  chiSquaredSf,
  noncentralTCdf,
  studentTQuantile,
  studentTSf,
  studentTTwoSidedP,
} from './sampling-distributions.ts';
export {
  kolmogorovSf,
  kolmogorovSmirnovSf,
  ksTwoSampleExactP,
  ksTwoSamplePValue,
  type KsPValueMethod,
} from './kolmogorov-distribution.ts';
export { ksTwoSampleBinnedTest, ksTwoSampleTest, type KsBinnedTestResult, type KsTestResult } from './ks-test.ts';
export { chiSquaredGoodnessOfFit, chiSquaredHomogeneity, type ChiSquaredTestResult } from './chi-squared-test.ts';
export { sampleRatioMismatch, type SampleRatioMismatchResult } from './sample-ratio-mismatch.ts';
export { twoProportionZTest, type ProportionArm, type TwoProportionTestResult } from './proportions-test.ts';
export { welchTTest, type SampleSummary, type WelchTestResult } from './welch-test.ts';
export {
  PSI_EPSILON,
  binnedWassersteinDistance,
  jensenShannonDistance,
  normalizedWasserstein,
  populationStabilityIndex,
  psiCriticalValue,
  wassersteinDistance,
} from './distances.ts';
export { benjaminiHochbergAdjust, holmAdjust } from './multiple-testing.ts';
export {
  PACKED_MOMENTS_CELLS,
  addToMoments,
  addToPackedMoments,
  addValuesToPackedMoments,
  createMoments,
  mergeMoments,
  momentsKurtosis,
  momentsOf,
  momentsSchema,
  momentsSkewness,
  momentsStd,
  momentsSummary,
  momentsVariance,
  packedMoments,
  unpackMoments,
  type Moments,
} from './moments.ts';
export {
  addToHistogram,
  createHistogram,
  cumulativeCounts,
  equalMassEdges,
  extendedCounts,
  histogramOf,
  histogramSchema,
  histogramTotal,
  mergeHistograms,
  normalizeCounts,
  type Histogram,
} from './histogram.ts';
export {
  MAX_CATEGORIES,
  addCategory,
  alignCategoricalCounts,
  categoricalCountsSchema,
  createCategoricalCounts,
  mergeCategoricalCounts,
  topCategories,
  type CategoricalCounts,
  type CategoricalValue,
} from './categorical-counts.ts';
export {
  alwaysValidMeanDifference,
  optimalMixtureRatio,
  type SequentialInput,
  type SequentialResult,
} from './sequential.ts';
export {
  minimumDetectableEffect,
  requiredSampleSize,
  twoSamplePower,
  type DetectableEffectInput,
  type PowerInput,
  type PowerMethod,
  type SampleSizeInput,
} from './power.ts';
export {
  MIN_EXPECTED_COUNT,
  MIN_KS_WINDOW,
  categoricalDrift,
  chooseCategoricalDriftTest,
  chooseNumericDriftTest,
  numericDrift,
  type DriftOptions,
  type DriftResult,
  type DriftTest,
} from './drift-rule.ts';
export {
  historyThreshold,
  multinomialSample,
  simulateNullThreshold,
  type HistoryThreshold,
  type NullSimulationInput,
  type NullSimulationResult,
} from './calibration.ts';
export { mulberry32, normalSampler, type RandomSource } from './mulberry32.ts';
