/**
 * A journal folder holds a run per start of the app or the CLI, and search and export read its
 * newest, as the app opens it. Said when there are others: a review searched a journal folder for
 * a refusal three runs old, was told "0 matches", and had no word that only one run was read.
 */
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { listJournalFiles, listRuns } from '../core/journal-files.js';
import { safe } from './terminal-text.js';

const has = (list: () => string[]): boolean => {
  try {
    return list().length > 0;
  } catch {
    return false;
  }
};

/** The note for `path` when it is a journal folder of more than one run; else undefined. */
export function latestRunNote(path: string, doing: 'search' | 'export'): string | undefined {
  try {
    if (!statSync(path).isDirectory()) return undefined;
  } catch {
    return undefined;
  }
  if (has(() => listJournalFiles(path))) return undefined;
  const runs = listRuns(path).filter((run) => has(() => listJournalFiles(run)));
  const newest = runs.at(-1);
  if (runs.length < 2 || newest === undefined) return undefined;
  const did = doing === 'search' ? 'searching' : 'exporting';
  return `mbn-diag: note: ${safe(path)} holds ${String(runs.length)} runs; ${did} the newest, ${safe(basename(newest))}. Name a run folder to ${doing} another.\n`;
}
