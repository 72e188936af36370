/**
 * Files for the browser preview, which has no dialogs: exports are written into one folder fixed
 * by whoever started the preview (never a path from the page), and "Open saved log" offers the
 * .jsonl and .zip files in that same folder by name, and the run folders and journal folders in
 * it (the app's own journal is a run folder of rotated files). The page can only pick a name from
 * that list, or the run folder of a journal file it opened from it (its note's button).
 */
import { chmod, lstat, readdir, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import type { ExportFormat } from '../core/export/formats.js';
import { listJournalFiles, listRuns } from '../core/journal-files.js';
import { makeDirs } from '../core/make-dirs.js';
import type { SavedLogChoices } from '../ipc/contract.js';
import type { HostFiles } from '../ipc/host-files.js';
import { IpcFailure } from '../ipc/ipc-failure.js';
import { RunFolders } from '../ipc/run-folders.js';

type Choice = SavedLogChoices['files'][number];

const OPENABLE = new Set(['.jsonl', '.zip']);

/**
 * Makes the folder, or checks the one there, before anything is written to or read from it. The
 * default is a fixed name in the shared temporary folder, where another user of the machine can
 * make it first (or a link by that name): exports, unredacted ones too, would then be written
 * where that user reads them, and the logs offered would be theirs. So on POSIX the folder must be
 * a real folder of this user's, and it is kept private (0700): made with mkdir's defaults it was
 * readable by everyone, and so was every export in it.
 */
async function ownFolder(root: string): Promise<void> {
  makeDirs(root, 0o700);
  if (process.platform === 'win32') return;
  const info = await lstat(root);
  if (!info.isDirectory() || info.uid !== process.getuid?.())
    throw new IpcFailure({
      code: 'unavailable',
      message: `${root} is not a folder of this user's (another user, or a link, got there first), so the preview will not write exports to it or open logs from it. Remove it, or start the preview with another folder.`,
    });
  if ((info.mode & 0o077) !== 0) await chmod(root, 0o700);
}

/**
 * A folder's entry in the list, when it opens as a log: a run folder (its journal files), or a
 * journal folder, whose latest run opens; null for any other folder.
 */
async function folderChoice(name: string, path: string): Promise<Choice | null> {
  let folder: Choice['folder'] = 'run';
  let files = safeList(() => listJournalFiles(path));
  if (files.length === 0) {
    const latest = listRuns(path).at(-1);
    if (latest === undefined) return null;
    folder = 'journal';
    files = safeList(() => listJournalFiles(latest));
  }
  const sizes = await Promise.all(files.map((f) => stat(f).catch(() => null)));
  let bytes = 0;
  let modified = 0;
  for (const s of sizes) {
    bytes += s?.size ?? 0;
    modified = Math.max(modified, s?.mtimeMs ?? 0);
  }
  return { name, bytes, modified: new Date(modified).toISOString(), folder };
}

function safeList(list: () => string[]): string[] {
  try {
    return list();
  } catch {
    return [];
  }
}

export function previewFiles(folder: string): HostFiles {
  const root = resolve(folder);
  const runs = new RunFolders();
  const choices = async (): Promise<SavedLogChoices> => {
    await ownFolder(root);
    const listed = await Promise.all(
      (await readdir(root)).sort().map(async (name): Promise<Choice | null> => {
        const path = join(root, name);
        const s = await stat(path).catch(() => null);
        if (s?.isDirectory()) return folderChoice(name, path);
        if (!s?.isFile() || !OPENABLE.has(extname(name).toLowerCase())) return null;
        return { name, bytes: s.size, modified: s.mtime.toISOString() };
      }),
    );
    return { picker: 'list', folder: root, files: listed.filter((c) => c !== null) };
  };
  return {
    async chooseExportPath(suggestedName: string, _format: ExportFormat) {
      await ownFolder(root);
      // Never over an earlier export: name-1.ext, name-2.ext, …
      const ext = extname(suggestedName);
      const stem = suggestedName.slice(0, suggestedName.length - ext.length);
      let name = suggestedName;
      for (let n = 1; existsSync(join(root, name)); n++) name = `${stem}-${n}${ext}`;
      return join(root, name);
    },
    async chooseLogToOpen(name: string | undefined) {
      if (name === undefined) return null;
      const listed = (await choices()).files.some((f) => f.name === name);
      if (!listed) return runs.folderNamed(name);
      const path = join(root, name);
      runs.noteOpened(path);
      return path;
    },
    runNamed: (name) => runs.folderNamed(name),
    choices,
  };
}
