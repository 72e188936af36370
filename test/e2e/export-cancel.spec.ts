/**
 * An export in progress shows its state and a Cancel button; cancelling writes nothing and says
 * so without calling it a failure. The preview's folder is replaced by a stand-in whose "dialog"
 * waits until the test has seen the running export, so nothing here depends on timing.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostFiles } from '../../electron/ipc/host-files.js';
import { openApp, screenshot, type Session } from './harness.js';

describe('cancelling an export', () => {
  let s: Session;
  let folder: string;
  let release: () => void = () => undefined;
  let asked = 0;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'mbn-e2e-cancel-'));
    const files: HostFiles = {
      chooseExportPath: async (name) => {
        asked += 1;
        await new Promise<void>((resolve) => (release = resolve));
        return join(folder, name);
      },
      chooseLogToOpen: () => Promise.resolve(null),
      choices: () => Promise.resolve({ picker: 'dialog', folder: null, files: [] }),
    };
    s = await openApp({ files });
    await s.page.getByRole('button', { name: 'Export & open' }).click();
  });
  afterAll(async () => {
    release();
    await s.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('shows the running export with Cancel, and a cancelled export leaves no file', async () => {
    // With a dialog, the panel says the technician chooses where, not a folder.
    await s.page.getByText('You choose where to save the file in the next step.').waitFor();
    // From the keyboard: the focus goes from Export… to Cancel export and back.
    const focused = () => s.page.evaluate(() => document.activeElement?.textContent);
    await s.page.getByRole('button', { name: 'Export…' }).focus();
    await s.page.keyboard.press('Enter');
    const cancel = s.page.getByRole('button', { name: 'Cancel export' });
    await cancel.waitFor();
    await expect.poll(focused).toBe('Cancel export');
    expect(await s.page.getByRole('progressbar', { name: 'Export progress' }).count()).toBe(1);
    await expect.poll(() => asked).toBe(1);
    await screenshot(s.page, 'export-running');
    await s.page.keyboard.press('Enter');
    await s.page.getByText('Cancelling…').waitFor();
    expect(await focused()).toBe('Cancel export');
    release();
    const said = s.page.getByRole('status').filter({ hasText: /cancelled/ });
    await said.waitFor();
    await expect.poll(focused).toBe('Export…');
    expect(await said.textContent()).toMatch(/Nothing was saved/);
    expect(await s.page.getByRole('alert').count()).toBe(0);
    expect(readdirSync(folder)).toEqual([]);
    await screenshot(s.page, 'export-cancelled');
  });
});
