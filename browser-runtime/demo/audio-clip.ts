/**
 * A short clip for the VAD demo, synthesized rather than shipped: 16 kHz float samples of
 * voice-like sounds (a glottal pulse train through three formant resonators, vowels /a/ /i/ /u/,
 * syllable-rate loudness) between stretches of quiet room noise. Seeded, so the page and a Node test
 * generate the same samples bit for bit (Math.fround keeps every value a float32, as in the page's
 * Float32Array).
 */

export const CLIP_SAMPLE_RATE = 16_000;

/** Where the clip has voice, in seconds; everything else is quiet noise. */
export const CLIP_VOICED: ReadonlyArray<{ start: number; end: number; vowel: 'a' | 'i' | 'u' }> = [
  { start: 1.0, end: 2.4, vowel: 'a' },
  { start: 3.4, end: 4.4, vowel: 'i' },
  { start: 5.2, end: 6.8, vowel: 'u' },
];
export const CLIP_SECONDS = 8;

const FORMANTS: Record<'a' | 'i' | 'u', [number, number, number]> = {
  a: [730, 1090, 2440],
  i: [270, 2290, 3010],
  u: [300, 870, 2240],
};

/** mulberry32: small, fast, seedable (the same generator as protocol/stats/mulberry32.ts). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A two-pole resonator (bandpass) at `freq` Hz with bandwidth `bw` Hz. */
function resonator(freq: number, bw: number) {
  const r = Math.exp((-Math.PI * bw) / CLIP_SAMPLE_RATE);
  const a1 = 2 * r * Math.cos((2 * Math.PI * freq) / CLIP_SAMPLE_RATE);
  const a2 = -r * r;
  const gain = 1 - r;
  let y1 = 0;
  let y2 = 0;
  return (x: number) => {
    const y = gain * x + a1 * y1 + a2 * y2;
    y2 = y1;
    y1 = y;
    return y;
  };
}

/** The clip: CLIP_SECONDS of samples in [-1, 1]. */
export function synthesizeClip(seed = 7): Float32Array {
  const random = prng(seed);
  const n = CLIP_SECONDS * CLIP_SAMPLE_RATE;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.fround((random() * 2 - 1) * 0.004); // room noise
  for (const segment of CLIP_VOICED) {
    const [f1, f2, f3] = FORMANTS[segment.vowel];
    const filters = [resonator(f1, 90), resonator(f2, 110), resonator(f3, 160)];
    const from = Math.round(segment.start * CLIP_SAMPLE_RATE);
    const to = Math.round(segment.end * CLIP_SAMPLE_RATE);
    let phase = 0;
    for (let i = from; i < to; i++) {
      const t = (i - from) / CLIP_SAMPLE_RATE;
      const f0 = 125 + 18 * Math.sin(2 * Math.PI * 0.7 * t) + 4 * (random() - 0.5);
      phase += f0 / CLIP_SAMPLE_RATE;
      // A glottal pulse at each period, a little breath noise in between.
      let source = 0;
      if (phase >= 1) {
        phase -= 1;
        source = 1;
      }
      source += (random() - 0.5) * 0.08;
      const voiced = filters[0]!(source) * 1.0 + filters[1]!(source) * 0.6 + filters[2]!(source) * 0.3;
      // Syllables: loudness rising and falling about four times a second, ramped in and out.
      const syllable = 0.55 + 0.45 * Math.sin(2 * Math.PI * 4 * t - Math.PI / 2);
      const edge = Math.min(1, t / 0.05, (segment.end - segment.start - t) / 0.05);
      out[i] = Math.fround(out[i]! + voiced * 2.2 * syllable * edge);
    }
  }
  return out;
}
