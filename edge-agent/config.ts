import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { describeZodError, EdgefleetError, labelsSchema, parseLabelList } from '../protocol/index.ts';

const portSchema = z.coerce.number().int().min(0).max(65535);
const positive = z.coerce.number().positive();
const rate = z.coerce.number().min(0).max(1);
/** A comma list from env or flags ("cuda,cpu"), or a YAML list. */
const stringList = z.preprocess(
  (v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : v),
  z.array(z.string().min(1)).min(1),
);
const UNITS: Record<string, number> = { '': 1, b: 1, k: 1e3, kb: 1e3, kib: 1024, m: 1e6, mb: 1e6, mib: 1024 ** 2, g: 1e9, gb: 1e9, gib: 1024 ** 3 };
/** Bytes as a number or "512MiB" / "2GB". */
const byteSize = z.preprocess((v) => {
  if (typeof v !== 'string') return v;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(v);
  const unit = UNITS[(m?.[2] ?? '').toLowerCase()];
  return m && unit !== undefined ? Math.round(Number(m[1]) * unit) : v;
}, z.number().int().positive());

/** Every setting of the edge agent, with its default. The README's configuration table mirrors it. */
export const agentConfigSchema = z
  .object({
    /** Base URL of the control plane's REST API; needed for the first start (enrollment). */
    controlPlaneUrl: z.url().optional(),
    enrollToken: z.string().min(1).optional(),
    /** Device name shown in the fleet; the host name when omitted. */
    name: z.string().min(1).max(100).optional(),
    labels: z.preprocess((v) => (typeof v === 'string' ? parseLabelList(v) : v), labelsSchema).default({}),
    host: z.string().default('127.0.0.1'),
    port: portSchema.default(8000),
    dataDir: z.string().default('./agent-data'),
    /** mqtt://host:port; defaults to the control plane's host and the port given at enrollment. "off" disables MQTT. */
    mqttUrl: z.string().optional(),
    /** Where artifacts are downloaded from (a mirror); defaults to the control plane URL. */
    artifactsUrl: z.url().optional(),
    /** onnxruntime execution providers, preferred first; default: cuda then cpu when nvidia-smi sees a GPU, else cpu. */
    executionProviders: stringList.optional(),
    graphOptimizationLevel: z.enum(['disabled', 'basic', 'extended', 'all']).default('all'),
    /** 0 lets onnxruntime choose. */
    intraOpThreads: z.coerce.number().int().min(0).default(0),
    /** Dynamic batching per model; 1 turns it off. */
    maxBatchSize: z.coerce.number().int().positive().default(1),
    maxQueueDelayMicroseconds: z.coerce.number().int().min(0).default(500),
    /**
     * What a failed warm-up means. "auto": refuse the version when every input shape is fixed (the
     * generated zeros are a valid input, so the model is broken), accept it with a warning when some
     * dimension is symbolic (zeros of size 1 may simply not be a valid input, as for Silero VAD).
     * "strict": always refuse. "off": no warm-up.
     */
    warmup: z.enum(['auto', 'strict', 'off']).default('auto'),
    cacheMaxBytes: byteSize.default(2 * 1024 ** 3),
    /** Probation after a switch ends after this many seconds or this many requests, whichever first. */
    probationSeconds: positive.default(60),
    probationRequests: z.coerce.number().int().positive().default(1000),
    /** Rates are judged only once this many requests reached the new version. */
    probationMinSamples: z.coerce.number().int().positive().default(10),
    /** Guardrail budget when the manifest has none. */
    budgetP95LatencyMs: positive.default(1000),
    budgetMaxFailureRate: rate.default(0.05),
    budgetMaxNanRate: rate.default(0.01),
    /** REST polling of the desired state while MQTT is down. */
    pollIntervalSeconds: positive.default(30),
    /** A statistics window closes after this many predictions or this many seconds, whichever first. */
    statsWindowPredictions: z.coerce.number().int().positive().default(1000),
    statsWindowSeconds: positive.default(60),
    /** Open windows are saved this often; a crash loses at most this much (a clean stop loses nothing). */
    statsCheckpointSeconds: positive.default(1),
    /** Recent predictions a label can join (least recently used out first), and for how long. */
    feedbackMemorySize: z.coerce.number().int().positive().default(10_000),
    feedbackTtlSeconds: positive.default(3600),
    /** Bytes of summaries the outbox keeps while the control plane is away; the oldest go first past it. */
    outboxMaxBytes: byteSize.default(64 * 1024 ** 2),
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .strict();
export type AgentConfigInput = z.input<typeof agentConfigSchema>;
export type AgentConfig = z.infer<typeof agentConfigSchema> & { name: string };

export const agentEnvNames: Partial<Record<keyof AgentConfig, string>> = {
  controlPlaneUrl: 'EDGEFLEET_CONTROL_PLANE',
  enrollToken: 'EDGEFLEET_ENROLL_TOKEN',
  name: 'EDGEFLEET_AGENT_NAME',
  labels: 'EDGEFLEET_AGENT_LABELS',
  host: 'EDGEFLEET_AGENT_HOST',
  port: 'EDGEFLEET_AGENT_PORT',
  dataDir: 'EDGEFLEET_AGENT_DATA',
  mqttUrl: 'EDGEFLEET_MQTT_URL',
  artifactsUrl: 'EDGEFLEET_ARTIFACTS_URL',
  executionProviders: 'EDGEFLEET_EXECUTION_PROVIDERS',
  graphOptimizationLevel: 'EDGEFLEET_GRAPH_OPTIMIZATION',
  intraOpThreads: 'EDGEFLEET_INTRA_OP_THREADS',
  maxBatchSize: 'EDGEFLEET_MAX_BATCH_SIZE',
  maxQueueDelayMicroseconds: 'EDGEFLEET_MAX_QUEUE_DELAY_US',
  warmup: 'EDGEFLEET_WARMUP',
  cacheMaxBytes: 'EDGEFLEET_CACHE_MAX_BYTES',
  probationSeconds: 'EDGEFLEET_PROBATION_SECONDS',
  probationRequests: 'EDGEFLEET_PROBATION_REQUESTS',
  probationMinSamples: 'EDGEFLEET_PROBATION_MIN_SAMPLES',
  budgetP95LatencyMs: 'EDGEFLEET_BUDGET_P95_LATENCY_MS',
  budgetMaxFailureRate: 'EDGEFLEET_BUDGET_MAX_FAILURE_RATE',
  budgetMaxNanRate: 'EDGEFLEET_BUDGET_MAX_NAN_RATE',
  pollIntervalSeconds: 'EDGEFLEET_POLL_INTERVAL_SECONDS',
  statsWindowPredictions: 'EDGEFLEET_STATS_WINDOW_PREDICTIONS',
  statsWindowSeconds: 'EDGEFLEET_STATS_WINDOW_SECONDS',
  statsCheckpointSeconds: 'EDGEFLEET_STATS_CHECKPOINT_SECONDS',
  feedbackMemorySize: 'EDGEFLEET_FEEDBACK_MEMORY_SIZE',
  feedbackTtlSeconds: 'EDGEFLEET_FEEDBACK_TTL_SECONDS',
  outboxMaxBytes: 'EDGEFLEET_OUTBOX_MAX_BYTES',
  logLevel: 'EDGEFLEET_LOG_LEVEL',
};

export interface AgentConfigSources {
  /** Parsed command-line flags, keyed like the schema; undefined values are ignored. */
  flags?: Partial<Record<keyof AgentConfig, unknown>>;
  env?: Record<string, string | undefined>;
  /** A YAML (or JSON) file whose keys are the schema's keys; EDGEFLEET_AGENT_CONFIG when omitted. */
  file?: string;
}

/**
 * Resolve the agent configuration once: flags win over env, env over the file, the file over
 * defaults. Throws INVALID_CONFIG naming the failing settings.
 *
 * @example
 * loadAgentConfig({ flags: { port: 9000 }, env: process.env })
 */
export function loadAgentConfig(sources: AgentConfigSources = {}): AgentConfig {
  const env = sources.env ?? {};
  const file = sources.file ?? env['EDGEFLEET_AGENT_CONFIG'];
  const fileValues = file ? readConfigFile(file) : {};
  const envValues: Record<string, unknown> = {};
  for (const [key, name] of Object.entries(agentEnvNames)) {
    const value = env[name];
    if (value !== undefined && value !== '') envValues[key] = value;
  }
  const flagValues = Object.fromEntries(Object.entries(sources.flags ?? {}).filter(([, v]) => v !== undefined));
  let parsed: z.infer<typeof agentConfigSchema>;
  try {
    const result = agentConfigSchema.safeParse({ ...fileValues, ...envValues, ...flagValues });
    if (!result.success) throw new EdgefleetError('INVALID_CONFIG', `invalid agent configuration: ${describeZodError(result.error)}`);
    parsed = result.data;
  } catch (error) {
    if (error instanceof EdgefleetError) throw error;
    // parseLabelList throws a plain Error for "k=v" syntax mistakes.
    throw new EdgefleetError('INVALID_CONFIG', `invalid agent configuration: ${(error as Error).message}`);
  }
  return { ...parsed, name: parsed.name ?? hostname().slice(0, 100), dataDir: resolve(parsed.dataDir) };
}

function readConfigFile(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new EdgefleetError('INVALID_CONFIG', `cannot read agent config file ${file}: ${(cause as Error).message}`);
  }
  const value: unknown = parseYaml(text);
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new EdgefleetError('INVALID_CONFIG', `agent config file ${file} must hold a mapping of settings`);
  }
  return value as Record<string, unknown>;
}
