import { describe, expect, it } from 'vitest';
import type { VariantInfo } from '../../protocol/index.ts';
import type { VariantJob } from '../../control-plane/features/variants/variant-schemas.ts';
import { gateLines, jobLines, variantRows } from './variant-table.ts';

const sha = (c: string) => c.repeat(64);
const variants: VariantInfo[] = [
  { variant: 'fp32', sha256: sha('a'), size: 4096, status: 'ready' },
  {
    variant: 'int8', sha256: sha('b'), size: 1024, status: 'rejected',
    evidence: {
      gate: { pass: false, summary: 'failed top1-agreement on "output": 0.9500 against 0.9900', thresholds: { minTop1Agreement: 0.99, maxAccuracyDrop: 0.01 } },
      top1Agreement: 0.95, maxAbsError: 0.0123, meanAbsError: 0.0004, accuracy: { fp32: 0.97, variant: 0.93 }, inputs: { source: 'evaluation-set', samples: 60 },
    },
  },
  { variant: 'fp16', sha256: sha('c'), size: 2048, status: 'failed', evidence: { error: 'gate: bad input', hint: 'upload an evaluation set' } },
];

describe('models show: variant table', () => {
  it('prints the headline numbers per variant instead of the evidence JSON', () => {
    expect(variantRows(variants)).toEqual([
      ['fp32', 'ready', '4.0 KiB', '-', '-', '-', '-', 'aaaaaaaaaaaa'],
      ['int8', 'rejected', '1.0 KiB (0.25x)', '0.950', '0.0123', '4.0e-4', '0.970 -> 0.930', 'bbbbbbbbbbbb'],
      ['fp16', 'failed', '2.0 KiB (0.50x)', '-', '-', '-', '-', 'cccccccccccc'],
    ]);
  });

  it('says why each variant passed, was rejected or failed, and what its unfinished jobs do', () => {
    expect(gateLines(variants)).toEqual([
      'int8: failed top1-agreement on "output": 0.9500 against 0.9900 (evaluation-set inputs; minTop1Agreement 0.99, maxAccuracyDrop 0.01)',
      'fp16: gate: bad input (upload an evaluation set)',
    ]);
    const job: VariantJob = {
      id: 3, name: 'm', version: '1', kind: 'build', variants: ['int8', 'fp16'], status: 'building', progress: 0.42, step: 'fp16: gate 80/200',
      results: { int8: { status: 'skipped', summary: 'nothing to quantize' } }, error: null, attempts: 1, createdAt: 'x', startedAt: 'x', finishedAt: null,
    };
    expect(jobLines([job])).toEqual(['#3 build int8,fp16: building 42% (fp16: gate 80/200) - int8 skipped (nothing to quantize)']);
  });
});
