/**
 * The accuracy gate a variant passes before it may be published: run the FP32 model and the
 * variant on the same inputs and compare every output. Evidence per output: max and mean absolute
 * error, and for classifier-shaped outputs ([N, C], C > 1) top-1 agreement and, given labels,
 * accuracy of both. The gate fails closed: an output missing or differently shaped, a non-finite
 * value where the reference is finite, or no applicable criterion at all is a fail.
 */
import { elementAt, type Feeds, type ModelRunner, type VariantTensor } from './variant-tensors.ts';

export interface AccuracyGateOptions {
  /** Share of classifier rows whose arg-max must match the reference; default 0.99. */
  minTop1Agreement?: number;
  /** Bound on the largest absolute difference: one for all outputs, or per output name. */
  maxAbsError?: number | Record<string, number>;
  maxMeanAbsError?: number | Record<string, number>;
  /** One label per classifier row, in input order (rows of all samples, concatenated). */
  labels?: { output?: string; values: readonly number[] };
  /** Allowed accuracy loss against the reference when labels are given; default 0.01. */
  maxAccuracyDrop?: number;
}

export interface ClassifierEvidence {
  rows: number;
  top1Agreement: number;
  disagreements: number;
  /**
   * Largest gap between the reference's top two scores among the rows that disagree: a small value
   * says the variant only flipped near-ties (common with near-uniform outputs of random weights).
   */
  maxDisagreementMargin: number;
  referenceAccuracy?: number;
  variantAccuracy?: number;
}

export interface OutputEvidence {
  output: string;
  elements: number;
  maxAbsError: number;
  meanAbsError: number;
  /** Largest magnitude in the reference output: the scale to read the errors against. */
  referenceMaxAbs: number;
  /** Elements finite in one model and NaN / infinite in the other. */
  nonFiniteMismatches: number;
  classifier?: ClassifierEvidence;
}

export interface GateCheck {
  check: 'top1-agreement' | 'max-abs-error' | 'mean-abs-error' | 'accuracy-drop' | 'finite' | 'shape';
  output: string;
  value: number;
  threshold: number;
  pass: boolean;
}

export interface AccuracyGateResult {
  pass: boolean;
  /** One sentence: the first failed check, or what passed. */
  summary: string;
  samples: number;
  outputs: OutputEvidence[];
  checks: GateCheck[];
}

export const DEFAULT_MIN_TOP1_AGREEMENT = 0.99;

interface Accumulator {
  elements: number;
  sumAbs: number;
  maxAbs: number;
  refMaxAbs: number;
  nonFinite: number;
  rows: number;
  agree: number;
  maxMargin: number;
  refTopOne: number[];
  varTopOne: number[];
  shapeError?: string;
}

/** Runs both models on every input and gates the variant against the reference. */
export async function runAccuracyGate(reference: ModelRunner, variant: ModelRunner, inputs: readonly Feeds[], options: AccuracyGateOptions = {}): Promise<AccuracyGateResult> {
  const acc = new Map<string, Accumulator>();
  for (const feeds of inputs) {
    const [ref, out] = await Promise.all([reference.run(feeds), variant.run(feeds)]);
    accumulate(acc, ref, out);
  }
  return judge(acc, inputs.length, options);
}

function accumulate(acc: Map<string, Accumulator>, ref: Record<string, VariantTensor>, out: Record<string, VariantTensor>): void {
  for (const [name, r] of Object.entries(ref)) {
    const a = acc.get(name) ?? { elements: 0, sumAbs: 0, maxAbs: 0, refMaxAbs: 0, nonFinite: 0, rows: 0, agree: 0, maxMargin: 0, refTopOne: [], varTopOne: [] };
    acc.set(name, a);
    const v = out[name];
    if (!v || v.shape.join('x') !== r.shape.join('x')) {
      a.shapeError ??= v ? `shape ${v.shape.join('x')} instead of ${r.shape.join('x')}` : 'missing from the variant';
      continue;
    }
    for (let i = 0; i < r.data.length; i++) {
      const x = elementAt(r, i);
      const y = elementAt(v, i);
      a.elements++;
      if (Number.isFinite(x) !== Number.isFinite(y)) a.nonFinite++;
      else if (Number.isFinite(x)) {
        if (Math.abs(x) > a.refMaxAbs) a.refMaxAbs = Math.abs(x);
        const d = Math.abs(x - y);
        a.sumAbs += d;
        if (d > a.maxAbs) a.maxAbs = d;
      }
    }
    if (r.shape.length === 2 && (r.shape[1] ?? 0) > 1) {
      const [rows, cols] = r.shape as [number, number];
      for (let row = 0; row < rows; row++) {
        const ref = topTwo(r, row, cols);
        const top = [ref.index, topTwo(v, row, cols).index] as const;
        a.refTopOne.push(top[0]);
        a.varTopOne.push(top[1]);
        a.rows++;
        if (top[0] === top[1]) a.agree++;
        else a.maxMargin = Math.max(a.maxMargin, ref.margin);
      }
    }
  }
}

/**
 * Index of the largest element of a row (NaN counts as smaller than anything, ties go to the
 * first) and its lead over the runner-up.
 */
function topTwo(t: VariantTensor, row: number, cols: number): { index: number; margin: number } {
  let index = 0;
  let best = -Infinity;
  let second = -Infinity;
  for (let c = 0; c < cols; c++) {
    const x = elementAt(t, row * cols + c);
    if (x > best) {
      second = best;
      best = x;
      index = c;
    } else if (x > second) second = x;
  }
  return { index, margin: best - second };
}

const bound = (b: number | Record<string, number> | undefined, output: string) => (typeof b === 'number' ? b : b?.[output]);

function judge(acc: Map<string, Accumulator>, samples: number, options: AccuracyGateOptions): AccuracyGateResult {
  const minAgreement = options.minTop1Agreement ?? DEFAULT_MIN_TOP1_AGREEMENT;
  const outputs: OutputEvidence[] = [];
  const checks: GateCheck[] = [];
  const check = (c: Omit<GateCheck, 'pass'>, pass: boolean) => checks.push({ ...c, pass });
  const labelled = options.labels ? options.labels.output ?? [...acc].find(([, a]) => a.rows > 0)?.[0] : undefined;
  for (const [output, a] of acc) {
    if (a.shapeError) {
      check({ check: 'shape', output, value: 1, threshold: 0 }, false);
      outputs.push({ output, elements: 0, maxAbsError: Infinity, meanAbsError: Infinity, referenceMaxAbs: a.refMaxAbs, nonFiniteMismatches: 0 });
      continue;
    }
    const finite = a.elements - a.nonFinite;
    const evidence: OutputEvidence = { output, elements: a.elements, maxAbsError: a.maxAbs, meanAbsError: finite > 0 ? a.sumAbs / finite : 0, referenceMaxAbs: a.refMaxAbs, nonFiniteMismatches: a.nonFinite };
    check({ check: 'finite', output, value: a.nonFinite, threshold: 0 }, a.nonFinite === 0);
    const maxAbs = bound(options.maxAbsError, output);
    if (maxAbs !== undefined) check({ check: 'max-abs-error', output, value: a.maxAbs, threshold: maxAbs }, a.maxAbs <= maxAbs);
    const maxMean = bound(options.maxMeanAbsError, output);
    if (maxMean !== undefined) check({ check: 'mean-abs-error', output, value: evidence.meanAbsError, threshold: maxMean }, evidence.meanAbsError <= maxMean);
    if (a.rows > 0) {
      evidence.classifier = { rows: a.rows, top1Agreement: a.agree / a.rows, disagreements: a.rows - a.agree, maxDisagreementMargin: a.maxMargin };
      check({ check: 'top1-agreement', output, value: a.agree / a.rows, threshold: minAgreement }, a.agree / a.rows >= minAgreement);
      if (options.labels && output === labelled) labelChecks(output, evidence.classifier, a, options, check);
    }
    outputs.push(evidence);
  }
  const decisive = checks.filter((c) => c.check !== 'finite');
  const failed = checks.find((c) => !c.pass);
  const pass = !failed && decisive.length > 0;
  const summary = failed
    ? `failed ${failed.check} on "${failed.output}": ${fmt(failed.value)} against ${fmt(failed.threshold)}`
    : decisive.length === 0
      ? 'no criterion applies: no classifier-shaped output and no error bound configured'
      : `passed ${decisive.length} check(s) over ${samples} input(s)`;
  return { pass, summary, samples, outputs, checks };
}

function labelChecks(output: string, evidence: ClassifierEvidence, a: Accumulator, options: AccuracyGateOptions, check: (c: Omit<GateCheck, 'pass'>, pass: boolean) => void): void {
  const labels = options.labels?.values ?? [];
  const n = Math.min(labels.length, a.rows);
  let ref = 0;
  let out = 0;
  for (let i = 0; i < n; i++) {
    if (a.refTopOne[i] === labels[i]) ref++;
    if (a.varTopOne[i] === labels[i]) out++;
  }
  evidence.referenceAccuracy = n > 0 ? ref / n : 0;
  evidence.variantAccuracy = n > 0 ? out / n : 0;
  const drop = evidence.referenceAccuracy - evidence.variantAccuracy;
  const allowed = options.maxAccuracyDrop ?? 0.01;
  check({ check: 'accuracy-drop', output, value: drop, threshold: allowed }, n === a.rows && drop <= allowed);
}

const fmt = (x: number) => (Math.abs(x) >= 0.01 || x === 0 ? x.toFixed(4) : x.toExponential(2));
