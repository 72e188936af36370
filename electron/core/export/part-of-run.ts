/**
 * Whether a journal file opened on its own is one part of a run: a run's journal is rotated into
 * numbered files in one folder (./journal-files.ts), and one of them opened alone showed "Whole
 * log · 49,056 records", numbered from #1, with no word of the 20 files beside it. The window
 * says which file of how many it is, and offers the folder, which opens the whole run.
 */
import { realpath } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { listJournalFiles } from '../journal-files.js';

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
