/**
 * The run folders of the journal files the technician opened, so that the saved log's "Open the
 * run's folder" opens the one it names: the window sends the folder's name only (it never names a
 * path), and main finds it among the files it handed out to be opened, and nowhere else.
 */
import { basename } from 'node:path';
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

  /** The run folder called `name` that holds a journal file opened before, newest first. */
  async folderNamed(name: string): Promise<string | null> {
    for (const path of this.opened) {
      const run = await partOfRun(path);
      if (run && basename(run.folder) === name) return run.folder;
    }
    return null;
  }
}
