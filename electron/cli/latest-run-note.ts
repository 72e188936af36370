/**
 * A journal folder holds a run per start of the app or the CLI, and search and export read its
 * newest, as the app opens it (log-location.ts decides which). Said when there are others: a
 * review searched a journal folder for a refusal three runs old, was told "0 matches", and had no
 * word that only one run was read.
 */
import { basename } from 'node:path';
import { locateLog } from '../core/export/log-location.js';
import { safe } from './terminal-text.js';

/**
 * The note for `path` when it is a journal folder of more than one run; else undefined.
 * `export-all`, `search-all`: every run (--all-runs), said so, for the count to be checked.
 */
export async function latestRunNote(
  path: string,
  doing: 'search' | 'export' | 'export-all' | 'export-all-range' | 'search-all',
): Promise<string | undefined> {
  // What cannot be located is said by the search or the export itself.
  const location = await locateLog(path).catch(() => undefined);
  // Asked of one run, a file or a bundle, --all-runs changes nothing: said, not passed over.
  const every = doing === 'export-all' || doing === 'export-all-range' || doing === 'search-all';
  if (every && location && location.runs === undefined)
    return `mbn-diag: note: --all-runs reads every run of a journal folder; ${safe(path)} is one log, ${doing === 'search-all' ? 'searched' : 'exported'} as it is.\n`;
  const lost = location?.lostRuns?.length ?? 0;
  if (location?.runs === undefined || location.runs.length + lost < 2) return undefined;
  // A run whose journal is gone is said apart (runs are numbered without it): named below as
  // not read.
  const runs = String(location.runs.length);
  const without =
    lost > 0
      ? ` (and ${String(lost)} run ${lost === 1 ? 'folder' : 'folders'} without ${lost === 1 ? 'its' : 'their'} journal)`
      : '';
  if (doing === 'export-all')
    return `mbn-diag: note: ${safe(path)} holds ${runs} runs${without}; exporting all of them, oldest first.\n`;
  // Only the runs that may hold a time in the range are read (runs-in-range.ts): "all of them"
  // read as if a crash the range left out was in the extract (a review).
  if (doing === 'export-all-range')
    return `mbn-diag: note: ${safe(path)} holds ${runs} runs${without}; exporting the range from those that may hold a time in it, oldest first.\n`;
  // Rows are numbered again in each run: a match's row is of the run named above it.
  if (doing === 'search-all')
    return `mbn-diag: note: ${safe(path)} holds ${runs} runs${without}; searching all of them, each run's matches under its name.\n`;
  const newest = safe(basename(location.path));
  if (doing === 'search')
    return `mbn-diag: note: ${safe(path)} holds ${runs} runs${without}; searching the newest, ${newest}. Add --all-runs to search every run, or name a run folder to search another.\n`;
  return `mbn-diag: note: ${safe(path)} holds ${runs} runs${without}; exporting the newest, ${newest}. Add --all-runs to export every run, or name a run folder to export another.\n`;
}
