import { describe, expect, it } from 'vitest';
import { mulberry32, normalSampler } from './stats/index.ts';
import {
  buildProfile,
  classIndexOf,
  createDetector,
  extractFeatureRows,
  interpretOutput,
  outputRows,
  profileSchema,
  updateDetector,
  violatesExpectations,
  type FeatureDeclaration,
} from './index.ts';

const meta = { model: 'demo', version: '1', createdAt: '2026-01-01T00:00:00.000Z' };

describe('reference profile', () => {
  it('builds equal-mass bins, categories, outputs, labels and top features from reference rows', () => {
    const random = mulberry32(3);
    const normal = normalSampler(random);
    const declarations: FeatureDeclaration[] = [
      { name: 'signal', type: 'numeric', source: { kind: 'element', input: 'x', index: 0 } },
      { name: 'noise', type: 'numeric', source: { kind: 'element', input: 'x', index: 1 } },
      { name: 'site', type: 'categorical', source: { kind: 'element', input: 'x', index: 2 }, expectations: { allowed: ['0', '1'] } },
    ];
    const labels = Array.from({ length: 1000 }, (_, i) => i % 2);
    const rows = labels.map((y) => [y * 2 + normal(), normal(), y === 1 && random() < 0.1 ? null : Math.floor(3 * random())]);
    const outputs = rows.map((r) => [Number(r[0]) - 1]); // one logit: P(class 1) after a sigmoid
    const profile = buildProfile(rows, declarations,
      { spec: { tensor: 'y', task: 'classification', classes: ['neg', 'pos'], transform: 'sigmoid' }, rows: outputs },
      { column: 'label', values: labels }, meta);
    expect(profileSchema.safeParse(profile).success).toBe(true);
    const signal = profile.features[0]!;
    if (signal.type !== 'numeric') throw new Error('numeric expected');
    expect(signal.histogram.edges).toHaveLength(51);
    expect(Math.max(...signal.histogram.counts) - Math.min(...signal.histogram.counts)).toBeLessThanOrEqual(2); // equal mass
    expect(signal.moments.count).toBe(1000);
    const site = profile.features[2]!;
    if (site.type !== 'categorical') throw new Error('categorical expected');
    expect([...site.counts.categories].sort()).toEqual(['0', '1', '2']);
    expect(site.counts.missing).toBeGreaterThan(20);
    expect(profile.output!.classes.reduce((a, b) => a + b, 0)).toBe(1000);
    expect(profile.output!.scores.edges).toHaveLength(21);
    expect(profile.labels).toMatchObject({ column: 'label', classes: [500, 500, 0], missing: 0 });
    expect(profile.topFeatures[0]).toBe(0); // the feature that separates the classes comes first
    expect(profile.quality!.accuracy).toBeGreaterThan(0.75);
  });

  it('names the feature without finite values, and an output that does not match its classes', () => {
    const numeric: FeatureDeclaration = { name: 'empty', type: 'numeric', source: { kind: 'element', input: 'x', index: 0 } };
    expect(() => buildProfile([[NaN], [null]], [numeric], null, null, meta)).toThrow(/"empty" has no finite value/);
    expect(() => buildProfile([[1]], [numeric], { spec: { tensor: 'y', task: 'classification', classes: ['a', 'b', 'c'], transform: 'none' }, rows: [[0.5, 0.5]] }, null, meta))
      .toThrow(/2 values per row but 3 classes/);
  });

  it('reads elements and per-channel tensor statistics off a batch, as the agent does', () => {
    // Two rows of a [2, 3] input (channel axis 0 of length 2, 3 values each).
    const image = { data: new Float32Array([1, 2, 3, 10, 20, 30, 4, 4, 4, -1, 0, 1]), shape: [2, 2, 3] };
    const tabular = { data: new BigInt64Array([5n, 6n, 7n, 8n]), shape: [2, 2] };
    const rows = extractFeatureRows([
      { name: 'r', type: 'numeric', source: { kind: 'tensor', input: 'image', stat: 'mean' } },
      { name: 'c1max', type: 'numeric', source: { kind: 'tensor', input: 'image', stat: 'max', channelAxis: 0, channel: 1 } },
      { name: 'c0std', type: 'numeric', source: { kind: 'tensor', input: 'image', stat: 'std', channelAxis: 0, channel: 0 } },
      { name: 'rms', type: 'numeric', source: { kind: 'tensor', input: 'image', stat: 'rms', channelAxis: 0, channel: 1 } },
      { name: 'code', type: 'categorical', source: { kind: 'element', input: 'tab', index: 1 } },
      { name: 'absent', type: 'numeric', source: { kind: 'element', input: 'nope', index: 0 } },
    ], { image, tab: tabular });
    const [mean, max, std, rms, code, absent] = rows[0]!;
    expect([mean, max, code, absent]).toEqual([11, 30, 6, null]);
    expect(std).toBeCloseTo(Math.sqrt(2 / 3), 12);
    expect(rms).toBeCloseTo(Math.sqrt(1400 / 3), 12);
    expect(rows[1]!.slice(0, 3)).toEqual([2, 1, 0]);
    expect(rows[1]![4]).toBe(8);
  });

  it('interprets outputs: softmax, one-column sigmoid, regression, NaN', () => {
    const spec = { tensor: 'y', task: 'classification' as const, classes: ['a', 'b', 'c'], transform: 'softmax' as const };
    const r = interpretOutput(spec, [0, Math.log(2), 0]);
    expect(r.predicted).toBe(1);
    expect(r.confidence).toBeCloseTo(0.5, 12);
    expect(r.entropy).toBeCloseTo(-(0.5 * Math.log(0.5) + 2 * 0.25 * Math.log(0.25)), 12);
    const binary = interpretOutput({ tensor: 'y', task: 'classification', classes: ['n', 'p'], transform: 'sigmoid' }, [0]);
    expect(binary).toMatchObject({ score: 0.5, predicted: 1, confidence: 0.5 });
    expect(interpretOutput({ tensor: 'y', task: 'regression', transform: 'none' }, [4.2])).toMatchObject({ score: 4.2, predicted: -1 });
    expect(interpretOutput(spec, [NaN, 1, 2]).nan).toBe(true);
    expect(outputRows({ data: new Float32Array([1, 2, 3, 4]), shape: [2, 2] }).map((row) => Array.from(row))).toEqual([[1, 2], [3, 4]]);
  });

  it('checks expectations and reads labels by name or index', () => {
    expect(violatesExpectations('numeric', { min: 0, max: 1 }, 2)).toBe(true);
    expect(violatesExpectations('numeric', undefined, 'x')).toBe(true);
    expect(violatesExpectations('numeric', { missingAllowed: false }, null)).toBe(true);
    expect(violatesExpectations('numeric', undefined, NaN)).toBe(false);
    expect(violatesExpectations('categorical', { allowed: ['1', '2'] }, 3)).toBe(true);
    expect(violatesExpectations('categorical', { allowed: ['1', '2'] }, 2)).toBe(false);
    expect(classIndexOf(['malignant', 'benign'], 'benign')).toBe(1);
    expect(classIndexOf(['malignant', 'benign'], '0')).toBe(0);
    expect(classIndexOf(['malignant', 'benign'], 2)).toBe(-1);
    expect(classIndexOf(['1', '0'], '0')).toBe(1); // a name wins over an index
  });
});

describe('error-stream detectors', () => {
  it('DDM catches a jump in the error rate within a few hundred labels, and rarely alarms on a steady one (Gama et al. 2004)', () => {
    let noisyRuns = 0;
    for (let seed = 1; seed <= 50; seed++) {
      const random = mulberry32(seed);
      const ddm = createDetector('ddm');
      let alarms = 0;
      for (let i = 0; i < 2000; i++) alarms += updateDetector(ddm, random() < 0.1 ? 1 : 0) ? 1 : 0;
      if (alarms > 0) noisyRuns++;
      let at = -1;
      for (let i = 0; i < 1000 && at < 0; i++) if (updateDetector(ddm, random() < 0.4 ? 1 : 0, '2026-01-01T00:00:00.000Z')) at = i;
      expect(at, `seed ${seed}`).toBeGreaterThan(0);
      expect(at, `seed ${seed}`).toBeLessThan(500);
      expect(ddm).toMatchObject({ alarms: alarms + 1, lastAlarmAt: '2026-01-01T00:00:00.000Z', state: [0, 0, -1, -1] });
    }
    expect(noisyRuns / 50).toBeLessThan(0.35); // ~22% of steady 2,000-label runs see one (see DetectorOptions)
  });

  it('Page-Hinkley alarms when the mean error rises', () => {
    const random = mulberry32(10);
    const normal = normalSampler(random);
    const ph = createDetector('page-hinkley');
    let before = 0;
    for (let i = 0; i < 1000; i++) before += updateDetector(ph, Math.abs(normal())) ? 1 : 0;
    expect(before).toBe(0);
    let at = -1;
    for (let i = 0; i < 1000 && at < 0; i++) if (updateDetector(ph, 3 + Math.abs(normal()))) at = i;
    expect(at).toBeGreaterThan(0);
    expect(at).toBeLessThan(100);
  });
});
