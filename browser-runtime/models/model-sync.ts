/**
 * Keeps the page's models in step with the device's desired state, the Node agent's sync rules in
 * the browser: per arm of each desired model, verify the signed manifest with the pinned key, get
 * the artifact (Cache Storage, else download), verify size and sha256 of the bytes handed to the
 * engine, load, then switch the model over in one step. Anything that fails leaves the current
 * version serving; a forged or corrupted artifact is refused and reported (`artifact.rejected`).
 */
import type { DesiredModel, DesiredState, DeviceEvent, Manifest, ReportedModel } from '../../protocol/index.ts';
import type { ArtifactCache } from '../artifact-cache.ts';
import { TransientError } from '../artifact-cache.ts';
import { ModelLoadError, type ModelEngine } from '../engines/engine.ts';
import { ArtifactRejectedError, type ManifestVerifier } from '../verify.ts';
import { armTargets, type ArmSlot, type ArmTarget, type ServedModel } from './served-models.ts';

export type DeviceEventInput = Omit<DeviceEvent, 'schemaVersion' | 'deviceId' | 'seq' | 'sentAt'>;

export interface ModelSyncDeps {
  verifier: ManifestVerifier;
  artifacts: ArtifactCache;
  /** Engines by artifact kind; `llm` is created on first use (it pulls in web-llm). */
  engineFor(kind: Manifest['kind']): ModelEngine | null;
  event(event: DeviceEventInput): void;
  /** Statuses or served models changed (report state, tell the app). */
  onChange(): void;
  /** Retry transient failures after this long (default 10 s, doubling to 5 min). */
  retryMs?: number;
}

interface ModelStatus {
  status: ReportedModel['status'];
  lastError: string | null;
  desiredVersion: string;
}

/** A final failure seen before in this revision: not reported again. */
class FinalFailure extends Error {}

/** Failures that retrying the same desired revision cannot fix. */
const isFinal = (error: unknown) => error instanceof ArtifactRejectedError || error instanceof ModelLoadError || error instanceof FinalFailure;

export function createModelSync(deps: ModelSyncDeps) {
  const served = new Map<string, ServedModel>();
  const statuses = new Map<string, ModelStatus>();
  /** `${revision}:${sha256}` of final failures, so one revision does not retry or re-report them. */
  const finalFailures = new Map<string, string>();
  let desired: DesiredState | null = null;
  let appliedRevision: number | null = null;
  let running: Promise<void> = Promise.resolve();
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let retryMs = deps.retryMs ?? 10_000;

  const setStatus = (name: string, status: ModelStatus) => {
    statuses.set(name, status);
    deps.onChange();
  };

  async function loadArm(target: ArmTarget, current: ServedModel | undefined, revision: number): Promise<ArmSlot> {
    const { manifest } = target.signed;
    const reuse = current?.arms.find((a) => a.sha256 === manifest.sha256) ?? [...served.values()].flatMap((m) => m.arms).find((a) => a.sha256 === manifest.sha256);
    if (reuse) return { ...reuse, arm: target.arm, requestShare: target.requestShare, ...(target.profile ? { profile: target.profile } : {}) };
    const failed = finalFailures.get(`${revision}:${manifest.sha256}`);
    if (failed) throw new FinalFailure(failed);
    const engine = deps.engineFor(manifest.kind);
    await deps.verifier.verifyEntry(target, engine ? [engine.kind] : []);
    setStatus(target.name, { status: 'downloading', lastError: null, desiredVersion: target.version });
    const artifact = await deps.artifacts.get(manifest.sha256, manifest.size);
    setStatus(target.name, { status: 'verifying', lastError: null, desiredVersion: target.version });
    await deps.verifier.verifyBytes(target.signed, artifact.bytes); // the very bytes the engine gets
    setStatus(target.name, { status: 'loading', lastError: null, desiredVersion: target.version });
    const loaded = await engine!.load({ manifest, bytes: artifact.bytes });
    return {
      arm: target.arm, version: target.version, variant: target.variant, sha256: manifest.sha256, requestShare: target.requestShare,
      loaded, manifest, ...(target.profile ? { profile: target.profile } : {}),
    };
  }

  function report(error: unknown, target: ArmTarget, revision: number): void {
    const { manifest } = target.signed;
    const message = (error as Error).message;
    if (error instanceof ArtifactRejectedError) {
      deps.event({ type: 'artifact.rejected', model: target.name, version: target.version, message, evidence: { reason: error.reason, arm: target.arm, variant: target.variant, ...error.evidence } });
    } else if (error instanceof ModelLoadError) {
      deps.event({ type: 'model.load_failed', model: target.name, version: target.version, message, evidence: { arm: target.arm, variant: target.variant, sha256: manifest.sha256 } });
    }
    if (isFinal(error) && !(error instanceof FinalFailure)) finalFailures.set(`${revision}:${manifest.sha256}`, message);
  }

  /** Bring one desired model up; true when it is served as desired. */
  async function syncModel(model: DesiredModel, revision: number): Promise<'ok' | 'final' | 'transient'> {
    const current = served.get(model.name);
    const targets = armTargets(model);
    const arms: ArmSlot[] = [];
    for (const target of targets) {
      try {
        arms.push(await loadArm(target, current, revision));
      } catch (error) {
        report(error, target, revision);
        setStatus(model.name, { status: 'failed', lastError: (error as Error).message, desiredVersion: target.version });
        return isFinal(error) ? 'final' : 'transient';
      }
    }
    const next: ServedModel = {
      name: model.name, kind: arms[0]!.manifest.kind, arms,
      ...(model.rollout ? { rollout: { id: model.rollout.id, step: model.rollout.step, shadow: model.rollout.shadow !== undefined, ...(model.rollout.stickyKey ? { stickyKey: model.rollout.stickyKey } : {}) } } : {}),
    };
    served.set(model.name, next);
    const baseline = arms.find((a) => a.arm === 'baseline') ?? arms[0]!;
    if (!current || !current.arms.some((a) => a.sha256 === baseline.sha256)) {
      deps.event({
        type: 'model.activated', model: model.name, version: baseline.version,
        message: `${model.name}:${baseline.version} (${baseline.variant}) serving on ${baseline.loaded.executionProvider}`,
        evidence: { variant: baseline.variant, executionProvider: baseline.loaded.executionProvider, loadMs: baseline.loaded.loadMs, arms: arms.map((a) => a.arm), ...(baseline.loaded.fallbackReason ? { fallbackReason: baseline.loaded.fallbackReason } : {}) },
      });
    }
    setStatus(model.name, { status: 'ready', lastError: null, desiredVersion: model.version });
    return 'ok';
  }

  /** Sessions that were serving after the last reconcile: those no longer used are released. */
  const retired = new Set<ArmSlot['loaded']>();
  async function disposeUnused(): Promise<void> {
    const inUse = new Set([...served.values()].flatMap((m) => m.arms.map((a) => a.loaded)));
    for (const loaded of retired) if (!inUse.has(loaded)) await loaded.dispose().catch(() => undefined);
    retired.clear();
    for (const m of served.values()) for (const a of m.arms) retired.add(a.loaded);
  }

  async function reconcile(state: DesiredState): Promise<void> {
    let allApplied = true;
    let transient = false;
    for (const model of state.models) {
      const outcome = await syncModel(model, state.revision);
      if (outcome !== 'ok') allApplied = false;
      if (outcome === 'transient') transient = true;
    }
    const wanted = new Set(state.models.map((m) => m.name));
    for (const name of [...served.keys()]) if (!wanted.has(name)) served.delete(name);
    for (const name of [...statuses.keys()]) if (!wanted.has(name)) statuses.delete(name);
    await disposeUnused();
    if (allApplied) {
      appliedRevision = state.revision;
      // Cache Storage holds what the desired state names, nothing older: a browser's quota is small.
      const keep = new Set(state.models.flatMap((m) => armTargets(m).map((t) => t.signed.manifest.sha256)));
      await deps.artifacts.prune(keep).catch(() => undefined);
    }
    deps.onChange();
    clearTimeout(retryTimer);
    if (transient) {
      retryTimer = setTimeout(() => void api.apply(state), retryMs);
      retryMs = Math.min(retryMs * 2, 5 * 60_000);
    } else retryMs = deps.retryMs ?? 10_000;
  }

  const api = {
    /** Converge to `state` (runs after any reconcile in progress; an older revision is ignored). */
    apply(state: DesiredState): Promise<void> {
      if (desired && state.revision < desired.revision) return running;
      desired = state;
      running = running.then(() => (desired === state ? reconcile(state) : undefined)).catch(() => undefined);
      return running;
    },
    served: (name: string) => served.get(name),
    list: () => [...served.values()],
    get desiredRevision() {
      return desired?.revision ?? null;
    },
    /** The reported-state body: per desired model, what runs and how it went. */
    reported(): { desiredRevision: number | null; models: ReportedModel[] } {
      const models: ReportedModel[] = (desired?.models ?? []).map((m) => {
        const s = served.get(m.name);
        const base = s?.arms.find((a) => a.arm === 'baseline') ?? s?.arms[0];
        const status = statuses.get(m.name);
        return {
          name: m.name, version: base?.version ?? null, variant: base?.variant ?? null,
          executionProvider: base?.loaded.executionProvider ?? null, status: status?.status ?? 'downloading',
          lastError: status?.lastError ?? null, desiredVersion: m.version,
        };
      });
      return { desiredRevision: appliedRevision, models };
    },
    statusOf: (name: string) => statuses.get(name),
    stop() {
      clearTimeout(retryTimer);
    },
  };
  return api;
}
export type ModelSync = ReturnType<typeof createModelSync>;

export { TransientError };
