import { profileSchema, type ProfileRef } from '../../protocol/index.ts';
import type { RuntimeStore } from '../storage/runtime-store.ts';
import { sha256Hex } from '../verify.ts';
import type { ProfileEntry } from './stats-collector.ts';

export interface ProfileSource {
  profileOf(model: string, version: string): ProfileEntry | null;
  /** Make the profiles of these versions available (IndexedDB, else the control plane); never throws. */
  ensure(wanted: ReadonlyArray<{ model: string; version: string; ref?: ProfileRef }>): Promise<void>;
}

const versionKey = (model: string, version: string) => `${model}\u0000${version}`;

/**
 * Reference profiles, as the desired state names them (`profile: { path, sha256 }`): fetched once
 * with the device credential, checked against the sha256, kept in IndexedDB so a reload without
 * network counts on the same edges. A version without one still gets counts, latency, NaN outputs.
 */
export function createProfileSource(options: { store: RuntimeStore; baseUrl: string; credential: string; fetch: typeof fetch }): ProfileSource {
  const byVersion = new Map<string, ProfileEntry>();

  async function load(sha: string, path: string): Promise<ProfileEntry | null> {
    const stored = await options.store.getMeta<string>(`profile:${sha}`);
    let text = stored;
    if (text === undefined) {
      const response = await options.fetch(`${options.baseUrl}${path}`, { headers: { authorization: `Bearer ${options.credential}` } });
      if (!response.ok) return null;
      text = await response.text();
    }
    const bytes = new TextEncoder().encode(text);
    if ((await sha256Hex(bytes)) !== sha) return null;
    const parsed = profileSchema.safeParse(JSON.parse(text));
    if (!parsed.success) return null;
    if (stored === undefined) await options.store.putMeta(`profile:${sha}`, text);
    return { profile: parsed.data, sha256: sha };
  }

  return {
    profileOf: (model, version) => byVersion.get(versionKey(model, version)) ?? null,
    async ensure(wanted) {
      for (const { model, version, ref } of wanted) {
        const key = versionKey(model, version);
        if (!ref) {
          byVersion.delete(key);
          continue;
        }
        if (byVersion.get(key)?.sha256 === ref.sha256) continue;
        try {
          const entry = await load(ref.sha256, ref.path);
          if (entry) byVersion.set(key, entry);
        } catch {
          // Offline or a bad copy: counted without a profile until the next desired state.
        }
      }
    },
  };
}
