import { describe, expect, it } from 'vitest';
import { SHADOW_EVENTS, requestBucket, requestGoesToCandidate, type DesiredModel, type Manifest } from '../../protocol/index.ts';
import type { LoadedModel, Tensor } from '../engines/engine.ts';
import type { StatsCollector, WindowIdentity } from '../stats/stats-collector.ts';
import { armTargets, type ArmSlot, type ServedModel } from './served-models.ts';
import { InferenceError, createServing, normalizeFeeds } from './serving.ts';

// The pure half of serving, in Node: which arms load, how a request picks its arm, and what a
// shadow run records. The browser tests run the same code in Chromium against a control plane.

const manifest = (version: string): Manifest => ({
  schemaVersion: 1, name: 'm', version, variant: 'fp32', kind: 'onnx', sha256: version.repeat(64).slice(0, 64), size: 1,
  inputs: [{ name: 'x', datatype: 'FP32', shape: [1, 2] }], outputs: [{ name: 'y', datatype: 'FP32', shape: [1, 2] }], opset: 17, createdAt: '2026-01-01T00:00:00Z',
});

/** A model that answers `scores` whatever it is given. */
function fakeModel(version: string, scores: number[]): LoadedModel {
  const m = manifest(version);
  return {
    kind: 'onnx', inputs: m.inputs, outputs: m.outputs, executionProvider: 'wasm', loadMs: 0,
    run: async () => ({ y: { datatype: 'FP32', shape: [1, scores.length], data: Float32Array.from(scores) } }),
    dispose: async () => undefined,
  };
}

const slot = (arm: string, version: string, share: number, scores: number[]): ArmSlot => ({
  arm, version, variant: 'fp32', sha256: manifest(version).sha256, requestShare: share, loaded: fakeModel(version, scores), manifest: manifest(version),
});

function fakeStats() {
  const predictions: WindowIdentity[] = [];
  const events: Array<{ identity: WindowIdentity; name: string; value?: number }> = [];
  const stats = {
    recordPrediction: (identity: WindowIdentity) => {
      predictions.push(identity);
      return { identity, profileSha: null, rows: [{ predicted: null, confidence: null, features: null }] };
    },
    recordEvent: (identity: WindowIdentity, e: { name: string; value?: number }) => void events.push({ identity, ...e }),
  } as unknown as StatsCollector;
  return { stats, predictions, events };
}

const input = { x: { data: new Float32Array([1, 2]), shape: [1, 2] } };

describe('serving', () => {
  it('loads the baseline alone without a directive, and arms with a share or a shadow with one', () => {
    const signed = { manifest: manifest('1'), signature: 's', keyId: 'k' };
    const base: DesiredModel = { name: 'm', version: '1', variant: 'fp32', artifactPath: `/v1/artifacts/${signed.manifest.sha256}`, signed };
    expect(armTargets(base).map((t) => [t.arm, t.requestShare])).toEqual([['baseline', 100]]);
    const arm = (name: 'baseline' | 'candidate', share: number) => ({ name, version: '1', variant: 'fp32' as const, artifactPath: base.artifactPath, signed, requestShare: share });
    expect(armTargets({ ...base, rollout: { id: 'ro', step: 0, arms: [arm('baseline', 100), arm('candidate', 0)] } }).map((t) => t.arm)).toEqual(['baseline']);
    expect(armTargets({ ...base, rollout: { id: 'ro', step: 0, arms: [arm('baseline', 100), arm('candidate', 0)], shadow: { arm: 'candidate' } } }).map((t) => t.arm))
      .toEqual(['baseline', 'candidate']);
  });

  it('takes datatypes from the model and refuses inputs it does not have', () => {
    expect(normalizeFeeds(input, manifest('1').inputs).x?.datatype).toBe('FP32');
    expect(() => normalizeFeeds({ z: input.x }, manifest('1').inputs)).toThrow(InferenceError);
  });

  it('splits requests by the sticky key\'s request bucket, as the protocol says', async () => {
    const { stats, predictions } = fakeStats();
    const model: ServedModel = { name: 'm', kind: 'onnx', arms: [slot('baseline', '1', 70, [1, 0]), slot('candidate', '2', 30, [1, 0])], rollout: { id: 'ro_x', step: 1, shadow: false } };
    const serving = createServing({ served: () => model, stats });
    for (let i = 0; i < 50; i++) {
      const { result } = await serving.infer('m', input, { stickyValue: `u${i}` });
      expect(result.arm).toBe(requestGoesToCandidate(requestBucket('ro_x', `u${i}`), 30) ? 'candidate' : 'baseline');
    }
    expect(predictions).toHaveLength(50);
  });

  it('in shadow runs the candidate too, returns the baseline\'s answer and records the comparison on the candidate', async () => {
    const { stats, predictions, events } = fakeStats();
    const model: ServedModel = { name: 'm', kind: 'onnx', arms: [slot('baseline', '1', 100, [0.9, 0.1]), slot('candidate', '2', 0, [0.2, 0.8])], rollout: { id: 'ro', step: 0, shadow: true } };
    const { result } = await createServing({ served: () => model, stats }).infer('m', input);
    expect(result).toMatchObject({ arm: 'baseline', version: '1' });
    expect(Array.from((result.outputs.y as Tensor).data as Float32Array)).toEqual([Float32Array.of(0.9)[0], Float32Array.of(0.1)[0]]);
    await new Promise((r) => setTimeout(r, 0));
    expect(predictions.map((p) => p.arm)).toEqual(['baseline', 'candidate']);
    const byName = Object.fromEntries(events.map((e) => [e.name, e]));
    expect(byName[SHADOW_EVENTS.agreement]).toMatchObject({ value: 0, identity: { arm: 'candidate', version: '2' } });
    expect(byName[SHADOW_EVENTS.outputDelta]?.value).toBeCloseTo(0.7, 5);
    expect(byName[SHADOW_EVENTS.latencyDeltaMs]).toBeDefined();
  });

  it('answers MODEL_UNAVAILABLE for a model that is not served', async () => {
    const { stats } = fakeStats();
    await expect(createServing({ served: () => undefined, stats }).infer('m', input)).rejects.toMatchObject({ code: 'MODEL_UNAVAILABLE' });
  });
});
