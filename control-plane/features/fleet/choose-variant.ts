import type { Capabilities, SignedManifest, Variant, VariantInfo } from '../../../protocol/index.ts';

/** A variant the control plane may send to a device: built, accepted, and signed. */
export type ShippableVariant = VariantInfo & { signed: SignedManifest };

/**
 * Only a variant that is `ready` and carries a signed manifest ever reaches a device: `building`
 * (not gated yet), `rejected` (under the accuracy gate) and `failed` never do.
 */
export function isShippable(v: VariantInfo): v is ShippableVariant {
  return v.status === 'ready' && v.signed !== undefined;
}

/** Execution providers that run float16 kernels on a GPU (TensorRT sits on CUDA). */
const FP16_PROVIDERS = new Set(['cuda', 'tensorrt']);

/**
 * The variant that suits a device best, from what it reported at enrollment:
 *
 * - fp16 with CUDA (or TensorRT) among its execution providers, or WebGPU with `shader-f16`: float16
 *   storage and compute is what those GPUs are fast at, and the fp16 variant is built for them.
 * - fp32 with WebGPU but no `shader-f16`: WebGPU has no integer kernels for the int8 variant (its
 *   MatMulInteger would run in WASM), and no float16 arithmetic.
 * - int8 otherwise (CPU, WASM): integer kernels, a quarter of the weights.
 *
 * @example
 * preferredVariant({ ...caps, executionProviders: ['cuda', 'cpu'] })  // 'fp16'
 * preferredVariant({ ...caps, executionProviders: ['cpu'] })          // 'int8'
 */
export function preferredVariant(capabilities: Capabilities): Variant {
  if (capabilities.executionProviders.some((ep) => FP16_PROVIDERS.has(ep.toLowerCase()))) return 'fp16';
  if (capabilities.webgpu?.available) return capabilities.webgpu.shaderF16 ? 'fp16' : 'fp32';
  return 'int8';
}

/**
 * Pick the variant of a model version a device should run.
 *
 * The assignment's `override` when given, else the device's preferred variant (`preferredVariant`),
 * provided it is shippable; otherwise fp32, the reference that runs everywhere. So a variant still
 * building, rejected by its gate or never built leaves the device on fp32, serving, and the desired
 * state moves once the variant becomes ready (the registry refreshes states then). An override that
 * is not shippable also falls back to fp32, not to the preference: whoever pinned a variant did not
 * want the automatic choice. Null when not even fp32 is shippable.
 *
 * @example
 * chooseVariant(cpuCapabilities, version.variants)          // int8 when ready, else fp32
 * chooseVariant(cpuCapabilities, version.variants, 'fp32')  // fp32: the assignment pins it
 */
export function chooseVariant(
  capabilities: Capabilities,
  variants: readonly VariantInfo[],
  override?: Variant,
): ShippableVariant | null {
  const shippable = variants.filter(isShippable);
  const wanted = override ?? preferredVariant(capabilities);
  return shippable.find((v) => v.variant === wanted) ?? shippable.find((v) => v.variant === 'fp32') ?? null;
}
