import { execFile } from 'node:child_process';
import { arch, availableParallelism, cpus, platform, release, totalmem } from 'node:os';
import * as ort from 'onnxruntime-node';
import type { Capabilities } from '../../protocol/index.ts';
import type { ProviderDetector } from '../inference/execution-providers.ts';
import { AGENT_VERSION } from '../version.ts';

export interface Gpu {
  name: string;
  memoryBytes?: number;
}

/** Runs `nvidia-smi`; resolves [] when it is not on PATH or fails (no driver, no GPU). */
export type GpuProbe = () => Promise<Gpu[]>;

export const nvidiaSmiProbe: GpuProbe = () =>
  new Promise((resolve) => {
    execFile(
      'nvidia-smi',
      ['--query-gpu=name,memory.total', '--format=csv,noheader,nounits'],
      { timeout: 5000 },
      (error, stdout) => {
        if (error) return resolve([]);
        resolve(parseNvidiaSmi(stdout));
      },
    );
  });

/** `name, memory MiB` per line, as printed by `--format=csv,noheader,nounits`. */
export function parseNvidiaSmi(stdout: string): Gpu[] {
  return stdout
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const comma = line.lastIndexOf(',');
      const name = (comma < 0 ? line : line.slice(0, comma)).trim();
      const mib = comma < 0 ? Number.NaN : Number(line.slice(comma + 1).trim());
      return Number.isFinite(mib) ? { name, memoryBytes: Math.round(mib * 1024 * 1024) } : { name };
    });
}

/**
 * The execution providers to prefer when the config names none: CUDA first only when a GPU is
 * visible, so CPU-only boxes never pay for (or log about) a CUDA probe.
 */
export function defaultProviders(gpus: readonly Gpu[]): string[] {
  return gpus.length > 0 ? ['cuda', 'cpu'] : ['cpu'];
}

export interface CapabilityDeps {
  detector: ProviderDetector;
  gpus: readonly Gpu[];
  /** Providers the config prefers; each is probed, and only those that really work are listed. */
  preferred: readonly string[];
}

/**
 * What this box can run, for enrollment. Execution providers are probed, not read from the build
 * list: the npm onnxruntime-node lists cuda even where its libraries were never installed.
 */
export async function detectCapabilities(deps: CapabilityDeps): Promise<Capabilities> {
  const candidates = [...new Set([...deps.preferred, ...(deps.gpus.length > 0 ? ['cuda'] : []), 'cpu'])];
  const probes = await Promise.all(candidates.map((name) => deps.detector.probe(name)));
  const executionProviders = probes.filter((p) => p.available).map((p) => p.name);
  const cpuList = cpus();
  return {
    agentVersion: AGENT_VERSION,
    platform: 'node',
    os: `${platform()} ${release()}`,
    arch: arch(),
    cpu: { model: cpuList[0]?.model.trim() || 'unknown', cores: Math.max(1, availableParallelism()) },
    memoryBytes: totalmem(),
    runtime: { name: 'onnxruntime-node', version: ort.env.versions.node ?? ort.env.versions.common },
    executionProviders: executionProviders.length > 0 ? executionProviders : ['cpu'],
    gpus: deps.gpus.map((g) => ({ ...g })),
  };
}
