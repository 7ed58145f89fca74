/**
 * Demo traffic for `edgefleet up`: drives the local agent's OIP API with generated inputs whose
 * distribution drifts slowly (the mean moves by `maxShift` standard deviations and the spread
 * grows by half over `driftMinutes`), labels a share of the predictions through `/v1/feedback` with
 * an error rate that grows with the drift, and posts a business event now and then, so a new user
 * watches drift, quality and events appear in the console within minutes. Inputs are shaped from
 * the model's OIP metadata; `fixed` pins inputs that must not be random (Silero VAD's `sr`).
 */
import { mulberry32, normalSampler } from '../../protocol/stats/index.ts';

export interface DemoTrafficTimers {
  now(): number;
  setTimeout(fn: () => void, ms: number): () => void;
}

export interface DemoTrafficOptions {
  inferenceUrl: string;
  model: string;
  /** Requests per second (default 5). */
  ratePerSecond?: number;
  /** Minutes until the drift is complete (default 10); it then stays there. */
  driftMinutes?: number;
  /** How far the input means move, in standard deviations (default 2). */
  maxShift?: number;
  /** Share of predictions that get a label back (default 0.2). */
  feedbackShare?: number;
  /** Share of predictions followed by a business event `demo.conversion` (default 0.05). */
  eventShare?: number;
  /** Inputs sent as given instead of generated, by name (flat data). */
  fixed?: Record<string, number[]>;
  /**
   * Real rows instead of generated ones: given the drift progress in [0, 1], a row's flat data per
   * input and, when known, its true label (sent as feedback instead of a simulated one).
   */
  rows?: (progress: number, random: () => number) => { inputs: Record<string, number[]>; label?: number };
  seed?: number;
  fetch?: typeof fetch;
  timers?: DemoTrafficTimers;
  onError?: (message: string) => void;
}

export interface DemoTrafficStats {
  requests: number;
  failures: number;
  feedback: number;
  events: number;
}

export interface DemoTraffic {
  stats(): DemoTrafficStats;
  /** Stops sending; resolves once the request in flight is done. */
  stop(): Promise<void>;
}

interface InputMeta {
  name: string;
  datatype: string;
  shape: number[];
}

const defaultTimers: DemoTrafficTimers = {
  now: () => Date.now(),
  setTimeout(fn, ms) {
    const handle = setTimeout(fn, ms);
    handle.unref();
    return () => clearTimeout(handle);
  },
};

/** Progress of the drift in [0, 1] after `elapsedMs`. */
export function driftProgress(elapsedMs: number, driftMinutes: number): number {
  return Math.min(1, Math.max(0, elapsedMs / (driftMinutes * 60_000)));
}

/** Start sending. Never throws for a failed request: it is counted and the next one goes on time. */
export function startDemoTraffic(options: DemoTrafficOptions): DemoTraffic {
  const fetchFn = options.fetch ?? fetch;
  const timers = options.timers ?? defaultTimers;
  const base = options.inferenceUrl.replace(/\/+$/, '');
  const random = mulberry32(options.seed ?? 1);
  const normal = normalSampler(random);
  const intervalMs = 1000 / (options.ratePerSecond ?? 5);
  const started = timers.now();
  const stats: DemoTrafficStats = { requests: 0, failures: 0, feedback: 0, events: 0 };
  let inputs: InputMeta[] | null = null;
  let stopped = false;
  let cancel: (() => void) | undefined;
  let inFlight: Promise<void> = Promise.resolve();

  const post = (path: string, body: unknown) =>
    fetchFn(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  const generate = (meta: InputMeta, progress: number) => {
    const shape = meta.shape.map((d) => (d < 0 ? 1 : d));
    const fixed = options.fixed?.[meta.name];
    if (fixed) return { name: meta.name, shape, datatype: meta.datatype, data: fixed };
    const count = shape.reduce((a, b) => a * b, 1);
    const shift = (options.maxShift ?? 2) * progress;
    const spread = 1 + 0.5 * progress;
    const integer = !meta.datatype.startsWith('FP');
    // Each position has its own centre, so tabular columns look like different features.
    const data = Array.from({ length: count }, (_, i) => {
      const value = Math.sin(i + 1) + shift + spread * normal();
      return integer ? Math.round(value) : value;
    });
    return { name: meta.name, shape, datatype: meta.datatype, data };
  };

  const metadata = async (): Promise<InputMeta[] | null> => {
    const res = await fetchFn(`${base}/v2/models/${encodeURIComponent(options.model)}`);
    if (!res.ok) {
      await res.body?.cancel();
      return null; // not loaded yet: the agent is still syncing
    }
    return ((await res.json()) as { inputs: InputMeta[] }).inputs;
  };

  /** The label a user would send: the model's answer, wrong more often as the data drifts. */
  const feedbackFor = (output: number[], progress: number): { label: number } | { value: number } => {
    if (output.length === 1) return { value: (output[0] ?? 0) + normal() * (0.1 + progress) };
    let predicted = 0;
    for (let k = 1; k < output.length; k++) if ((output[k] ?? -Infinity) > (output[predicted] ?? -Infinity)) predicted = k;
    const wrong = random() < 0.05 + 0.45 * progress;
    return { label: wrong ? (predicted + 1 + Math.floor(random() * (output.length - 1))) % output.length : predicted };
  };

  const once = async (): Promise<void> => {
    inputs ??= await metadata();
    if (!inputs) return;
    const progress = driftProgress(timers.now() - started, options.driftMinutes ?? 10);
    const row = options.rows?.(progress, random);
    const tensors = inputs.map((m) => {
      const data = row?.inputs[m.name];
      return data ? { name: m.name, datatype: m.datatype, shape: m.shape.map((d) => (d < 0 ? 1 : d)), data } : generate(m, progress);
    });
    stats.requests++;
    const res = await post(`/v2/models/${encodeURIComponent(options.model)}/infer`, { inputs: tensors });
    if (!res.ok) {
      stats.failures++;
      if (res.status === 404) inputs = null; // model changed or unloaded: read its metadata again
      await res.body?.cancel();
      return;
    }
    const requestId = res.headers.get('x-request-id');
    // Bare NaN/Infinity may appear in OIP JSON (Triton style); they only matter to the labels here.
    const body = JSON.parse((await res.text()).replace(/-?\b(NaN|Infinity)\b/g, 'null')) as { outputs?: Array<{ shape: number[]; data: Array<number | null> }> };
    const first = body.outputs?.[0];
    if (!requestId || !first) return;
    const width = first.shape.length > 1 ? first.shape.slice(1).reduce((a, b) => a * b, 1) : first.data.length;
    const scores = first.data.slice(0, width).map((v) => v ?? 0);
    if (random() < (options.feedbackShare ?? 0.2)) {
      const truth = row?.label !== undefined ? { label: row.label } : feedbackFor(scores, progress);
      const fb = await post('/v1/feedback', { requestId, ...truth });
      if (fb.ok) stats.feedback++;
      await fb.body?.cancel();
    }
    if (random() < (options.eventShare ?? 0.05)) {
      const ev = await post('/v1/events', { requestId, name: 'demo.conversion', value: Math.round(100 * (1 + random()) * (1 - 0.3 * progress)) / 100 });
      if (ev.ok) stats.events++;
      await ev.body?.cancel();
    }
  };

  const schedule = () => {
    if (stopped) return;
    cancel = timers.setTimeout(() => {
      inFlight = once()
        .catch((error: unknown) => {
          stats.failures++;
          options.onError?.((error as Error).message);
        })
        .finally(schedule);
    }, intervalMs);
  };
  schedule();

  return {
    stats: () => ({ ...stats }),
    async stop() {
      stopped = true;
      cancel?.();
      await inFlight;
    },
  };
}
