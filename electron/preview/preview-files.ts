/**
 * Files for the browser preview, which has no dialogs: exports are written into one folder fixed
 * by whoever started the preview (never a path from the page), and "Open saved log" offers the
 * .jsonl and .zip files in that same folder by name. The page can only pick a name from that list.
 */
import { chmod, lstat, readdir, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import type { ExportFormat } from '../core/export/formats.js';
import { makeDirs } from '../core/make-dirs.js';
import type { SavedLogChoices } from '../ipc/contract.js';
import type { HostFiles } from '../ipc/host-files.js';
import { IpcFailure } from '../ipc/ipc-failure.js';

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

export function previewFiles(folder: string): HostFiles {
  const root = resolve(folder);
  const choices = async (): Promise<SavedLogChoices> => {
    await ownFolder(root);
    const names = (await readdir(root)).filter((n) => OPENABLE.has(extname(n).toLowerCase()));
    const files = await Promise.all(
      names.sort().map(async (name) => {
        const s = await stat(join(root, name));
        return { name, bytes: s.size, modified: s.mtime.toISOString() };
      }),
    );
    return { picker: 'list', folder: root, files };
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
      return listed ? join(root, name) : null;
    },
    choices,
  };
}
