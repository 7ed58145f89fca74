import { llmPackageSchema, type LlmPackage } from '../../protocol/index.ts';
import { sha256Hex } from '../verify.ts';
import { ModelLoadError, type LoadedModel, type ModelEngine, type Tensor } from './engine.ts';

/** web-llm's own Cache Storage scopes (its `ArtifactCache`): config files, and everything else. */
const CONFIG_CACHE = 'webllm/config';
const MODEL_CACHE = 'webllm/model';

export interface WebLlmEngineDeps {
  /** Control plane base URL: the model's files are addressed below it, as web-llm expects a folder. */
  baseUrl: string;
  /** Verified download of one content-addressed file (artifact-cache.ts `download`). */
  download(sha256: string, size: number): Promise<Uint8Array<ArrayBuffer>>;
  /** Verified bytes through the runtime's artifact cache (the model library: small, kept). */
  artifact(sha256: string, size: number): Promise<Uint8Array<ArrayBuffer>>;
  onProgress?: (text: string) => void;
}

/** Where web-llm is told the model lives; nothing is fetched from there (see `stageFiles`). */
export function llmModelUrl(baseUrl: string, indexSha256: string): string {
  return `${baseUrl}/v1/llm/${indexSha256}/resolve/main/`;
}

/**
 * Put every file of the package into web-llm's cache under the URL web-llm will ask for, after
 * verifying it against the signed index: a copy already there is re-hashed and kept when it still
 * matches, so weights are downloaded once. web-llm then finds everything in its cache and fetches
 * nothing itself — it could not anyway, since the artifacts need the device credential.
 */
async function stageFiles(pkg: LlmPackage, modelUrl: string, deps: WebLlmEngineDeps): Promise<void> {
  for (const file of pkg.files) {
    const cache = await caches.open(file.path === 'mlc-chat-config.json' ? CONFIG_CACHE : MODEL_CACHE);
    const url = new URL(file.path, modelUrl).href;
    const hit = await cache.match(url);
    if (hit) {
      const bytes = new Uint8Array(await hit.arrayBuffer());
      if (bytes.byteLength === file.size && (await sha256Hex(bytes)) === file.sha256) continue;
    }
    deps.onProgress?.(`downloading ${file.path}`);
    const bytes = await deps.download(file.sha256, file.size);
    await cache.put(url, new Response(bytes));
  }
}

/**
 * web-llm behind the engine contract, for artifacts of kind `llm` (protocol/llm-package.ts): the
 * verified index names every file, the files are staged into web-llm's cache, the model library is
 * handed over as a blob URL of its verified bytes, and web-llm is pointed at the control plane with
 * an appConfig of one `model_list` entry. web-llm itself needs WebGPU; it is imported only here, so
 * pages without an LLM never load its 6 MB.
 */
export function createWebLlmEngine(deps: WebLlmEngineDeps): ModelEngine {
  return {
    kind: 'llm',
    async load({ manifest, bytes }): Promise<LoadedModel> {
      const started = performance.now();
      let pkg: LlmPackage;
      try {
        pkg = llmPackageSchema.parse(JSON.parse(new TextDecoder().decode(bytes)));
      } catch (cause) {
        throw new ModelLoadError(`the llm package index of ${manifest.name}:${manifest.version} is not valid: ${(cause as Error).message}`, { cause });
      }
      const modelUrl = llmModelUrl(deps.baseUrl, manifest.sha256);
      await stageFiles(pkg, modelUrl, deps);
      const lib = await deps.artifact(pkg.modelLib.sha256, pkg.modelLib.size);
      const libUrl = URL.createObjectURL(new Blob([lib], { type: 'application/wasm' }));
      let engine: import('@mlc-ai/web-llm').MLCEngineInterface;
      try {
        const webllm = await import('@mlc-ai/web-llm');
        engine = await webllm.CreateMLCEngine(pkg.modelId, {
          appConfig: {
            model_list: [{
              model: modelUrl, model_id: pkg.modelId, model_lib: libUrl,
              ...(pkg.requiredFeatures ? { required_features: pkg.requiredFeatures } : {}),
              ...(pkg.overrides ? { overrides: pkg.overrides as never } : {}),
            }],
          },
          initProgressCallback: (report: { text: string }) => deps.onProgress?.(report.text),
        });
      } catch (cause) {
        throw new ModelLoadError(`web-llm could not load ${pkg.modelId}: ${(cause as Error).message}`, { cause });
      } finally {
        URL.revokeObjectURL(libUrl);
      }
      return {
        kind: 'llm',
        inputs: [{ name: 'prompt', datatype: 'BYTES', shape: [1] }],
        outputs: [{ name: 'text', datatype: 'BYTES', shape: [1] }],
        executionProvider: 'webllm-webgpu',
        loadMs: Math.round(performance.now() - started),
        async run(feeds): Promise<Record<string, Tensor>> {
          const prompt = (feeds.prompt?.data as string[] | undefined)?.[0];
          if (typeof prompt !== 'string') throw new Error('an llm model takes one BYTES input named "prompt"');
          const reply = await engine.chat.completions.create({ messages: [{ role: 'user', content: prompt }], stream: false });
          return { text: { datatype: 'BYTES', shape: [1], data: [reply.choices[0]?.message.content ?? ''] } };
        },
        dispose: () => engine.unload(),
      };
    },
  };
}
