import { z } from 'zod';
import { sha256Schema } from './models.ts';

/** A relative file path inside an LLM package: no `..`, no leading slash, no backslashes. */
const packagePathSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^(?!\/)(?!.*(^|\/)\.\.?(\/|$))[A-Za-z0-9._\-/]+$/, 'package paths are relative, without "." or ".." segments');

const packageFileSchema = z.object({ path: packagePathSchema, sha256: sha256Schema, size: z.number().int().nonnegative() });

/**
 * The artifact of a model of kind `llm`: an index of the files an MLC/web-llm model consists of
 * (`mlc-chat-config.json`, tokenizer files, `ndarray-cache.json` and its weight shards) and of its
 * compiled model library (WebAssembly). The manifest signs the index's sha256; the index names every
 * file's sha256, so one signature covers gigabytes of weights, and each file is an ordinary
 * content-addressed artifact (`/v1/artifacts/<sha256>`) downloaded, cached and verified one by one.
 *
 * @example
 * llmPackageSchema.parse({ schemaVersion: 1, modelId: 'qwen2-0.5b-q4f16', files: [
 *   { path: 'mlc-chat-config.json', sha256: 'ab…', size: 1200 }], modelLib: { sha256: 'cd…', size: 4_000_000 } })
 */
export const llmPackageSchema = z.object({
  schemaVersion: z.literal(1),
  /** web-llm's model id (its `model_list` key and cache key). */
  modelId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/),
  files: z.array(packageFileSchema).min(1).max(1000),
  modelLib: z.object({ sha256: sha256Schema, size: z.number().int().positive() }),
  /** WebGPU features the library needs, e.g. `shader-f16` for q4f16 models. */
  requiredFeatures: z.array(z.string().max(64)).max(16).optional(),
  /** web-llm's `overrides` (context window and the like). */
  overrides: z.record(z.string(), z.unknown()).optional(),
});
export type LlmPackage = z.infer<typeof llmPackageSchema>;
