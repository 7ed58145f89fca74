/**
 * Test and bench support for Silero VAD v5, whose state makes single random inputs a poor test:
 * a synthetic stream (quiet noise, then voiced stretches of a gliding 140 Hz harmonic series) run
 * chunk by chunk with the state carried over, as the browser and edge agents run it.
 */
import { createPrng } from './generate-inputs.ts';
import type { ModelRunner, VariantTensor } from './variant-tensors.ts';

export const VAD_CHUNK = 512;
const RATE = 16000;

/** `count` chunks of 512 samples: 6 chunks of noise, 6 voiced, and so on. */
export function syntheticSpeechChunks(count: number, seed = 9): Float32Array[] {
  const next = createPrng(seed);
  const chunks: Float32Array[] = [];
  for (let c = 0; c < count; c++) {
    const voiced = Math.floor(c / 6) % 2 === 1;
    chunks.push(Float32Array.from({ length: VAD_CHUNK }, (_, i) => {
      const t = (c * VAD_CHUNK + i) / RATE;
      const f0 = 140 + 20 * Math.sin(2 * Math.PI * 3 * t);
      let v = (next() * 2 - 1) * 0.01;
      if (voiced) for (let h = 1; h <= 12; h++) v += (0.3 / h) * Math.sin(2 * Math.PI * f0 * h * t) * (0.6 + 0.4 * Math.sin(2 * Math.PI * 4 * t));
      return v;
    }));
  }
  return chunks;
}

/** Speech probability per chunk, state carried from one chunk to the next. */
export async function streamVad(runner: ModelRunner, chunks: readonly Float32Array[]): Promise<number[]> {
  let state: VariantTensor = { datatype: 'FP32', shape: [2, 1, 128], data: new Float32Array(256) };
  const sr: VariantTensor = { datatype: 'INT64', shape: [], data: BigInt64Array.of(BigInt(RATE)) };
  const probabilities: number[] = [];
  for (const chunk of chunks) {
    const out = await runner.run({ input: { datatype: 'FP32', shape: [1, VAD_CHUNK], data: chunk }, state, sr });
    probabilities.push((out.output?.data as Float32Array)[0] ?? NaN);
    state = out.stateN as VariantTensor;
  }
  return probabilities;
}

/** Largest probability difference, and how often both say speech (>= 0.5) or both say not. */
export function compareVadStreams(reference: readonly number[], variant: readonly number[]): { maxAbsError: number; decisionAgreement: number } {
  let maxAbsError = 0;
  let agree = 0;
  reference.forEach((p, i) => {
    const q = variant[i] ?? NaN;
    maxAbsError = Math.max(maxAbsError, Math.abs(p - q));
    if (p >= 0.5 === q >= 0.5) agree++;
  });
  return { maxAbsError, decisionAgreement: agree / reference.length };
}
