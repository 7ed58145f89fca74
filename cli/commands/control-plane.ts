import { Command } from 'commander';
import { loadControlPlaneConfig } from '../../control-plane/config.ts';
import { startControlPlane } from '../../control-plane/main.ts';
import type { CliIo } from '../command-context.ts';
import { parsePort } from '../parse-flags.ts';
import { waitForShutdown } from '../shutdown.ts';

export interface ControlPlaneFlags {
  data?: string;
  port?: number;
  mqttPort?: number;
  host?: string;
  config?: string;
}

/** Flags shared by `control-plane` and `up`. */
export function addControlPlaneFlags(cmd: Command): Command {
  return cmd
    .option('--data <dir>', 'data folder (database, artifacts, keys) [env EDGEFLEET_DATA, default ./data]')
    .option('--port <n>', 'HTTP port [env EDGEFLEET_PORT, default 8080]', parsePort)
    .option('--mqtt-port <n>', 'embedded MQTT broker port [env EDGEFLEET_MQTT_PORT, default 1883]', parsePort)
    .option('--host <host>', 'address to listen on [env EDGEFLEET_HOST, default 127.0.0.1]');
}

export function configFromFlags(opts: ControlPlaneFlags, io: CliIo) {
  return loadControlPlaneConfig({
    flags: { dataDir: opts.data, port: opts.port, mqttPort: opts.mqttPort, host: opts.host },
    env: io.env,
    file: opts.config ?? io.env.EDGEFLEET_CONFIG,
  });
}

export function controlPlaneCommand(io: CliIo): Command {
  return addControlPlaneFlags(new Command('control-plane').description('run the control plane with its embedded MQTT broker'))
    .action(async (opts: ControlPlaneFlags, c: Command) => {
      const config = configFromFlags({ ...opts, config: (c.optsWithGlobals() as { config?: string }).config }, io);
      const cp = await startControlPlane(config);
      if (cp.newAdminToken) {
        io.stderr(`admin token (shown once, also in ${cp.adminTokenFile}): ${cp.newAdminToken}\n`);
      }
      await waitForShutdown(() => cp.stop());
    });
}
