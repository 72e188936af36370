/**
 * A journal folder holds a run per start of the app or the CLI, and search and export read its
 * newest, as the app opens it (log-location.ts decides which). Said when there are others: a
 * review searched a journal folder for a refusal three runs old, was told "0 matches", and had no
 * word that only one run was read.
 */
import { basename } from 'node:path';
import { locateLog } from '../core/export/log-location.js';
import { safe } from './terminal-text.js';

/** The note for `path` when it is a journal folder of more than one run; else undefined. */
export async function latestRunNote(
  path: string,
  doing: 'search' | 'export',
): Promise<string | undefined> {
  // What cannot be located is said by the search or the export itself.
  const location = await locateLog(path).catch(() => undefined);
  if (location?.runs === undefined || location.runs < 2) return undefined;
  const did = doing === 'search' ? 'searching' : 'exporting';
  return `mbn-diag: note: ${safe(path)} holds ${String(location.runs)} runs; ${did} the newest, ${safe(basename(location.path))}. Name a run folder to ${doing} another.\n`;
}
