/**
 * The `/demo/vad` page: this browser joins the fleet with the public API, waits for the VAD model
 * its desired state names, and runs it on the synthesized clip or the microphone. Only the public
 * API is used (index.ts), as an app developer would.
 */
import { connect, type EdgefleetRuntime, type RuntimeStatus } from '../index.ts';
import { CLIP_SAMPLE_RATE, synthesizeClip } from './audio-clip.ts';
import { VAD_FRAME, speechSegments, vadProbabilities, type VadStep } from './vad-stream.ts';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const params = new URLSearchParams(location.hash.slice(1));
const MODEL = params.get('model') ?? 'vad';
let fleet: EdgefleetRuntime | null = null;

function renderStatus(s: RuntimeStatus): void {
  const model = s.models.find((m) => m.name === MODEL);
  const rows: Array<[string, string]> = [
    ['State', s.connection + (s.detail && s.connection !== 'online' ? ` (${s.detail})` : '')],
    ['Device', s.deviceId],
    ['Runs on', s.webgpu.available ? `WebGPU (${s.webgpu.adapter ?? 'adapter'})` : `WASM — ${s.webgpu.reason ?? ''}`],
    ['Model', model ? `${model.name}:${model.version ?? '–'} ${model.variant ?? ''} · ${model.status}${model.executionProvider ? ` on ${model.executionProvider}` : ''}${model.lastError ? ` — ${model.lastError}` : ''}` : `waiting for "${MODEL}" to be assigned`],
    ['Waiting to send', `${s.outbox} message(s)`],
    ['Counted, not yet sent', `${s.stats.openPredictions} prediction(s)`],
  ];
  const dl = $('status');
  dl.replaceChildren(...rows.flatMap(([k, v]) => {
    const dt = document.createElement('dt');
    dt.textContent = k;
    const dd = document.createElement('dd');
    dd.textContent = v;
    if (k === 'State') dd.id = 'state';
    return [dt, dd];
  }));
  const ready = model?.status === 'ready' || (model?.version ?? null) !== null;
  $<HTMLButtonElement>('run-clip').disabled = !ready;
  $<HTMLButtonElement>('run-mic').disabled = !ready || !navigator.mediaDevices?.getUserMedia;
}

/** One model step through the runtime: counted, summarised and reported like any request. */
const step: VadStep = async (frame, state) => {
  const result = await fleet!.infer(MODEL, {
    input: { data: frame, shape: [1, VAD_FRAME] },
    state: { data: state, shape: [2, 1, 128] },
    sr: { data: BigInt64Array.from([BigInt(CLIP_SAMPLE_RATE)]), shape: [], datatype: 'INT64' },
  });
  return { probability: Number((result.outputs.output!.data as Float32Array)[0]), state: result.outputs.stateN!.data as Float32Array };
};

function plot(probabilities: readonly number[]): void {
  const canvas = $<HTMLCanvasElement>('plot');
  const g = canvas.getContext('2d');
  if (!g) return;
  g.clearRect(0, 0, canvas.width, canvas.height);
  g.strokeStyle = '#38507a';
  g.beginPath();
  g.moveTo(0, canvas.height / 2);
  g.lineTo(canvas.width, canvas.height / 2);
  g.stroke();
  g.strokeStyle = '#9ec1ff';
  g.lineWidth = 2;
  g.beginPath();
  probabilities.forEach((p, i) => {
    const x = (i / Math.max(1, probabilities.length - 1)) * canvas.width;
    const y = canvas.height - p * (canvas.height - 8) - 4;
    if (i === 0) g.moveTo(x, y);
    else g.lineTo(x, y);
  });
  g.stroke();
}

async function runClip(): Promise<void> {
  const started = performance.now();
  const probabilities = await vadProbabilities(synthesizeClip(), step);
  plot(probabilities);
  const segments = speechSegments(probabilities, CLIP_SAMPLE_RATE);
  $('result').textContent = `${probabilities.length} frames in ${Math.round(performance.now() - started)} ms: ${segments.length} speech segment(s).`;
  $('segments').replaceChildren(...segments.map((s) => {
    const li = document.createElement('li');
    li.textContent = `speech from ${s.start.toFixed(2)} s to ${s.end.toFixed(2)} s`;
    return li;
  }));
}

async function runMicrophone(): Promise<void> {
  const stream = await navigator.mediaDevices.getUserMedia({ audio: { channelCount: 1, echoCancellation: true } });
  const audio = new AudioContext({ sampleRate: CLIP_SAMPLE_RATE });
  const source = audio.createMediaStreamSource(stream);
  // ScriptProcessorNode is deprecated, but an AudioWorklet needs a separate module file for a few lines of buffering.
  const tap = audio.createScriptProcessor(4096, 1, 1);
  let state: Float32Array = new Float32Array(256);
  let pending = new Float32Array(0);
  const recent: number[] = [];
  let busy = Promise.resolve();
  tap.onaudioprocess = (e) => {
    const input = e.inputBuffer.getChannelData(0);
    const joined = new Float32Array(pending.length + input.length);
    joined.set(pending);
    joined.set(input, pending.length);
    let offset = 0;
    const frames: Float32Array[] = [];
    for (; offset + VAD_FRAME <= joined.length; offset += VAD_FRAME) frames.push(joined.slice(offset, offset + VAD_FRAME));
    pending = joined.slice(offset);
    busy = busy.then(async () => {
      for (const frame of frames) {
        const r = await step(frame, state);
        state = r.state;
        recent.push(r.probability);
        if (recent.length > 300) recent.shift();
      }
      plot(recent);
      $('result').textContent = `listening: speech probability ${(recent.at(-1) ?? 0).toFixed(2)}`;
    });
  };
  source.connect(tap);
  tap.connect(audio.destination);
  $<HTMLButtonElement>('run-mic').disabled = true;
}

async function start(token: string | undefined, name: string): Promise<void> {
  if (fleet) return;
  $('state').textContent = 'connecting…';
  try {
    fleet = await connect({ ...(token ? { enrollToken: token } : {}), name, webgpu: (params.get('webgpu') as 'auto' | 'off' | 'allow-fallback' | null) ?? 'auto' });
    $<HTMLButtonElement>('connect').disabled = true;
    $<HTMLButtonElement>('connect').textContent = 'Connected';
    fleet.onStatus(renderStatus);
  } catch (error) {
    $('state').textContent = `not connected: ${(error as Error).message}`;
  }
}

$('enroll-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const form = new FormData(e.target as HTMLFormElement);
  void start(String(form.get('token') ?? '').trim() || undefined, String(form.get('name') ?? 'browser demo'));
});
$('run-clip').addEventListener('click', () => void runClip().catch((e: unknown) => { $('result').textContent = `failed: ${(e as Error).message}`; }));
$('run-mic').addEventListener('click', () => void runMicrophone().catch((e: unknown) => { $('result').textContent = `microphone: ${(e as Error).message}`; }));
// `#token=…` (a link the admin hands out) or an earlier visit's stored credential: connect right away.
void start(params.get('token') ?? undefined, params.get('name') ?? 'browser demo');
