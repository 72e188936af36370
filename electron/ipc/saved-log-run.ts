/**
 * The run a saved log opened as a single journal file is one part of, as `mbn:open-saved-log`
 * answers it: which file of how many, and the run folder's name only (its button sends the name
 * back; a path never goes to the window). For a run folder, its place among its journal folder's
 * runs and the names of those beside it. Nothing for a bundle, which holds all its own.
 */
import { basename } from 'node:path';
import { partOfRun, runAmongRuns } from '../core/export/part-of-run.js';
import { endedAbnormally } from '../core/journal-files.js';
import type { SavedLogPlace } from './contract.js';

export async function placeOf(log: {
  kind: 'run-directory' | 'journal-file' | 'bundle';
  path: string;
}): Promise<SavedLogPlace> {
  if (log.kind === 'run-directory') {
    // A run folder, opened as itself or as its journal folder's newest: the runs beside it, and
    // whether it ended as a run should (a kiosk that crashed on Thursday: said, not guessed
    // from a torn last line).
    const among = runAmongRuns(log.path);
    const name = (run: string | null) => (run === null ? null : basename(run));
    return {
      ...(among
        ? { runs: { ...among, before: name(among.before), after: name(among.after) } }
        : {}),
      ...(endedAbnormally(log.path) ? { endedAbnormally: true } : {}),
    };
  }
  if (log.kind !== 'journal-file') return {};
  const run = await partOfRun(log.path);
  return run ? { run: { file: run.file, of: run.of, folder: basename(run.folder) } } : {};
}
