import type { Capabilities, SignedManifest, Variant, VariantInfo } from '../../../protocol/index.ts';

/** A variant the control plane may send to a device: built, accepted, and signed. */
export type ShippableVariant = VariantInfo & { signed: SignedManifest };

/** Only a variant that is `ready` and carries a signed manifest ever reaches a device. */
export function isShippable(v: VariantInfo): v is ShippableVariant {
  return v.status === 'ready' && v.signed !== undefined;
}

/**
 * Pick the variant of a model version a device should run.
 *
 * Today every device gets fp32: it is the reference numerics and runs on every execution provider.
 * `capabilities` is here so the quantization work can prefer fp16 on GPUs (or WebGPU with
 * shader-f16) and int8 on small CPUs without changing any caller.
 *
 * An assignment's `override` wins when that variant is shippable. When it is not (yet) — an int8
 * build still running, say — the device gets the default instead of nothing, so it keeps serving;
 * the desired state switches once the override becomes ready and the states are refreshed.
 *
 * @example
 * chooseVariant(device.capabilities, version.variants)          // the fp32 variant, or null
 * chooseVariant(device.capabilities, version.variants, 'int8')  // int8 when ready and signed
 */
export function chooseVariant(
  capabilities: Capabilities,
  variants: readonly VariantInfo[],
  override?: Variant,
): ShippableVariant | null {
  void capabilities;
  const shippable = variants.filter(isShippable);
  if (override) {
    const wanted = shippable.find((v) => v.variant === override);
    if (wanted) return wanted;
  }
  return shippable.find((v) => v.variant === 'fp32') ?? null;
}
