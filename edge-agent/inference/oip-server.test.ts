/**
 * Walks every OIP endpoint through app.request() with JSON and binary bodies, against real
 * onnxruntime sessions, and checks the answers against direct onnxruntime runs.
 */
import * as ort from 'onnxruntime-node';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildBenchMlp,
  buildIdentityModel,
  buildNanModel,
  IDENTITY_DATATYPES,
  loadSileroVad,
  type IdentityDatatype,
} from '../../test/fixtures/models/index.ts';
import { allocate, fromHalfBits, type TensorData } from './datatypes.ts';
import type { Feeds, Tensor } from './engine.ts';
import { createInferenceMetrics, metricsRegistryObserver } from './inference-metrics.ts';
import type { InferenceEvent } from './inference.service.ts';
import { createModelRegistry, type ModelRegistry } from './model-registry.ts';
import { decodeClientResponse, encodeClientRequest, type ClientRequest } from './oip-client.ts';
import { createOnnxEngine } from './onnx-engine.ts';
import { createOipApp } from './oip-server.ts';

const VAD_FEEDS: Feeds = {
  input: { datatype: 'FP32', shape: [1, 512], data: new Float32Array(512).map((_, i) => 0.3 * Math.sin(i / 5)) },
  state: { datatype: 'FP32', shape: [2, 1, 128], data: new Float32Array(256).map((_, i) => 0.01 * Math.cos(i)) },
  sr: { datatype: 'INT64', shape: [], data: BigInt64Array.from([16000n]) },
};

let registry: ModelRegistry;
let promRegistry: Registry;
let app: ReturnType<typeof createOipApp>;
const events: InferenceEvent[] = [];
let rawMlp: ort.InferenceSession;
let rawVad: ort.InferenceSession;

beforeAll(async () => {
  const engine = createOnnxEngine({ intraOpNumThreads: 1 });
  promRegistry = new Registry();
  const metrics = createInferenceMetrics(promRegistry);
  registry = createModelRegistry({ observer: metricsRegistryObserver(metrics) });
  const mlpBytes = buildBenchMlp();
  const vadBytes = await loadSileroVad();
  registry.activate('mlp', '1', await engine.load(mlpBytes), { variant: 'fp32' });
  registry.activate('mlp-batched', '1', await engine.load(mlpBytes), { batching: { maxBatchSize: 32, maxQueueDelayMicroseconds: 2000 } });
  registry.activate('vad', '5', await engine.load(vadBytes, { warmup: { feeds: VAD_FEEDS } }));
  registry.activate('nan', '1', await engine.load(buildNanModel()));
  for (const datatype of Object.keys(IDENTITY_DATATYPES) as IdentityDatatype[]) {
    registry.activate(`id-${datatype.toLowerCase()}`, '1', await engine.load(buildIdentityModel(datatype)));
  }
  rawMlp = await ort.InferenceSession.create(mlpBytes, { intraOpNumThreads: 1 });
  rawVad = await ort.InferenceSession.create(vadBytes);
  app = createOipApp({ registry, metrics, onInference: (e) => events.push(e) });
});

afterAll(async () => {
  await registry.close();
  await Promise.all([rawMlp.release(), rawVad.release()]);
});

const toOrt = (t: Tensor) =>
  new ort.Tensor(({ FP32: 'float32', INT64: 'int64' } as const)[t.datatype as 'FP32' | 'INT64'], t.data as Float32Array, t.shape);

function mlpInput(rows: number, seed = 1): Tensor {
  return { datatype: 'FP32', shape: [rows, 256], data: new Float32Array(rows * 256).map((_, i) => Math.sin(seed + i * 0.01)) };
}

async function infer(path: string, request: ClientRequest) {
  const { body, headers } = encodeClientRequest(request);
  const res = await app.request(path, { method: 'POST', body, headers });
  const bytes = new Uint8Array(await res.arrayBuffer());
  return { res, bytes, decoded: res.status === 200 ? decodeClientResponse(bytes, res.headers.get('inference-header-content-length')) : undefined };
}

const f32 = (bytes: Uint8Array | undefined) => new Float32Array(bytes!.slice().buffer);

describe('OIP server: health and metadata', () => {
  it('serves server metadata, liveness and readiness', async () => {
    const meta = await app.request('/v2');
    expect(await meta.json()).toEqual({ name: 'edgefleet-edge-agent', version: '0.1.0', extensions: ['binary_tensor_data'] });
    for (const path of ['/v2/health/live', '/v2/health/ready']) {
      const res = await app.request(path);
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('');
    }
    const notReady = createOipApp({ registry, health: { ready: () => false } });
    expect((await notReady.request('/v2/health/ready')).status).toBe(400);
  });

  it('describes a model with platform, versions and -1 for dynamic dims', async () => {
    const expected = {
      name: 'vad',
      versions: ['5'],
      platform: 'onnxruntime_onnx',
      inputs: [
        { name: 'input', datatype: 'FP32', shape: [-1, -1] },
        { name: 'state', datatype: 'FP32', shape: [2, -1, 128] },
        { name: 'sr', datatype: 'INT64', shape: [] },
      ],
      outputs: [
        { name: 'output', datatype: 'FP32', shape: [-1, 1] },
        { name: 'stateN', datatype: 'FP32', shape: [-1, -1, -1] },
      ],
    };
    expect(await (await app.request('/v2/models/vad')).json()).toEqual(expected);
    expect(await (await app.request('/v2/models/vad/versions/5')).json()).toEqual(expected);
    expect((await app.request('/v2/models/vad/ready')).status).toBe(200);
    expect((await app.request('/v2/models/vad/versions/5/ready')).status).toBe(200);
  });

  it('answers 404 with an error body for unknown models, versions and routes', async () => {
    for (const path of ['/v2/models/nope', '/v2/models/nope/ready', '/v2/models/vad/versions/4', '/v2/models/vad/versions/4/ready', '/v2/nothing']) {
      const res = await app.request(path);
      expect(res.status, path).toBe(404);
      expect((await res.json()) as { error: string }).toHaveProperty('error');
    }
    const res = await app.request('/v2/models/vad/versions/4');
    expect(((await res.json()) as { error: string }).error).toBe("model 'vad' has no version '4' loaded; loaded versions: 5");
  });
});

describe('OIP server: inference matches a direct onnxruntime run', () => {
  it('MLP over JSON equals session.run (float32 round-trips exactly through JSON)', async () => {
    const input = mlpInput(3);
    const direct = (await rawMlp.run({ input: toOrt(input) }))['output']!.data as Float32Array;
    const { res, decoded } = await infer('/v2/models/mlp/infer', { id: 'req-1', inputs: [{ name: 'input', tensor: input, binary: false }] });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('x-request-id')).toBe('req-1');
    expect(decoded).toMatchObject({ model_name: 'mlp', model_version: '1', id: 'req-1' });
    expect(decoded!.outputs[0]).toMatchObject({ name: 'output', datatype: 'FP32', shape: [3, 10] });
    expect(Float32Array.from(decoded!.outputs[0]!.data as number[])).toEqual(direct);
  });

  it('MLP over binary both ways equals session.run byte for byte', async () => {
    const input = mlpInput(2, 7);
    const direct = (await rawMlp.run({ input: toOrt(input) }))['output']!.data as Float32Array;
    const { res, decoded } = await infer('/v2/models/mlp/versions/1/infer', { inputs: [{ name: 'input', tensor: input }], binaryOutputs: true });
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(Number(res.headers.get('inference-header-content-length'))).toBeGreaterThan(0);
    expect(decoded!.id).toBeUndefined();
    expect(f32(decoded!.outputs[0]!.bytes)).toEqual(direct);
  });

  it('Silero VAD (three inputs, int64 scalar) over JSON and binary equals session.run', async () => {
    const direct = await rawVad.run(Object.fromEntries(Object.entries(VAD_FEEDS).map(([k, t]) => [k, toOrt(t)])));
    const inputs = Object.entries(VAD_FEEDS).map(([name, tensor]) => ({ name, tensor }));
    const json = await infer('/v2/models/vad/infer', { inputs: inputs.map((i) => ({ ...i, binary: false })) });
    expect(Float32Array.from(json.decoded!.outputs[0]!.data as number[])).toEqual(direct['output']!.data);
    expect(Float32Array.from(json.decoded!.outputs[1]!.data as number[])).toEqual(direct['stateN']!.data);
    const binary = await infer('/v2/models/vad/infer', { inputs, outputs: [{ name: 'stateN', binary: true }, { name: 'output' }] });
    expect(binary.decoded!.outputs.map((o) => o.name)).toEqual(['stateN', 'output']);
    expect(f32(binary.decoded!.outputs[0]!.bytes)).toEqual(direct['stateN']!.data);
    expect(binary.decoded!.outputs[1]!.data).toEqual(Array.from(direct['output']!.data as Float32Array));
  });

  it('honours the outputs selection and per-output binary_data over binary_data_output', async () => {
    const inputs = Object.entries(VAD_FEEDS).map(([name, tensor]) => ({ name, tensor }));
    const { decoded } = await infer('/v2/models/vad/infer', { inputs, binaryOutputs: true, outputs: [{ name: 'output', binary: false }] });
    expect(decoded!.outputs).toHaveLength(1);
    expect(decoded!.outputs[0]).toMatchObject({ name: 'output', shape: [1, 1] });
    expect(decoded!.outputs[0]!.data).toHaveLength(1);
  });

  it('dynamic batching over OIP gives the same bytes as unbatched requests', async () => {
    const inputs = Array.from({ length: 24 }, (_, i) => mlpInput((i % 2) + 1, i));
    const batched = await Promise.all(inputs.map((tensor) => infer('/v2/models/mlp-batched/infer', { inputs: [{ name: 'input', tensor }], binaryOutputs: true })));
    for (const [i, tensor] of inputs.entries()) {
      const direct = (await rawMlp.run({ input: toOrt(tensor) }))['output']!.data as Float32Array;
      expect(f32(batched[i]!.decoded!.outputs[0]!.bytes)).toEqual(direct);
    }
    const text = await promRegistry.getSingleMetricAsString('edgefleet_inference_execution_count_total');
    const executions = Number(/model="mlp-batched",version="1"} (\d+)/.exec(text)?.[1]);
    expect(executions).toBeGreaterThan(0);
    expect(executions).toBeLessThan(24); // some requests shared a run
  });
});

function sample(datatype: IdentityDatatype): TensorData {
  const data = allocate(datatype, 6);
  const values = [0, 1, 2, 100, 7, 3];
  for (let i = 0; i < 6; i++) {
    const v = values[i]!;
    if (Array.isArray(data)) data[i] = `b${v}✓`;
    else if (data instanceof BigInt64Array || data instanceof BigUint64Array) data[i] = BigInt(v) * 1000000007n;
    else if (datatype === 'BOOL') data[i] = v % 2;
    else if (datatype === 'FP16') data[i] = 0x3c00 + v; // halves just above 1.0
    else if (datatype.startsWith('INT')) data[i] = -v;
    else data[i] = datatype.startsWith('FP') ? v / 4 : v;
  }
  return data;
}

describe('OIP server: every datatype over JSON and binary', () => {
  it.each(Object.keys(IDENTITY_DATATYPES) as IdentityDatatype[])('%s', async (datatype) => {
    const tensor: Tensor = { datatype, shape: [2, 3], data: sample(datatype) };
    const path = `/v2/models/id-${datatype.toLowerCase()}/infer`;
    const json = await infer(path, { inputs: [{ name: 'x', tensor, binary: false }] });
    expect(json.res.status).toBe(200);
    const values = Array.from(tensor.data as ArrayLike<unknown>, (v) =>
      typeof v === 'bigint' ? Number(v) : datatype === 'BOOL' ? Boolean(v) : datatype === 'FP16' ? fromHalfBits(v as number) : v,
    );
    expect(json.decoded!.outputs[0]).toMatchObject({ name: 'y', datatype, shape: [2, 3], data: values });
    const binary = await infer(path, { inputs: [{ name: 'x', tensor }], binaryOutputs: true });
    expect(binary.res.status).toBe(200);
    const sent = encodeClientRequest({ inputs: [{ name: 'x', tensor }] });
    const header = Number(sent.headers['Inference-Header-Content-Length']);
    expect(Buffer.from(binary.decoded!.outputs[0]!.bytes!)).toEqual(Buffer.from(sent.body.subarray(header)));
  });

  it('writes NaN outputs as bare NaN in JSON (as Triton does) and as raw bits in binary', async () => {
    const tensor: Tensor = { datatype: 'FP32', shape: [1, 4], data: Float32Array.from([1, 2, 3, 4]) };
    const { bytes, decoded } = await infer('/v2/models/nan/infer', { inputs: [{ name: 'x', tensor, binary: false }] });
    expect(Buffer.from(bytes).toString()).toContain('"data":[NaN,NaN,NaN,NaN]');
    expect((decoded!.outputs[0]!.data as number[]).every(Number.isNaN)).toBe(true);
    const bin = await infer('/v2/models/nan/infer', { inputs: [{ name: 'x', tensor }], binaryOutputs: true });
    expect([...f32(bin.decoded!.outputs[0]!.bytes)].every(Number.isNaN)).toBe(true);
    // Clients may send non-finite values too.
    const body = '{"inputs":[{"name":"x","datatype":"FP32","shape":[1,3],"data":[NaN,Infinity,-Infinity]}]}';
    const res = await app.request('/v2/models/id-fp32/infer', { method: 'POST', body });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('"data":[NaN,Infinity,-Infinity]');
  });
});

describe('OIP server: switching versions under load', () => {
  it('activate() during concurrent requests: none fail, each answer comes from version 1 or 2 whole', async () => {
    const engine = createOnnxEngine({ intraOpNumThreads: 1 });
    const bytes = buildBenchMlp();
    registry.activate('switch', '1', await engine.load(bytes), { batching: { maxBatchSize: 8, maxQueueDelayMicroseconds: 300 } });
    const next = await engine.load(bytes);
    const tensor = mlpInput(1, 3);
    const direct = (await rawMlp.run({ input: toOrt(tensor) }))['output']!.data as Float32Array;
    const requests = Array.from({ length: 80 }, async (_, i) => {
      await new Promise((r) => setTimeout(r, i % 20));
      if (i === 40) registry.activate('switch', '2', next);
      return infer('/v2/models/switch/infer', { inputs: [{ name: 'input', tensor }], binaryOutputs: true });
    });
    const results = await Promise.all(requests);
    expect(results.map((r) => r.res.status).filter((s) => s !== 200)).toEqual([]);
    const versions = new Set(results.map((r) => r.decoded!.model_version));
    expect([...versions].sort()).toEqual(['1', '2']);
    for (const r of results) expect(f32(r.decoded!.outputs[0]!.bytes)).toEqual(direct);
  });
});

describe('OIP server: request ids and the statistics hook', () => {
  it('echoes the OIP id, generates one otherwise, and reports each request to the hook', async () => {
    events.length = 0;
    const tensor = mlpInput(1);
    await infer('/v2/models/mlp/infer', { id: 'abc', inputs: [{ name: 'input', tensor }] });
    const anon = await infer('/v2/models/mlp/infer', { inputs: [{ name: 'input', tensor }] });
    await infer('/v2/models/mlp/infer', { inputs: [{ name: 'wrong', tensor }] });
    expect(events).toHaveLength(3);
    expect(events[0]).toMatchObject({ requestId: 'abc', model: 'mlp', version: '1' });
    expect(events[0]!.inputs?.['input']?.shape).toEqual([1, 256]);
    expect(events[0]!.outputs?.['output']?.shape).toEqual([1, 10]);
    expect(events[0]!.latencyMs).toBeGreaterThan(0);
    expect(events[1]!.requestId).toBe(anon.res.headers.get('x-request-id'));
    expect(events[1]!.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(events[2]!.error?.code).toBe('INVALID_REQUEST');
  });
});
