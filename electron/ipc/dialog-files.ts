/**
 * Files for the Electron window: main's own save and open dialogs decide every path. The dialog
 * functions are passed in (main.ts gives Electron's), so this module stays free of `electron`.
 */
import { FORMAT_INFO, type ExportFormat } from '../core/export/formats.js';
import { FOLDER_DIALOG } from '../../shared/folder-dialog.js';
import type { HostFiles } from './host-files.js';
import { RunFolders } from './run-folders.js';

export interface Dialogs {
  showSave(options: {
    title: string;
    defaultPath: string;
    filters: { name: string; extensions: string[] }[];
    properties: ('showOverwriteConfirmation' | 'createDirectory')[];
  }): Promise<{ canceled: boolean; filePath?: string | undefined }>;
  showOpen(options: {
    title: string;
    properties: ('openFile' | 'openDirectory')[];
    filters?: { name: string; extensions: string[] }[];
  }): Promise<{ canceled: boolean; filePaths: string[] }>;
}

export function dialogFiles(dialogs: Dialogs, defaultFolder: () => string): HostFiles {
  const runs = new RunFolders();
  return {
    async chooseExportPath(suggestedName: string, format: ExportFormat) {
      const info = FORMAT_INFO[format];
      const answer = await dialogs.showSave({
        title: `Export as ${info.label}`,
        defaultPath: `${defaultFolder()}/${suggestedName}`,
        filters: [{ name: info.label, extensions: [info.extension] }],
        // Windows and macOS always ask before replacing a file; Linux's dialog only when told to,
        // and without it an existing file the technician clicked on was replaced unasked.
        properties: ['showOverwriteConfirmation', 'createDirectory'],
      });
      return answer.canceled || !answer.filePath ? null : answer.filePath;
    },
    async chooseLogToOpen(name: string | undefined) {
      // A journal file's note opens its run's folder without asking again.
      const run = name === undefined ? null : await runs.folderNamed(name);
      if (run !== null) return run;
      // A run folder (run.json and its journal-*.jsonl files) or a journal folder (whose latest
      // run opens, as on the command line) is picked by a dialog of its own: on Windows and Linux
      // one dialog cannot pick both files and folders.
      const answer = await dialogs.showOpen(
        name === FOLDER_DIALOG
          ? {
              title: 'Open a run folder or journal folder (read-only)',
              properties: ['openDirectory'],
            }
          : {
              title: 'Open a saved log (read-only)',
              properties: ['openFile'],
              filters: [{ name: 'mbn-diag logs and bundles', extensions: ['jsonl', 'zip'] }],
            },
      );
      const path = answer.canceled ? null : (answer.filePaths[0] ?? null);
      if (path !== null) runs.noteOpened(path);
      return path;
    },
    runNamed: (name) => runs.folderNamed(name),
    choices: () => Promise.resolve({ picker: 'dialog', folder: null, files: [] }),
  };
}
