/**
 * Jobs survive the process: a job a crash left `building` (and the unsigned variant it had staged)
 * is queued again when the next process starts its worker, and finishes; one that keeps dying is
 * given up after three attempts instead of crashing every start.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../clock.ts';
import { openDatabase } from '../../db/open.ts';
import type { Principal } from '../../http/principal.ts';
import { createServices } from '../../services.ts';
import { buildMlp } from '../../../test/fixtures/models/index.ts';
import { createTempDir } from '../../../test/helpers/temp-dir.ts';

const admin: Principal = { kind: 'token', tokenId: 'test', role: 'admin' };

describe('variant jobs across a restart', () => {
  const dir = createTempDir('ef-variant-restart-');
  const open = () => {
    const db = openDatabase(join(dir.path, 'control-plane.sqlite'));
    const services = createServices({ db, clock: systemClock, config: { dataDir: dir.path, mqttPort: 0, presenceTimeoutSeconds: 90 } });
    return { db, services };
  };
  afterEach(() => dir.remove());

  it('queues a job a crash cut short again at start, replaces its staged variant and finishes', async () => {
    const first = open();
    await first.services.models.pushVersion({ name: 'mlp', version: '1', bytes: buildMlp({ inputs: 8, hidden: [64], outputs: 3, seed: 1 }) }, admin);
    await first.services.models.pushVersion({ name: 'mlp', version: '2', bytes: buildMlp({ inputs: 8, hidden: [64], outputs: 3, seed: 2 }) }, admin);
    // The process dies mid-job: version 1's job is building (first attempt) and had staged an int8
    // row; version 2's job had already been cut short three times.
    first.db.prepare(`UPDATE variant_jobs SET status = 'building', attempts = 1, started_at = '2026-01-01T00:00:00.000Z' WHERE version = '1'`).run();
    first.db.prepare(`UPDATE variant_jobs SET status = 'building', attempts = 3 WHERE version = '2'`).run();
    const fp32 = first.db.prepare(`SELECT sha256, size FROM model_variants WHERE version = '1'`).get() as { sha256: string; size: number };
    first.db.prepare(`INSERT INTO model_variants (name, version, variant, sha256, size, status, evidence, created_at)
      VALUES ('mlp', '1', 'int8', ?, ?, 'building', '{"job":1}', '2026-01-01T00:00:00.000Z')`).run(fp32.sha256, fp32.size);
    first.db.close(); // no stop(): a crash

    const second = open();
    second.services.variants.jobs.start();
    await second.services.variants.jobs.idle();
    const [job1] = second.services.variants.jobs.list('mlp', '1');
    expect(job1).toMatchObject({ status: 'done', attempts: 2, results: { int8: { status: 'ready' }, fp16: { status: 'ready' } } });
    const version1 = second.services.models.getVersion('mlp', '1');
    expect(version1.variants.map((v) => [v.variant, v.status, v.signed !== undefined])).toEqual([
      ['fp32', 'ready', true], ['int8', 'ready', true], ['fp16', 'ready', true],
    ]);
    expect(version1.variants[1]?.sha256).not.toBe(fp32.sha256); // the stale staged row was rebuilt
    const [job2] = second.services.variants.jobs.list('mlp', '2');
    expect(job2).toMatchObject({ status: 'failed', error: 'the control plane stopped during this job 3 times; not retried' });
    await second.services.variants.jobs.stop();
    second.db.close();
  });
});
