import onnxProto from 'onnx-proto';
import * as ort from 'onnxruntime-node';
import { VAD_FRAME, vadProbabilities } from '../../browser-runtime/demo/vad-stream.ts';
import { loadSileroVad } from '../fixtures/models/index.ts';

/**
 * Silero VAD as version `tag`: the same graph with a different doc string, so each version is its
 * own artifact (sha256) and a rollout visibly moves from one to the next.
 */
export async function sileroVersion(tag: string): Promise<Uint8Array> {
  const bytes = await loadSileroVad();
  if (tag === '1') return bytes;
  const model = onnxProto.onnx.ModelProto.decode(bytes);
  model.docString = `Silero VAD v5, edgefleet test build ${tag}`;
  return onnxProto.onnx.ModelProto.encode(model).finish();
}

/** The reference: speech probabilities per frame with onnxruntime-node (CPU), state carried over. */
export async function nodeVadProbabilities(model: Uint8Array, samples: Float32Array): Promise<number[]> {
  const session = await ort.InferenceSession.create(model);
  try {
    return await vadProbabilities(samples, async (frame, state) => {
      const out = await session.run({
        input: new ort.Tensor('float32', frame, [1, VAD_FRAME]),
        state: new ort.Tensor('float32', state, [2, 1, 128]),
        sr: new ort.Tensor('int64', BigInt64Array.from([16000n]), []),
      });
      return { probability: (out.output!.data as Float32Array)[0]!, state: out.stateN!.data as Float32Array };
    });
  } finally {
    await session.release();
  }
}

/**
 * The same loop in the page, through the runtime's `infer` (counted, summarised, reported): the
 * page gets the clip as a plain array and answers with the probabilities.
 */
export const PAGE_VAD_LOOP = async ({ samples, model, limit }: { samples: number[]; model: string; limit?: number }) => {
  const fleet = (globalThis as unknown as { fleet: { infer(name: string, inputs: unknown): Promise<{ outputs: Record<string, { data: ArrayLike<number> }> }> } }).fleet;
  const clip = Float32Array.from(samples);
  let state = new Float32Array(256);
  const out: number[] = [];
  const frames = Math.min(limit ?? Infinity, Math.floor(clip.length / 512));
  for (let f = 0; f < frames; f++) {
    const result = await fleet.infer(model, {
      input: { data: clip.slice(f * 512, f * 512 + 512), shape: [1, 512] },
      state: { data: state, shape: [2, 1, 128] },
      sr: { data: BigInt64Array.from([16000n]), shape: [], datatype: 'INT64' },
    });
    out.push(Number(result.outputs.output!.data[0]));
    state = Float32Array.from(result.outputs.stateN!.data);
  }
  return out;
};

/**
 * A JSONL evaluation set for the variant gate: 60 frames of the clip, each from a zero state. The
 * gate otherwise runs on generated inputs, which Silero refuses (its STFT pads by reflection).
 */
export function vadEvaluationSet(samples: Float32Array): Uint8Array {
  const state = Array.from({ length: 2 }, () => [new Array<number>(128).fill(0)]);
  const lines = Array.from({ length: 60 }, (_, f) => {
    const at = f * 4 * VAD_FRAME;
    return JSON.stringify({ inputs: { input: [Array.from(samples.subarray(at, at + VAD_FRAME))], state, sr: 16000 } });
  });
  return new TextEncoder().encode(lines.join('\n'));
}
