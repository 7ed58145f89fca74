/**
 * Run the agent as a process: `tsx edge-agent/main.ts [--config FILE]`, settings from EDGEFLEET_*
 * and the file. The `edgefleet agent` command (cli/) is the usual way in and takes flags; this entry
 * exists for service units that only set an environment.
 */
import { pathToFileURL } from 'node:url';
import { startAgent } from './agent.ts';
import { loadAgentConfig } from './config.ts';

export { startAgent, type AgentDeps, type RunningAgent, type AgentStatus } from './agent.ts';
export { loadAgentConfig, agentConfigSchema, agentEnvNames, type AgentConfig, type AgentConfigSources } from './config.ts';
export { runBatch, type RunBatchOptions, type BatchProgress } from './batch/run-batch.ts';

export async function main(argv: readonly string[] = process.argv.slice(2), env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const at = argv.indexOf('--config');
  const file = at >= 0 ? argv[at + 1] : undefined;
  const config = loadAgentConfig({ env, ...(file ? { file } : {}) });
  const agent = await startAgent(config);
  const shutdown = () => {
    agent.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
