/**
 * Files for the browser preview, which has no dialogs: exports are written into one folder fixed
 * by whoever started the preview (never a path from the page), and "Open saved log" offers the
 * .jsonl and .zip files in that same folder by name. The page can only pick a name from that list.
 */
import { mkdir, readdir, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import type { ExportFormat } from '../core/export/formats.js';
import type { SavedLogChoices } from '../ipc/contract.js';
import type { HostFiles } from '../ipc/host-files.js';

const OPENABLE = new Set(['.jsonl', '.zip']);

export function previewFiles(folder: string): HostFiles {
  const root = resolve(folder);
  const choices = async (): Promise<SavedLogChoices> => {
    await mkdir(root, { recursive: true });
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
      await mkdir(root, { recursive: true });
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
