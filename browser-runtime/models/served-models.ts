import type { DesiredModel, Manifest, ProfileRef, RolloutArm, Variant } from '../../protocol/index.ts';
import type { LoadedModel } from '../engines/engine.ts';

/** One arm a model is served with: the baseline alone, or baseline and candidate during a rollout. */
export interface ArmSlot {
  arm: string;
  version: string;
  variant: Variant;
  sha256: string;
  /** Percent of requests this arm serves. */
  requestShare: number;
  loaded: LoadedModel;
  manifest: Manifest;
  profile?: ProfileRef;
}

export interface ServedModel {
  name: string;
  kind: Manifest['kind'];
  arms: ArmSlot[];
  /** The rollout directive being followed, when the device is in a cohort. */
  rollout?: { id: string; step: number; shadow: boolean; stickyKey?: string };
}

/** What one arm of a desired model asks for, before anything is loaded. */
export interface ArmTarget {
  arm: string;
  name: string;
  version: string;
  variant: Variant;
  artifactPath: string;
  signed: DesiredModel['signed'];
  requestShare: number;
  profile?: ProfileRef;
}

/**
 * The arms to load for a desired model. Without a rollout directive: the baseline, all requests.
 * With one: each arm that serves a share of requests, plus the candidate when it shadows even at
 * 0% (it runs on every request, its output never returned) — protocol/rollouts.ts: "arms with
 * share 0 that are not shadowed need not load".
 */
export function armTargets(model: DesiredModel): ArmTarget[] {
  const directive = model.rollout;
  if (!directive) {
    return [{
      arm: 'baseline', name: model.name, version: model.version, variant: model.variant, artifactPath: model.artifactPath,
      signed: model.signed, requestShare: 100, ...(model.profile ? { profile: model.profile } : {}),
    }];
  }
  const shadowed = directive.shadow?.arm;
  return directive.arms
    .filter((a: RolloutArm) => a.requestShare > 0 || a.name === shadowed)
    .map((a) => ({
      arm: a.name, name: model.name, version: a.version, variant: a.variant, artifactPath: a.artifactPath,
      signed: a.signed, requestShare: a.requestShare, ...(a.profile ? { profile: a.profile } : {}),
    }));
}
