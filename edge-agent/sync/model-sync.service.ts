/**
 * Converge what this device serves to its desired state: per model, verify the signed manifest,
 * fetch the artifact into the cache (or re-verify the cached copy), load and warm it up, and only
 * then switch the model registry in one step. Anything that fails leaves the old version serving,
 * and is reported (reported state lastError plus an event). Also restores the last good models at
 * start and carries out guardrail reverts.
 */
import type { DesiredModel, DesiredState, ReportedModel, SignedManifest } from '../../protocol/index.ts';
import type { BatchingConfig, ModelRegistry } from '../inference/model-registry.ts';
import type { Logger } from '../logger.ts';
import type { SyncMetrics } from '../metrics.ts';
import type { Timers } from '../util/timers.ts';
import { ArtifactRejectedError } from './artifact-errors.ts';
import type { ArtifactCache } from './artifact-cache.ts';
import type { ArtifactDownloader } from './artifact-downloader.ts';
import type { DevicePublisher } from './device-publisher.ts';
import { classifyFailure, isBlocked, nextFailure, type RetryPolicy } from './failure-policy.ts';
import type { ManifestVerifier } from './manifest-verifier.ts';
import type { ModelLoader } from './model-loader.ts';
import { restoreModel, revertModel, type RecoveryContext } from './model-recovery.ts';
import { createArmSync, type ArmSyncDeps } from './rollout-arm-sync.ts';
import type { Installed, SyncStateStore } from './sync-state-store.ts';

export interface ProbationControl {
  begin(model: string, version: string, budget?: SignedManifest['manifest']['budget']): void;
  cancel(model: string): void;
}

export interface ModelSyncDeps {
  store: SyncStateStore;
  cache: ArtifactCache;
  download: ArtifactDownloader;
  load: ModelLoader;
  verifier: ManifestVerifier;
  registry: ModelRegistry;
  publisher: DevicePublisher;
  probation: ProbationControl;
  metrics: SyncMetrics;
  timers: Timers;
  logger: Logger;
  /** Absolute URL and headers for an artifact path of the desired state. */
  artifactRequest: (path: string) => { url: string; headers: Record<string, string> };
  batching?: BatchingConfig;
  retry?: RetryPolicy;
  /** Rollout candidates (edge-agent/rollout); without it directives are ignored and the baseline serves. */
  arms?: Pick<ArmSyncDeps, 'arms' | 'needsCandidate'>;
}

export interface ModelSync {
  /** Load the models state.json says were running, re-verifying each cached file. */
  restore(): Promise<void>;
  setDesired(state: DesiredState): void;
  /** Resolves when the current desired state has been worked through. */
  reconcile(): Promise<void>;
  revert(model: string, version: string, evidence: Record<string, unknown>): Promise<void>;
  stop(): void;
}

export function createModelSync(deps: ModelSyncDeps): ModelSync {
  const { store, cache, registry, publisher, metrics, timers, logger } = deps;
  const retry = deps.retry ?? { initialMs: 5000, maxMs: 10 * 60_000 };
  let desired: DesiredState | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  let cancelRetry: (() => void) | undefined;

  const providerOf = (name: string): string | null => {
    const lease = registry.acquire(name);
    if (!lease) return null;
    lease.release();
    return lease.model.executionProvider;
  };

  const report = (name: string, patch: Partial<ReportedModel> & Pick<ReportedModel, 'status'>) => {
    const active = store.state.models[name]?.active;
    publisher.setModel({
      name,
      version: active?.version ?? null,
      variant: active?.variant ?? null,
      executionProvider: providerOf(name),
      lastError: null,
      ...patch,
    });
  };

  const installed = (signed: SignedManifest): Installed => ({
    version: signed.manifest.version,
    variant: signed.manifest.variant,
    signed,
    activatedAt: new Date(timers.now()).toISOString(),
  });

  const activateOptions = (variant: string) => ({ variant, ...(deps.batching ? { batching: deps.batching } : {}) });
  const recovery: RecoveryContext = { store, registry, publisher, metrics, logger, load: deps.load, report, activateOptions };

  async function ensureCached(entry: DesiredModel): Promise<void> {
    const { sha256, size } = entry.signed.manifest;
    if (cache.has(sha256)) {
      if (await cache.verify(sha256, size)) {
        metrics.download('cached');
        return;
      }
      // Never trust a name: a cached file that does not hash to it is thrown away and fetched again.
      metrics.verificationFailed('sha256');
      logger.warn({ sha256 }, 'cached artifact did not verify; downloading it again');
    }
    const evicted = cache.reserve(size, [sha256]);
    if (evicted.length > 0) logger.info({ evicted }, 'evicted artifacts to stay within the cache budget');
    await deps.download({ ...deps.artifactRequest(entry.artifactPath), sha256, size });
    metrics.cacheBytes(cache.totalBytes());
  }

  async function install(entry: DesiredModel, revision: number): Promise<void> {
    const { name, version } = entry;
    const sha256 = entry.signed.manifest.sha256;
    try {
      deps.verifier.verifyDesired(entry);
      report(name, { status: 'downloading', desiredVersion: version });
      await ensureCached(entry);
      report(name, { status: 'loading', desiredVersion: version });
      const { model, warning } = await deps.load(entry.signed);
      if (stopped) {
        await model.dispose();
        return;
      }
      const before = store.state.models[name];
      registry.activate(name, version, model, activateOptions(entry.variant));
      store.update((s) => {
        const previous = before && before.active.signed.manifest.sha256 !== sha256 ? before.active : (before?.previous ?? null);
        s.models[name] = { active: installed(entry.signed), previous };
        s.failures = s.failures.filter((f) => f.name !== name);
      });
      report(name, { status: 'ready', desiredVersion: version, lastError: warning ?? null });
      publisher.event({
        type: 'model.activated',
        model: name,
        version,
        message: `${name}:${version} (${entry.variant}) is serving on ${model.executionProvider}`,
        evidence: {
          sha256,
          previousVersion: before?.active.version ?? null,
          executionProvider: model.executionProvider,
          loadMs: Math.round(model.loadMs),
          warmup: model.warmup,
        },
      });
      // Probation only makes sense after a real switch, with something to go back to.
      if (before && before.active.signed.manifest.sha256 !== sha256) deps.probation.begin(name, version, entry.signed.manifest.budget);
      else deps.probation.cancel(name);
    } catch (error) {
      fail(entry, revision, error);
    }
  }

  function fail(entry: DesiredModel, revision: number, error: unknown): void {
    const { name, version } = entry;
    const sha256 = entry.signed.manifest.sha256;
    const failure = classifyFailure(error);
    const previous = store.state.failures.find((f) => f.name === name);
    const record = nextFailure(previous, { name, version, sha256, revision }, failure, timers.now(), retry);
    store.update((s) => {
      s.failures = [...s.failures.filter((f) => f.name !== name), record];
    });
    logger.warn({ model: name, version, kind: failure.kind, attempts: record.attempts, retryAt: record.retryAt, err: failure.message }, 'desired version not applied; the current one keeps serving');
    report(name, { status: 'failed', lastError: failure.message, desiredVersion: version });
    if (error instanceof ArtifactRejectedError) {
      metrics.verificationFailed(error.reason);
      publisher.event({
        type: 'artifact.rejected',
        model: name,
        version,
        message: `refused ${name}:${version}: ${failure.message}`,
        evidence: { reason: error.reason, sha256, ...error.evidence },
      });
    } else if (failure.kind === 'load_failed') {
      metrics.loadFailed(name);
      publisher.event({ type: 'model.load_failed', model: name, version, message: `${name}:${version} failed to load: ${failure.message}`, evidence: { sha256 } });
    }
  }

  const blockingFailure = (entry: DesiredModel, revision: number) => {
    const failure = store.state.failures.find((f) => f.name === entry.name);
    return isBlocked(failure, entry.signed.manifest.sha256, revision, timers.now()) ? failure : undefined;
  };

  const arms = deps.arms && createArmSync({
    ...deps.arms,
    verifyDesired: (entry) => deps.verifier.verifyDesired(entry),
    ensureCached,
    load: deps.load,
    activateOptions,
    serving: (name) => registry.describe(name)?.activeVersion,
    blocked: blockingFailure,
    fail,
    reportBlocked: (entry, failure) => report(entry.name, { status: 'failed', lastError: `rollout candidate ${entry.version}: ${failure.reason}`, desiredVersion: entry.version }),
    stopped: () => stopped,
    logger,
  });

  async function syncModel(entry: DesiredModel, revision: number): Promise<void> {
    const slot = store.state.models[entry.name];
    const sha256 = entry.signed.manifest.sha256;
    if (slot?.active.signed.manifest.sha256 === sha256 && registry.describe(entry.name)?.activeVersion === entry.version) {
      const current = publisher.models().find((m) => m.name === entry.name);
      if (!current || current.status !== 'ready' || current.version !== entry.version) report(entry.name, { status: 'ready', desiredVersion: entry.version });
      return;
    }
    if (blockingFailure(entry, revision)) return;
    await install(entry, revision);
  }

  async function removeModel(name: string): Promise<void> {
    deps.probation.cancel(name);
    await arms?.clear(name);
    await registry.unload(name);
    store.update((s) => {
      delete s.models[name];
      s.failures = s.failures.filter((f) => f.name !== name);
    });
    publisher.removeModel(name);
    logger.info({ model: name }, 'model no longer desired; unloaded');
  }

  async function pass(state: DesiredState): Promise<void> {
    if (store.state.desiredRevision !== state.revision) {
      store.update((s) => {
        s.desiredRevision = state.revision;
        // A new revision is a fresh start for every version that was blocked under the old one.
        s.failures = s.failures.filter((f) => f.revision === state.revision);
      });
    }
    for (const entry of state.models) {
      if (stopped || desired !== state) return;
      await syncModel(entry, state.revision);
      await arms?.sync(entry, state.revision);
    }
    const wanted = new Set(state.models.map((m) => m.name));
    for (const name of Object.keys(store.state.models)) if (!wanted.has(name)) await removeModel(name);
    // Reported only now: the control plane reads this revision as "applied" (a rollout step's
    // devices have applied it once both arms are loaded), and every model has been worked through.
    if (!stopped && desired === state) publisher.setDesiredRevision(state.revision);
    scheduleRetry(state.revision);
  }

  function scheduleRetry(revision: number): void {
    cancelRetry?.();
    cancelRetry = undefined;
    const next = Math.min(...store.state.failures.filter((f) => f.revision === revision && f.retryAt !== null).map((f) => f.retryAt as number));
    if (!Number.isFinite(next) || stopped) return;
    cancelRetry = timers.setTimeout(() => void reconcile(), Math.max(0, next - timers.now()));
  }

  function reconcile(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          if (desired && !stopped) await pass(desired);
        } while (again && !stopped);
      } catch (error) {
        logger.error({ err: (error as Error).message }, 'reconcile failed');
      } finally {
        running = undefined;
      }
    })();
    return running;
  }

  return {
    async restore() {
      for (const [name, slot] of Object.entries(store.state.models)) await restoreModel(recovery, name, slot.active, slot.previous);
    },
    setDesired(state) {
      desired = state;
      void reconcile();
    },
    reconcile,
    revert: (name, version, evidence) => revertModel(recovery, name, version, evidence),
    stop() {
      stopped = true;
      cancelRetry?.();
    },
  };
}
