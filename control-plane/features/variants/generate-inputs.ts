/**
 * Inputs for the accuracy gate when a model has no evaluation set: drawn from the interface the
 * manifest publishes (TensorSpec), seeded so the same call gives the same inputs on every machine.
 * Floats are standard normal (inputs are usually normalised features), integers uniform in
 * [0, intRange), booleans fair coins. Inputs whose values carry meaning a shape cannot tell (Silero
 * VAD's sample rate) are passed in `fixed`.
 */
import { EdgefleetError, type TensorSpec } from '../../../protocol/index.ts';
import { floatToHalfBits } from './tensor-data.ts';
import type { Feeds, NumericData, VariantTensor } from './variant-tensors.ts';

export interface GenerateInputsOptions {
  /** Size of each dynamic (symbolic or -1) dimension; default 1. */
  dynamicDim?: number;
  /** Values used as they are for the named inputs, in every sample. */
  fixed?: Record<string, VariantTensor>;
  /** Standard deviation of float inputs; default 1. */
  scale?: number;
  /** Integers are drawn from [0, intRange); default 10. */
  intRange?: number;
}

/** mulberry32: small, fast, and identical on every platform. */
export function createPrng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(next: () => number): number {
  // Box-Muller; 1 - u keeps the logarithm finite.
  return Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
}

/**
 * `n` feeds for a model with the given inputs.
 *
 * @example
 * generateInputs([{ name: 'input', datatype: 'FP32', shape: ['batch', 4] }], 100, 42)
 */
export function generateInputs(inputs: readonly TensorSpec[], n: number, seed: number, options: GenerateInputsOptions = {}): Feeds[] {
  const next = createPrng(seed);
  const feeds: Feeds[] = [];
  for (let i = 0; i < n; i++) {
    const feed: Feeds = {};
    for (const spec of inputs) feed[spec.name] = options.fixed?.[spec.name] ?? draw(spec, next, options);
    feeds.push(feed);
  }
  return feeds;
}

function draw(spec: TensorSpec, next: () => number, options: GenerateInputsOptions): VariantTensor {
  const shape = spec.shape.map((d) => (typeof d === 'number' && d > 0 ? d : options.dynamicDim ?? 1));
  const count = shape.reduce((a, b) => a * b, 1);
  const scale = options.scale ?? 1;
  const range = options.intRange ?? 10;
  const int = () => Math.floor(next() * range);
  let data: NumericData;
  switch (spec.datatype) {
    case 'FP32': data = Float32Array.from({ length: count }, () => normal(next) * scale); break;
    case 'FP64': data = Float64Array.from({ length: count }, () => normal(next) * scale); break;
    case 'FP16': data = Uint16Array.from({ length: count }, () => floatToHalfBits(normal(next) * scale)); break;
    case 'BOOL': data = Uint8Array.from({ length: count }, () => (next() < 0.5 ? 0 : 1)); break;
    case 'UINT8': data = Uint8Array.from({ length: count }, int); break;
    case 'INT8': data = Int8Array.from({ length: count }, int); break;
    case 'UINT16': data = Uint16Array.from({ length: count }, int); break;
    case 'INT16': data = Int16Array.from({ length: count }, int); break;
    case 'UINT32': data = Uint32Array.from({ length: count }, int); break;
    case 'INT32': data = Int32Array.from({ length: count }, int); break;
    case 'INT64': data = BigInt64Array.from({ length: count }, () => BigInt(int())); break;
    case 'UINT64': data = BigUint64Array.from({ length: count }, () => BigInt(int())); break;
    case 'BYTES':
      throw new EdgefleetError('VALIDATION_FAILED', `cannot generate values for string input "${spec.name}"; pass it in options.fixed`);
  }
  return { datatype: spec.datatype, shape, data };
}
