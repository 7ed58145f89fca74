/**
 * Numbers from gates, experiments and drift reports, for people. Pure, so they are unit-tested in
 * Node. Every function reads null, undefined and non-finite values as "no value" and shows a dash:
 * the API sends null where a statistic is undefined (no data, zero spread).
 */

const DASH = '—';
const finite = (x: number | null | undefined): x is number => typeof x === 'number' && Number.isFinite(x);

/**
 * A p-value to two significant digits, never rounded down to zero.
 *
 * @example formatP(0.0423) // '0.042'; formatP(3e-9) // '<0.001'
 */
export function formatP(p: number | null | undefined): string {
  if (!finite(p)) return DASH;
  if (p < 0.001) return '<0.001';
  if (p >= 0.995) return '1';
  return p < 0.1 ? p.toFixed(3) : p.toFixed(2);
}

/** @example formatPercent(0.0125) // '1.25%' */
export function formatPercent(x: number | null | undefined, digits = 2): string {
  if (!finite(x)) return DASH;
  return `${(x * 100).toFixed(digits)}%`;
}

/** A relative change with its sign: `+2.9%`, `−3.2%` (a real minus sign, which screen readers say). */
export function formatLift(x: number | null | undefined, digits = 1): string {
  if (!finite(x)) return DASH;
  const v = (x * 100).toFixed(digits);
  return x > 0 ? `+${v}%` : x < 0 ? `−${v.slice(1)}%` : `${v}%`;
}

/** `[−5.1%, +10.8%]`, or a dash when either end is missing. */
export function formatInterval(interval: readonly [number | null, number | null] | null | undefined, digits = 1): string {
  if (!interval || !finite(interval[0]) || !finite(interval[1])) return DASH;
  return `[${formatLift(interval[0], digits)}, ${formatLift(interval[1], digits)}]`;
}

/** Plain numbers to `significant` digits; integers as they are. */
export function formatNumber(x: number | null | undefined, significant = 3): string {
  if (!finite(x)) return DASH;
  if (Number.isInteger(x)) return x.toLocaleString('en-US');
  const abs = Math.abs(x);
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e6)) return x.toExponential(significant - 1);
  return String(Number(x.toPrecision(significant)));
}

export type MetricUnit = 'rate' | 'ms' | 'score' | 'distance' | 'value';

/**
 * A gate metric's value in its unit: rates as percentages, latencies in ms.
 *
 * @example formatMetricValue('rate', 0.0107) // '1.07%'; formatMetricValue('ms', 10.63) // '10.6 ms'
 */
export function formatMetricValue(unit: MetricUnit, value: number | null | undefined): string {
  if (!finite(value)) return DASH;
  if (unit === 'rate') return formatPercent(value);
  if (unit === 'ms') return `${formatNumber(value)} ms`;
  return formatNumber(value);
}

const metricNames: Record<string, string> = {
  error_rate: 'Error rate',
  nan_rate: 'NaN output rate',
  latency_mean_ms: 'Mean latency',
  latency_p95_ms: 'p95 latency',
  accuracy: 'Accuracy',
  macro_f1: 'Macro F1',
  mae: 'Mean absolute error',
  feature_drift_psi: 'Input drift between arms (PSI)',
  output_shift_js: 'Output shift between arms (JS)',
  shadow_agreement: 'Shadow agreement',
  shadow_output_delta: 'Shadow score difference',
};

/** `error_rate` -> 'Error rate', `business:checkout` -> 'checkout (business event)'. */
export function metricLabel(metric: string): string {
  if (metric.startsWith('business:')) return `${metric.slice('business:'.length)} (business event)`;
  const known = metricNames[metric];
  if (known) return known;
  const words = metric.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Names of the drift tests the API reports (protocol/evaluation.ts, driftTestSchema). */
const testNames: Record<string, string> = {
  'ks-binned': 'KS (binned)',
  'wasserstein-normalized': 'Wasserstein (normalised)',
  'chi-squared': 'Chi-squared',
  'jensen-shannon': 'Jensen-Shannon',
  none: 'not tested',
};
export const driftTestLabel = (test: string) => testNames[test] ?? test;

/** What a drift threshold is compared with, in words (the API's `thresholdSource`). */
export function thresholdLabel(source: string, threshold: number | null): string {
  if (source === 'alpha') return `adjusted p < ${formatNumber(threshold)}`;
  if (source === 'history') return `statistic > ${formatNumber(threshold)} (history)`;
  if (source === 'null-simulation') return `statistic > ${formatNumber(threshold)} (simulated)`;
  return DASH;
}
