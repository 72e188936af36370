/**
 * The run a saved log opened as a single journal file is one part of, as `mbn:saved-log-holds`
 * answers it: which file of how many, and the run folder's name only (its button sends the name
 * back; a path never goes to the window). Nothing for a folder or a bundle, which hold all theirs.
 */
import { basename } from 'node:path';
import { partOfRun } from '../core/export/part-of-run.js';
import type { SavedLogHolds } from './contract.js';

export async function runOf(log: {
  kind: 'run-directory' | 'journal-file' | 'bundle';
  path: string;
}): Promise<Pick<SavedLogHolds, 'run'>> {
  if (log.kind !== 'journal-file') return {};
  const run = await partOfRun(log.path);
  return run ? { run: { file: run.file, of: run.of, folder: basename(run.folder) } } : {};
}
