/**
 * The Electron window's files come from main's own dialogs. On Linux the save dialog replaces an
 * existing file without asking unless told to confirm, so it is always told to. The app's journal
 * is a run folder of rotated files, which the open dialog could not pick (it picked files only).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dialogFiles, type Dialogs } from '../../../electron/ipc/dialog-files.js';
import { FOLDER_DIALOG } from '../../../shared/folder-dialog.js';
import { writeRunFolder } from '../../support/run-folder.js';

type OpenOptions = Parameters<Dialogs['showOpen']>[0];

function dialogs(picked: string[] = []): {
  dialogs: Dialogs;
  saves: Parameters<Dialogs['showSave']>[0][];
  opens: OpenOptions[];
} {
  const saves: Parameters<Dialogs['showSave']>[0][] = [];
  const opens: OpenOptions[] = [];
  return {
    saves,
    opens,
    dialogs: {
      showSave: (options) => {
        saves.push(options);
        return Promise.resolve({ canceled: false, filePath: '/home/tech/report.html' });
      },
      showOpen: (options) => {
        opens.push(options);
        const path = picked.shift();
        return Promise.resolve(
          path === undefined
            ? { canceled: true, filePaths: [] }
            : { canceled: false, filePaths: [path] },
        );
      },
    },
  };
}

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the save dialog of an export', () => {
  it('asks before replacing a file that is already there, on every platform', async () => {
    const d = dialogs();
    const files = dialogFiles(d.dialogs, () => '/home/tech/Documents');
    expect(await files.chooseExportPath('mbn-diag_EM7565.html', 'html')).toBe(
      '/home/tech/report.html',
    );
    expect(d.saves).toHaveLength(1);
    expect(d.saves[0]?.properties).toContain('showOverwriteConfirmation');
    expect(d.saves[0]?.defaultPath).toBe('/home/tech/Documents/mbn-diag_EM7565.html');
  });
});

describe('the open dialogs of a saved log', () => {
  it('offers a file (a .jsonl log or a .zip bundle) to "Open saved log…"', async () => {
    const d = dialogs(['/home/tech/kiosk.jsonl']);
    const files = dialogFiles(d.dialogs, () => '/home/tech/Documents');
    expect(await files.chooseLogToOpen(undefined)).toBe('/home/tech/kiosk.jsonl');
    expect(d.opens[0]?.properties).toEqual(['openFile']);
    expect(d.opens[0]?.filters?.[0]?.extensions).toEqual(['jsonl', 'zip']);
  });

  // One dialog cannot pick files and folders at once on Windows and Linux: a choice of its own.
  it('offers a folder (a run folder or a journal folder) to "Open folder…"', async () => {
    const d = dialogs(['/var/lib/mbn-diag/journal/run-20260105T080000000Z-012345']);
    const files = dialogFiles(d.dialogs, () => '/home/tech/Documents');
    expect(await files.chooseLogToOpen(FOLDER_DIALOG)).toBe(
      '/var/lib/mbn-diag/journal/run-20260105T080000000Z-012345',
    );
    expect(d.opens[0]?.properties).toEqual(['openDirectory']);
    expect(d.opens[0]?.title).toMatch(/folder/);
  });

  it('opens the run folder of a journal file opened before by its name, with no dialog', async () => {
    const run = writeRunFolder(join(mkdtempSync(join(tmpdir(), 'dialog-run-')), 'kiosk-run'), 3, 3);
    made.push(join(run, '..'));
    const d = dialogs([join(run, 'journal-000002.jsonl')]);
    const files = dialogFiles(d.dialogs, () => '/home/tech/Documents');
    await files.chooseLogToOpen(undefined);
    expect(await files.chooseLogToOpen('kiosk-run')).toBe(run);
    expect(d.opens).toHaveLength(1);
    // Any other name is no path to anything: the file dialog is shown (here cancelled).
    expect(await files.chooseLogToOpen('elsewhere')).toBeNull();
    expect(d.opens).toHaveLength(2);
  });
});
