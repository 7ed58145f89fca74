import { describe, expect, it } from 'vitest';
import type { Assignment, AssignmentSpec, Fleet, ModelVersion, VariantInfo } from '../../../protocol/index.ts';
import { cpuCapabilities } from '../../../test/helpers/fleet.ts';
import { chooseVariant } from './choose-variant.ts';
import { compileAssignments, createDesiredModelResolver, type ModelCatalog } from './desired-state.resolver.ts';

// Unit tests of the pure rules. The routes test the same rules end to end with real ONNX models.

const sha = (c: string) => c.repeat(64);
const variant = (v: VariantInfo['variant'], c: string, extra: Partial<VariantInfo> = {}): VariantInfo => ({
  variant: v, sha256: sha(c), size: 10, status: 'ready',
  signed: {
    manifest: {
      schemaVersion: 1, name: 'm', version: '1', variant: v, kind: 'onnx', sha256: sha(c), size: 10,
      inputs: [], outputs: [], opset: 17, createdAt: '2026-01-01T00:00:00.000Z',
    },
    signature: 'sig', keyId: 'k',
  },
  ...extra,
});
const version = (name: string, v: string, variants: VariantInfo[]): ModelVersion => ({
  name, version: v, createdAt: '2026-01-01T00:00:00.000Z', inputs: [], outputs: [], opset: 17, variants, aliases: [],
});

/** A catalog in a map: `name:version` and `name@alias`. */
const catalogOf = (entries: Record<string, ModelVersion>): ModelCatalog => ({
  resolve: (name, ref) => entries[ref.alias !== undefined ? `${name}@${ref.alias}` : `${name}:${ref.version}`] ?? null,
});
const assignment = (name: string, spec: Omit<AssignmentSpec, 'model'> & { model?: string }, updatedAt = '2026-01-01T00:00:00.000Z'): Assignment => ({
  name, spec: { model: 'm', ...spec }, updatedAt,
});

const v1 = version('m', '1', [variant('fp32', 'a')]);
const v2 = version('m', '2', [variant('fp32', 'b'), variant('int8', 'c')]);
const catalog = catalogOf({ 'm:1': v1, 'm:2': v2, 'm@prod': v1, 'm@canary': v2 });

function resolveFor(labels: Record<string, string>, assignments: Assignment[], fleets: Fleet[] = [], cat = catalog) {
  return createDesiredModelResolver(cat, compileAssignments(assignments, fleets))({ labels, capabilities: cpuCapabilities });
}

describe('desired-state resolver', () => {
  it('gives the more specific selector the win for the same model', () => {
    const all = assignment('all', { selector: '', alias: 'prod' }, '2026-02-01T00:00:00.000Z');
    const berlin = assignment('berlin', { selector: 'site=berlin,tier=cpu', version: '2' });
    expect(resolveFor({ site: 'berlin', tier: 'cpu' }, [all, berlin])).toMatchObject([{ version: '2', assignment: 'berlin' }]);
    expect(resolveFor({ site: 'paris' }, [all, berlin])).toMatchObject([{ version: '1', assignment: 'all' }]);
  });

  it('breaks a specificity tie by the last update, then by name', () => {
    const older = assignment('a-older', { selector: 'site=berlin', version: '1' }, '2026-01-01T00:00:00.000Z');
    const newer = assignment('b-newer', { selector: 'site=berlin', version: '2' }, '2026-01-02T00:00:00.000Z');
    expect(resolveFor({ site: 'berlin' }, [older, newer])).toMatchObject([{ version: '2', assignment: 'b-newer' }]);
    const twin = assignment('a-twin', { selector: 'site=berlin', version: '1' }, '2026-01-02T00:00:00.000Z');
    expect(resolveFor({ site: 'berlin' }, [newer, twin])).toMatchObject([{ version: '1', assignment: 'a-twin' }]);
  });

  it('targets a fleet through its selector and ignores an assignment whose fleet is gone', () => {
    const fleets: Fleet[] = [{ name: 'gpus', selector: 'tier=gpu', updatedAt: '2026-01-01T00:00:00.000Z' }];
    const a = assignment('gpu-canary', { fleet: 'gpus', alias: 'canary' });
    expect(resolveFor({ tier: 'gpu' }, [a], fleets)).toMatchObject([{ version: '2' }]);
    expect(resolveFor({ tier: 'cpu' }, [a], fleets)).toEqual([]);
    expect(resolveFor({ tier: 'gpu' }, [a], [])).toEqual([]);
  });

  it('falls back to the next assignment when the winner no longer resolves', () => {
    const broad = assignment('all', { selector: '', alias: 'prod' });
    const pinned = assignment('pin', { selector: 'site=berlin', alias: 'gone' });
    expect(resolveFor({ site: 'berlin' }, [broad, pinned])).toMatchObject([{ version: '1', assignment: 'all' }]);
  });

  it('ships only ready, signed variants, fp32 by default, the override when it is shippable', () => {
    const unsigned = version('m', '3', [{ ...variant('fp32', 'd'), signed: undefined }]);
    const building = version('m', '4', [variant('fp32', 'e', { status: 'building' })]);
    const cat = catalogOf({ 'm:3': unsigned, 'm:4': building, 'm:2': v2 });
    expect(resolveFor({}, [assignment('x', { selector: '', version: '3' })], [], cat)).toEqual([]);
    expect(resolveFor({}, [assignment('x', { selector: '', version: '4' })], [], cat)).toEqual([]);
    const [int8] = resolveFor({}, [assignment('x', { selector: '', version: '2', variant: 'int8' })], [], cat);
    expect(int8).toMatchObject({ variant: 'int8', artifactPath: `/v1/artifacts/${sha('c')}` });
    // fp16 was asked for but does not exist: the device keeps a model (fp32) instead of losing it.
    const [fallback] = resolveFor({}, [assignment('x', { selector: '', version: '2', variant: 'fp16' })], [], cat);
    expect(fallback?.variant).toBe('fp32');
    // A CPU prefers int8 and falls back to fp32; an fp16-only version has nothing for it.
    expect(chooseVariant(cpuCapabilities, [variant('fp16', 'c')])).toBeNull();
  });

  it('lists several models sorted by name, looking each reference up once', () => {
    let lookups = 0;
    const counting: ModelCatalog = { resolve: (n, r) => ((lookups += 1), catalog.resolve('m', r) && version(n, '1', [variant('fp32', 'a')])) };
    const assignments = [
      assignment('z', { model: 'zeta', selector: '', version: '1' }),
      assignment('a', { model: 'alpha', selector: '', version: '1' }),
    ];
    const resolve = createDesiredModelResolver(counting, compileAssignments(assignments, []));
    for (let i = 0; i < 5; i += 1) expect(resolve({ labels: {}, capabilities: cpuCapabilities }).map((m) => m.name)).toEqual(['alpha', 'zeta']);
    expect(lookups).toBe(2);
  });
});
