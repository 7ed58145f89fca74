/**
 * Which onnxruntime execution providers this process can really use. The npm build lists cuda and
 * tensorrt in listSupportedBackends() even when their shared libraries were never installed (.npmrc
 * sets onnxruntime-node-install=skip), and webgpu is listed but needs a GPU adapter; onnxruntime does
 * not fall back by itself (a session asking for a missing provider fails), so each requested provider
 * is probed once on a tiny model and remembered.
 */
import * as ort from 'onnxruntime-node';
import { errorMessage } from './errors.ts';

// y = Relu(x), x and y float [1]; 93 bytes written by test/fixtures/models (encodeModel).
const PROBE_MODEL = Buffer.from(
  'CAgSEmVkZ2VmbGVldC1maXh0dXJlczo/ChQKAXgSAXkaBnJlbHVfMCIEUmVsdRIFcHJvYmVaDwoBeBIKCggIARIECgIIAWIPCgF5EgoKCAgBEgQKAggBQgQKABAN',
  'base64',
);

export interface ProviderProbe {
  name: string;
  available: boolean;
  reason?: string;
}

export interface ProviderSelection {
  /** Providers to hand to onnxruntime, preferred first, always ending in cpu. */
  providers: string[];
  /** The provider that runs the model (the first of `providers`). */
  active: string;
  /** Requested providers that were skipped, and why. */
  skipped: ProviderProbe[];
}

export interface ProviderDetector {
  select(requested: readonly string[]): Promise<ProviderSelection>;
  probe(name: string): Promise<ProviderProbe>;
}

export interface ProviderDetectorDeps {
  listBackends?: () => ReadonlyArray<{ name: string; bundled: boolean }>;
  tryProvider?: (name: string) => Promise<void>;
}

async function tryProviderWithOrt(name: string): Promise<void> {
  const session = await ort.InferenceSession.create(PROBE_MODEL, { executionProviders: [name], logSeverityLevel: 4 });
  await session.release();
}

export function createProviderDetector(deps: ProviderDetectorDeps = {}): ProviderDetector {
  const listBackends = deps.listBackends ?? (() => ort.listSupportedBackends());
  const tryProvider = deps.tryProvider ?? tryProviderWithOrt;
  const cache = new Map<string, Promise<ProviderProbe>>();

  const probe = (name: string): Promise<ProviderProbe> => {
    let result = cache.get(name);
    if (!result) {
      result = (async () => {
        if (name === 'cpu') return { name, available: true };
        if (!listBackends().some((b) => b.name === name)) {
          return { name, available: false, reason: 'not in this onnxruntime-node build' };
        }
        try {
          await tryProvider(name);
          return { name, available: true };
        } catch (error) {
          return { name, available: false, reason: errorMessage(error).split('\n')[0] ?? 'failed' };
        }
      })();
      cache.set(name, result);
    }
    return result;
  };

  return {
    probe,
    async select(requested) {
      const skipped: ProviderProbe[] = [];
      const providers: string[] = [];
      for (const name of requested) {
        if (providers.includes(name)) continue;
        const result = await probe(name);
        if (result.available) providers.push(name);
        else skipped.push(result);
      }
      if (!providers.includes('cpu')) providers.push('cpu');
      return { providers, active: providers[0] as string, skipped };
    },
  };
}
