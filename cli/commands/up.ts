import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { startControlPlane } from '../../control-plane/main.ts';
import { loadAgentConfig, startAgent } from '../../edge-agent/main.ts';
import type { CreatedToken } from '../../protocol/index.ts';
import { createApiClient } from '../api-client.ts';
import { applyDocuments } from '../apply/apply-documents.ts';
import { loadDocuments } from '../apply/load-documents.ts';
import type { CliIo } from '../command-context.ts';
import { cancerRows } from '../demo/cancer-traffic.ts';
import { ensureDemoModels } from '../demo/demo-models.ts';
import { startDemoTraffic } from '../demo/demo-traffic.ts';
import { waitForShutdown } from '../shutdown.ts';
import { parsePort } from '../parse-flags.ts';
import { addControlPlaneFlags, configFromFlags, type ControlPlaneFlags } from './control-plane.ts';

const DEMO_CONFIG = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fleet-configs', 'demo.yaml');

/** `edgefleet up`: the whole appliance on one machine with the demo fleet applied. */
export function upCommand(io: CliIo): Command {
  return addControlPlaneFlags(new Command('up').description('run control plane, broker and a local agent with the demo fleet'))
    .option('--agent-port <n>', 'the local agent\'s inference port [default 8000]', parsePort)
    .option('--no-demo-traffic', 'do not drive the local agent with generated, slowly drifting traffic')
    .action(async (opts: ControlPlaneFlags & { agentPort?: number; demoTraffic: boolean }, c: Command) => {
      const config = configFromFlags({ ...opts, config: (c.optsWithGlobals() as { config?: string }).config }, io);
      const cp = await startControlPlane(config);
      const token = config.adminToken ?? cp.newAdminToken ?? readFileSync(cp.adminTokenFile as string, 'utf8').trim();
      const client = createApiClient({ url: cp.url, token });
      await ensureDemoModels(client);
      await applyDocuments(client, loadDocuments(DEMO_CONFIG), false);

      // The local agent enrolls once into the demo fleet (site=local); later starts reuse its identity.
      const agentData = join(cp.dataDir, 'agent');
      let enrollToken: string | undefined;
      if (!existsSync(join(agentData, 'identity.json'))) {
        const created = await client.request<CreatedToken>('POST', '/v1/tokens', {
          json: { role: 'enroll', name: 'edgefleet up local agent', labels: { site: 'local' }, uses: 1, ttlSeconds: 3600 },
        });
        enrollToken = created.token;
      }
      const agent = await startAgent(loadAgentConfig({
        flags: {
          controlPlaneUrl: cp.url, enrollToken, name: 'local-agent', dataDir: agentData, port: opts.agentPort ?? 8000,
          host: config.host, logLevel: config.logLevel === 'info' ? 'warn' : config.logLevel,
        },
        // Agent settings from EDGEFLEET_AGENT_* / EDGEFLEET_STATS_* apply to the local agent too.
        env: io.env,
      }));

      // Demo traffic: real held-out patients whose measurements drift over ten minutes, with labels.
      const traffic = opts.demoTraffic
        ? [startDemoTraffic({ inferenceUrl: agent.inferenceUrl, model: 'cancer', ratePerSecond: 5, driftMinutes: 10, feedbackShare: 0.3, rows: cancerRows() })]
        : [];

      io.stdout(`\nedgefleet is up\n`);
      io.stdout(`  console         ${cp.url}/\n`);
      io.stdout(`  API             ${cp.url}/v1  (OpenAPI: ${cp.url}/openapi.json)\n`);
      io.stdout(`  metrics         ${cp.url}/metrics\n`);
      io.stdout(`  MQTT broker     mqtt://127.0.0.1:${cp.mqttPort}\n`);
      io.stdout(`  local agent     ${agent.deviceId}, inference ${agent.inferenceUrl}/v2 (OIP v2)\n`);
      io.stdout(`  admin token     ${cp.adminTokenFile ?? 'EDGEFLEET_ADMIN_TOKEN'}\n`);
      if (cp.newAdminToken) io.stdout(`                  ${cp.newAdminToken} (shown once)\n`);
      if (traffic.length > 0) io.stdout(`  demo traffic    5 req/s to cancer, drifting over 10 min (--no-demo-traffic to stop it)\n`);
      io.stdout(`  data folder     ${cp.dataDir}\n\nPress Ctrl+C to stop.\n`);
      await waitForShutdown(async () => {
        await Promise.all(traffic.map((t) => t.stop()));
        await agent.stop();
        await cp.stop();
      });
    });
}
