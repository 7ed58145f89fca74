/**
 * One look at a step: cohort progress from reported states, both arms from the evaluation buckets,
 * then the pure gate. Reads only; the caller persists what the verdict says.
 */
import { stepKind, type CohortCounts, type Device } from '../../../protocol/index.ts';
import { loadArm, type ArmData } from './arm-data.ts';
import { cohortCounts } from './cohort-status.ts';
import { evaluateGate, type GateVerdict } from './gate.ts';
import { alignProfiles } from './profile-alignment.ts';
import { designOf, resolveGates, trafficAt, type ExperimentDesign } from './rollout-plan.ts';
import type { RolloutsDeps } from './rollout-ports.ts';
import type { Stepper } from './rollout-steps.ts';
import type { RolloutRow } from './rollouts.store.ts';

export interface StepLook {
  cohort: CohortCounts;
  design: ExperimentDesign;
  baseline: ArmData;
  candidate: ArmData;
  since: string;
  until: string;
}

export function createGateRunner(deps: RolloutsDeps, stepper: Stepper) {
  /** Devices of the target by id, with presence and reported state. */
  function deviceMap(row: RolloutRow): Map<string, Device> {
    return new Map(stepper.targetDevices(row).map((d) => [d.id, d]));
  }

  function counts(row: RolloutRow, now: Date): CohortCounts {
    const gates = resolveGates(row.spec, row.step);
    return cohortCounts(deviceMap(row), deps.store.devices(row.id), row.model, now.getTime(), gates.applyTimeoutMs);
  }

  /** Load the step's arms: windows in buckets starting at or after the step's start, up to `until`. */
  function look(row: RolloutRow, now: Date, until = now): StepLook {
    const gates = resolveGates(row.spec, row.step);
    const tracked = deps.store.devices(row.id);
    const devices = deviceMap(row);
    const cohort = cohortCounts(devices, tracked, row.model, now.getTime(), gates.applyTimeoutMs);
    const inCohort = new Set(tracked.filter((t) => t.inCohort && devices.has(t.deviceId)).map((t) => t.deviceId));
    const outside = new Set(tracked.filter((t) => !t.inCohort && devices.has(t.deviceId)).map((t) => t.deviceId));
    const design = designOf(trafficAt(row.spec, row.step), { target: cohort.target, cohort: cohort.cohort });
    const range = { model: row.model, from: Date.parse(row.stepStartedAt), to: until.getTime() + 1 };
    const baselineDevices = design.baselineFrom === 'cohort' ? inCohort : design.baselineFrom === 'outside' ? outside : new Set<string>();
    return {
      cohort, design, since: row.stepStartedAt, until: until.toISOString(),
      baseline: loadArm(deps.buckets, { ...range, version: row.baselineVersion, arm: 'baseline', devices: baselineDevices }),
      candidate: loadArm(deps.buckets, { ...range, version: row.candidateVersion, arm: 'candidate', devices: inCohort }),
    };
  }

  /** Evaluate the current shadow or canary step's gate. */
  function evaluate(row: RolloutRow, now: Date, until = now): GateVerdict & { look: StepLook } {
    const step = row.spec.steps[row.step]!;
    const view = look(row, now, until);
    const profile = (sha: string | null) => (sha && deps.profiles?.bySha(sha)) || null;
    const alignment = alignProfiles(profile(view.baseline.profileSha256), profile(view.candidate.profileSha256));
    const verdict = evaluateGate({
      step: row.step, stepKind: stepKind(step), since: row.stepStartedAt, now, stepStartedAt: row.stepStartedAt,
      gates: resolveGates(row.spec, row.step), design: view.design, shadow: 'shadow' in step,
      baseline: view.baseline, candidate: view.candidate, cohort: view.cohort, state: row.gateState, alignment,
    });
    return { ...verdict, look: view };
  }

  return { counts, look, evaluate };
}
export type GateRunner = ReturnType<typeof createGateRunner>;
