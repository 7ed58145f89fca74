/**
 * Quantized variants with real agents: the control plane builds and gates int8 and fp16 in the
 * background after an FP32 push; a CPU agent then runs int8, an agent reporting CUDA runs fp16, and
 * both report the variant they run. Variants under the gate never reach either.
 *
 * There is no GPU on these machines: the "CUDA" agent is a real agent whose enrollment request
 * claims a CUDA provider (its fetch is wrapped). It runs the fp16 file on its CPU, which works: the
 * fp16 variant keeps an FP32 interface and onnxruntime casts around kernels the CPU lacks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DesiredState, ModelVersion } from '../../protocol/index.ts';
import { MLP_INPUT, MLP_OUTPUT } from '../fixtures/models/index.ts';
import { infer, startTestAgent, startTestStack, waitFor, type TestAgent, type TestStack } from '../helpers/agent.ts';
import { mlpV1, mlpV2 } from './models.ts';

interface ReportedView {
  reported: { models: Array<{ name: string; version: string | null; variant: string | null; status: string }> } | null;
}

/** An agent's fetch that makes its enrollment claim a CUDA provider and a GPU it does not have. */
const claimCuda: typeof fetch = async (input, init) => {
  if (String(input).endsWith('/v1/enroll') && typeof init?.body === 'string') {
    const body = JSON.parse(init.body) as { capabilities: { executionProviders: string[]; gpus: unknown[] } };
    body.capabilities.executionProviders = ['cuda', ...body.capabilities.executionProviders];
    body.capabilities.gpus = [{ name: 'fake GPU (capability report only)' }];
    return fetch(input, { ...init, body: JSON.stringify(body) });
  }
  return fetch(input, init);
};

describe('quantized variants reach agents by capability (real control plane, agents, onnxruntime)', () => {
  let stack: TestStack;
  let cpu: TestAgent;
  let gpu: TestAgent;
  const rows = [0.1, -0.2, 0.3, 0.4, -0.5, 0.6, 0.7, -0.8, 1, 2, 3, 4, 5, 6, 7, 8];

  const version = async (ref: string) => (await (await stack.api('GET', `/v1/models/${ref}`)).json()) as ModelVersion;
  const statuses = async (ref: string) => (await version(ref)).variants.map((v) => `${v.variant}:${v.status}`);
  const desired = async (a: TestAgent) => (await (await stack.api('GET', `/v1/devices/${a.deviceId}/desired-state`)).json()) as DesiredState;
  const reported = async (a: TestAgent, model: string) =>
    ((await (await stack.api('GET', `/v1/devices/${a.deviceId}`)).json()) as ReportedView).reported?.models.find((m) => m.name === model);

  beforeAll(async () => {
    stack = await startTestStack({ variantJobs: true });
    // "strict" is held to an error bound no quantized file meets: both of its variants are rejected.
    expect((await stack.api('PUT', '/v1/models/strict/gate', { json: { minTop1Agreement: 0.99, maxAbsError: 1e-7 } })).status).toBe(200);
    await stack.pushModel('mlp', '1', mlpV1());
    await stack.pushModel('strict', '1', mlpV2());
    await waitFor(async () => (await statuses('mlp/versions/1')).join() === 'fp32:ready,int8:ready,fp16:ready', { what: 'mlp variants ready' });
    await waitFor(async () => (await statuses('strict/versions/1')).join() === 'fp32:ready,int8:rejected,fp16:rejected', { what: 'strict variants rejected' });
    await stack.assign('mlp', { selector: 'suite=variants', model: 'mlp', version: '1' });
    await stack.assign('strict', { selector: 'suite=variants', model: 'strict', version: '1' });
    cpu = await startTestAgent({ controlPlaneUrl: stack.cp.url, enrollToken: await stack.enrollToken({ suite: 'variants' }), name: 'cpu-box' });
    gpu = await startTestAgent(
      { controlPlaneUrl: stack.cp.url, enrollToken: await stack.enrollToken({ suite: 'variants' }), name: 'gpu-box' },
      { deps: { fetch: claimCuda } },
    );
  });
  afterAll(async () => {
    await cpu?.stop();
    await gpu?.stop();
    await stack?.close();
  });

  it('a CPU-only agent receives int8, serves it and reports it', async () => {
    expect((await desired(cpu)).models.map((m) => `${m.name}:${m.variant}`)).toEqual(['mlp:int8', 'strict:fp32']);
    await waitFor(async () => (await reported(cpu, 'mlp'))?.status === 'ready', { what: 'cpu agent reports mlp ready' });
    expect(await reported(cpu, 'mlp')).toMatchObject({ version: '1', variant: 'int8', status: 'ready' });
    const result = await infer(cpu.inferenceUrl, 'mlp', [{ name: MLP_INPUT, shape: [2, 8], datatype: 'FP32', data: rows }]);
    expect(result.status).toBe(200);
    expect(result.body.outputs?.find((o) => o.name === MLP_OUTPUT)?.shape).toEqual([2, 3]);
  });

  it('an agent reporting CUDA (fake capability report, no GPU here) receives fp16, runs it on CPU and reports it', async () => {
    expect((await desired(gpu)).models.map((m) => `${m.name}:${m.variant}`)).toEqual(['mlp:fp16', 'strict:fp32']);
    await waitFor(async () => (await reported(gpu, 'mlp'))?.status === 'ready', { what: 'gpu agent reports mlp ready' });
    expect(await reported(gpu, 'mlp')).toMatchObject({ version: '1', variant: 'fp16', status: 'ready' });
    const fp16 = await infer(gpu.inferenceUrl, 'mlp', [{ name: MLP_INPUT, shape: [2, 8], datatype: 'FP32', data: rows }]);
    const int8 = await infer(cpu.inferenceUrl, 'mlp', [{ name: MLP_INPUT, shape: [2, 8], datatype: 'FP32', data: rows }]);
    const [a, b] = [fp16, int8].map((r) => r.body.outputs?.find((o) => o.name === MLP_OUTPUT)?.data ?? []);
    // Different files, same model: each is within the gate's recorded error of FP32, so close to each other.
    const maxAbs = (await version('mlp/versions/1')).variants.reduce((m, v) => Math.max(m, Number(v.evidence?.['maxAbsError'] ?? 0)), 0);
    expect(a).toHaveLength(6);
    a?.forEach((x, i) => expect(Math.abs(x - (b?.[i] ?? NaN))).toBeLessThan(2 * maxAbs + 0.05));
  });

  it('rejected variants reach no agent: both run the FP32 of the model whose gate they failed', async () => {
    for (const agent of [cpu, gpu]) {
      await waitFor(async () => (await reported(agent, 'strict'))?.status === 'ready', { what: 'strict ready' });
      expect(await reported(agent, 'strict')).toMatchObject({ version: '1', variant: 'fp32' });
    }
    const strict = await version('strict/versions/1');
    for (const v of strict.variants.filter((x) => x.variant !== 'fp32')) {
      expect(v.signed).toBeUndefined();
      expect(v.evidence).toMatchObject({ gate: { pass: false, summary: expect.stringMatching(/^failed max-abs-error/) } });
    }
  });
});
