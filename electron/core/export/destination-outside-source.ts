/**
 * An export must not land on or inside the log it is made from. Over a journal file it would
 * replace the log with its own export; inside a run folder it would be a `journal-*.jsonl` the
 * run then reads as its own, or a file pruning deletes with the run weeks later. The app's save
 * dialog lets the technician browse into the journal folder, so main checks as the CLI does.
 * Both sides are compared after resolving symbolic links: a link to the run folder is the run
 * folder.
 */
import { realpath, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';
import { ExportError } from './export-error.js';

/** The real path of `path`, or of its folder joined with its name when it does not exist yet. */
async function real(path: string): Promise<string> {
  const whole = await realpath(path).catch(() => undefined);
  if (whole !== undefined) return whole;
  const folder = await realpath(dirname(path)).catch(() => dirname(path));
  return join(folder, basename(path));
}

function inside(dir: string, file: string): boolean {
  const rel = relative(dir, file);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

/** Throws a 'bad-destination' ExportError when `destination` is `source` or inside it. */
export async function refuseDestinationInSource(
  source: string,
  destination: string,
): Promise<void> {
  const info = await stat(source).catch(() => undefined);
  if (info === undefined) return; // Opening the log says what is missing.
  const from = await real(source);
  const to = await real(destination);
  if (to === from || (info.isDirectory() && inside(from, to)))
    throw new ExportError(
      `${destination} would overwrite the log being exported or be saved inside its journal folder; choose a file outside it. Nothing was saved.`,
      'bad-destination',
    );
}
