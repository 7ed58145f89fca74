import type { VariantInfo } from '../../protocol/index.ts';
import type { VariantJob } from '../../control-plane/features/variants/variant-schemas.ts';
import { formatBytes } from '../output.ts';

type Evidence = Record<string, unknown>;

const num = (x: unknown, digits = 4) => (typeof x === 'number' ? (Math.abs(x) >= 0.001 || x === 0 ? x.toFixed(digits) : x.toExponential(1)) : '-');

/**
 * `models show NAME:VERSION`: one row per variant with the numbers people compare (size against
 * FP32, top-1 agreement, errors, accuracy), instead of the evidence JSON; `--json` has all of it.
 */
export function variantRows(variants: readonly VariantInfo[]): string[][] {
  const fp32 = variants.find((v) => v.variant === 'fp32')?.size;
  return variants.map((v) => {
    const e = (v.evidence ?? {}) as Evidence;
    const accuracy = e['accuracy'] as { fp32?: number; variant?: number } | undefined;
    return [
      v.variant,
      v.status,
      `${formatBytes(v.size)}${fp32 && v.variant !== 'fp32' ? ` (${(v.size / fp32).toFixed(2)}x)` : ''}`,
      num(e['top1Agreement'], 3),
      num(e['maxAbsError']),
      num(e['meanAbsError']),
      accuracy ? `${num(accuracy.fp32, 3)} -> ${num(accuracy.variant, 3)}` : '-',
      v.sha256.slice(0, 12),
    ];
  });
}

export const VARIANT_HEAD = ['VARIANT', 'STATUS', 'SIZE', 'TOP-1', 'MAX ERR', 'MEAN ERR', 'ACCURACY', 'SHA256'];

/** One line per gated variant: the verdict, its inputs and the thresholds, or why it failed. */
export function gateLines(variants: readonly VariantInfo[]): string[] {
  const lines: string[] = [];
  for (const v of variants) {
    const e = (v.evidence ?? {}) as Evidence;
    const gate = e['gate'] as { summary?: string; thresholds?: Record<string, number> } | undefined;
    const inputs = e['inputs'] as { source?: string; samples?: number } | undefined;
    if (gate) {
      const thresholds = Object.entries(gate.thresholds ?? {}).map(([k, x]) => `${k} ${x}`).join(', ');
      lines.push(`${v.variant}: ${gate.summary} (${inputs?.source ?? '?'} inputs; ${thresholds})`);
    } else if (typeof e['error'] === 'string') {
      lines.push(`${v.variant}: ${e['error']}${typeof e['hint'] === 'string' ? ` (${e['hint']})` : ''}`);
    } else if (v.variant !== 'fp32' && v.status === 'building') {
      lines.push(`${v.variant}: waiting for the accuracy gate`);
    }
  }
  return lines;
}

/** Jobs still running, or whose variants did not all come out ready: what to look at. */
export function jobLines(jobs: readonly VariantJob[]): string[] {
  return jobs.map((j) => {
    const results = Object.entries(j.results).map(([v, r]) => `${v} ${r?.status}${r?.status === 'ready' ? '' : ` (${r?.summary})`}`).join('; ');
    const state = j.status === 'building' ? `building ${Math.round(j.progress * 100)}%${j.step ? ` (${j.step})` : ''}` : j.status;
    return `#${j.id} ${j.kind} ${j.variants.join(',')}: ${state}${results ? ` - ${results}` : ''}${j.error ? ` - ${j.error}` : ''}`;
  });
}
