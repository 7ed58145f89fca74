/**
 * Silero VAD v5 over a stream of 16 kHz samples: frames of 512 samples, the recurrent state carried
 * from one frame to the next (inputs `input` [1, 512], `state` [2, 1, 128], `sr` int64; outputs
 * `output` [1, 1] = speech probability and `stateN`). Speech segments by hysteresis, as the Silero
 * authors suggest: start above 0.5, end after the probability stays below 0.35 for a while.
 */

export const VAD_FRAME = 512;
export const VAD_STATE_SIZE = 2 * 1 * 128;

/** One step of the model: runs a frame and returns the probability and the next state. */
export type VadStep = (frame: Float32Array, state: Float32Array) => Promise<{ probability: number; state: Float32Array }>;

/** Speech probability per frame of `samples` (a trailing partial frame is dropped). */
export async function vadProbabilities(samples: Float32Array, step: VadStep): Promise<number[]> {
  let state: Float32Array = new Float32Array(VAD_STATE_SIZE);
  const out: number[] = [];
  for (let offset = 0; offset + VAD_FRAME <= samples.length; offset += VAD_FRAME) {
    const result = await step(samples.subarray(offset, offset + VAD_FRAME).slice(), state);
    out.push(result.probability);
    state = result.state;
  }
  return out;
}

/** Speech segments in seconds from per-frame probabilities. */
export function speechSegments(probabilities: readonly number[], sampleRate: number, options: { start?: number; end?: number; minSilenceFrames?: number } = {}) {
  const start = options.start ?? 0.5;
  const end = options.end ?? 0.35;
  const minSilence = options.minSilenceFrames ?? 8;
  const frameSeconds = VAD_FRAME / sampleRate;
  const segments: Array<{ start: number; end: number }> = [];
  let open: number | null = null;
  let quiet = 0;
  probabilities.forEach((p, i) => {
    if (open === null) {
      if (p >= start) {
        open = i;
        quiet = 0;
      }
      return;
    }
    quiet = p < end ? quiet + 1 : 0;
    if (quiet >= minSilence) {
      segments.push({ start: open * frameSeconds, end: (i - quiet + 1) * frameSeconds });
      open = null;
    }
  });
  if (open !== null) segments.push({ start: open * frameSeconds, end: probabilities.length * frameSeconds });
  return segments;
}
