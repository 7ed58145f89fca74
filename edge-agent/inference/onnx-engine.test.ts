import { describe, expect, it } from 'vitest';
import {
  buildBrokenModel,
  buildConv,
  buildIdentityModel,
  buildMlp,
  IDENTITY_DATATYPES,
  loadSileroVad,
  type IdentityDatatype,
} from '../../test/fixtures/models/index.ts';
import { allocate, type TensorData } from './datatypes.ts';
import { ModelLoadError } from './errors.ts';
import { createProviderDetector } from './execution-providers.ts';
import { createOnnxEngine, generateWarmupFeeds } from './onnx-engine.ts';

function identityData(datatype: IdentityDatatype): TensorData {
  const data = allocate(datatype, 6);
  for (let i = 0; i < 6; i++) {
    if (Array.isArray(data)) data[i] = `é${i}`;
    else if (data instanceof BigInt64Array) data[i] = -(2n ** 40n) - BigInt(i);
    else if (data instanceof BigUint64Array) data[i] = 2n ** 63n + BigInt(i);
    else data[i] = datatype === 'BOOL' ? i % 2 : datatype === 'FP16' ? 0x3c00 + i : i + 1;
  }
  return data;
}

describe('onnx engine', () => {
  it('reports metadata in OIP terms with -1 for symbolic dims', async () => {
    const model = await createOnnxEngine().load(buildConv());
    expect(model.inputs).toEqual([{ name: 'image', datatype: 'FP32', shape: [-1, 3, 8, 8] }]);
    expect(model.outputs).toEqual([{ name: 'logits', datatype: 'FP32', shape: [-1, 4] }]);
    expect(model.executionProvider).toBe('cpu');
    expect(model.warmup.ok).toBe(true);
    expect(model.loadMs).toBeGreaterThan(0);
    await model.dispose();
  });

  it.each(Object.keys(IDENTITY_DATATYPES) as IdentityDatatype[])('carries %s tensors both ways', async (datatype) => {
    const model = await createOnnxEngine().load(buildIdentityModel(datatype));
    expect(model.inputs[0]).toEqual({ name: 'x', datatype, shape: [-1, 3] });
    const data = identityData(datatype);
    const { y } = await model.run({ x: { datatype, shape: [2, 3], data } });
    expect(y?.datatype).toBe(datatype);
    expect(y?.shape).toEqual([2, 3]);
    expect(y?.data.constructor).toBe(data.constructor);
    expect(Array.from(y!.data as ArrayLike<unknown>)).toEqual(Array.from(data as ArrayLike<unknown>));
    await model.dispose();
  });

  it('falls back from a requested cuda provider to cpu and says why', async () => {
    const engine = createOnnxEngine({ executionProviders: ['cuda', 'cpu'], graphOptimizationLevel: 'extended', intraOpNumThreads: 1 });
    const model = await engine.load(buildMlp({ inputs: 4, hidden: [4], outputs: 2, seed: 1 }));
    expect(model.executionProvider).toBe('cpu');
    const probes = await engine.providers();
    expect(probes.find((p) => p.name === 'cuda')).toMatchObject({ available: false });
    expect(probes.find((p) => p.name === 'cpu')).toMatchObject({ available: true });
    await model.dispose();
  });

  it('provider detector: unknown names skipped, probes cached, cpu always last', async () => {
    let probes = 0;
    const detector = createProviderDetector({
      listBackends: () => [{ name: 'cpu', bundled: true }, { name: 'gpu-x', bundled: true }, { name: 'gpu-y', bundled: true }],
      tryProvider: async (name) => {
        probes++;
        if (name === 'gpu-y') throw new Error('no adapter\ndetails');
      },
    });
    const selection = await detector.select(['nope', 'gpu-y', 'gpu-x']);
    expect(selection).toEqual({
      providers: ['gpu-x', 'cpu'],
      active: 'gpu-x',
      skipped: [
        { name: 'nope', available: false, reason: 'not in this onnxruntime-node build' },
        { name: 'gpu-y', available: false, reason: 'no adapter' },
      ],
    });
    await detector.select(['gpu-y', 'gpu-x']);
    expect(probes).toBe(2);
  });

  it('generic warm-up failing does not fail the load; explicit warm-up feeds must work', async () => {
    const bytes = await loadSileroVad();
    // Fatal-only logging: the failing generic warm-up is expected here, no need for its kernel errors on stderr.
    const engine = createOnnxEngine({ logSeverityLevel: 4 });
    const generic = await engine.load(bytes);
    expect(generic.warmup.ok).toBe(false);
    expect(generic.warmup.error).toMatch(/Pad|If/);
    await generic.dispose();
    const feeds = {
      input: { datatype: 'FP32' as const, shape: [1, 512], data: new Float32Array(512) },
      state: { datatype: 'FP32' as const, shape: [2, 1, 128], data: new Float32Array(256) },
      sr: { datatype: 'INT64' as const, shape: [], data: BigInt64Array.from([16000n]) },
    };
    const explicit = await engine.load(bytes, { warmup: { feeds } });
    expect(explicit.warmup.ok).toBe(true);
    expect(explicit.inputs.map((m) => m.shape)).toEqual([[-1, -1], [2, -1, 128], []]);
    await explicit.dispose();
    await expect(engine.load(bytes, { warmup: { feeds: { ...feeds, sr: { ...feeds.sr, data: BigInt64Array.from([0n]) } } } })).rejects.toBeInstanceOf(
      ModelLoadError,
    );
  });

  it('warm-up feeds use 1 for symbolic dims', () => {
    const feeds = generateWarmupFeeds([{ name: 'a', datatype: 'INT64', shape: [-1, 3] }]);
    expect(feeds['a']?.shape).toEqual([1, 3]);
    expect(feeds['a']?.data).toBeInstanceOf(BigInt64Array);
  });

  it.each(['truncated', 'invalid-graph', 'garbage'] as const)('rejects a %s model with ModelLoadError', async (kind) => {
    await expect(createOnnxEngine().load(buildBrokenModel(kind))).rejects.toBeInstanceOf(ModelLoadError);
  });

  it('refuses to run after dispose', async () => {
    const model = await createOnnxEngine().load(buildIdentityModel('FP32'), { warmup: 'off' });
    await model.dispose();
    await expect(model.run({ x: { datatype: 'FP32', shape: [1, 3], data: new Float32Array(3) } })).rejects.toThrow(/disposed/);
  });
});
