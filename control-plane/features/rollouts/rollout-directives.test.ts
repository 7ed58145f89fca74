import { describe, expect, it } from 'vitest';
import { desiredModelSchema, parseSelector, type DesiredModel, type ModelVersion, type VariantInfo } from '../../../protocol/index.ts';
import { cpuCapabilities } from '../../../test/helpers/fleet.ts';
import { applyRollouts, type ActiveRollout } from './rollout-directives.ts';
import type { StepTraffic } from './rollout-plan.ts';

// The desired-state overlay as a pure function: who gets a directive, what it says, and that a
// growing device share only ever adds devices to the cohort.

const sha = (c: string) => c.repeat(64);
const variant = (v: VariantInfo['variant'], c: string, version: string): VariantInfo => ({
  variant: v, sha256: sha(c), size: 10, status: 'ready',
  signed: {
    manifest: { schemaVersion: 1, name: 'bc', version, variant: v, kind: 'onnx', sha256: sha(c), size: 10, inputs: [], outputs: [], opset: 17, createdAt: '2026-01-01T00:00:00.000Z' },
    signature: 'sig', keyId: 'k',
  },
});
const version = (v: string, variants: VariantInfo[]): ModelVersion => ({
  name: 'bc', version: v, createdAt: '2026-01-01T00:00:00.000Z', inputs: [], outputs: [], opset: 17, variants, aliases: [],
});
const v1 = version('1', [variant('fp32', 'a', '1')]);
const v2 = version('2', [variant('fp32', 'b', '2')]);
const assigned: DesiredModel = {
  name: 'bc', version: '1', variant: 'fp32', artifactPath: `/v1/artifacts/${sha('a')}`, signed: v1.variants[0]!.signed!, assignment: 'bc-edge',
};
const rollout = (traffic: StepTraffic, overrides: Partial<ActiveRollout> = {}): ActiveRollout => ({
  id: 'ro_k3j2p9x8q7w6v5u4t3s2', model: 'bc', selector: parseSelector('site=edge'), step: 1, traffic,
  baseline: v1, candidate: v2, createdAt: '2026-03-02T08:00:00.000Z', ...overrides,
});
const devices = Array.from({ length: 200 }, (_, i) => ({ id: `dev_${String(i + 1).padStart(7, '0')}`, labels: { site: 'edge' }, capabilities: cpuCapabilities }));
const directed = (traffic: StepTraffic) =>
  new Set(devices.filter((d) => applyRollouts(d, [assigned], [rollout(traffic)])[0]?.rollout).map((d) => d.id));

describe('rollout directives in the desired state', () => {
  it('gives cohort devices both arms by request share, and leaves the rest on the baseline', () => {
    const canary = { kind: 'canary', deviceShare: 10, requestShare: 25, stickyKey: 'user' } as const;
    const [inside] = applyRollouts(devices[4]!, [assigned], [rollout(canary)]); // dev_0000005: bucket 64
    expect(desiredModelSchema.parse(inside)).toEqual(inside);
    expect(inside).toMatchObject({ version: '1', assignment: 'bc-edge', rollout: { id: 'ro_k3j2p9x8q7w6v5u4t3s2', step: 1, stickyKey: 'user' } });
    expect(inside!.rollout!.arms).toMatchObject([
      { name: 'baseline', version: '1', requestShare: 75, artifactPath: `/v1/artifacts/${sha('a')}` },
      { name: 'candidate', version: '2', requestShare: 25, artifactPath: `/v1/artifacts/${sha('b')}` },
    ]);
    const [outside] = applyRollouts(devices[0]!, [assigned], [rollout(canary)]); // dev_0000001: bucket 2615
    expect(outside).toEqual(assigned);
  });

  it('shadows: baseline serves everything, the candidate runs beside it', () => {
    const [model] = applyRollouts(devices[0]!, [assigned], [rollout({ kind: 'shadow', deviceShare: 100 })]);
    expect(model!.rollout).toMatchObject({ shadow: { arm: 'candidate' }, arms: [{ name: 'baseline', requestShare: 100 }, { name: 'candidate', requestShare: 0 }] });
  });

  it('only adds devices as the device share grows: 10% -> 50% -> 100%', () => {
    const at10 = directed({ kind: 'canary', deviceShare: 10, requestShare: 100 });
    const at50 = directed({ kind: 'canary', deviceShare: 50, requestShare: 100 });
    const at100 = directed({ kind: 'canary', deviceShare: 100, requestShare: 100 });
    expect(at10.size).toBeGreaterThan(5);
    for (const d of at10) expect(at50.has(d)).toBe(true);
    for (const d of at50) expect(at100.has(d)).toBe(true);
    expect(at100.size).toBe(devices.length);
  });

  it('leaves devices outside the target, other models, and baseline-only steps alone', () => {
    const elsewhere = { ...devices[4]!, labels: { site: 'lab' } };
    const canary = { kind: 'canary', deviceShare: 100, requestShare: 100 } as const;
    expect(applyRollouts(elsewhere, [assigned], [rollout(canary)])).toEqual([assigned]);
    expect(applyRollouts(devices[4]!, [{ ...assigned, name: 'other' }], [rollout(canary)])[0]?.rollout).toBeUndefined();
    expect(applyRollouts(devices[4]!, [assigned], [rollout({ kind: 'baseline' })])).toEqual([assigned]);
  });

  it('keeps the baseline when the candidate has nothing shippable, and moves non-cohort devices to the rollout baseline', () => {
    const unsigned = version('2', [{ ...variant('fp32', 'b', '2'), signed: undefined }]);
    const [model] = applyRollouts(devices[4]!, [assigned], [rollout({ kind: 'canary', deviceShare: 100, requestShare: 100 }, { candidate: unsigned })]);
    expect(model).toEqual(assigned);
    const v0 = version('0', [variant('fp32', 'c', '0')]);
    const [pinned] = applyRollouts(devices[0]!, [assigned], [rollout({ kind: 'canary', deviceShare: 1, requestShare: 100 }, { baseline: v0 })]);
    expect(pinned).toMatchObject({ version: '0', artifactPath: `/v1/artifacts/${sha('c')}` });
  });
});
