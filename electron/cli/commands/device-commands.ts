/**
 * The command half of a device service from the command line:
 *
 * - `mbn-diag commands <device> <service>`: QuerySupportedCommands, the listed CIDs with names.
 * - `mbn-diag query|set <device> <service> <cid> [--data <hex>] [--force]`: one QUERY or SET.
 *
 * A technician in a hurry types `mbn-diag query 1 "Basic Connect" SIGNAL_STATE` and expects an
 * answer, not a lecture on command sessions. So `query` and `set` do what the call needs and say
 * so: they ask for the supported commands first when this run does not know them (so an unlisted
 * CID is caught before anything is sent), open the command session when it is not open, send the
 * command, and close the session again if they opened it, leaving the device as they found it.
 * Each of those is a request of its own in the output, the JSON (`steps`) and the journal.
 *
 * Exit codes are `close`'s: 0 the command completed, 1 refused at once or failed, 3 no completion
 * in time; 2 nothing was sent (bad input, an unlisted CID without --force, data over the service's
 * MaxCommandSize); 130 Ctrl+C while waiting, and then a command session this command opened (or
 * was opening) is closed first (close-on-stop.ts). When the command session cannot be opened,
 * that request decides the code.
 */
import type { Command } from 'commander';
import { DEFAULT_TIMEOUT_MS } from '../../engine/request-timeout.js';
import type { GlobalOptions } from '../context.js';

function addCommonOptions(command: Command): Command {
  return command
    .argument('<device>', 'number in `mbn-diag devices`, interface ID or model')
    .argument('<service>', 'service ID (braces and case optional) or name, as `services` prints')
    .option('--timeout <ms>', 'how long to wait for each completion', String(DEFAULT_TIMEOUT_MS))
    .option('--json', 'print one JSON object');
}

export function registerDeviceCommandCommands(
  program: Command,
  globals: () => GlobalOptions,
): void {
  // What the commands do is loaded when one runs, so that --help and other commands start fast.
  addCommonOptions(
    program
      .command('commands')
      .description('ask a device service which commands it supports (QuerySupportedCommands)'),
  ).action(
    async (
      deviceQuery: string,
      serviceQuery: string,
      options: { timeout: string; json?: boolean },
    ) => {
      const { listCommands } = await import('./device-commands-run.js');
      await listCommands(globals(), deviceQuery, serviceQuery, options);
    },
  );

  for (const op of ['query', 'set'] as const) {
    addCommonOptions(
      program
        .command(op)
        .description(
          `${op === 'query' ? 'read' : 'change'} a device service's state with one ${op.toUpperCase()} command and wait for its response; opens (and then closes) the command session if it is not open`,
        ),
    )
      .argument(
        '<cid>',
        'command ID: a number (decimal or 0x hex) or, for well-known services, its name',
      )
      .option('--data <hex>', 'the bytes to send, as hex (spaces and colons allowed); default none')
      .option('--force', 'send the command even though the service did not list it')
      .action(
        async (
          deviceQuery: string,
          serviceQuery: string,
          cidText: string,
          options: { timeout: string; json?: boolean; data?: string; force?: boolean },
        ) => {
          const { sendCommand } = await import('./device-commands-run.js');
          await sendCommand(globals(), op, deviceQuery, serviceQuery, cidText, options);
        },
      );
  }
}
