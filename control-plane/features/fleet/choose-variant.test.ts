import { describe, expect, it } from 'vitest';
import type { Capabilities, VariantInfo } from '../../../protocol/index.ts';
import { cpuCapabilities } from '../../../test/helpers/fleet.ts';
import { chooseVariant, isShippable, preferredVariant } from './choose-variant.ts';

// No GPU on the machines these run on: the GPU and WebGPU devices are capability reports only.

const sha = (c: string) => c.repeat(64);
const variant = (v: VariantInfo['variant'], status: VariantInfo['status'] = 'ready', signed = true): VariantInfo => ({
  variant: v, sha256: sha(v === 'fp32' ? 'a' : v === 'int8' ? 'b' : 'c'), size: 10, status,
  ...(signed
    ? {
        signed: {
          manifest: {
            schemaVersion: 1, name: 'm', version: '1', variant: v, kind: 'onnx', sha256: sha('a'), size: 10,
            inputs: [], outputs: [], opset: 17, createdAt: '2026-01-01T00:00:00.000Z',
          },
          signature: 'sig', keyId: 'k',
        },
      }
    : {}),
});
const cudaBox: Capabilities = { ...cpuCapabilities, executionProviders: ['cuda', 'cpu'], gpus: [{ name: 'fake GPU' }] };
const webgpuF16: Capabilities = { ...cpuCapabilities, platform: 'browser', executionProviders: ['webgpu', 'wasm'], webgpu: { available: true, shaderF16: true } };
const webgpuNoF16: Capabilities = { ...webgpuF16, webgpu: { available: true, shaderF16: false } };
const wasmOnly: Capabilities = { ...webgpuF16, executionProviders: ['wasm'], webgpu: { available: false, shaderF16: false } };
const all = [variant('fp32'), variant('int8'), variant('fp16')];

describe('chooseVariant (capability-aware)', () => {
  it('prefers fp16 with CUDA or WebGPU shader-f16, fp32 on WebGPU without it, int8 on CPU and WASM (fake capability reports)', () => {
    expect(preferredVariant(cudaBox)).toBe('fp16');
    expect(preferredVariant({ ...cpuCapabilities, executionProviders: ['TensorRT', 'cuda', 'cpu'] })).toBe('fp16');
    expect(preferredVariant(webgpuF16)).toBe('fp16');
    expect(preferredVariant(webgpuNoF16)).toBe('fp32');
    expect(preferredVariant(cpuCapabilities)).toBe('int8');
    expect(preferredVariant(wasmOnly)).toBe('int8');
    // A GPU the agent found but cannot drive (no CUDA provider) does not count.
    expect(preferredVariant({ ...cpuCapabilities, gpus: [{ name: 'fake GPU' }] })).toBe('int8');

    expect(chooseVariant(cudaBox, all)?.variant).toBe('fp16');
    expect(chooseVariant(webgpuF16, all)?.variant).toBe('fp16');
    expect(chooseVariant(webgpuNoF16, all)?.variant).toBe('fp32');
    expect(chooseVariant(cpuCapabilities, all)?.variant).toBe('int8');
  });

  it('falls back to fp32 when the preferred variant is building, rejected, failed, unsigned or missing', () => {
    for (const int8 of [variant('int8', 'building', false), variant('int8', 'rejected', false), variant('int8', 'failed', false), variant('int8', 'ready', false)]) {
      expect(isShippable(int8)).toBe(false);
      expect(chooseVariant(cpuCapabilities, [variant('fp32'), int8, variant('fp16')])?.variant).toBe('fp32');
    }
    expect(chooseVariant(cudaBox, [variant('fp32'), variant('int8')])?.variant).toBe('fp32');
    expect(chooseVariant(cpuCapabilities, [variant('fp32', 'building', false)])).toBeNull();
  });

  it('honours the assignment override, and falls back to fp32 (not the preference) when it is not shippable', () => {
    expect(chooseVariant(cpuCapabilities, all, 'fp16')?.variant).toBe('fp16');
    expect(chooseVariant(cudaBox, all, 'int8')?.variant).toBe('int8');
    expect(chooseVariant(cpuCapabilities, all, 'fp32')?.variant).toBe('fp32');
    expect(chooseVariant(cpuCapabilities, [variant('fp32'), variant('int8'), variant('fp16', 'rejected', false)], 'fp16')?.variant).toBe('fp32');
  });
});
