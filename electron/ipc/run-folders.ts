/**
 * The run folders of the journal files the technician opened, so that the saved log's "Open the
 * run's folder" opens the one it names, and of the runs beside a run or journal folder opened, for
 * its "Run before" and "Run after": the window sends the folder's name only (it never names a
 * path), and main finds it beside what it handed out to be opened, and nowhere else.
 */
import { basename, dirname } from 'node:path';
import { runsOf } from '../core/export/log-location.js';
import { partOfRun } from '../core/export/part-of-run.js';

/** Files remembered: the log on screen is among the last few opened. */
const REMEMBERED = 8;

export class RunFolders {
  private readonly opened: string[] = [];

  /** `path` was handed out to be opened. */
  noteOpened(path: string): void {
    const at = this.opened.indexOf(path);
    if (at >= 0) this.opened.splice(at, 1);
    this.opened.unshift(path);
    this.opened.length = Math.min(this.opened.length, REMEMBERED);
  }

  /**
   * The run folder called `name` that holds a journal file opened before, or that stands beside a
   * run folder opened before (or in a journal folder opened before) among its journal folder's
   * runs: what the saved log's notes offer to open. Newest first.
   */
  async folderNamed(name: string): Promise<string | null> {
    for (const path of this.opened) {
      const found = await runNear(path, name);
      if (found !== null) return found;
    }
    return null;
  }
}

/**
 * The run folder called `name` near the log opened at `path`: the run that holds it (a journal
 * file of several), or a run in it (a journal folder) or beside it (a run folder); else null.
 */
export async function runNear(path: string, name: string): Promise<string | null> {
  const run = await partOfRun(path);
  if (run && basename(run.folder) === name) return run.folder;
  return runIn(path, name) ?? runIn(dirname(path), name);
}

/** The run folder called `name` beside the run `runDir` in its journal folder, or null. */
export function runNamedBeside(runDir: string, name: string): string | null {
  return runIn(dirname(runDir), name);
}

/** The run folder called `name` among the runs of the journal folder `folder`, or null. */
function runIn(folder: string, name: string): string | null {
  return runsOf(folder).find((run) => basename(run) === name) ?? null;
}
