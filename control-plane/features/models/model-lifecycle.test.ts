import { generateKeyPairSync } from 'node:crypto';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { modelSummarySchema, type ModelVersion } from '../../../protocol/index.ts';
import { buildMlp } from '../../../test/fixtures/models/index.ts';
import { createTestControlPlane, type TestControlPlane } from '../../../test/helpers/control-plane.ts';
import { createTransactionRunner } from '../../db/transaction.ts';
import { createSigner } from '../../security/signing-key.ts';
import { createAuditStore } from '../audit/audit.store.ts';
import { createArtifactStore } from './artifact-store.ts';
import { createModelsService } from './models.service.ts';
import { createModelsStore } from './models.store.ts';
import { expectError, push } from './test-support.ts';

/** A small MLP (a few hundred bytes); the seed changes the bytes, not the interface. */
const smallModel = (seed = 1) => buildMlp({ inputs: 4, hidden: [8], outputs: 3, seed });

const rowCounts = (cp: TestControlPlane) =>
  Object.fromEntries(['models', 'model_versions', 'model_variants', 'artifacts'].map((t) => [
    t, (cp.db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n,
  ]));
const noRows = { models: 0, model_versions: 0, model_variants: 0, artifacts: 0 };

describe('models API: aliases and deletion', () => {
  let cp: TestControlPlane;
  beforeEach(async () => {
    cp = createTestControlPlane();
    expect((await push(cp, '/v1/models/m/versions/1', smallModel(1))).status).toBe(201);
    expect((await push(cp, '/v1/models/m/versions/2', smallModel(2))).status).toBe(201);
  });
  afterEach(async () => cp.close());
  const setAlias = (alias: string, version: string, token?: string) =>
    cp.call('PUT', `/v1/models/m/aliases/${alias}`, { json: { version }, token });

  it('moves an alias between versions, records each move, and resolves through it', async () => {
    expect((await setAlias('production', '1')).status).toBe(200);
    expect(cp.services.models.resolve('m', { alias: 'production' })?.version).toBe('1');
    const moved = modelSummarySchema.parse(await (await setAlias('production', '2')).json());
    expect(moved).toMatchObject({ versions: ['1', '2'], aliases: { production: '2' }, latestVersion: '2' });
    const v2 = (await (await cp.call('GET', '/v1/models/m/versions/2')).json()) as ModelVersion;
    expect(v2.aliases).toEqual(['production']);

    const resolved = cp.services.models.resolve('m', { alias: 'production' });
    expect(resolved?.version).toBe('2');
    expect(resolved?.variants[0]?.signed?.manifest.version).toBe('2');
    expect(cp.services.models.resolve('m', { version: '1' })?.version).toBe('1');
    expect(cp.services.models.resolve('m', { alias: 'candidate' })).toBeNull();
    expect(cp.services.models.resolve('m', { version: '3' })).toBeNull();
    expect(cp.services.models.resolve('other', { version: '1' })).toBeNull();

    const audit = cp.services.audit.list().filter((e) => e.action === 'model.alias.set');
    expect(audit.map((e) => e.details)).toEqual([
      { alias: 'production', version: '2', previous: '1' },
      { alias: 'production', version: '1', previous: null },
    ]);
    expect((await cp.call('DELETE', '/v1/models/m/aliases/production')).status).toBe(204);
    await expectError(await cp.call('DELETE', '/v1/models/m/aliases/production'), 404, 'NOT_FOUND');
  });

  it('refuses aliases to unknown versions, bad alias names, and viewers', async () => {
    await expectError(await setAlias('production', '9'), 404, 'NOT_FOUND');
    await expectError(await setAlias('Prod', '1'), 400, 'VALIDATION_FAILED');
    await expectError(await cp.call('PUT', '/v1/models/m/aliases/prod', { json: {} }), 400, 'VALIDATION_FAILED');
    await expectError(await setAlias('prod', '1', cp.viewerToken), 403, 'FORBIDDEN');
  });

  it('refuses to delete a version an alias points at, naming the alias', async () => {
    await setAlias('production', '1');
    await setAlias('candidate', '1');
    const refused = await expectError(await cp.call('DELETE', '/v1/models/m/versions/1'), 409, 'VERSION_IN_USE');
    expect(refused.error.message).toMatch(/alias candidate, production/);
    await setAlias('production', '2');
    await cp.call('DELETE', '/v1/models/m/aliases/candidate');
    expect((await cp.call('DELETE', '/v1/models/m/versions/1')).status).toBe(204);
    await expectError(await cp.call('GET', '/v1/models/m/versions/1'), 404, 'NOT_FOUND');
    // A deleted version's name is free again (no tombstones); the new bytes get a new signed manifest.
    expect((await push(cp, '/v1/models/m/versions/1', smallModel(3))).status).toBe(201);
    expect(cp.services.audit.list().some((e) => e.action === 'model.version.delete' && e.target === 'm:1')).toBe(true);
  });

  it('forgets a model whose last version is deleted, and counts what is left', async () => {
    expect(cp.services.models.counts()).toEqual({ models: 1, versions: 2 });
    await cp.call('DELETE', '/v1/models/m/versions/1');
    await cp.call('DELETE', '/v1/models/m/versions/2');
    await expectError(await cp.call('GET', '/v1/models/m'), 404, 'NOT_FOUND');
    expect(cp.services.models.counts()).toEqual({ models: 0, versions: 0 });
    expect(await (await cp.call('GET', '/metrics')).text()).toMatch(/^edgefleet_model_versions 0$/m);
  });
});

describe('models service: deletion while the fleet uses a version', () => {
  it('refuses with VERSION_IN_USE while isVersionInUse says so (fleet check injected: the fleet feature is separate)', async () => {
    const cp = createTestControlPlane();
    try {
      let inUse = true;
      const db = cp.db;
      const models = createModelsService({
        store: createModelsStore(db), artifacts: createArtifactStore({ dataDir: cp.dataDir }),
        signer: createSigner(generateKeyPairSync('ed25519').privateKey), clock: { now: () => new Date('2026-01-01T00:00:00Z') },
        tx: createTransactionRunner(db), audit: createAuditStore(db), isVersionInUse: (n, v) => inUse && n === 'm' && v === '1',
      });
      const admin = { kind: 'token', tokenId: 't', role: 'admin' } as const;
      await models.pushVersion({ name: 'm', version: '1', bytes: smallModel() }, admin);
      expect(() => models.deleteVersion('m', '1', admin)).toThrow(/in use by the fleet/);
      expect(models.getVersion('m', '1').createdAt).toBe('2026-01-01T00:00:00.000Z');
      inUse = false;
      models.deleteVersion('m', '1', admin);
      expect(models.resolve('m', { version: '1' })).toBeNull();
    } finally {
      await cp.close();
    }
  });
});

describe('models API: failures leave no half-registered version', () => {
  let cp: TestControlPlane;
  beforeEach(() => {
    cp = createTestControlPlane();
  });
  afterEach(async () => cp.close());

  it('a failing database insert leaves no row (the blob stays, and the retry reuses it)', async () => {
    cp.db.exec(`CREATE TRIGGER fail_variant BEFORE INSERT ON model_variants BEGIN SELECT RAISE(ABORT, 'injected'); END`);
    await expectError(await push(cp, '/v1/models/m/versions/1', smallModel()), 500, 'INTERNAL');
    expect(rowCounts(cp)).toEqual(noRows);
    expect(cp.services.audit.list().some((e) => e.action === 'model.push')).toBe(false);
    cp.db.exec('DROP TRIGGER fail_variant');
    const retry = (await (await push(cp, '/v1/models/m/versions/1', smallModel())).json()) as ModelVersion;
    expect(existsSync(join(cp.dataDir, 'artifacts', retry.variants[0]?.sha256 ?? ''))).toBe(true);
    expect(rowCounts(cp)).toEqual({ models: 1, model_versions: 1, model_variants: 1, artifacts: 1 });
  });

  it('a failing file write leaves no row', async () => {
    // The artifacts folder replaced by a plain file: every write under it fails (even as root).
    rmSync(join(cp.dataDir, 'artifacts'), { recursive: true });
    writeFileSync(join(cp.dataDir, 'artifacts'), 'in the way');
    await expectError(await push(cp, '/v1/models/m/versions/1', smallModel()), 500, 'INTERNAL');
    expect(rowCounts(cp)).toEqual(noRows);
  });
});
