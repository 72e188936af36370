/**
 * Files for the Electron window: main's own save and open dialogs decide every path. The dialog
 * functions are passed in (main.ts gives Electron's), so this module stays free of `electron`.
 */
import { FORMAT_INFO, type ExportFormat } from '../core/export/formats.js';
import type { HostFiles } from './host-files.js';

export interface Dialogs {
  showSave(options: {
    title: string;
    defaultPath: string;
    filters: { name: string; extensions: string[] }[];
    properties: ('showOverwriteConfirmation' | 'createDirectory')[];
  }): Promise<{ canceled: boolean; filePath?: string | undefined }>;
  showOpen(options: {
    title: string;
    properties: 'openFile'[];
    filters: { name: string; extensions: string[] }[];
  }): Promise<{ canceled: boolean; filePaths: string[] }>;
}

export function dialogFiles(dialogs: Dialogs, defaultFolder: () => string): HostFiles {
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
    async chooseLogToOpen() {
      const answer = await dialogs.showOpen({
        title: 'Open a saved log (read-only)',
        properties: ['openFile'],
        filters: [{ name: 'mbn-diag logs and bundles', extensions: ['jsonl', 'zip'] }],
      });
      return answer.canceled ? null : (answer.filePaths[0] ?? null);
    },
    choices: () => Promise.resolve({ picker: 'dialog', folder: null, files: [] }),
  };
}
