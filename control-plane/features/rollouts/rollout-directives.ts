/**
 * What a rollout changes in a device's desired state (pure). For every device its target reaches
 * that already serves the model (assignments decide where a model runs; a rollout only decides
 * which versions), the top-level model becomes the rollout's baseline — the control arm must be
 * the same version everywhere — and a device in the step's cohort also gets the `rollout`
 * directive with both arms. Devices outside the cohort keep the baseline only.
 */
import {
  inCohort,
  matchesSelector,
  type Capabilities,
  type DesiredModel,
  type Labels,
  type ModelVersion,
  type ProfileRef,
  type RolloutArm,
  type RolloutDirective,
  type Selector,
  type Variant,
} from '../../../protocol/index.ts';
import { chooseVariant } from '../fleet/choose-variant.ts';
import type { StepTraffic } from './rollout-plan.ts';

/** An active rollout, resolved once per recomputation. */
export interface ActiveRollout {
  id: string;
  model: string;
  selector: Selector;
  step: number;
  traffic: StepTraffic;
  baseline: ModelVersion;
  candidate: ModelVersion;
  variant?: Variant;
  createdAt: string;
}

export interface DirectiveDevice {
  id: string;
  labels: Labels;
  capabilities: Capabilities;
}

type ProfileOf = (model: string, version: string) => ProfileRef | null;

function armOf(name: RolloutArm['name'], device: DirectiveDevice, version: ModelVersion, share: number,
  variant: Variant | undefined, profileOf: ProfileOf): RolloutArm | null {
  const chosen = chooseVariant(device.capabilities, version.variants, variant);
  if (!chosen) return null;
  const profile = profileOf(version.name, version.version);
  return {
    name, version: version.version, variant: chosen.variant, artifactPath: `/v1/artifacts/${chosen.sha256}`,
    signed: chosen.signed, requestShare: share, ...(profile && { profile }),
  };
}

/** The rollout steering this device's model: the oldest active one whose target matches. */
export function rolloutFor(model: string, labels: Labels, rollouts: readonly ActiveRollout[]): ActiveRollout | undefined {
  return rollouts
    .filter((r) => r.model === model && matchesSelector(r.selector, labels))
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1))[0];
}

/** Does this device get a directive (is it in the step's cohort)? */
export function inStepCohort(rollout: Pick<ActiveRollout, 'id' | 'traffic'>, deviceId: string): boolean {
  const t = rollout.traffic;
  return t.kind !== 'baseline' && inCohort(rollout.id, deviceId, t.deviceShare);
}

function directiveFor(rollout: ActiveRollout, baseline: RolloutArm, candidate: RolloutArm): RolloutDirective {
  const t = rollout.traffic;
  if (t.kind === 'shadow') {
    return { id: rollout.id, step: rollout.step, arms: [{ ...baseline, requestShare: 100 }, { ...candidate, requestShare: 0 }], shadow: { arm: 'candidate' } };
  }
  const share = t.kind === 'canary' ? t.requestShare : 0;
  return {
    id: rollout.id, step: rollout.step,
    arms: [{ ...baseline, requestShare: 100 - share }, { ...candidate, requestShare: share }],
    ...(t.kind === 'canary' && t.stickyKey ? { stickyKey: t.stickyKey } : {}),
  };
}

/**
 * Apply the active rollouts to the models the assignments resolved for one device. A baseline with
 * no shippable variant for the device leaves the model as the assignment made it; a candidate with
 * none leaves the device on the baseline without a directive.
 */
export function applyRollouts(
  device: DirectiveDevice,
  models: readonly DesiredModel[],
  rollouts: readonly ActiveRollout[],
  profileOf: ProfileOf = () => null,
): DesiredModel[] {
  if (rollouts.length === 0) return [...models];
  return models.map((model) => {
    const rollout = rolloutFor(model.name, device.labels, rollouts);
    if (!rollout) return model;
    // Both arms run the variant the device runs today (or the plan's), so the comparison is of
    // versions, not of quantizations, and devices outside the cohort keep exactly what they had.
    const variant = rollout.variant ?? model.variant;
    const baseline = armOf('baseline', device, rollout.baseline, 100, variant, profileOf);
    if (!baseline) return model;
    const { rollout: _previous, profile: _profile, ...rest } = model;
    const profile = baseline.profile ?? (baseline.version === model.version ? model.profile : undefined);
    if (profile) baseline.profile = profile;
    const top: DesiredModel = {
      ...rest, version: baseline.version, variant: baseline.variant, artifactPath: baseline.artifactPath, signed: baseline.signed,
      ...(profile && { profile }),
    };
    if (!inStepCohort(rollout, device.id)) return top;
    const candidate = armOf('candidate', device, rollout.candidate, 0, variant, profileOf);
    if (!candidate) return top;
    return { ...top, rollout: directiveFor(rollout, baseline, candidate) };
  });
}
