/**
 * The same technician flows in real Electron, through Playwright's `_electron`. They run only
 * with ELECTRON_E2E=1 and the Electron binary installed (`npm run build` first); on machines
 * without the binary they are reported as skipped.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ELECTRON_E2E, electronBinary } from './electron-binary.js';

const binary = electronBinary();
const row = (page: Page, name: string) => page.locator(`tr[data-service="${name}"]`);

describe.skipIf(!ELECTRON_E2E || !binary)('the app in real Electron', () => {
  let app: ElectronApplication;
  let page: Page;
  let work: string;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'mbn-electron-'));
    app = await _electron.launch({
      executablePath: binary ?? '',
      args: ['.'],
      env: {
        ...process.env,
        MBN_DIAG_JOURNAL_DIR: join(work, 'journal'),
        MBN_DIAG_SCENARIO: resolve('test/fixtures/ui-slow-completion.json'),
        MBN_DIAG_BACKEND: 'simulator',
        MBN_DIAG_TIMEOUT_MS: '800',
      },
    });
    page = await app.firstWindow();
    await page.getByRole('button', { name: /EM7565/ }).waitFor();
  });

  afterAll(async () => {
    await app.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('loads from app://, not file://, with no Node in the page', async () => {
    expect(page.url()).toBe('app://mbn-diag/index.html');
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe(
      'undefined',
    );
    expect(await page.evaluate(() => Object.keys(window.mbnDiag ?? {}).sort())).toEqual([
      'invoke',
      'on',
    ]);
  });

  it('refuses to navigate away or open windows', async () => {
    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
      window.open('https://example.com/');
    });
    await page.waitForTimeout(300);
    expect(page.url()).toBe('app://mbn-diag/index.html');
    expect(app.windows()).toHaveLength(1);
  });

  it('closes a session: overdue, then late with its latency', async () => {
    const service = row(page, 'Sierra diagnostics stream');
    await service.getByRole('button', { name: 'Close session: Sierra diagnostics stream' }).click();
    await service
      .locator('.outcome')
      .getByText(/^Close #5001: OVERDUE$/)
      .waitFor();
    await service
      .locator('.outcome')
      .getByText(/^Close #5001: LATE, succeeded in [\d.]+ s$/)
      .waitFor({ timeout: 10_000 });
  });

  it('asks for the second step before closing a session that is not open', async () => {
    const service = row(page, 'Sierra diagnostics stream');
    await service.getByRole('button', { name: /Close session \(not open\)/ }).click();
    await service.getByRole('group', { name: /Confirm Close/ }).waitFor();
    await page.keyboard.press('Escape');
  });
});
