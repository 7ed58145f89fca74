/**
 * Variant jobs end to end through the HTTP API over a fresh SQLite, with the real builders and the
 * real onnxruntime gate: push FP32 -> int8 and fp16 built in the background, gated, signed; bad
 * variants rejected and never in a desired state; gates and evaluation sets change the verdicts.
 */
import { createPublicKey, verify } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  canonicalJson, desiredStateSchema, enrollResponseSchema, modelVersionSchema, signingKeySchema,
  type Capabilities, type ModelVersion, type SignedManifest, type VariantInfo,
} from '../../../protocol/index.ts';
import { buildMlp } from '../../../test/fixtures/models/index.ts';
import { createTestControlPlane, type TestControlPlane } from '../../../test/helpers/control-plane.ts';
import { cpuCapabilities, createEnrollToken } from '../../../test/helpers/fleet.ts';
import { expectError, push } from '../models/test-support.ts';
import { FP16_SCHEMA_BLOCK_LIST } from './fp16-ops.ts';
import { generateInputs } from './generate-inputs.ts';
import { createOnnxRunner } from './onnx-runner.ts';
import { scrambleWeights } from './variant-test-models.ts';
import type { VariantJob } from './variant-schemas.ts';

/** 8 -> 64 -> 3: int8 and fp16 agree with it on every generated row (measured; near-ties would flip). */
const classifier = () => buildMlp({ inputs: 8, hidden: [64], outputs: 3, seed: 1 });
/** No GPU here: the CUDA device is a capability report only. */
const fakeCudaCapabilities: Capabilities = { ...cpuCapabilities, executionProviders: ['cuda', 'cpu'], gpus: [{ name: 'fake GPU (capability report only)' }] };

type Evidence = Record<string, any>;

describe('variant jobs (real builders, real onnxruntime gate)', () => {
  let cp: TestControlPlane;
  beforeEach(() => {
    cp = createTestControlPlane();
  });
  afterEach(async () => {
    await cp.services.variants.jobs.stop();
    await cp.close();
  });

  const getVersion = async (ref = 'mlp/versions/1') => modelVersionSchema.parse(await (await cp.call('GET', `/v1/models/${ref}`)).json());
  const jobsOf = async (ref = 'mlp/versions/1') => ((await (await cp.call('GET', `/v1/models/${ref}/jobs`)).json()) as { jobs: VariantJob[] }).jobs;
  const variant = (v: ModelVersion, name: string) => v.variants.find((x) => x.variant === name) as VariantInfo & { evidence: Evidence };
  const settle = () => cp.services.variants.jobs.idle();

  async function enroll(capabilities: Capabilities): Promise<string> {
    const token = await createEnrollToken(cp, { uses: 1 });
    const res = await cp.call('POST', '/v1/enroll', { token: null, json: { token, name: 'box', labels: {}, capabilities } });
    return enrollResponseSchema.parse(await res.json()).deviceId;
  }
  const desiredVariant = async (deviceId: string) =>
    desiredStateSchema.parse(await (await cp.call('GET', `/v1/devices/${deviceId}/desired-state`)).json()).models.map((m) => m.variant);

  it('builds int8 and fp16 after an FP32 push without holding up the push, gates them, signs them, ships them by capability', async () => {
    const res = await push(cp, '/v1/models/mlp/versions/1', classifier());
    expect(res.status).toBe(201);
    expect(modelVersionSchema.parse(await res.json()).variants.map((v) => v.variant)).toEqual(['fp32']);
    expect((await jobsOf()).map((j) => [j.kind, j.variants, j.status, j.progress])).toEqual([['build', ['int8', 'fp16'], 'queued', 0]]);
    const cpuDevice = await enroll(cpuCapabilities);
    const gpuDevice = await enroll(fakeCudaCapabilities);
    expect((await cp.call('PUT', '/v1/assignments/mlp', { json: { selector: '', model: 'mlp', version: '1' } })).status).toBe(201);
    expect(await desiredVariant(cpuDevice)).toEqual(['fp32']); // nothing built yet: everyone runs the reference

    cp.services.variants.jobs.start();
    await settle();
    const [job] = await jobsOf();
    expect(job).toMatchObject({ status: 'done', progress: 1, attempts: 1, error: null, results: { int8: { status: 'ready' }, fp16: { status: 'ready' } } });

    const version = await getVersion();
    expect(version.variants.map((v) => [v.variant, v.status])).toEqual([['fp32', 'ready'], ['int8', 'ready'], ['fp16', 'ready']]);
    const key = signingKeySchema.parse(await (await cp.call('GET', '/v1/keys/signing', { token: null })).json());
    const publicKey = createPublicKey({ key: Buffer.from(key.publicKeySpki, 'base64'), format: 'der', type: 'spki' });
    for (const name of ['int8', 'fp16']) {
      const v = variant(version, name);
      const signed = v.signed as SignedManifest;
      expect(signed.manifest).toMatchObject({ name: 'mlp', version: '1', variant: name, sha256: v.sha256, size: v.size });
      expect(verify(null, Buffer.from(canonicalJson(signed.manifest)), publicKey, Buffer.from(signed.signature, 'base64'))).toBe(true);
      const artifact = await cp.call('GET', `/v1/artifacts/${v.sha256}`);
      expect(new Uint8Array(await artifact.arrayBuffer()).length).toBe(v.size);
      expect(v.evidence).toMatchObject({
        gate: { pass: true, thresholds: { minTop1Agreement: 0.99 } },
        size: { bytes: v.size, fp32Bytes: variant(version, 'fp32').size },
        top1Agreement: 1,
        inputs: { source: 'generated', samples: 200 },
        runtime: expect.stringMatching(/^onnxruntime-node .* cpu$/),
      });
      expect(v.evidence['maxAbsError']).toBeGreaterThan(0);
      expect(v.evidence['meanAbsError']).toBeLessThan(v.evidence['maxAbsError']);
    }
    expect(variant(version, 'int8').evidence['build']).toMatchObject({ builder: 'quantizeInt8', quantizedNodes: 2, skippedNodes: [] });
    expect(variant(version, 'fp16').evidence['build']).toMatchObject({ builder: 'convertFp16', target: 'gpu', blockList: [...FP16_SCHEMA_BLOCK_LIST].sort() });
    expect(variant(version, 'fp16').evidence['size'].ratio).toBeLessThan(0.6);

    // The registry refreshed desired states when the variants became ready.
    expect(await desiredVariant(cpuDevice)).toEqual(['int8']);
    expect(await desiredVariant(gpuDevice)).toEqual(['fp16']);
    expect(cp.services.audit.list().filter((e) => e.action === 'model.variant.ready').map((e) => e.details['variant']).sort()).toEqual(['fp16', 'int8']);
  });

  it('rejects a pushed int8 with scrambled weights, with its evidence, and never puts it in a desired state', async () => {
    await push(cp, '/v1/models/mlp/versions/1', classifier());
    const res = await push(cp, '/v1/models/mlp/versions/1/variants/int8', scrambleWeights(classifier(), 'w0'));
    expect(modelVersionSchema.parse(await res.json()).variants[1]).toMatchObject({ variant: 'int8', status: 'building' });
    const cpuDevice = await enroll(cpuCapabilities);
    await cp.call('PUT', '/v1/assignments/mlp', { json: { selector: '', model: 'mlp', version: '1' } });

    cp.services.variants.jobs.start();
    await settle();
    const jobs = await jobsOf();
    // The build leaves the pushed int8 to its own gate job, and builds fp16.
    expect(jobs.map((j) => [j.kind, j.results])).toEqual([
      ['build', { int8: { status: 'skipped', summary: 'a variant pushed from elsewhere is there' }, fp16: expect.objectContaining({ status: 'ready' }) }],
      ['gate', { int8: expect.objectContaining({ status: 'rejected', summary: expect.stringMatching(/^failed top1-agreement on "output"/) }) }],
    ]);
    const int8 = variant(await getVersion(), 'int8');
    expect(int8.status).toBe('rejected');
    expect(int8.signed).toBeUndefined();
    expect(int8.evidence).toMatchObject({ gate: { pass: false }, build: { source: 'pushed' } });
    expect(int8.evidence['top1Agreement']).toBeLessThan(0.9);
    expect(await desiredVariant(cpuDevice)).toEqual(['fp32']);
  });

  it('gates by the model gate: a tight error bound rejects both, loosening it re-gates them to ready', async () => {
    await expectError(await cp.call('PUT', '/v1/models/mlp/gate', { json: { minTop1Agreement: 0.99, maxAbsErr: 1 } }), 400, 'VALIDATION_FAILED');
    await expectError(await cp.call('PUT', '/v1/models/mlp/gate', { json: { minTop1Agreement: 1.5 } }), 400, 'VALIDATION_FAILED');
    expect(await (await cp.call('GET', '/v1/models/mlp/gate')).json()).toEqual({ name: 'mlp', default: true, minTop1Agreement: 0.99 });
    // Set before the first push: the model does not exist yet.
    const set = await cp.call('PUT', '/v1/models/mlp/gate', { json: { minTop1Agreement: 0.99, maxAbsError: 1e-6 } });
    expect(await set.json()).toMatchObject({ name: 'mlp', default: false, maxAbsError: 1e-6 });
    await push(cp, '/v1/models/mlp/versions/1', classifier());
    const cpuDevice = await enroll(cpuCapabilities);
    await cp.call('PUT', '/v1/assignments/mlp', { json: { selector: '', model: 'mlp', version: '1' } });
    cp.services.variants.jobs.start();
    await settle();
    for (const name of ['int8', 'fp16']) {
      const v = variant(await getVersion(), name);
      expect(v.status).toBe('rejected');
      expect(v.evidence['gate'].checks).toContainEqual(expect.objectContaining({ check: 'max-abs-error', pass: false, threshold: 1e-6 }));
    }
    expect(await desiredVariant(cpuDevice)).toEqual(['fp32']);

    await cp.call('PUT', '/v1/models/mlp/gate', { json: { minTop1Agreement: 0.99 } });
    await settle();
    expect((await getVersion()).variants.map((v) => v.status)).toEqual(['ready', 'ready', 'ready']);
    expect(await desiredVariant(cpuDevice)).toEqual(['int8']);
  });

  it('takes an evaluation set (400 naming the line when bad), gates on it and records accuracy from its labels', async () => {
    await push(cp, '/v1/models/mlp/versions/1', classifier());
    const putSet = (text: string, contentType = 'application/x-ndjson') =>
      cp.call('PUT', '/v1/models/mlp/versions/1/evaluation-set', { body: text, headers: { 'content-type': contentType } });
    const bad = await expectError(await putSet('{"inputs": {"input": [1,2,3,4,5,6,7,8]}}\n{"inputs": {"input": [1,2]}}'), 400, 'VALIDATION_FAILED');
    expect(bad.error.message).toMatch(/^evaluation set line 2: input "input" \(FP32\[batch,8\]\): has 2 values/);
    await expectError(await putSet('{}', 'application/x-ndjson'.replace('x-ndjson', 'json')), 400, 'VALIDATION_FAILED');
    await expectError(await cp.call('PUT', '/v1/models/mlp/versions/9/evaluation-set', { body: '{}' }), 404, 'NOT_FOUND');

    // Labels are what FP32 predicts: its accuracy is 1 and the variants' is their agreement with it.
    // Rows near a tie are left out, like a real labelled set where the model is mostly sure; random
    // weights make many near-ties that quantization flips (README: "Random-weight MLPs").
    const feeds = generateInputs([{ name: 'input', datatype: 'FP32', shape: ['batch', 8] }], 200, 99);
    const fp32 = await createOnnxRunner(classifier());
    const rows: string[] = [];
    for (const feed of feeds) {
      const scores = Array.from((await fp32.run(feed))['output']?.data as Float32Array);
      const [first, second] = [...scores].sort((a, b) => b - a) as [number, number];
      if (first - second < 0.1 || rows.length === 60) continue;
      rows.push(JSON.stringify({ inputs: { input: Array.from(feed['input']?.data as Float32Array) }, label: scores.indexOf(first) }));
    }
    await fp32.release();
    const res = await putSet(rows.join('\n'), 'application/octet-stream');
    expect(await res.json()).toMatchObject({ name: 'mlp', version: '1', rows: 60, labelled: true });
    expect(await (await cp.call('GET', '/v1/models/mlp/versions/1/evaluation-set')).json()).toMatchObject({ rows: 60 });

    cp.services.variants.jobs.start();
    await settle();
    for (const name of ['int8', 'fp16']) {
      const v = variant(await getVersion(), name);
      expect(v.status, JSON.stringify(v.evidence['gate'])).toBe('ready');
      expect(v.evidence).toMatchObject({ inputs: { source: 'evaluation-set', samples: 60, labelled: true }, accuracy: { fp32: 1, variant: 1 } });
      expect(v.evidence['gate'].checks).toContainEqual(expect.objectContaining({ check: 'accuracy-drop', pass: true }));
    }
  });

  it('fails the unfinished jobs of a deleted version and forgets its evaluation set', async () => {
    await push(cp, '/v1/models/mlp/versions/1', classifier());
    await cp.call('PUT', '/v1/models/mlp/versions/1/evaluation-set', { body: JSON.stringify({ inputs: { input: [1, 2, 3, 4, 5, 6, 7, 8] } }) });
    expect((await cp.call('DELETE', '/v1/models/mlp/versions/1')).status).toBe(204);
    // The build, and the re-gate the upload queued for what the build will make: both failed, with the reason.
    expect(cp.db.prepare('SELECT kind, status, error FROM variant_jobs').all()).toEqual([
      { kind: 'build', status: 'failed', error: 'the version was deleted' },
      { kind: 'gate', status: 'failed', error: 'the version was deleted' },
    ]);
    expect(cp.db.prepare('SELECT count(*) AS n FROM evaluation_sets').get()).toEqual({ n: 0 });
  });
});
