import { renameSync } from 'node:fs';
import { z } from 'zod';
import { modelNameSchema, sha256Schema, signedManifestSchema, variantSchema, versionSchema } from '../../protocol/index.ts';
import { readJsonFile, writeFileAtomic } from '../util/atomic-file.ts';

/** A model version this device switched to, with the signed manifest it was verified against. */
export const installedSchema = z.object({
  version: versionSchema,
  variant: variantSchema,
  signed: signedManifestSchema,
  activatedAt: z.iso.datetime(),
});
export type Installed = z.infer<typeof installedSchema>;

export const failureKindSchema = z.enum(['rejected', 'download', 'load_failed', 'reverted']);
export type FailureKind = z.infer<typeof failureKindSchema>;

/**
 * A desired version this device will not try again for now: until `retryAt` (transient failures)
 * or, when `retryAt` is null, for as long as the desired state keeps the revision it failed under.
 */
export const failureSchema = z.object({
  name: modelNameSchema,
  version: versionSchema,
  sha256: sha256Schema,
  revision: z.number().int().nonnegative(),
  kind: failureKindSchema,
  reason: z.string(),
  attempts: z.number().int().positive(),
  retryAt: z.number().nullable(),
});
export type Failure = z.infer<typeof failureSchema>;

export const syncStateSchema = z.object({
  schemaVersion: z.literal(1),
  desiredRevision: z.number().int().nonnegative().nullable(),
  models: z.record(modelNameSchema, z.object({ active: installedSchema, previous: installedSchema.nullable() })),
  failures: z.array(failureSchema),
});
export type SyncState = z.infer<typeof syncStateSchema>;

export interface SyncStateStore {
  readonly state: Readonly<SyncState>;
  /** Apply a change and persist it before returning (write-then-rename). */
  update(change: (state: SyncState) => void): void;
  /** The sha256 of every active and previous version: never evicted from the cache. */
  pinned(): Set<string>;
}

const empty = (): SyncState => ({ schemaVersion: 1, desiredRevision: null, models: {}, failures: [] });

/**
 * `<data>/state.json`: what runs here, so a restart without network serves the last good models.
 * A damaged file is set aside (state.json.damaged) and the agent starts empty rather than refuse
 * to start; the next desired state brings the models back from the cache.
 */
export function createSyncStateStore(path: string, onDamaged?: (error: string) => void): SyncStateStore {
  let state: SyncState;
  try {
    const raw = readJsonFile(path);
    const parsed = raw === undefined ? { success: true as const, data: empty() } : syncStateSchema.safeParse(raw);
    if (!parsed.success) throw new Error(parsed.error.message);
    state = parsed.data;
  } catch (error) {
    onDamaged?.((error as Error).message);
    try {
      renameSync(path, `${path}.damaged`);
    } catch {
      // Unreadable and unmovable: it is overwritten at the first update.
    }
    state = empty();
  }
  return {
    get state() {
      return state;
    },
    update(change) {
      const next = structuredClone(state);
      change(next);
      writeFileAtomic(path, `${JSON.stringify(next, null, 2)}\n`, 0o600);
      state = next;
    },
    pinned() {
      const shas = new Set<string>();
      for (const slot of Object.values(state.models)) {
        shas.add(slot.active.signed.manifest.sha256);
        if (slot.previous) shas.add(slot.previous.signed.manifest.sha256);
      }
      return shas;
    },
  };
}
