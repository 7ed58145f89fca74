/**
 * Which metrics a gate looks at, read off two arms: comparisons (candidate against baseline, tested)
 * and guardrails (candidate against absolute limits). Pure.
 */
import { SHADOW_EVENTS, type MetricEvidence, type SummaryStats } from '../../../protocol/index.ts';
import {
  chiSquaredHomogeneity,
  jensenShannonDistance,
  momentsSummary,
  populationStabilityIndex,
  type SampleSummary,
} from '../../../protocol/stats/index.ts';
import type { ArmData } from './arm-data.ts';
import {
  absoluteErrorsOf,
  accuracyOf,
  businessEventOf,
  errorsOf,
  labelsOf,
  latencyOf,
  latencyQuantile,
  macroF1Of,
  nanOutputsOf,
  rateOf,
  type Proportion,
} from './arm-stats.ts';
import { bernoulliSummary, nullable, type ComparisonInput } from './comparison.ts';
import type { ProfileAlignment } from './profile-alignment.ts';
import type { ResolvedGates } from './rollout-plan.ts';

const EMPTY: SampleSummary = { n: 0, mean: NaN, variance: NaN };
/** One-sided 0.001 normal quantile: the F1 guardrail's noise allowance. */
const F1_Z = 3.09;

function deviceValues(arm: ArmData, value: (s: SummaryStats) => number): number[] {
  return [...arm.perDevice.values()].map(value).filter(Number.isFinite);
}

function proportionComparison(
  metric: string, harm: 1 | -1, margin: number, minN: number,
  baseline: ArmData, candidate: ArmData, of: (s: SummaryStats) => Proportion,
): ComparisonInput {
  const zero = { successes: 0, trials: 0 };
  const b = baseline.merged ? of(baseline.merged) : zero;
  const c = candidate.merged ? of(candidate.merged) : zero;
  return {
    metric, unit: 'rate', harm, margin, minN,
    baseline: bernoulliSummary(b), candidate: bernoulliSummary(c), proportions: { baseline: b, candidate: c },
    perDevice: { baseline: deviceValues(baseline, (s) => rateOf(of(s))), candidate: deviceValues(candidate, (s) => rateOf(of(s))) },
  };
}

function meanComparison(
  metric: string, unit: MetricEvidence['unit'], harm: 1 | -1, relativeMargin: number, minN: number,
  baseline: ArmData, candidate: ArmData, of: (s: SummaryStats) => SampleSummary,
): ComparisonInput {
  const b = baseline.merged ? of(baseline.merged) : EMPTY;
  const c = candidate.merged ? of(candidate.merged) : EMPTY;
  // A relative margin is taken of the baseline's own mean: "+10% latency" means 10% of today's.
  const margin = Number.isFinite(b.mean) ? Math.abs(b.mean) * relativeMargin : 0;
  return {
    metric, unit, harm, margin, minN, baseline: b, candidate: c,
    perDevice: { baseline: deviceValues(baseline, (s) => of(s).mean), candidate: deviceValues(candidate, (s) => of(s).mean) },
    note: `margin is ${relativeMargin} of the baseline mean`,
  };
}

/** The comparisons of a step; labelled metrics only count with `minLabels` labels per arm. */
export function comparisonInputs(baseline: ArmData, candidate: ArmData, gates: ResolvedGates): ComparisonInput[] {
  const g = gates.guardrails;
  const out: ComparisonInput[] = [
    proportionComparison('error_rate', 1, g.maxErrorRateIncrease, 2, baseline, candidate, errorsOf),
    meanComparison('latency_mean_ms', 'ms', 1, g.maxLatencyIncrease, 2, baseline, candidate, (s) => momentsSummary(latencyOf(s))),
  ];
  const hasAccuracy = (baseline.merged && accuracyOf(baseline.merged).trials > 0) || (candidate.merged && accuracyOf(candidate.merged).trials > 0);
  if (hasAccuracy) out.push(proportionComparison('accuracy', -1, g.maxAccuracyDrop, gates.minLabels, baseline, candidate, accuracyOf));
  const hasMae = (baseline.merged?.feedback?.absoluteErrors?.count ?? 0) + (candidate.merged?.feedback?.absoluteErrors?.count ?? 0) > 0;
  if (hasMae) {
    out.push(meanComparison('mae', 'value', 1, g.maxMaeIncrease, gates.minLabels, baseline, candidate, (s) => momentsSummary(absoluteErrorsOf(s))));
  }
  for (const rule of g.business ?? []) {
    const harm = rule.higherIsBetter ? -1 : 1;
    const relative = rule.maxDrop ?? 0.05;
    if (rule.measure === 'value') {
      out.push(meanComparison(`business:${rule.event}`, 'value', harm, relative, 2, baseline, candidate,
        (s) => momentsSummary(businessEventOf(s, rule.event).values)));
    } else {
      // Events per prediction, as a proportion of predictions (an event at most once per prediction).
      const of = (s: SummaryStats): Proportion => ({
        successes: Math.min(businessEventOf(s, rule.event).count, s.counts.predictions), trials: s.counts.predictions,
      });
      const input = proportionComparison(`business:${rule.event}`, harm, 0, 2, baseline, candidate, of);
      input.margin = Number.isFinite(input.baseline.mean) ? input.baseline.mean * relative : 0;
      out.push(input);
    }
  }
  return out;
}

function guardrail(metric: string, unit: MetricEvidence['unit'], baselineValue: number, candidateValue: number,
  n: { baseline: number; candidate: number }, threshold: number, enough: boolean, ok: (value: number) => boolean, note?: string): MetricEvidence {
  const testable = enough && Number.isFinite(candidateValue);
  return {
    metric, kind: 'guardrail', unit,
    baseline: { n: n.baseline, value: nullable(baselineValue) },
    candidate: { n: n.candidate, value: nullable(candidateValue) },
    threshold, difference: nullable(candidateValue - baselineValue), differenceInterval: null, lift: null, liftInterval: null,
    pValue: null, perDevice: null, sequentialP: null, adjustedP: null, power: null, minimumDetectableEffect: null,
    passed: testable ? ok(candidateValue) : null,
    ...(note ? { note } : {}),
  };
}

/** Significance a distance must also reach to break its guardrail: noise alone must not roll back. */
const DISTANCE_ALPHA = 0.001;

interface Distance {
  value: number;
  /** The distance is above the limit and the chi-squared homogeneity test says it is no accident. */
  significant: (limit: number) => boolean;
  note: string;
}

/**
 * Largest PSI over input features whose histograms line up. With 50 bins and a few hundred rows
 * per arm, PSI from sampling noise alone is around chi2(49)·(1/n + 1/m) ≈ 0.16 at n = m = 600, so a
 * feature breaks the limit only when its arms also differ significantly (homogeneity p < 0.001).
 */
function featureDrift(b: SummaryStats, c: SummaryStats, alignment: ProfileAlignment | null): Distance {
  const rows: Array<{ k: number; psi: number; p: number }> = [];
  if (b.features.length === c.features.length) {
    b.features.forEach((f, k) => {
      const other = c.features[k]!;
      if (f.counts.length !== other.counts.length || alignment?.features[k] === false) return;
      const psi = populationStabilityIndex(f.counts, other.counts);
      if (Number.isFinite(psi)) rows.push({ k, psi, p: chiSquaredHomogeneity(f.counts, other.counts).pValue });
    });
  }
  const worst = rows.reduce<(typeof rows)[number] | null>((w, r) => (w && w.psi >= r.psi ? w : r), null);
  return {
    value: worst?.psi ?? NaN,
    significant: (limit) => rows.some((r) => r.psi > limit && r.p < DISTANCE_ALPHA),
    note: worst
      ? `largest PSI between the arms: feature ${worst.k} (homogeneity p ${worst.p.toPrecision(3)}); breaks only when also p < ${DISTANCE_ALPHA}`
      : 'no comparable features',
  };
}

/** JS distance (base 2) of predicted classes, else of scores, when the arms' histograms line up. */
function outputShift(b: SummaryStats, c: SummaryStats, alignment: ProfileAlignment | null): Distance {
  const [x, y] = [b.output, c.output];
  const pick = !x || !y ? null
    : x.classes.length > 0 && x.classes.length === y.classes.length && alignment?.classes !== false ? { what: 'predicted classes', p: x.classes, q: y.classes }
    : x.scores.length === y.scores.length && alignment?.scores !== false ? { what: 'scores', p: x.scores, q: y.scores } : null;
  if (!pick) return { value: NaN, significant: () => false, note: 'outputs not comparable' };
  const value = jensenShannonDistance(pick.p, pick.q, { base: 2 });
  const p = chiSquaredHomogeneity(pick.p, pick.q).pValue;
  return {
    value, significant: (limit) => value > limit && p < DISTANCE_ALPHA,
    note: `Jensen-Shannon distance (base 2) of the arms' ${pick.what} (homogeneity p ${p.toPrecision(3)}); breaks only when also p < ${DISTANCE_ALPHA}`,
  };
}

/** Shadow agreement from the agent's agreement events; without them, 1 - total variation bounds it from above. */
function shadowAgreement(b: SummaryStats, c: SummaryStats, alignment: ProfileAlignment | null): { value: number; bound: boolean } {
  const events = businessEventOf(c, SHADOW_EVENTS.agreement).values;
  if (events.count > 0) return { value: events.mean, bound: false };
  const [x, y] = [b.output?.classes, c.output?.classes];
  if (!x || !y || x.length === 0 || x.length !== y.length || alignment?.classes === false) return { value: NaN, bound: true };
  const [sx, sy] = [x.reduce((a, v) => a + v, 0), y.reduce((a, v) => a + v, 0)];
  if (sx === 0 || sy === 0) return { value: NaN, bound: true };
  const tv = 0.5 * x.reduce((a, v, i) => a + Math.abs(v / sx - y[i]! / sy), 0);
  return { value: 1 - tv, bound: true };
}

/** The configured absolute guardrails of a step, judged once the candidate has `minSamples` predictions. */
export function guardrailEvidence(
  baseline: ArmData, candidate: ArmData, gates: ResolvedGates, shadow: boolean, alignment: ProfileAlignment | null = null,
): MetricEvidence[] {
  const g = gates.guardrails;
  const b = baseline.merged;
  const c = candidate.merged;
  const n = { baseline: b?.counts.predictions ?? 0, candidate: c?.counts.predictions ?? 0 };
  const enough = n.candidate >= Math.max(1, gates.minSamples);
  const out: MetricEvidence[] = [];
  const limits: Array<[string, MetricEvidence['unit'], number | undefined, (s: SummaryStats) => number]> = [
    ['error_rate', 'rate', g.maxErrorRate, (s) => rateOf(errorsOf(s))],
    ['nan_rate', 'rate', g.maxNanRate, (s) => rateOf(nanOutputsOf(s))],
    ['latency_p95_ms', 'ms', g.maxP95LatencyMs, (s) => latencyQuantile(s, 0.95)],
  ];
  for (const [metric, unit, limit, of] of limits) {
    if (limit === undefined) continue;
    out.push(guardrail(metric, unit, b ? of(b) : NaN, c ? of(c) : NaN, n, limit, enough, (v) => v <= limit));
  }
  const both = b !== null && c !== null && n.baseline >= gates.minSamples;
  for (const [metric, limit, measure] of [
    ['feature_drift_psi', g.maxFeatureDrift, featureDrift],
    ['output_shift_js', g.maxOutputShift, outputShift],
  ] as const) {
    if (limit === undefined) continue;
    const distance = both ? measure(b, c, alignment) : { value: NaN, significant: () => false, note: 'needs both arms' };
    out.push(guardrail(metric, 'distance', 0, distance.value, n, limit, enough && both, () => !distance.significant(limit), distance.note));
  }
  if (g.minShadowAgreement !== undefined && shadow) {
    const agreement = b && c ? shadowAgreement(b, c, alignment) : { value: NaN, bound: true };
    const note = agreement.bound ? 'upper bound 1 - TV of predicted classes (no agreement events)' : undefined;
    const evidence = guardrail('shadow_agreement', 'rate', NaN, agreement.value, n, g.minShadowAgreement, enough && both,
      (v) => v >= g.minShadowAgreement!, note);
    // An upper bound can prove the limit broken, never kept.
    if (evidence.passed === true && agreement.bound) evidence.passed = null;
    out.push(evidence);
  }
  if (g.maxShadowOutputDelta !== undefined && shadow) {
    const delta = c ? businessEventOf(c, SHADOW_EVENTS.outputDelta).values : null;
    const value = delta && delta.count > 0 ? delta.mean : NaN;
    out.push(guardrail('shadow_output_delta', 'score', NaN, value, n, g.maxShadowOutputDelta, enough, (v) => v <= g.maxShadowOutputDelta!,
      'mean |candidate score - baseline score| on the same requests (agent shadow events)'));
  }
  const labels = { baseline: b ? labelsOf(b) : 0, candidate: c ? labelsOf(c) : 0 };
  if (b && c && (accuracyOf(b).trials > 0 || accuracyOf(c).trials > 0)) {
    const [fb, fc] = [macroF1Of(b), macroF1Of(c)];
    const labelled = labels.baseline >= gates.minLabels && labels.candidate >= gates.minLabels;
    // F1 has no exact test here: the drop must exceed the margin by F1_Z standard errors, so a few
    // hundred labels of noise (SE ~0.02) cannot roll a good candidate back on some tick.
    const se = Math.sqrt(fb.variance + fc.variance);
    const broken = (value: number) => fb.value - value - g.maxF1Drop > F1_Z * se;
    out.push(guardrail('macro_f1', 'score', fb.value, fc.value, labels, g.maxF1Drop, labelled, (v) => !broken(v),
      `threshold is the tolerated drop from the baseline; breaks when the drop exceeds it by ${F1_Z} standard errors (${se.toPrecision(2)})`));
  }
  return out;
}
