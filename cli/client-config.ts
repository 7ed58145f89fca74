import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { CliError } from './cli-error.ts';

const fileSchema = z.object({ url: z.string().url().optional(), token: z.string().optional() });

export interface ClientConfig {
  url: string;
  token: string | undefined;
}

export interface ClientConfigSources {
  flags: { url?: string; token?: string; config?: string; data?: string };
  env: Record<string, string | undefined>;
}

/**
 * Where the CLI finds its control plane: flags, then EDGEFLEET_URL / EDGEFLEET_TOKEN, then the
 * config file (--config or EDGEFLEET_CONFIG), then the defaults of a local `edgefleet up`
 * (http://127.0.0.1:8080 and the admin token it wrote to <data>/admin-token).
 */
export function resolveClientConfig({ flags, env }: ClientConfigSources): ClientConfig {
  const file = readClientFile(flags.config ?? env.EDGEFLEET_CONFIG);
  const url = flags.url ?? env.EDGEFLEET_URL ?? file.url ?? 'http://127.0.0.1:8080';
  let token = flags.token ?? env.EDGEFLEET_TOKEN ?? file.token;
  if (!token) {
    const local = join(resolve(flags.data ?? env.EDGEFLEET_DATA ?? './data'), 'admin-token');
    if (existsSync(local)) token = readFileSync(local, 'utf8').trim();
  }
  return { url: url.replace(/\/+$/, ''), token };
}

function readClientFile(path: string | undefined): z.infer<typeof fileSchema> {
  if (!path) return {};
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new CliError(`cannot read config file ${path}: ${(err as Error).message}`);
  }
  const parsed = fileSchema.safeParse(raw ?? {});
  if (!parsed.success) throw new CliError(`config file ${path}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}
