/**
 * The agent half of a rollout directive (control-plane/features/rollouts/README.md, "What devices
 * get"): which arm serves an unpinned request, and which requests the candidate also runs on as a
 * shadow. Candidates live in a registry of their own beside the main one, so switching or reverting
 * the active version never touches a candidate and unloading a candidate never touches the baseline.
 *
 * The split: the request's bucket is `requestBucket(rolloutId, key)` and the candidate serves it when
 * `requestGoesToCandidate(bucket, candidate.requestShare)`. The key is the sticky value when the
 * directive names a `stickyKey` and the request carries it — OIP `parameters[stickyKey]`, else the
 * header `stickyKey`, else the header `X-Edgefleet-Key` — and otherwise the request id (the client's
 * `id`, else a random UUID), so a retried request with the same id lands on the same arm.
 */
import {
  requestBucket,
  requestGoesToCandidate,
  type RolloutArm,
  type RolloutArmName,
  type RolloutDirective,
} from '../../protocol/index.ts';
import type { LoadedModel } from '../inference/engine.ts';
import type { InferenceRouter, RouteRequest } from '../inference/inference.service.ts';
import type { ActivateOptions, ModelLease, ModelRegistry } from '../inference/model-registry.ts';
import type { ShadowRunner } from './shadow-runner.ts';

/** The header that carries a sticky value when the directive's key is neither a parameter nor a header of its own. */
export const STICKY_HEADER = 'X-Edgefleet-Key';

export interface ArmRouterOptions {
  /** Where candidate versions are loaded (one per model, `keepPrevious: false`). */
  candidates: ModelRegistry;
  shadow: Pick<ShadowRunner, 'submit' | 'activity'>;
  /** The request bucket (default `requestBucket`); a seam for tests that need a misrouting device. */
  bucket?: (rolloutId: string, key: string) => number;
  /** A request served under a directive, by arm (metrics). */
  onRouted?: (model: string, arm: RolloutArmName) => void;
}

/** A directive in force on this device, for /status. */
export interface RolloutStatus {
  model: string;
  rollout: string;
  step: number;
  mode: 'shadow' | 'split';
  baseline: string;
  candidate: string;
  /** Percent of unpinned requests the candidate serves (0 in shadow). */
  candidateShare: number;
  stickyKey: string | null;
  candidateLoaded: boolean;
}

export interface ArmRouter extends InferenceRouter {
  /** The candidate loaded for a model, if any. */
  candidate(model: string): { version: string; sha256: string } | undefined;
  /** Load (replace) a model's candidate; the directive is applied separately. */
  loadCandidate(model: string, arm: RolloutArm, loaded: LoadedModel, options: ActivateOptions): void;
  /** Put a directive in force (its candidate, when needed, is already loaded). */
  apply(model: string, directive: RolloutDirective): void;
  /** Back to the baseline only: forget the directive, unload the candidate after its last request. */
  clear(model: string): Promise<void>;
  /** sha256 of the loaded candidates, so the artifact cache keeps them. */
  pinned(): Set<string>;
  status(): RolloutStatus[];
}

interface Applied {
  directive: RolloutDirective;
  baseline: RolloutArm;
  candidate: RolloutArm;
}

/** The baseline and candidate arms of a directive; null when it lacks either. */
export function armsOf(directive: RolloutDirective): { baseline: RolloutArm; candidate: RolloutArm } | null {
  const baseline = directive.arms.find((a) => a.name === 'baseline');
  const candidate = directive.arms.find((a) => a.name === 'candidate');
  return baseline && candidate ? { baseline, candidate } : null;
}

/** Must the candidate be loaded? Arms with share 0 that are not shadowed need not (protocol/rollouts.ts). */
export function needsCandidate(directive: RolloutDirective): boolean {
  const arms = armsOf(directive);
  return arms !== null && (arms.candidate.requestShare > 0 || directive.shadow?.arm === 'candidate');
}

const scalar = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;

/** The sticky value a request carries for `key`, if any (parameter first, then headers). */
export function stickyValue(request: RouteRequest, key: string | undefined): string | undefined {
  if (key === undefined) return undefined;
  const value = scalar(request.parameters?.[key]) ?? safeHeader(request, key) ?? request.header(STICKY_HEADER);
  return value === undefined || value === '' ? undefined : value;
}

function safeHeader(request: RouteRequest, name: string): string | undefined {
  // A sticky key may hold ':' or '.', which are not legal in a header name; such keys are parameters only.
  return /^[A-Za-z0-9_-]+$/.test(name) ? request.header(name) : undefined;
}

export function createArmRouter(options: ArmRouterOptions): ArmRouter {
  const { candidates } = options;
  const bucket = options.bucket ?? requestBucket;
  const applied = new Map<string, Applied>();
  const loaded = new Map<string, { version: string; sha256: string }>();

  const candidateLease = (model: string, a: Applied): ModelLease | undefined =>
    loaded.get(model)?.version === a.candidate.version ? candidates.acquire(model, a.candidate.version) : undefined;

  return {
    route(request, active) {
      options.shadow.activity();
      const a = applied.get(request.model);
      // Mid-switch (the active version is not this directive's baseline) nothing is split.
      if (!a || active.version !== a.baseline.version) return undefined;
      const share = a.directive.shadow ? 0 : a.candidate.requestShare;
      const key = stickyValue(request, a.directive.stickyKey) ?? request.requestId;
      const lease = share > 0 && requestGoesToCandidate(bucket(a.directive.id, key), share) ? candidateLease(request.model, a) : undefined;
      options.onRouted?.(request.model, lease ? 'candidate' : 'baseline');
      return lease;
    },
    acquire(model, version) {
      return loaded.get(model)?.version === version ? candidates.acquire(model, version) : undefined;
    },
    served(request) {
      options.shadow.activity();
      const a = applied.get(request.model);
      if (a?.directive.shadow?.arm !== 'candidate' || request.version !== a.baseline.version) return;
      const lease = candidateLease(request.model, a);
      if (lease) options.shadow.submit(request, lease);
    },
    candidate: (model) => loaded.get(model),
    loadCandidate(model, arm, session, activateOptions) {
      candidates.activate(model, arm.version, session, activateOptions);
      loaded.set(model, { version: arm.version, sha256: arm.signed.manifest.sha256 });
    },
    apply(model, directive) {
      const arms = armsOf(directive);
      if (!arms) {
        applied.delete(model);
        return;
      }
      applied.set(model, { directive, ...arms });
    },
    async clear(model) {
      applied.delete(model);
      if (!loaded.delete(model)) return;
      await candidates.unload(model);
    },
    pinned: () => new Set([...loaded.values()].map((c) => c.sha256)),
    status: () =>
      [...applied.entries()].map(([model, a]) => ({
        model,
        rollout: a.directive.id,
        step: a.directive.step,
        mode: a.directive.shadow ? 'shadow' : 'split',
        baseline: a.baseline.version,
        candidate: a.candidate.version,
        candidateShare: a.directive.shadow ? 0 : a.candidate.requestShare,
        stickyKey: a.directive.stickyKey ?? null,
        candidateLoaded: loaded.get(model)?.version === a.candidate.version,
      })),
  };
}
