/**
 * Reference profiles on the device: fetched once per version from the control plane, checked
 * against the sha256 the desired state names, kept in `<data>/profiles/<sha256>.json` so a restart
 * without network counts on the same edges. Windows are counted on whatever profile is here; a
 * version without one still gets counts, latency and NaN outputs.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { profileSchema, storedProfileSchema, type DesiredState } from '../../protocol/index.ts';
import type { Logger } from '../logger.ts';
import { writeFileAtomic } from '../util/atomic-file.ts';
import type { Timers } from '../util/timers.ts';
import type { ProfileEntry } from './stats-collector.ts';

export interface ProfileSourceOptions {
  dir: string;
  baseUrl: string;
  credential: string;
  fetch: typeof fetch;
  timers: Timers;
  logger: Logger;
  /** How long a version without a profile (404) or a failed fetch waits before asking again. */
  retryMs?: number;
}

export interface ProfileSource {
  profileOf(model: string, version: string): ProfileEntry | null;
  /** Fetch what the desired state's models need; never throws. */
  update(state: DesiredState): Promise<void>;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const versionKey = (model: string, version: string) => `${model}\u0000${version}`;

export function createProfileSource(options: ProfileSourceOptions): ProfileSource {
  const { dir, logger, timers } = options;
  const retryMs = options.retryMs ?? 5 * 60_000;
  const byVersion = new Map<string, ProfileEntry>();
  const notBefore = new Map<string, number>();
  mkdirSync(dir, { recursive: true, mode: 0o700 });

  /** Parse and index bytes whose hash is `sha`; false when they are not a profile. */
  const accept = (bytes: Uint8Array, sha: string): boolean => {
    let json: unknown;
    try {
      json = JSON.parse(Buffer.from(bytes).toString('utf8'));
    } catch {
      return false;
    }
    const parsed = profileSchema.safeParse(json);
    if (!parsed.success) return false;
    byVersion.set(versionKey(parsed.data.model, parsed.data.version), { profile: parsed.data, sha256: sha });
    return true;
  };

  for (const name of readdirSync(dir)) {
    const match = /^([a-f0-9]{64})\.json$/.exec(name);
    if (!match) continue;
    const bytes = readFileSync(join(dir, name));
    // A file that no longer hashes to its name is ignored; the next desired state fetches it again.
    if (sha256(bytes) !== match[1] || !accept(bytes, match[1]!)) logger.warn({ file: name }, 'cached profile does not verify; ignored');
  }

  const get = (path: string) =>
    options.fetch(`${options.baseUrl}${path}`, { headers: { authorization: `Bearer ${options.credential}` }, signal: AbortSignal.timeout(15_000) });

  const fetchRef = async (path: string, expected: string | null): Promise<boolean> => {
    const response = await get(path);
    if (!response.ok) {
      await response.body?.cancel();
      return false;
    }
    const bytes = new Uint8Array(await response.arrayBuffer());
    const actual = sha256(bytes);
    if (expected !== null && actual !== expected) {
      logger.warn({ path, expected, actual }, 'profile bytes do not match the sha256 of the desired state; not used');
      return false;
    }
    if (accept(bytes, actual)) {
      writeFileAtomic(join(dir, `${actual}.json`), bytes, 0o600);
      return true;
    }
    // The version route may answer with the stored profile's description instead of the profile.
    const meta = storedProfileSchema.safeParse(JSON.parse(Buffer.from(bytes).toString('utf8')));
    return meta.success && meta.data.path !== path ? fetchRef(meta.data.path, meta.data.sha256) : false;
  };

  const fetchFor = async (model: string, version: string, ref: { path: string; sha256: string } | undefined): Promise<void> => {
    const key = versionKey(model, version);
    const known = byVersion.get(key);
    if (known && (!ref || known.sha256 === ref.sha256)) return;
    if ((notBefore.get(key) ?? 0) > timers.now()) return;
    try {
      const ok = ref
        ? await fetchRef(ref.path, ref.sha256)
        : await fetchRef(`/v1/models/${encodeURIComponent(model)}/versions/${encodeURIComponent(version)}/profile`, null);
      if (ok) logger.info({ model, version }, 'reference profile ready');
      else notBefore.set(key, timers.now() + retryMs);
    } catch (error) {
      logger.debug({ model, version, err: (error as Error).message }, 'profile fetch failed; will retry');
      notBefore.set(key, timers.now() + Math.min(retryMs, 30_000));
    }
  };

  return {
    profileOf: (model, version) => byVersion.get(versionKey(model, version)) ?? null,
    async update(state) {
      for (const m of state.models) {
        await fetchFor(m.name, m.version, m.profile);
        // A rollout's candidate arm is another version of the model, with its own profile.
        for (const arm of m.rollout?.arms ?? []) if (arm.version !== m.version) await fetchFor(m.name, arm.version, arm.profile);
      }
    },
  };
}
