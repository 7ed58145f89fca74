/**
 * Pure reading of a rollout plan: the gates a step uses (plan defaults, step overrides, built-in
 * defaults) and the traffic a step puts on devices. A pause keeps the traffic of the step before it.
 */
import {
  durationSeconds,
  stepKind,
  type Gates,
  type Guardrails,
  type RolloutSpec,
  type RolloutStep,
  type RolloutStepKind,
} from '../../../protocol/index.ts';

/** Every gate setting with its value for one step. */
export interface ResolvedGates {
  minSamples: number;
  minDevices: number;
  minLabels: number;
  minDurationMs: number;
  applyTimeoutMs: number;
  alpha: number;
  correction: 'holm' | 'bh';
  plannedSamples: number;
  power: number;
  guardrails: Guardrails & Required<Pick<Guardrails, 'maxErrorRateIncrease' | 'maxLatencyIncrease' | 'maxAccuracyDrop' | 'maxF1Drop' | 'maxMaeIncrease'>>;
}

/** Defaults: documented in the README's gate table; margins are the harm tolerated. */
export const GATE_DEFAULTS = {
  minSamples: 500,
  minDevices: 1,
  minLabels: 100,
  minDuration: undefined as string | undefined,
  applyTimeout: '10m',
  alpha: 0.05,
  correction: 'holm' as const,
  plannedSamples: 1000,
  power: 0.8,
  guardrails: { maxErrorRateIncrease: 0.005, maxLatencyIncrease: 0.1, maxAccuracyDrop: 0.01, maxF1Drop: 0.05, maxMaeIncrease: 0.05 },
};

const ms = (d: string | undefined) => (d === undefined ? 0 : durationSeconds(d) * 1000);

function stepGates(step: RolloutStep | undefined): { gates?: Gates; minDuration?: string } {
  if (!step) return {};
  if ('shadow' in step) return step.shadow;
  if ('canary' in step) return step.canary;
  return {};
}

/** The gates of step `index`: built-in defaults, then the plan's `gates`, then the step's `gates` and `minDuration`. */
export function resolveGates(spec: RolloutSpec, index: number): ResolvedGates {
  const own = stepGates(spec.steps[index]);
  const layers: Gates[] = [spec.gates ?? {}, own.gates ?? {}];
  const pick = <K extends keyof Gates>(key: K): Gates[K] | undefined => {
    let value: Gates[K] | undefined;
    for (const layer of layers) if (layer[key] !== undefined) value = layer[key];
    return value;
  };
  const guardrails = { ...GATE_DEFAULTS.guardrails, ...spec.gates?.guardrails, ...own.gates?.guardrails };
  return {
    minSamples: pick('minSamples') ?? GATE_DEFAULTS.minSamples,
    minDevices: pick('minDevices') ?? GATE_DEFAULTS.minDevices,
    minLabels: pick('minLabels') ?? GATE_DEFAULTS.minLabels,
    minDurationMs: ms(own.minDuration ?? pick('minDuration') ?? GATE_DEFAULTS.minDuration),
    applyTimeoutMs: ms(pick('applyTimeout') ?? GATE_DEFAULTS.applyTimeout),
    alpha: pick('alpha') ?? GATE_DEFAULTS.alpha,
    correction: pick('correction') ?? GATE_DEFAULTS.correction,
    plannedSamples: pick('plannedSamples') ?? GATE_DEFAULTS.plannedSamples,
    power: pick('power') ?? GATE_DEFAULTS.power,
    guardrails,
  };
}

/** What devices run during a step. */
export type StepTraffic =
  | { kind: 'baseline' }
  | { kind: 'shadow'; deviceShare: number }
  | { kind: 'canary'; deviceShare: number; requestShare: number; stickyKey?: string };

/** The traffic at step `index`: a pause (or promote) holds whatever the last shadow or canary step set. */
export function trafficAt(spec: RolloutSpec, index: number): StepTraffic {
  for (let i = Math.min(index, spec.steps.length - 1); i >= 0; i--) {
    const step = spec.steps[i]!;
    if ('shadow' in step) return { kind: 'shadow', deviceShare: step.shadow.deviceShare };
    if ('canary' in step) {
      const { deviceShare, requestShare, stickyKey } = step.canary;
      return { kind: 'canary', deviceShare, requestShare, ...(stickyKey ? { stickyKey } : {}) };
    }
  }
  return { kind: 'baseline' };
}

export function kindAt(spec: RolloutSpec, index: number): RolloutStepKind | 'end' {
  const step = spec.steps[index];
  return step ? stepKind(step) : 'end';
}

/** The alias a promote moves: the promote step's, else the baseline's. */
export function promoteAlias(spec: RolloutSpec): string | null {
  const last = spec.steps.at(-1);
  if (last && 'promote' in last && last.promote.alias) return last.promote.alias;
  return spec.baseline.alias ?? null;
}

/**
 * How a step's arms are compared. Devices split their own requests when `requestShare` < 100 (and
 * in shadow, where both arms see every request): the baseline arm is the cohort's own baseline
 * traffic and SRM counts requests. With whole devices on the candidate, the baseline arm is the
 * target outside the cohort and SRM counts devices; with every device on the candidate there is no
 * concurrent baseline and only the absolute guardrails apply.
 */
export interface ExperimentDesign {
  unit: 'requests' | 'devices';
  /** Expected baseline : candidate shares for the SRM check (requests or devices). */
  expectedShares: [number, number];
  /** Which devices' baseline traffic is the control arm. */
  baselineFrom: 'cohort' | 'outside' | 'none';
}

export function designOf(traffic: StepTraffic, counts: { target: number; cohort: number }): ExperimentDesign {
  if (traffic.kind === 'shadow') return { unit: 'requests', expectedShares: [1, 1], baselineFrom: 'cohort' };
  if (traffic.kind === 'canary' && traffic.requestShare < 100) {
    return { unit: 'requests', expectedShares: [100 - traffic.requestShare, traffic.requestShare], baselineFrom: 'cohort' };
  }
  const outside = counts.target - counts.cohort;
  return { unit: 'devices', expectedShares: [outside, counts.cohort], baselineFrom: outside > 0 ? 'outside' : 'none' };
}
