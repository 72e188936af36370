/**
 * The `mbn-diag` command line, on the same engine as the app. Errors are printed in plain words on
 * stderr with no stack trace; exit codes are in exit-codes.ts.
 */
import { Command, CommanderError, Option } from 'commander';
import { BACKEND_CHOICES, type BackendChoice } from '../backends/backend-choice.js';
import { APP_INFO } from '../engine/app-info.js';
import { registerDeviceCommandCommands } from './commands/device-commands.js';
import { registerDeviceCommands } from './commands/devices.js';
import { registerExportCommand } from './commands/export.js';
import { registerSearchCommand } from './commands/search.js';
import { registerSessionCommands } from './commands/session.js';
import { registerWatchCommand } from './commands/watch.js';
import type { GlobalOptions } from './context.js';
import { CliError, EXIT } from './exit-codes.js';
import { parseSeed } from './parse.js';
import { safeLines } from './terminal-text.js';

/** The command groups; each adds its commands to the program. */
type CommandRegistrar = (program: Command, globals: () => GlobalOptions) => void;
const registrars: CommandRegistrar[] = [
  registerDeviceCommands,
  registerSessionCommands,
  registerDeviceCommandCommands,
  registerWatchCommand,
  registerExportCommand,
  registerSearchCommand,
];

function buildProgram(): Command {
  const program = new Command('mbn-diag')
    .description(
      'Diagnose Windows Mobile Broadband device services: data sessions, completions, logs.',
    )
    .version(APP_INFO.version)
    .addOption(
      new Option(
        '--backend <kind>',
        'auto: the MBN service where present, else an MBIM modem (Linux), else the simulator',
      )
        .choices(BACKEND_CHOICES)
        .default('auto'),
    )
    .option('--scenario <file>', 'simulator scenario file (JSON); default: the built-in scenario')
    .option('--seed <n>', "simulator seed (overrides the scenario's)")
    .option('--journal-dir <dir>', 'where journals (and the simulated state) are written')
    .option('--show-ids', 'show device IDs (IMEI) and other identifiers in full; masked by default')
    .option(
      '--reset-simulator',
      'start the simulated devices as the scenario says, not as earlier commands left them',
    )
    .option('--device <path>', 'MBIM control device for --backend mbim (e.g. /dev/cdc-wdm0)')
    .option(
      '--proxy',
      'reach the MBIM device through mbim-proxy (the default while ModemManager or mbim-proxy runs)',
    )
    .option('--no-proxy', 'open the MBIM device directly even then')
    .showHelpAfterError('(run mbn-diag --help for usage)')
    .exitOverride()
    // Commander's errors quote the argument they refuse, which may be a file name from a glob
    // or a value from a script: shown escaped like everything else that is not the CLI's own.
    .configureOutput({
      writeErr: (text) => process.stderr.write(safeLines(text)),
      // Said as every other message of the command's is ("mbn-diag: …"), not Commander's own
      // "error: …" beside them.
      outputError: (text, write) => write(withQuoteHint(text.replace(/^error: /, 'mbn-diag: '))),
    })
    // The longest command ("query [options] <device> <service> <cid>") leaves 36 columns of an
    // 80-column terminal for descriptions, under commander's 40: it stopped wrapping them, and
    // the --backend line ran 190 characters. Wrapped from 24 columns on.
    .configureHelp({ minWidthToWrap: 24 });

  const globals = (): GlobalOptions => {
    const o = program.opts<{
      backend: BackendChoice;
      scenario?: string;
      seed?: string;
      journalDir?: string;
      showIds?: boolean;
      resetSimulator?: boolean;
      device?: string;
      proxy?: boolean;
    }>();
    return {
      backend: o.backend,
      showIds: o.showIds === true,
      resetSimulator: o.resetSimulator === true,
      ...(o.scenario !== undefined ? { scenario: o.scenario } : {}),
      ...(o.seed !== undefined ? { seed: parseSeed(o.seed) } : {}),
      ...(o.journalDir !== undefined ? { journalDir: o.journalDir } : {}),
      ...(o.device !== undefined ? { device: o.device } : {}),
      ...(o.proxy !== undefined ? { proxy: o.proxy } : {}),
    };
  };
  for (const register of registrars) register(program, globals);
  for (const command of program.commands) command.exitOverride();
  return program;
}

export async function runCli(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through here too, successfully.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof CliError) {
      process.stderr.write(`mbn-diag: ${safeLines(error.message)}\n`);
      return error.exitCode;
    }
    // A file of the log (or one to write) the user may not open: said as the file named on the
    // command line is, not as an unexpected error with exit 1, which a search means as "none".
    const denied = deniedPath(error);
    if (denied !== undefined) {
      process.stderr.write(
        `mbn-diag: ${safeLines(denied.path)} cannot be read (${denied.code}).\n`,
      );
      return EXIT.usage;
    }
    process.stderr.write(
      `mbn-diag: unexpected error: ${safeLines(error instanceof Error ? error.message : String(error))}\n`,
    );
    return EXIT.failed;
  }
}

/** The path of a file or folder the system refused this user (EACCES, EPERM), if that is what failed. */
function deniedPath(error: unknown): { path: string; code: string } | undefined {
  const { code, path } = (error ?? {}) as NodeJS.ErrnoException;
  return (code === 'EACCES' || code === 'EPERM') && typeof path === 'string'
    ? { path, code }
    : undefined;
}

/**
 * Too many arguments is most often a name with spaces typed without quotes: `close 1 sierra
 * diagnostics stream` said only "Expected 2 arguments but got 4" (a technician's review).
 */
function withQuoteHint(text: string): string {
  return /^mbn-diag: too many arguments/.test(text)
    ? text.replace(/\.?\n?$/, '. A name with spaces goes in quotes: "sierra diagnostics stream".\n')
    : text;
}
