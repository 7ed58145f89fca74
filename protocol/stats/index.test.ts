import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as stats from './index.ts';

const folder = dirname(fileURLToPath(import.meta.url));
const sources = readdirSync(folder).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));

describe('protocol/stats public API', () => {
  it('re-exports every deliverable from index.ts', () => {
    const expected = [
      'logGamma', 'regularizedGammaP', 'regularizedGammaQ', 'regularizedBeta', 'erf', 'erfc',
      'normalCdf', 'normalSf', 'normalQuantile', 'chiSquaredSf', 'studentTTwoSidedP', 'studentTQuantile',
      'kolmogorovSf', 'kolmogorovSmirnovSf', 'ksTwoSampleExactP', 'ksTwoSampleTest', 'ksTwoSampleBinnedTest',
      'chiSquaredGoodnessOfFit', 'chiSquaredHomogeneity', 'twoProportionZTest', 'welchTTest', 'sampleRatioMismatch',
      'populationStabilityIndex', 'jensenShannonDistance', 'wassersteinDistance', 'binnedWassersteinDistance',
      'normalizedWasserstein', 'holmAdjust', 'benjaminiHochbergAdjust', 'momentsSchema', 'mergeMoments',
      'histogramSchema', 'mergeHistograms', 'equalMassEdges', 'categoricalCountsSchema', 'mergeCategoricalCounts',
      'alwaysValidMeanDifference', 'twoSamplePower', 'requiredSampleSize', 'minimumDetectableEffect',
      'numericDrift', 'categoricalDrift', 'simulateNullThreshold', 'historyThreshold', 'mulberry32',
    ];
    for (const name of expected) expect(stats, name).toHaveProperty(name);
  });

  it('imports nothing but zod, simple-statistics and its own files (the browser runs it)', () => {
    for (const file of sources) {
      const text = readFileSync(join(folder, file), 'utf8');
      for (const [, specifier] of text.matchAll(/from '([^']+)'/g)) {
        const allowed = specifier === 'zod' || specifier === 'simple-statistics' || /^\.\/[a-z0-9-]+\.ts$/.test(specifier!);
        expect(allowed, `${file} imports ${specifier}`).toBe(true);
      }
      expect(text, file).not.toMatch(/\bimport\(|require\(/);
    }
  });

  it('keeps files small and named exports only', () => {
    for (const file of sources) {
      const text = readFileSync(join(folder, file), 'utf8');
      expect(text.split('\n').length, file).toBeLessThanOrEqual(320);
      expect(text, file).not.toMatch(/export default/);
    }
  });
});
