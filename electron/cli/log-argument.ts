/**
 * The log a command was given, as typed. An empty one (`search ""`, a script's unset variable)
 * was read as the current folder: "There is no file or folder at ." or "The folder … holds no
 * mbn-diag journal".
 */
import { CliError, EXIT } from './exit-codes.js';

export function namedLog(arg: string): string {
  if (arg.trim() === '')
    throw new CliError(
      'No log was named: give a run folder, a journal file or a .zip bundle.',
      EXIT.usage,
    );
  return arg;
}
