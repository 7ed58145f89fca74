/**
 * Every way an OIP request can be refused: each answer is {"error": "..."} with the status the
 * protocol implies, naming the input and what the model expected.
 */
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIdentityModel, buildMlp, loadSileroVad } from '../../test/fixtures/models/index.ts';
import type { Tensor } from './engine.ts';
import { createInferenceMetrics, metricsRegistryObserver } from './inference-metrics.ts';
import { createModelRegistry, type ModelRegistry } from './model-registry.ts';
import { encodeClientRequest } from './oip-client.ts';
import { createOnnxEngine } from './onnx-engine.ts';
import { createOipApp } from './oip-server.ts';
import { createManualClock } from './test-clock.ts';

const engine = createOnnxEngine({ intraOpNumThreads: 1 });
let registry: ModelRegistry;
let promRegistry: Registry;
let app: ReturnType<typeof createOipApp>;

beforeAll(async () => {
  promRegistry = new Registry();
  const metrics = createInferenceMetrics(promRegistry);
  registry = createModelRegistry({ observer: metricsRegistryObserver(metrics) });
  registry.activate('mlp', '1', await engine.load(buildMlp({ inputs: 4, hidden: [8], outputs: 2, seed: 5 })));
  registry.activate('vad', '5', await engine.load(await loadSileroVad(), { warmup: 'off' }));
  registry.activate('bytes', '1', await engine.load(buildIdentityModel('BYTES')));
  app = createOipApp({ registry, metrics, limits: { maxBodyBytes: 4096 } });
});
afterAll(() => registry.close());

const post = (path: string, body: BodyInit, headers: Record<string, string> = {}) =>
  app.request(path, { method: 'POST', body, headers });

async function expectError(res: Response, status: number, ...fragments: string[]) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/application\/json/);
  const body = (await res.json()) as { error: string };
  expect(Object.keys(body)).toEqual(['error']);
  for (const fragment of fragments) expect(body.error).toContain(fragment);
  return body.error;
}

const mlpJson = (input: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ inputs: [{ name: 'input', datatype: 'FP32', shape: [1, 4], data: [1, 2, 3, 4], ...input }], ...extra });

describe('OIP errors: unknown model or version -> 404', () => {
  it.each([
    ['/v2/models/nope/infer', "unknown model 'nope'"],
    ['/v2/models/mlp/versions/7/infer', "model 'mlp' has no version '7' loaded; loaded versions: 1"],
  ])('%s', async (path, message) => {
    await expectError(await post(path, mlpJson({})), 404, message);
  });
});

describe('OIP errors: request does not match the model -> 400 naming the input', () => {
  it.each([
    ['wrong input name', mlpJson({ name: 'inptu' }), ["unexpected input 'inptu'", "expects inputs 'input'"]],
    ['wrong datatype', mlpJson({ datatype: 'FP64' }), ["input 'input'", 'datatype FP64', "model's FP32"]],
    ['unknown datatype', mlpJson({ datatype: 'FLOAT' }), ["input 'input'", "unknown datatype 'FLOAT'"]],
    ['wrong rank', mlpJson({ shape: [4] }), ["input 'input'", 'rank 1', 'expects rank 2 [-1,4]']],
    ['wrong fixed dimension', mlpJson({ shape: [1, 5], data: [1, 2, 3, 4, 5] }), ["input 'input'", 'dimension 1 must be 4']],
    ['element count', mlpJson({ shape: [2, 4] }), ["input 'input'", 'shape needs 8 elements, "data" has 4']],
    ['element type', mlpJson({ data: [1, 'two', 3, 4] }), ["input 'input'", 'element 1 ("two") is not a valid FP32 value']],
    ['negative dimension', mlpJson({ shape: [-1, 4] }), ['inputs.0.shape.0']],
    ['no data', mlpJson({ data: undefined }), ["input 'input'", 'needs "data" or binary_data_size']],
    ['duplicate input', JSON.stringify({ inputs: [JSON.parse(mlpJson({})).inputs[0], JSON.parse(mlpJson({})).inputs[0]] }), ["input 'input' is given more than once"]],
    ['unknown output', mlpJson({}, { outputs: [{ name: 'logits' }] }), ["unknown output 'logits'", "outputs 'output'"]],
    ['classification', mlpJson({}, { outputs: [{ name: 'output', parameters: { classification: 2 } }] }), ['classification extension']],
    ['binary_data_output not a boolean', mlpJson({}, { parameters: { binary_data_output: 'yes' } }), ["'binary_data_output' must be a boolean"]],
    ['not JSON', '{"inputs": [', ['not valid JSON']],
    ['no inputs', '{"inputs": []}', ['inputs']],
    ['nested data with wrong count', mlpJson({ shape: [2, 4], data: [[1, 2, 3, 4], [5, 6, 7]] }), ['shape needs 8 elements, "data" has 7']],
  ])('%s', async (_label, body, fragments) => {
    await expectError(await post('/v2/models/mlp/infer', body), 400, ...fragments);
  });

  it('missing input names what the model needs', async () => {
    const body = JSON.stringify({ inputs: [{ name: 'input', datatype: 'FP32', shape: [1, 512], data: new Array(512).fill(0) }, { name: 'state', datatype: 'FP32', shape: [2, 1, 128], data: new Array(256).fill(0) }] });
    await expectError(await post('/v2/models/vad/infer', body), 400, "model 'vad' is missing input 'sr' (INT64 [])");
  });

  it('nested JSON data in the tensor shape is accepted', async () => {
    const res = await post('/v2/models/mlp/infer', mlpJson({ shape: [2, 4], data: [[1, 2, 3, 4], [5, 6, 7, 8]] }));
    expect(res.status).toBe(200);
  });
});

describe('OIP errors: binary tensor extension', () => {
  const tensor: Tensor = { datatype: 'FP32', shape: [1, 4], data: Float32Array.from([1, 2, 3, 4]) };
  const good = encodeClientRequest({ inputs: [{ name: 'input', tensor }] });
  const headerLength = Number(good.headers['Inference-Header-Content-Length']);

  it('accepts the well-formed request', async () => {
    expect((await post('/v2/models/mlp/infer', good.body, good.headers)).status).toBe(200);
  });

  it('binary_data_size that does not fit the shape', async () => {
    const bad = encodeClientRequest({ inputs: [{ name: 'input', tensor: { ...tensor, shape: [1, 4], data: Float32Array.from([1, 2, 3]) } }] });
    await expectError(await post('/v2/models/mlp/infer', bad.body, bad.headers), 400, "input 'input'", 'binary_data_size is 12 bytes', 'need 16');
  });

  it('binary data shorter than declared, and trailing bytes nobody declared', async () => {
    await expectError(await post('/v2/models/mlp/infer', good.body.subarray(0, good.body.length - 4), good.headers), 400, 'runs past the end of the body');
    const longer = Buffer.concat([good.body, Buffer.alloc(8)]);
    await expectError(await post('/v2/models/mlp/infer', longer, good.headers), 400, 'body has 24 bytes of binary data, inputs declare 16');
  });

  it('Inference-Header-Content-Length that is not a length of this body', async () => {
    for (const value of ['abc', '-1', String(good.body.length + 1)]) {
      await expectError(await post('/v2/models/mlp/infer', good.body, { 'Inference-Header-Content-Length': value }), 400, 'Inference-Header-Content-Length');
    }
    await expectError(await post('/v2/models/mlp/infer', good.body, { 'Inference-Header-Content-Length': String(headerLength - 1) }), 400, 'not valid JSON');
  });

  it('both data and binary_data_size on one input', async () => {
    const json = JSON.parse(Buffer.from(good.body.subarray(0, headerLength)).toString()) as { inputs: Record<string, unknown>[] };
    json.inputs[0]!['data'] = [1, 2, 3, 4];
    const header = Buffer.from(JSON.stringify(json));
    const body = Buffer.concat([header, good.body.subarray(headerLength)]);
    await expectError(await post('/v2/models/mlp/infer', body, { 'Inference-Header-Content-Length': String(header.length) }), 400, 'both binary_data_size and "data"');
  });

  it('truncated BYTES element', async () => {
    const req = encodeClientRequest({ inputs: [{ name: 'x', tensor: { datatype: 'BYTES', shape: [1, 3], data: ['a', 'b', 'c'] } }] });
    const header = Number(req.headers['Inference-Header-Content-Length']);
    const json = JSON.parse(Buffer.from(req.body.subarray(0, header)).toString()) as { inputs: { parameters: { binary_data_size: number } }[] };
    json.inputs[0]!.parameters.binary_data_size -= 1;
    const newHeader = Buffer.from(JSON.stringify(json));
    const body = Buffer.concat([newHeader, req.body.subarray(header, req.body.length - 1)]);
    await expectError(await post('/v2/models/bytes/infer', body, { 'Inference-Header-Content-Length': String(newHeader.length) }), 400, "input 'x'", 'truncated BYTES element');
  });
});

describe('OIP errors: limits', () => {
  it('a body over the limit -> 413', async () => {
    const body = mlpJson({ data: [1, 2, 3, 4] }) + ' '.repeat(5000);
    await expectError(await post('/v2/models/mlp/infer', body), 413, 'exceeds the limit of 4096 bytes');
  });

  it('a full queue -> 503 with Retry-After, and the queued request still completes', async () => {
    const clock = createManualClock();
    const small = createModelRegistry({ clock, maxQueueSize: 1, retryAfterSeconds: 3 });
    small.activate('mlp', '1', await engine.load(buildMlp({ inputs: 4, hidden: [8], outputs: 2, seed: 5 })), {
      batching: { maxBatchSize: 8, maxQueueDelayMicroseconds: 50_000 },
    });
    const smallApp = createOipApp({ registry: small });
    const first = smallApp.request('/v2/models/mlp/infer', { method: 'POST', body: mlpJson({}) });
    await new Promise((r) => setTimeout(r, 20)); // let the first request reach the queue
    const res = await smallApp.request('/v2/models/mlp/infer', { method: 'POST', body: mlpJson({}) });
    await expectError(res, 503, "model 'mlp' queue is full");
    expect(res.headers.get('retry-after')).toBe('3');
    clock.advance(50);
    expect((await first).status).toBe(200);
    await small.close();
  });
});

describe('OIP errors: counted in metrics with a closed set of labels', () => {
  it('failures by reason; unknown model names do not become label values', async () => {
    const text = await promRegistry.metrics();
    expect(text).toMatch(/edgefleet_inference_request_failure_total\{model="",version="",reason="not_found"\} 2/);
    expect(text).toMatch(/edgefleet_inference_request_failure_total\{model="mlp",version="1",reason="invalid_request"\} \d+/);
    expect(text).toMatch(/edgefleet_inference_request_failure_total\{model="mlp",version="1",reason="payload_too_large"\} 1/);
    expect(text).not.toContain('model="nope"');
    expect(text).toMatch(/edgefleet_inference_request_success_total\{model="mlp",version="1"\} \d+/);
    expect(text).toMatch(/edgefleet_model_active_info\{model="vad",version="5",variant="default",execution_provider="cpu"\} 1/);
  });
});
