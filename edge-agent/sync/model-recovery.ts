/**
 * The two ways a model goes back to a version it ran before, without the control plane: restoring
 * the last good versions at start (offline first) and a guardrail revert after a breach.
 */
import type { ReportedModel } from '../../protocol/index.ts';
import type { ActivateOptions, ModelRegistry } from '../inference/model-registry.ts';
import type { Logger } from '../logger.ts';
import type { SyncMetrics } from '../metrics.ts';
import { ArtifactRejectedError } from './artifact-errors.ts';
import type { DevicePublisher } from './device-publisher.ts';
import type { ModelLoader } from './model-loader.ts';
import type { Installed, SyncStateStore } from './sync-state-store.ts';

export interface RecoveryContext {
  store: SyncStateStore;
  registry: ModelRegistry;
  publisher: DevicePublisher;
  metrics: SyncMetrics;
  logger: Logger;
  load: ModelLoader;
  report: (name: string, patch: Partial<ReportedModel> & Pick<ReportedModel, 'status'>) => void;
  activateOptions: (variant: string) => ActivateOptions;
}

/**
 * Load the model state.json says was active, re-verifying its cached file; when that fails, the
 * previous version. Nothing is thrown: a model that cannot be restored is reported as failed and
 * comes back through the next desired state.
 */
export async function restoreModel(ctx: RecoveryContext, name: string, active: Installed, previous: Installed | null): Promise<void> {
  for (const candidate of [active, previous]) {
    if (!candidate) continue;
    try {
      const { model } = await ctx.load(candidate.signed);
      ctx.registry.activate(name, candidate.version, model, ctx.activateOptions(candidate.variant));
      if (candidate !== active) ctx.store.update((s) => void (s.models[name] = { active: candidate, previous: null }));
      ctx.report(name, { status: 'ready', lastError: candidate === active ? null : `cached ${active.version} did not verify or load; serving ${candidate.version}` });
      ctx.logger.info({ model: name, version: candidate.version }, 'restored from the local cache');
      return;
    } catch (error) {
      if (error instanceof ArtifactRejectedError) {
        ctx.metrics.verificationFailed(error.reason);
        ctx.publisher.event({
          type: 'artifact.rejected',
          model: name,
          version: candidate.version,
          message: `refused the cached ${name}:${candidate.version} at start: ${error.message}`,
          evidence: { reason: error.reason, source: 'cache', sha256: candidate.signed.manifest.sha256, ...error.evidence },
        });
      }
      ctx.logger.error({ model: name, version: candidate.version, err: (error as Error).message }, 'cached model could not be restored');
    }
  }
  ctx.report(name, { status: 'failed', version: null, variant: null, lastError: 'no cached version of this model verified and loaded' });
}

/**
 * Switch `name` from the breaching `version` back to its previous version, mark the bad one so the
 * same desired revision does not bring it back, and report a `model.reverted` event with the
 * evidence. The previous version is normally still loaded (the registry keeps it), so this is one
 * synchronous swap; after a restart it is loaded from the cache first.
 */
export async function revertModel(ctx: RecoveryContext, name: string, version: string, evidence: Record<string, unknown>): Promise<void> {
  const { store, registry } = ctx;
  const slot = store.state.models[name];
  if (!slot || slot.active.version !== version) return; // already switched by something newer
  const target = slot.previous;
  const revision = store.state.desiredRevision ?? 0;
  const breaches = Array.isArray(evidence['breaches']) ? (evidence['breaches'] as string[]).join(', ') : 'budget';
  const reason = `guardrail breach (${breaches}) during probation`;
  if (!target) {
    ctx.report(name, { status: 'failed', lastError: `${reason}; no previous version to revert to`, desiredVersion: version });
    return;
  }
  const swapped = registry.rollback(name) && registry.describe(name)?.activeVersion === target.version;
  if (!swapped) {
    const { model } = await ctx.load(target.signed);
    registry.activate(name, target.version, model, ctx.activateOptions(target.variant));
  }
  store.update((s) => {
    s.models[name] = { active: target, previous: null };
    s.failures = [
      ...s.failures.filter((f) => f.name !== name),
      { name, version, sha256: slot.active.signed.manifest.sha256, revision, kind: 'reverted', reason, attempts: 1, retryAt: null },
    ];
  });
  ctx.metrics.reverted(name);
  ctx.report(name, { status: 'reverted', lastError: `${version} reverted: ${reason}`, desiredVersion: version });
  ctx.publisher.event({
    type: 'model.reverted',
    model: name,
    version,
    message: `reverted ${name} from ${version} to ${target.version}: ${reason}`,
    evidence: { ...evidence, from: version, to: target.version, revision },
  });
}
