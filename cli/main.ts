import { Command, CommanderError } from 'commander';
import { EdgefleetError } from '../protocol/index.ts';
import { CliError } from './cli-error.ts';
import type { CliIo } from './command-context.ts';
import { agentCommand } from './commands/agent.ts';
import { applyCommand } from './commands/apply.ts';
import { batchCommand } from './commands/batch.ts';
import { controlPlaneCommand } from './commands/control-plane.ts';
import { devicesCommand } from './commands/devices.ts';
import { driftCommand } from './commands/drift.ts';
import { experimentCommand } from './commands/experiment.ts';
import { modelsCommand } from './commands/models.ts';
import { quantizeCommand } from './commands/quantize.ts';
import { rolloutCommand } from './commands/rollout.ts';
import { tokensCommand } from './commands/tokens.ts';
import { upCommand } from './commands/up.ts';

const defaultIo = (): CliIo => ({
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
  env: process.env,
  isTTY: Boolean(process.stderr.isTTY),
});

/** Build the `edgefleet` program: `edgefleet <noun> <verb>`, global --url/--token/--json. */
export function buildProgram(io: CliIo): Command {
  const program = new Command('edgefleet')
    .description('edgefleet: edge inference fleet control plane, agent and tools')
    .option('--url <url>', 'control plane URL [env EDGEFLEET_URL, default http://127.0.0.1:8080]')
    .option('--token <token>', 'API token [env EDGEFLEET_TOKEN, default ./data/admin-token]')
    .option('--config <file>', 'YAML config file [env EDGEFLEET_CONFIG]')
    .option('--json', 'machine-readable JSON output')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  for (const cmd of [
    controlPlaneCommand(io), upCommand(io), agentCommand(io), batchCommand(io), modelsCommand(io), quantizeCommand(io), tokensCommand(io), devicesCommand(io), driftCommand(io), applyCommand(io),
    rolloutCommand(io), experimentCommand(io),
  ]) {
    program.addCommand(cmd);
  }
  // Subcommands inherit exit and output handling, so usage errors also become one line and exit 2.
  const inherit = (cmd: Command) => {
    cmd.exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
    cmd.commands.forEach(inherit);
  };
  program.commands.forEach(inherit);
  return program;
}

/** Run the CLI; returns the exit code. Failures print one line on stderr. */
export async function runCli(argv: string[], io: CliIo = defaultIo()): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return 0;
      return err.exitCode === 0 ? 0 : 2;
    }
    if (err instanceof CliError) {
      io.stderr(`edgefleet: ${err.message}\n`);
      return err.exitCode;
    }
    if (err instanceof EdgefleetError) {
      io.stderr(`edgefleet: ${err.code}: ${err.message}\n`);
      return 1;
    }
    io.stderr(`edgefleet: ${(err as Error).message ?? String(err)}\n`);
    return 1;
  }
}
