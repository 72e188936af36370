/**
 * The Electron window's files come from main's own dialogs. On Linux the save dialog replaces an
 * existing file without asking unless told to confirm, so it is always told to.
 */
import { describe, expect, it } from 'vitest';
import { dialogFiles, type Dialogs } from '../../../electron/ipc/dialog-files.js';

function dialogs(): { dialogs: Dialogs; saves: Parameters<Dialogs['showSave']>[0][] } {
  const saves: Parameters<Dialogs['showSave']>[0][] = [];
  return {
    saves,
    dialogs: {
      showSave: (options) => {
        saves.push(options);
        return Promise.resolve({ canceled: false, filePath: '/home/tech/report.html' });
      },
      showOpen: () => Promise.resolve({ canceled: true, filePaths: [] }),
    },
  };
}

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
