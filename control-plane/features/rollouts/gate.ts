/**
 * The gate of a shadow or canary step: advance, hold or roll back, with the evidence. Pure: the
 * service loads the arms and persists the returned sequential state.
 *
 * Order of the rules, and why:
 * 1. too few predictions or devices in an arm: hold (no traffic never promotes and never fails);
 * 2. sample ratio mismatch (chi-squared, p < 0.001): hold, since the split itself is broken and no
 *    comparison can be trusted (Fabijan et al. 2019);
 * 3. a comparison showing harm beyond its margin (always-valid p, Holm or BH across metrics), or an
 *    absolute guardrail broken: roll back, naming every metric that broke;
 * 4. devices still applying the step (online, within the apply timeout): hold;
 * 5. the step's minimum duration not yet over: hold;
 * 6. otherwise advance.
 */
import type { CohortCounts, GateEvidence, MetricEvidence, SrmEvidence } from '../../../protocol/index.ts';
import { benjaminiHochbergAdjust, holmAdjust, sampleRatioMismatch } from '../../../protocol/stats/index.ts';
import type { ArmData } from './arm-data.ts';
import { labelsOf } from './arm-stats.ts';
import { compareArms, nullable, type SequentialState } from './comparison.ts';
import { comparisonInputs, guardrailEvidence } from './gate-metrics.ts';
import type { ProfileAlignment } from './profile-alignment.ts';
import type { ExperimentDesign, ResolvedGates } from './rollout-plan.ts';

/** Carried between looks within a step; reset when the step changes. */
export interface GateState {
  sequential: Record<string, SequentialState>;
}

export interface GateInput {
  step: number;
  stepKind: string;
  /** ISO start of the data window (the step's start). */
  since: string;
  now: Date;
  stepStartedAt: string;
  gates: ResolvedGates;
  design: ExperimentDesign;
  shadow: boolean;
  baseline: ArmData;
  candidate: ArmData;
  cohort: CohortCounts;
  state: GateState;
  /** Which of the arms' histograms line up (null or absent: judged by vector lengths). */
  alignment?: ProfileAlignment | null;
}

export interface GateVerdict {
  decision: 'advance' | 'hold' | 'rollback';
  /** Which rule decided; repeated holds with the same code are logged once. */
  code: 'not_enough_data' | 'srm' | 'guardrail' | 'harm' | 'pending_devices' | 'min_duration' | 'passed';
  reason: string;
  /** The metric behind a rollback (or an SRM hold). */
  metric: string | null;
  evidence: GateEvidence;
  state: GateState;
}

/** Expected counts below this make the chi-squared SRM check unreliable; it is skipped then. */
const MIN_SRM_EXPECTED = 5;

function srmCheck(design: ExperimentDesign, baseline: ArmData, candidate: ArmData): SrmEvidence | null {
  const observed = design.unit === 'requests'
    ? [baseline.merged?.counts.predictions ?? 0, candidate.merged?.counts.predictions ?? 0]
    : [baseline.perDevice.size, candidate.perDevice.size];
  const total = observed[0]! + observed[1]!;
  const shares = design.expectedShares;
  const sum = shares[0] + shares[1];
  if (sum === 0 || shares.some((s) => (total * s) / sum < MIN_SRM_EXPECTED)) return null;
  const result = sampleRatioMismatch(observed, shares);
  return {
    unit: design.unit, observed, expectedShares: [...shares], statistic: nullable(result.statistic),
    pValue: nullable(result.pValue), mismatch: result.mismatch,
  };
}

/** Run every comparison, then adjust their harm p-values together and mark what broke. */
function runComparisons(input: GateInput): { metrics: MetricEvidence[]; state: GateState } {
  if (input.design.baselineFrom === 'none') return { metrics: [], state: input.state };
  const settings = { alpha: input.gates.alpha, plannedSamples: input.gates.plannedSamples, power: input.gates.power };
  const sequential: Record<string, SequentialState> = { ...input.state.sequential };
  const metrics = comparisonInputs(input.baseline, input.candidate, input.gates).map((c) => {
    const { evidence, state } = compareArms(c, settings, input.state.sequential[c.metric]);
    if (state) sequential[c.metric] = state;
    return evidence;
  });
  const pValues = metrics.map((m) => (m.difference === null ? NaN : (m.sequentialP ?? NaN)));
  const adjusted = input.gates.correction === 'holm' ? holmAdjust(pValues) : benjaminiHochbergAdjust(pValues);
  metrics.forEach((m, i) => {
    const p = adjusted[i]!;
    if (Number.isNaN(p)) return;
    m.adjustedP = p;
    m.passed = p >= input.gates.alpha;
  });
  return { metrics, state: { sequential } };
}

const fmt = (x: number | null, digits = 4) => (x === null ? 'n/a' : Number(x.toPrecision(digits)).toString());

function describeHarm(m: MetricEvidence, correction: string, alpha: number): string {
  return `${m.metric}: candidate ${fmt(m.candidate.value)} vs baseline ${fmt(m.baseline.value)}, worse beyond the ` +
    `${fmt(m.threshold)} margin (sequential p ${fmt(m.sequentialP, 3)}, ${correction}-adjusted ${fmt(m.adjustedP, 3)} < ${alpha})`;
}

function describeGuardrail(m: MetricEvidence): string {
  const limit = m.metric === 'shadow_agreement' ? 'below the minimum' : m.metric === 'macro_f1' ? 'dropped more than' : 'above the limit';
  return `${m.metric}: candidate ${fmt(m.candidate.value)} ${limit} ${fmt(m.threshold)}`;
}

function sampleShortfall(input: GateInput): string | null {
  const { gates, baseline, candidate, design } = input;
  const arms = design.baselineFrom === 'none' ? [candidate] : [baseline, candidate];
  const missing = arms
    .map((a) => ({ a, n: a.merged?.counts.predictions ?? 0, d: a.perDevice.size }))
    .filter(({ n, d }) => n < gates.minSamples || d < gates.minDevices || n === 0)
    .map(({ a, n, d }) => `${a.arm} ${n}/${gates.minSamples} predictions on ${d}/${gates.minDevices} devices`);
  return missing.length === 0 ? null : `not enough data: ${missing.join(', ')}`;
}

/** Decide one look of a step's gate. */
export function evaluateGate(input: GateInput): GateVerdict {
  const { gates, baseline, candidate } = input;
  const { metrics: comparisons, state } = runComparisons(input);
  const metrics = [...guardrailEvidence(baseline, candidate, gates, input.shadow, input.alignment ?? null), ...comparisons];
  const srm = input.design.baselineFrom === 'none' ? null : srmCheck(input.design, baseline, candidate);
  const side = (a: ArmData) => ({ predictions: a.merged?.counts.predictions ?? 0, devices: a.perDevice.size, labels: a.merged ? labelsOf(a.merged) : 0 });
  const evidence: GateEvidence = {
    step: input.step, stepKind: input.stepKind, since: input.since, cohort: input.cohort,
    samples: { baseline: side(baseline), candidate: side(candidate) },
    srm, metrics, alpha: gates.alpha, correction: gates.correction,
  };
  const verdict = (decision: GateVerdict['decision'], code: GateVerdict['code'], reason: string, metric: string | null = null): GateVerdict =>
    ({ decision, code, reason, metric, evidence, state });

  const shortfall = sampleShortfall(input);
  if (shortfall) return verdict('hold', 'not_enough_data', shortfall);
  if (srm?.mismatch) {
    const what = `${srm.unit} ${srm.observed.join(':')} against planned ${srm.expectedShares.join(':')}`;
    return verdict('hold', 'srm', `sample ratio mismatch: ${what} (p ${fmt(srm.pValue, 3)} < 0.001)`, 'srm');
  }
  // Everything that broke goes in the reason; the metric named is the best-evidenced harm (smallest
  // adjusted p), else the first broken guardrail.
  const harmed = comparisons.filter((m) => m.passed === false).sort((a, b) => (a.adjustedP ?? 1) - (b.adjustedP ?? 1));
  const broken = metrics.filter((m) => m.kind === 'guardrail' && m.passed === false);
  if (harmed.length + broken.length > 0) {
    const reasons = [...harmed.map((m) => describeHarm(m, gates.correction, gates.alpha)), ...broken.map(describeGuardrail)];
    const first = harmed[0] ?? broken[0]!;
    return verdict('rollback', harmed.length > 0 ? 'harm' : 'guardrail', reasons.join('; '), first.metric);
  }
  if (input.cohort.pending > 0) return verdict('hold', 'pending_devices', `waiting for ${input.cohort.pending} device(s) to apply step ${input.step}`);
  const elapsed = input.now.getTime() - Date.parse(input.stepStartedAt);
  if (elapsed < gates.minDurationMs) {
    return verdict('hold', 'min_duration', `minimum duration: ${Math.ceil((gates.minDurationMs - elapsed) / 1000)} s left`);
  }
  const watched = metrics.filter((m) => m.passed !== null).map((m) => m.metric);
  return verdict('advance', 'passed', `gates passed (${watched.length > 0 ? watched.join(', ') : 'no comparable metrics'})`);
}
