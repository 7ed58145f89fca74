/**
 * The rollout half of a sync pass, after the model's baseline (its top-level version) is in place:
 * a desired model with a `rollout` directive also needs its candidate arm, verified like any
 * artifact (signature and entry, then size and sha256 in the cache and again on the bytes loaded),
 * before the directive goes to the arm router. Without a directive — none yet, or removed by an
 * abort or rollback — the router forgets the model and the candidate is unloaded in the same pass,
 * so the device is back on the baseline as soon as it hears of it.
 */
import type { DesiredModel, RolloutArm, RolloutDirective } from '../../protocol/index.ts';
import type { LoadedModel } from '../inference/engine.ts';
import type { ActivateOptions } from '../inference/model-registry.ts';
import type { Logger } from '../logger.ts';
import type { ModelLoader } from './model-loader.ts';
import type { Failure } from './sync-state-store.ts';

/** The part of the arm router (edge-agent/rollout) that sync drives. */
export interface CandidateArms {
  candidate(model: string): { version: string; sha256: string } | undefined;
  loadCandidate(model: string, arm: RolloutArm, loaded: LoadedModel, options: ActivateOptions): void;
  apply(model: string, directive: RolloutDirective): void;
  clear(model: string): Promise<void>;
}

export interface ArmSyncDeps {
  arms: CandidateArms;
  /** Must the candidate be loaded for this directive (shares, shadow)? */
  needsCandidate: (directive: RolloutDirective) => boolean;
  verifyDesired: (entry: DesiredModel) => void;
  ensureCached: (entry: DesiredModel) => Promise<void>;
  load: ModelLoader;
  activateOptions: (variant: string) => ActivateOptions;
  /** The version the main registry serves for a model. */
  serving: (model: string) => string | undefined;
  /** The failure that keeps this entry from being tried again now, if any. */
  blocked: (entry: DesiredModel, revision: number) => Failure | undefined;
  fail: (entry: DesiredModel, revision: number, error: unknown) => void;
  reportBlocked: (entry: DesiredModel, failure: Failure) => void;
  stopped: () => boolean;
  logger: Logger;
}

export interface ArmSync {
  sync(entry: DesiredModel, revision: number): Promise<void>;
  clear(model: string): Promise<void>;
}

/** A candidate arm as a desired model entry: what the verifier and the cache check. */
export function armEntry(entry: DesiredModel, arm: RolloutArm): DesiredModel {
  return {
    name: entry.name, version: arm.version, variant: arm.variant, artifactPath: arm.artifactPath, signed: arm.signed,
    ...(arm.profile ? { profile: arm.profile } : {}),
  };
}

export function createArmSync(deps: ArmSyncDeps): ArmSync {
  const { arms } = deps;

  /** Load the candidate unless it already is; false when it is not (failed or blocked). */
  async function ensureCandidate(entry: DesiredModel, arm: RolloutArm, revision: number): Promise<boolean> {
    const sha256 = arm.signed.manifest.sha256;
    if (arms.candidate(entry.name)?.sha256 === sha256) return true;
    const candidate = armEntry(entry, arm);
    const failure = deps.blocked(candidate, revision);
    if (failure) {
      deps.reportBlocked(candidate, failure);
      return false;
    }
    try {
      deps.verifyDesired(candidate);
      await deps.ensureCached(candidate);
      const { model } = await deps.load(arm.signed);
      if (deps.stopped()) {
        await model.dispose();
        return false;
      }
      arms.loadCandidate(entry.name, arm, model, deps.activateOptions(arm.variant));
      deps.logger.info({ model: entry.name, version: arm.version, sha256 }, 'rollout candidate loaded');
      return true;
    } catch (error) {
      deps.fail(candidate, revision, error);
      return false;
    }
  }

  return {
    async sync(entry, revision) {
      const directive = entry.rollout;
      // A directive only makes sense on top of its baseline: if that did not install, serve what runs.
      if (!directive || deps.serving(entry.name) !== entry.version) return arms.clear(entry.name);
      const candidate = directive.arms.find((a) => a.name === 'candidate');
      if (candidate && deps.needsCandidate(directive) && !(await ensureCandidate(entry, candidate, revision))) {
        return arms.clear(entry.name);
      }
      arms.apply(entry.name, directive);
    },
    clear: (model) => arms.clear(model),
  };
}
