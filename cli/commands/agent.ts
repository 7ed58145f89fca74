import { Command } from 'commander';
import { loadAgentConfig, startAgent } from '../../edge-agent/main.ts';
import type { CliIo } from '../command-context.ts';
import { parseLabels, parsePort } from '../parse-flags.ts';
import { waitForShutdown } from '../shutdown.ts';

interface AgentFlags {
  controlPlane?: string;
  enrollToken?: string;
  name?: string;
  labels?: Record<string, string>;
  port?: number;
  host?: string;
  data?: string;
  mqttUrl?: string;
  executionProviders?: string;
}

export function agentCommand(io: CliIo): Command {
  return new Command('agent')
    .description('run an edge agent: enroll once, sync verified models, serve OIP v2 inference')
    .option('--control-plane <url>', 'control plane URL [env EDGEFLEET_CONTROL_PLANE]')
    .option('--enroll-token <token>', 'enrollment token, needed on the first start [env EDGEFLEET_ENROLL_TOKEN]')
    .option('--name <name>', 'device name [default: host name]')
    .option('--labels <k=v,...>', 'device labels', parseLabels)
    .option('--port <n>', 'inference API port [env EDGEFLEET_AGENT_PORT, default 8000]', parsePort)
    .option('--host <host>', 'address to listen on [default 127.0.0.1]')
    .option('--data <dir>', 'agent data folder [env EDGEFLEET_AGENT_DATA, default ./agent-data]')
    .option('--mqtt-url <url>', 'MQTT broker URL, or "off" [default: from enrollment]')
    .option('--execution-providers <list>', 'onnxruntime providers in order of preference, e.g. cuda,cpu')
    .action(async (opts: AgentFlags, c: Command) => {
      const { config: file } = c.optsWithGlobals() as { config?: string };
      const config = loadAgentConfig({
        flags: {
          controlPlaneUrl: opts.controlPlane, enrollToken: opts.enrollToken, name: opts.name, labels: opts.labels,
          port: opts.port, host: opts.host, dataDir: opts.data, mqttUrl: opts.mqttUrl, executionProviders: opts.executionProviders,
        },
        env: io.env,
        ...(file ?? io.env.EDGEFLEET_CONFIG ? { file: file ?? io.env.EDGEFLEET_CONFIG } : {}),
      });
      const agent = await startAgent(config);
      io.stderr(`agent ${agent.deviceId} serving OIP v2 at ${agent.inferenceUrl}/v2\n`);
      await waitForShutdown(() => agent.stop());
    });
}
