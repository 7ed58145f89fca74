import type { Capabilities } from '../protocol/index.ts';

/** The runtime's version, reported as `agentVersion`. */
export const RUNTIME_VERSION = '0.1.0';

/**
 * Whether to use WebGPU. `auto` uses a hardware adapter only: a fallback (software) adapter runs
 * shaders on the CPU, slower than onnxruntime's WASM kernels, so it is not worth it for serving.
 * `allow-fallback` takes one anyway (tests, and checking WebGPU code paths without a GPU).
 */
export type WebGpuPolicy = 'auto' | 'off' | 'allow-fallback';

export interface WebGpuProbe {
  available: boolean;
  shaderF16: boolean;
  /** Vendor and architecture of the adapter, when there is one. */
  adapter: string | null;
  fallback: boolean;
  /** Why WebGPU is not used, in words. */
  reason: string | null;
}

// The WebGPU interfaces this file touches; lib.dom of this TypeScript does not declare them.
interface GpuAdapterLike {
  features: { has(name: string): boolean };
  info?: { vendor?: string; architecture?: string; description?: string; isFallbackAdapter?: boolean };
  isFallbackAdapter?: boolean;
}
interface NavigatorWithGpu {
  gpu?: { requestAdapter(options?: { powerPreference?: string }): Promise<GpuAdapterLike | null> };
  deviceMemory?: number;
  userAgentData?: { platform?: string; brands?: Array<{ brand: string; version: string }> };
}

/** Ask for a WebGPU adapter and read what it offers; never throws. */
export async function probeWebGpu(policy: WebGpuPolicy): Promise<WebGpuProbe> {
  const none = (reason: string, adapter: string | null = null, fallback = false): WebGpuProbe =>
    ({ available: false, shaderF16: false, adapter, fallback, reason });
  if (policy === 'off') return none('WebGPU is turned off (webgpu: "off")');
  const gpu = (navigator as unknown as NavigatorWithGpu).gpu;
  if (!gpu) return none('this browser has no WebGPU (navigator.gpu is missing)');
  let adapter: GpuAdapterLike | null;
  try {
    adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch (error) {
    return none(`requestAdapter failed: ${(error as Error).message}`);
  }
  if (!adapter) return none('no WebGPU adapter (no GPU, or the browser blocks it)');
  const fallback = adapter.info?.isFallbackAdapter ?? adapter.isFallbackAdapter ?? false;
  const name = [adapter.info?.vendor, adapter.info?.architecture].filter(Boolean).join(' ') || 'unknown adapter';
  const label = fallback ? `${name} (software fallback)` : name;
  if (fallback && policy !== 'allow-fallback') return none(`only a software fallback adapter (${name}); WASM is faster`, label, true);
  return { available: true, shaderF16: adapter.features.has('shader-f16'), adapter: label, fallback, reason: null };
}

/**
 * What this browser can run, for enrollment. The execution providers are the ones the runtime will
 * really use: `webgpu` only when the probe found a usable adapter; `wasm` always.
 */
export function browserCapabilities(probe: WebGpuProbe, runtime: { name: string; version: string }): Capabilities {
  const nav = navigator as Navigator & NavigatorWithGpu;
  const brand = nav.userAgentData?.brands?.find((b) => !/not.?a.?brand/i.test(b.brand));
  return {
    agentVersion: RUNTIME_VERSION,
    platform: 'browser',
    os: nav.userAgentData?.platform || nav.platform || 'unknown',
    cpu: { model: brand ? `${brand.brand} ${brand.version}` : nav.userAgent.slice(0, 100), cores: Math.max(1, nav.hardwareConcurrency || 1) },
    // navigator.deviceMemory is rounded and capped (8 GiB in most browsers): a hint, not a measurement.
    memoryBytes: Math.round((nav.deviceMemory ?? 0) * 1024 ** 3),
    runtime,
    executionProviders: probe.available ? ['webgpu', 'wasm'] : ['wasm'],
    gpus: probe.adapter ? [{ name: probe.adapter }] : [],
    webgpu: { available: probe.available, shaderF16: probe.shaderF16 },
  };
}
