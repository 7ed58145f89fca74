import type { Command } from 'commander';
import { createApiClient, type ApiClient } from './api-client.ts';
import { resolveClientConfig } from './client-config.ts';
import type { Output } from './output.ts';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  isTTY: boolean;
}

export interface CommandContext {
  io: CliIo;
  out: Output;
  client(): ApiClient;
}

/** Build the context a command runs with from the root program's global options. */
export function contextFor(cmd: Command, io: CliIo): CommandContext {
  const opts = cmd.optsWithGlobals() as { url?: string; token?: string; config?: string; json?: boolean; data?: string };
  let client: ApiClient | undefined;
  return {
    io,
    out: { json: Boolean(opts.json), write: io.stdout },
    client: () => {
      client ??= createApiClient(resolveClientConfig({ flags: opts, env: io.env }));
      return client;
    },
  };
}
