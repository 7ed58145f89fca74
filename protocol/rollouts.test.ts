import { describe, expect, it } from 'vitest';
import { configDocumentSchema } from './fleet-config.ts';
import { describeZodError } from './errors.ts';
import { rolloutDirectiveSchema, rolloutSpecSchema, stepKind, type RolloutSpec } from './rollouts.ts';

const base = {
  model: 'bc', fleet: 'edge', baseline: { alias: 'prod' }, candidate: { version: '2' },
  steps: [{ shadow: {} }, { canary: { deviceShare: 10 } }, { pause: { duration: '1h' } }, { canary: { deviceShare: 100, requestShare: 50, stickyKey: 'user_id' } }, { promote: {} }],
};
const error = (value: unknown) => {
  const result = rolloutSpecSchema.safeParse(value);
  return result.success ? null : describeZodError(result.error);
};

describe('rollout plans', () => {
  it('parse with defaults: shadow on every cohort device, canaries on all requests', () => {
    const spec: RolloutSpec = rolloutSpecSchema.parse(base);
    expect(spec.steps[0]).toEqual({ shadow: { deviceShare: 100 } });
    expect(spec.steps[1]).toEqual({ canary: { deviceShare: 10, requestShare: 100 } });
    expect(spec.steps.map(stepKind)).toEqual(['shadow', 'canary', 'pause', 'canary', 'promote']);
  });

  it('refuse plans that cannot run', () => {
    expect(error({ ...base, selector: 'site=x' })).toMatch(/exactly one of selector and fleet/);
    expect(error({ ...base, steps: [{ promote: {} }, { shadow: {} }] })).toMatch(/promote can only be the last step/);
    expect(error({ ...base, baseline: { version: '1' } })).toMatch(/promote step needs an alias/);
    expect(error({ ...base, baseline: { version: '1' }, steps: [{ promote: { alias: 'prod' } }] })).toBeNull();
    expect(error({ ...base, baseline: {} })).toMatch(/exactly one of alias and version/);
    expect(error({ ...base, steps: [{ canary: { deviceShare: 12.345 } }] })).toMatch(/at most two decimals/);
    expect(error({ ...base, steps: [{ canary: { deviceShare: 101 } }] })).not.toBeNull();
    expect(error({ ...base, steps: [{ canary: { deviceShare: 1, stickyKey: 'no spaces' } }] })).toMatch(/sticky key/);
    expect(error({ ...base, steps: [{ canary: { deviceShare: 1 }, pause: {} }] })).not.toBeNull(); // one key per step
    expect(error({ ...base, steps: [] })).not.toBeNull();
    expect(error({ ...base, gates: { alpha: 0.7 } })).not.toBeNull();
  });

  it('are a kind of the fleet-configs YAML', () => {
    const doc = configDocumentSchema.parse({ apiVersion: 'edgefleet.io/v1', kind: 'Rollout', metadata: { name: 'bc-v2' }, spec: base });
    expect(doc.kind).toBe('Rollout');
  });
});

describe('rollout directives', () => {
  it('carry one or two arms with their shares', () => {
    const arm = {
      name: 'candidate', version: '2', variant: 'fp32', artifactPath: `/v1/artifacts/${'b'.repeat(64)}`, requestShare: 25,
      signed: { manifest: { schemaVersion: 1, name: 'bc', version: '2', variant: 'fp32', kind: 'onnx', sha256: 'b'.repeat(64), size: 1, inputs: [], outputs: [], opset: 17, createdAt: '2026-01-01T00:00:00.000Z' }, signature: 's', keyId: 'k' },
    };
    expect(rolloutDirectiveSchema.safeParse({ id: 'ro_x', step: 1, arms: [arm], stickyKey: 'user' }).success).toBe(true);
    expect(rolloutDirectiveSchema.safeParse({ id: 'ro_x', step: 1, arms: [] }).success).toBe(false);
    expect(rolloutDirectiveSchema.safeParse({ id: 'ro_x', step: 1, arms: [{ ...arm, name: 'other' }] }).success).toBe(false);
  });
});
