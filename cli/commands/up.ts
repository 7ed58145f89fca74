import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { startControlPlane } from '../../control-plane/main.ts';
import { createApiClient } from '../api-client.ts';
import { applyDocuments } from '../apply/apply-documents.ts';
import { loadDocuments } from '../apply/load-documents.ts';
import type { CliIo } from '../command-context.ts';
import { ensureDemoModels } from '../demo/demo-models.ts';
import { waitForShutdown } from '../shutdown.ts';
import { addControlPlaneFlags, configFromFlags, type ControlPlaneFlags } from './control-plane.ts';

const DEMO_CONFIG = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fleet-configs', 'demo.yaml');

/** `edgefleet up`: the whole appliance on one machine with the demo fleet applied. */
export function upCommand(io: CliIo): Command {
  return addControlPlaneFlags(new Command('up').description('run control plane, broker and a local agent with the demo fleet'))
    .action(async (opts: ControlPlaneFlags, c: Command) => {
      const config = configFromFlags({ ...opts, config: (c.optsWithGlobals() as { config?: string }).config }, io);
      const cp = await startControlPlane(config);
      const token = config.adminToken ?? cp.newAdminToken ?? readFileSync(cp.adminTokenFile as string, 'utf8').trim();
      const client = createApiClient({ url: cp.url, token });
      await ensureDemoModels(client);
      await applyDocuments(client, loadDocuments(DEMO_CONFIG), false);

      io.stdout(`\nedgefleet is up\n`);
      io.stdout(`  console         ${cp.url}/\n`);
      io.stdout(`  API             ${cp.url}/v1  (OpenAPI: ${cp.url}/openapi.json)\n`);
      io.stdout(`  metrics         ${cp.url}/metrics\n`);
      io.stdout(`  MQTT broker     mqtt://127.0.0.1:${cp.mqttPort}\n`);
      io.stdout(`  admin token     ${cp.adminTokenFile ?? 'EDGEFLEET_ADMIN_TOKEN'}\n`);
      if (cp.newAdminToken) io.stdout(`                  ${cp.newAdminToken} (shown once)\n`);
      io.stdout(`  data folder     ${cp.dataDir}\n\nPress Ctrl+C to stop.\n`);
      await waitForShutdown(() => cp.stop());
    });
}
