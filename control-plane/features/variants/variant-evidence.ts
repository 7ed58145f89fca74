/**
 * What the registry keeps in a variant's `evidence`: the gate's verdict with its thresholds, the
 * headline numbers people compare (size, errors, top-1 agreement, accuracy) and the per-output
 * detail behind them. Plain JSON: it is stored, served and printed as it is.
 */
import type { AccuracyGateOptions, AccuracyGateResult } from './accuracy-gate.ts';
import type { GateSettings } from './variant-schemas.ts';

export type GateInputSource =
  | { source: 'evaluation-set'; sha256: string; samples: number; labelled: boolean }
  | { source: 'generated'; seed: number; samples: number };

/** The gate's options for a model's settings; labels switch on the accuracy check. */
export function gateOptions(gate: GateSettings, labels: readonly number[] | null): AccuracyGateOptions {
  return {
    minTop1Agreement: gate.minTop1Agreement,
    ...(gate.maxAbsError !== undefined ? { maxAbsError: gate.maxAbsError } : {}),
    ...(labels ? { labels: { values: labels }, maxAccuracyDrop: gate.maxAccuracyDrop ?? 0.01 } : {}),
  };
}

export interface EvidenceInput {
  result: AccuracyGateResult;
  gate: GateSettings;
  inputs: GateInputSource;
  bytes: number;
  fp32Bytes: number;
  /** The builder's report (nodes quantized, skipped, block list), or how the file arrived. */
  build: Record<string, unknown>;
  runtime: string;
  at: string;
}

export function gateEvidence(e: EvidenceInput): Record<string, unknown> {
  const { result } = e;
  const classifiers = result.outputs.flatMap((o) => (o.classifier ? [o.classifier] : []));
  const elements = result.outputs.reduce((n, o) => n + o.elements, 0);
  const labelled = classifiers.find((c) => c.variantAccuracy !== undefined);
  return {
    gate: {
      pass: result.pass,
      summary: result.summary,
      thresholds: { ...e.gate, ...(labelled ? { maxAccuracyDrop: e.gate.maxAccuracyDrop ?? 0.01 } : {}) },
      checks: result.checks,
    },
    size: { bytes: e.bytes, fp32Bytes: e.fp32Bytes, ratio: round(e.bytes / e.fp32Bytes) },
    maxAbsError: finiteOrNull(Math.max(0, ...result.outputs.map((o) => o.maxAbsError))),
    meanAbsError: elements > 0 ? finiteOrNull(result.outputs.reduce((s, o) => s + o.meanAbsError * o.elements, 0) / elements) : null,
    ...(classifiers.length > 0 ? { top1Agreement: Math.min(...classifiers.map((c) => c.top1Agreement)) } : {}),
    ...(labelled ? { accuracy: { fp32: labelled.referenceAccuracy, variant: labelled.variantAccuracy } } : {}),
    inputs: e.inputs,
    outputs: result.outputs.map((o) => ({ ...o, maxAbsError: finiteOrNull(o.maxAbsError), meanAbsError: finiteOrNull(o.meanAbsError) })),
    build: e.build,
    runtime: e.runtime,
    gatedAt: e.at,
  };
}

/** Evidence of a variant the gate could not judge: the model failed to load or to run. */
export function failureEvidence(stage: string, error: unknown, build: Record<string, unknown>, at: string, hint?: string): Record<string, unknown> {
  return { error: `${stage}: ${(error as Error)?.message ?? String(error)}`, ...(hint ? { hint } : {}), build, failedAt: at };
}

const round = (x: number) => Math.round(x * 1000) / 1000;
const finiteOrNull = (x: number) => (Number.isFinite(x) ? x : null);
