import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { EdgefleetError, describeZodError } from '../protocol/index.ts';

const portSchema = z.coerce.number().int().min(0).max(65535);

/** Every setting of the control plane, with its default. The README's configuration table mirrors it. */
export const controlPlaneConfigSchema = z.object({
  dataDir: z.string().default('./data'),
  host: z.string().default('127.0.0.1'),
  port: portSchema.default(8080),
  mqttPort: portSchema.default(1883),
  /** URL devices use to reach the REST API; defaults to http://host:port. */
  publicUrl: z.string().url().optional(),
  /** Sets the admin token instead of generating one on first start. */
  adminToken: z.string().min(16).optional(),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Largest model upload accepted, in bytes. */
  maxArtifactBytes: z.coerce.number().int().positive().default(512 * 1024 * 1024),
  /** Largest JSON body accepted, in bytes. */
  maxJsonBytes: z.coerce.number().int().positive().default(1024 * 1024),
  /** A device not heard from for this long is shown offline even without a Last Will. */
  presenceTimeoutSeconds: z.coerce.number().int().positive().default(90),
  /** How often the rollout engine looks at every active rollout's gates. */
  rolloutIntervalSeconds: z.coerce.number().int().positive().default(15),
});
export type ControlPlaneConfig = z.infer<typeof controlPlaneConfigSchema>;

const envNames: Record<keyof ControlPlaneConfig, string> = {
  dataDir: 'EDGEFLEET_DATA',
  host: 'EDGEFLEET_HOST',
  port: 'EDGEFLEET_PORT',
  mqttPort: 'EDGEFLEET_MQTT_PORT',
  publicUrl: 'EDGEFLEET_PUBLIC_URL',
  adminToken: 'EDGEFLEET_ADMIN_TOKEN',
  logLevel: 'EDGEFLEET_LOG_LEVEL',
  maxArtifactBytes: 'EDGEFLEET_MAX_ARTIFACT_BYTES',
  maxJsonBytes: 'EDGEFLEET_MAX_JSON_BYTES',
  presenceTimeoutSeconds: 'EDGEFLEET_PRESENCE_TIMEOUT_SECONDS',
  rolloutIntervalSeconds: 'EDGEFLEET_ROLLOUT_INTERVAL_SECONDS',
};
export const controlPlaneEnvNames = envNames;

export interface ConfigSources {
  flags?: Partial<Record<keyof ControlPlaneConfig, unknown>>;
  env?: Record<string, string | undefined>;
  /** A YAML or JSON file (`--config` or EDGEFLEET_CONFIG); its keys are the schema's keys. */
  file?: string;
}

/**
 * Resolve the configuration once: flags win over env, env over the file, the file over defaults.
 * Throws INVALID_CONFIG naming the setting and where it came from.
 */
export function loadControlPlaneConfig(sources: ConfigSources = {}): ControlPlaneConfig {
  const env = sources.env ?? {};
  const fileValues = sources.file ? readConfigFile(sources.file) : {};
  const envValues: Record<string, unknown> = {};
  for (const [key, name] of Object.entries(envNames)) {
    const value = env[name];
    if (value !== undefined && value !== '') envValues[key] = value;
  }
  const flagValues = Object.fromEntries(Object.entries(sources.flags ?? {}).filter(([, v]) => v !== undefined));
  const result = controlPlaneConfigSchema.safeParse({ ...fileValues, ...envValues, ...flagValues });
  if (!result.success) {
    throw new EdgefleetError('INVALID_CONFIG', `invalid configuration: ${describeZodError(result.error)}`);
  }
  return { ...result.data, dataDir: resolve(result.data.dataDir) };
}

function readConfigFile(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new EdgefleetError('INVALID_CONFIG', `cannot read config file ${file}: ${(cause as Error).message}`);
  }
  const value: unknown = parseYaml(text);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new EdgefleetError('INVALID_CONFIG', `config file ${file} must hold a mapping of settings`);
  }
  return value as Record<string, unknown>;
}
