/**
 * Whether a journal file opened on its own is one part of a run: a run's journal is rotated into
 * numbered files in one folder (./journal-files.ts), and one of them opened alone showed "Whole
 * log · 49,056 records", numbered from #1, with no word of the 20 files beside it. The window
 * says which file of how many it is, and offers the folder, which opens the whole run.
 */
import { realpath } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { listJournalFiles } from '../journal-files.js';
import { runsOf } from './log-location.js';

export interface RunPart {
  /** Its place among the run's journal files (1 for the first), and how many there are. */
  file: number;
  of: number;
  /** The run's folder, which holds them all. */
  folder: string;
}

/**
 * The run `path` is a part of, or null when it is not one of several journal files in a folder (an
 * export, a run of one file, a file named otherwise). A link is followed: a file linked from
 * elsewhere is still a part of the run it sits in.
 */
export async function partOfRun(path: string): Promise<RunPart | null> {
  let file: string;
  let files: string[];
  try {
    file = await realpath(path);
    files = listJournalFiles(dirname(file)).map((f) => basename(f));
  } catch {
    return null;
  }
  const place = files.indexOf(basename(file));
  if (place < 0 || files.length < 2) return null;
  return { file: place + 1, of: files.length, folder: dirname(file) };
}

/** A run folder's place among the runs of its journal folder (runsOf: those holding records). */
export interface RunAmongRuns {
  /** Its place, oldest first (1 for the oldest), and how many runs the folder holds. */
  place: number;
  of: number;
  /** The runs just before and after it, by folder; null at either end. */
  before: string | null;
  after: string | null;
}

/**
 * Where the run folder `runDir` stands among its journal folder's runs, or null when it is not one
 * of several there. A journal folder opened shows its newest run, and a kiosk restarted each night
 * leaves a run a day: the drop the technician came for may be a run or three before, with no word
 * on screen that the others were there.
 */
export function runAmongRuns(runDir: string): RunAmongRuns | null {
  const runs = runsOf(dirname(runDir)).map((run) => basename(run));
  const place = runs.indexOf(basename(runDir));
  if (place < 0 || runs.length < 2) return null;
  const at = (i: number): string | null => {
    const name = runs[i];
    return name === undefined ? null : join(dirname(runDir), name);
  };
  return { place: place + 1, of: runs.length, before: at(place - 1), after: at(place + 1) };
}
