import { createHash, createPublicKey, verify } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  canonicalJson,
  modelSummarySchema,
  modelVersionSchema,
  signingKeySchema,
  type ModelVersion,
  type SignedManifest,
} from '../../../protocol/index.ts';
import { buildBrokenModel, buildConv, buildMlp, loadSileroVad } from '../../../test/fixtures/models/index.ts';
import { createTestControlPlane, type TestControlPlane } from '../../../test/helpers/control-plane.ts';
import { expectError, push } from './test-support.ts';

/** A small MLP (a few hundred bytes); the seed changes the bytes, not the interface. */
const smallModel = (seed = 1) => buildMlp({ inputs: 4, hidden: [8], outputs: 3, seed });

describe('models API: push, list, show', () => {
  let cp: TestControlPlane;
  beforeEach(() => {
    cp = createTestControlPlane();
  });
  afterEach(async () => cp.close());

  it('registers the real Silero VAD with a signed manifest, and lists and shows it', async () => {
    const bytes = await loadSileroVad();
    const res = await push(cp, '/v1/models/vad/versions/5', bytes);
    expect(res.status).toBe(201);
    const created = modelVersionSchema.parse(await res.json());
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    expect(created).toMatchObject({ name: 'vad', version: '5', opset: 16, producer: 'spox', aliases: [] });
    expect(created.createdBy).toMatch(/^token:/);
    expect(created.inputs.map((i) => `${i.name}:${i.datatype}`)).toEqual(['input:FP32', 'state:FP32', 'sr:INT64']);
    expect(created.variants).toHaveLength(1);
    const [fp32] = created.variants;
    expect(fp32).toMatchObject({ variant: 'fp32', sha256, size: bytes.length, status: 'ready' });
    expect(fp32?.signed?.manifest).toMatchObject({
      schemaVersion: 1, name: 'vad', version: '5', variant: 'fp32', kind: 'onnx', sha256, size: bytes.length, opset: 16,
    });

    const list = (await (await cp.call('GET', '/v1/models')).json()) as { models: unknown[] };
    expect(list.models.map((m) => modelSummarySchema.parse(m))).toEqual([
      expect.objectContaining({ name: 'vad', versions: ['5'], aliases: {}, latestVersion: '5' }),
    ]);
    const model = modelSummarySchema.parse(await (await cp.call('GET', '/v1/models/vad')).json());
    expect(model.versions).toEqual(['5']);
    const shown = modelVersionSchema.parse(await (await cp.call('GET', '/v1/models/vad/versions/5')).json());
    expect(shown).toEqual(created);
    const audit = cp.services.audit.list().find((e) => e.action === 'model.push');
    expect(audit).toMatchObject({ target: 'vad:5', details: { variant: 'fp32', sha256, size: bytes.length } });
  });

  it('signs manifests that verify against GET /v1/keys/signing (no token needed) and not after tampering', async () => {
    const created = (await (await push(cp, '/v1/models/mlp/versions/1', smallModel())).json()) as ModelVersion;
    const signed = created.variants[0]?.signed as SignedManifest;
    const keyRes = await cp.call('GET', '/v1/keys/signing', { token: null });
    expect(keyRes.status).toBe(200);
    const key = signingKeySchema.parse(await keyRes.json());
    expect(signed.keyId).toBe(key.keyId);
    const publicKey = createPublicKey({ key: Buffer.from(key.publicKeySpki, 'base64'), format: 'der', type: 'spki' });
    const check = (m: unknown) => verify(null, Buffer.from(canonicalJson(m)), publicKey, Buffer.from(signed.signature, 'base64'));
    expect(check(signed.manifest)).toBe(true);
    expect(check({ ...signed.manifest, version: '2' })).toBe(false);
  });

  it('takes more variants of a version when their tensors match by name and type', async () => {
    await push(cp, '/v1/models/mlp/versions/1', smallModel(1));
    const res = await push(cp, '/v1/models/mlp/versions/1/variants/int8', smallModel(2));
    expect(res.status).toBe(201);
    const version = modelVersionSchema.parse(await res.json());
    expect(version.variants.map((v) => v.variant)).toEqual(['fp32', 'int8']);
    // Built elsewhere, so it waits for the accuracy gate (features/variants): unsigned, never shipped yet.
    expect(version.variants[1]).toMatchObject({ variant: 'int8', status: 'building' });
    expect(version.variants[1]?.signed).toBeUndefined();
    const jobs = (await (await cp.call('GET', '/v1/models/mlp/versions/1/jobs')).json()) as { jobs: Array<{ kind: string; variants: string[]; status: string }> };
    expect(jobs.jobs.map((j) => [j.kind, j.variants, j.status])).toEqual([['build', ['int8', 'fp16'], 'queued'], ['gate', ['int8'], 'queued']]);

    await expectError(await push(cp, '/v1/models/mlp/versions/1/variants/int8', smallModel(3)), 409, 'VERSION_EXISTS');
    const mismatch = await expectError(await push(cp, '/v1/models/mlp/versions/1/variants/fp16', buildConv()), 400, 'VALIDATION_FAILED');
    expect(mismatch.error.message).toMatch(/input "input" is missing/);
    await expectError(await push(cp, '/v1/models/mlp/versions/9/variants/fp16', smallModel(2)), 404, 'NOT_FOUND');
    await expectError(await push(cp, '/v1/models/mlp/versions/1/variants/fp8', smallModel(2)), 400, 'VALIDATION_FAILED');
  });

  it('honours ?variant= on the first push', async () => {
    const res = await push(cp, '/v1/models/mlp/versions/1?variant=fp16', smallModel());
    expect(((await res.json()) as ModelVersion).variants.map((v) => v.variant)).toEqual(['fp16']);
    await expectError(await push(cp, '/v1/models/mlp/versions/2?variant=fp8', smallModel()), 400, 'VALIDATION_FAILED');
  });

  it.each([
    ['garbage ONNX', '/v1/models/m/versions/1', buildBrokenModel('garbage'), 400, 'INVALID_ONNX', /protobuf decoding failed/],
    ['truncated ONNX', '/v1/models/m/versions/1', buildBrokenModel('truncated'), 400, 'INVALID_ONNX', /truncated/],
    ['an empty body', '/v1/models/m/versions/1', new Uint8Array(0), 400, 'INVALID_ONNX', /empty/],
    ['an upper-case model name', '/v1/models/Vad/versions/1', smallModel(), 400, 'VALIDATION_FAILED', /model name/],
    ['a bad version', '/v1/models/m/versions/-1', smallModel(), 400, 'VALIDATION_FAILED', /version/],
  ])('refuses %s', async (_, path, bytes, status, code, message) => {
    const body = await expectError(await push(cp, path, bytes), status, code);
    expect(body.error.message).toMatch(message);
    expect(cp.db.prepare('SELECT count(*) AS n FROM model_versions').get()).toEqual({ n: 0 });
  });

  it('refuses content types other than application/octet-stream with 415', async () => {
    for (const contentType of ['application/json', 'text/plain', 'multipart/form-data; boundary=x']) {
      await expectError(await push(cp, '/v1/models/m/versions/1', smallModel(), { contentType }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    }
    const json = await cp.call('POST', '/v1/models/m/versions/1', { json: { onnx: 'base64...' } });
    await expectError(json, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('refuses a second push of an existing version with 409, keeping the first', async () => {
    const first = (await (await push(cp, '/v1/models/m/versions/1', smallModel(1))).json()) as ModelVersion;
    await expectError(await push(cp, '/v1/models/m/versions/1', smallModel(2)), 409, 'VERSION_EXISTS');
    const shown = (await (await cp.call('GET', '/v1/models/m/versions/1')).json()) as ModelVersion;
    expect(shown.variants[0]?.sha256).toBe(first.variants[0]?.sha256);
  });

  it('answers unknown models and versions with 404', async () => {
    await expectError(await cp.call('GET', '/v1/models/nope'), 404, 'NOT_FOUND');
    await expectError(await cp.call('GET', '/v1/models/nope/versions/1'), 404, 'NOT_FOUND');
    await push(cp, '/v1/models/m/versions/1', smallModel());
    const body = await expectError(await cp.call('GET', '/v1/models/m/versions/2'), 404, 'NOT_FOUND');
    expect(body.error.message).toBe('model "m" has no version "2"');
  });

  it('lets a viewer read but not push, and wants a token', async () => {
    await push(cp, '/v1/models/m/versions/1', smallModel());
    expect((await cp.call('GET', '/v1/models', { token: cp.viewerToken })).status).toBe(200);
    expect((await cp.call('GET', '/v1/models/m/versions/1', { token: cp.viewerToken })).status).toBe(200);
    await expectError(await push(cp, '/v1/models/m/versions/2', smallModel(), { token: cp.viewerToken }), 403, 'FORBIDDEN');
    await expectError(await cp.call('GET', '/v1/models', { token: null }), 401, 'UNAUTHENTICATED');
  });
});

describe('models API: upload limit', () => {
  it('answers an upload over maxArtifactBytes with 413 and stores nothing', async () => {
    const cp = createTestControlPlane({ maxArtifactBytes: 256 });
    try {
      const bytes = smallModel();
      expect(bytes.length).toBeGreaterThan(256);
      const body = await expectError(await push(cp, '/v1/models/m/versions/1', bytes), 413, 'PAYLOAD_TOO_LARGE');
      expect(body.error.message).toMatch(/256 bytes/);
      // Also when the size is announced up front.
      const announced = await cp.call('POST', '/v1/models/m/versions/1', {
        body: new Uint8Array(bytes), headers: { 'content-type': 'application/octet-stream', 'content-length': String(bytes.length) },
      });
      await expectError(announced, 413, 'PAYLOAD_TOO_LARGE');
      expect(cp.db.prepare('SELECT count(*) AS n FROM artifacts').get()).toEqual({ n: 0 });
    } finally {
      await cp.close();
    }
  });
});
