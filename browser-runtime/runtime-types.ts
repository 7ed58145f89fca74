import type { Capabilities, Labels, ReportedModel, TensorSpec } from '../protocol/index.ts';
import type { WebGpuPolicy, WebGpuProbe } from './capabilities.ts';
import type { LinkState } from './link/socket-link.ts';
import type { InferOptions, InferResult, InputTensor } from './models/serving.ts';
import type { StatsStatus } from './stats/stats-collector.ts';

export type { InferOptions, InferResult, InputTensor, LinkState, WebGpuPolicy, WebGpuProbe, StatsStatus };
export type { Tensor, TensorData } from './engines/engine.ts';

export interface ConnectOptions {
  /** The control plane's base URL; default: the page's origin. */
  url?: string;
  /** Needed the first time only: the credential is kept in IndexedDB and reused. */
  enrollToken?: string;
  /** Device name shown in the fleet (default "browser"). */
  name?: string;
  /** Labels the device asks for; `platform=browser` is added. The token's labels win. */
  labels?: Labels;
  /** Default `auto`: WebGPU on a hardware adapter, else WASM. See capabilities.ts. */
  webgpu?: WebGpuPolicy;
  /** onnxruntime-web WASM threads (needs a cross-origin-isolated page); default 1. */
  numThreads?: number;
  stats?: {
    /** A window closes after this many predictions (default 1000)… */
    windowPredictions?: number;
    /** …or this long (default 60 s). */
    windowSeconds?: number;
    /** Open windows are saved to IndexedDB this often when changed (default 1000 ms). */
    checkpointMs?: number;
  };
  /** Reconnect backoff (default 500 ms doubling to 30 s, with jitter). */
  reconnect?: { initialMs?: number; maxMs?: number };
  /** IndexedDB database name; default `edgefleet:<control plane origin>`. */
  storageName?: string;
}

export interface ModelInfo {
  name: string;
  kind: 'onnx' | 'llm' | null;
  /** The baseline version being served, null until one is. */
  version: string | null;
  variant: string | null;
  executionProvider: string | null;
  status: ReportedModel['status'];
  lastError: string | null;
  desiredVersion: string;
  /** Arms served: one without a rollout, baseline and candidate during one. */
  arms: Array<{ arm: string; version: string; variant: string; requestShare: number }>;
  inputs: readonly TensorSpec[];
  outputs: readonly TensorSpec[];
}

export interface RuntimeStatus {
  connection: LinkState;
  /** Why the connection is in that state (a close reason), when known. */
  detail: string | null;
  deviceId: string;
  /** Latest desired-state revision received, and the last one fully applied. */
  desiredRevision: number | null;
  appliedRevision: number | null;
  models: ModelInfo[];
  /** Messages (events, summaries) waiting for the control plane's ack. */
  outbox: number;
  stats: StatsStatus;
  webgpu: WebGpuProbe;
}

export interface EdgefleetRuntime {
  readonly deviceId: string;
  readonly capabilities: Capabilities;
  /** Models of the desired state and how each is doing. */
  models(): ModelInfo[];
  /** Run a model in the page; counted in the window of the arm that served it. */
  infer(name: string, inputs: Record<string, InputTensor>, options?: InferOptions): Promise<InferResult>;
  /** A label for an earlier request (classification: class name or index; regression: the value). */
  feedback(requestId: string, label: string | number, options?: { row?: number }): void;
  /** A business event (a click, a sale), in the window of that request or model. */
  event(name: string, value?: number, options?: { model?: string; requestId?: string }): void;
  /** Called with the status now and on every change; returns unsubscribe. */
  onStatus(callback: (status: RuntimeStatus) => void): () => void;
  status(): RuntimeStatus;
  /** Resolves when `name` is served (rejects after `timeoutMs`, default 60 s, with the last error). */
  ready(name: string, options?: { timeoutMs?: number }): Promise<ModelInfo>;
  /** Close every open window and wait until the outbox is acknowledged; false on timeout (default 10 s). */
  flush(options?: { timeoutMs?: number }): Promise<boolean>;
  /** Save open windows, close the socket (the device shows offline) and stop. */
  close(): Promise<void>;
  /** close(), then forget the credential: the next connect enrolls a new device. */
  forget(): Promise<void>;
}
