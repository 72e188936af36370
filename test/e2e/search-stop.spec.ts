/**
 * Stopping a whole-log search from the keyboard: Stop goes once the search has stopped, and focus
 * went with it to the page, so a technician's next Tab started at its top. It goes on to the
 * button in Stop's place. Main's search is held at its start here (its index being built, as a
 * week-long log's first search is) until it is stopped: a small log is searched before Stop can
 * be pressed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LogSearchJobs } from '../../electron/ipc/log-search-jobs.js';
import { kioskLogLines } from '../support/journal-traffic.js';
import { openApp, type Session } from './harness.js';

const NAME = 'kiosk-stop.jsonl';

/** The search's index being built, as long as it is not stopped. */
type IndexFirst = (path: string, signal: AbortSignal) => Promise<void>;
const jobs = LogSearchJobs.prototype as unknown as { indexFirst: IndexFirst };

describe('a whole-log search stopped from the keyboard', () => {
  let s: Session;
  const { indexFirst } = jobs;

  beforeAll(async () => {
    jobs.indexFirst = (_path, signal) =>
      new Promise((_, reject) => {
        signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true });
      });
    s = await openApp();
    mkdirSync(s.preview.filesDir, { recursive: true });
    writeFileSync(join(s.preview.filesDir, NAME), `${kioskLogLines(30).join('\n')}\n`);
    await s.page.getByRole('button', { name: 'Export & open' }).click();
    await s.page.getByRole('button', { name: `Open ${NAME}` }).click();
    await s.page.getByRole('region', { name: /Saved log \(read-only\)/ }).waitFor();
  });
  afterAll(async () => {
    jobs.indexFirst = indexFirst;
    await s.close();
  });

  it('keeps focus in the search, on the button in Stop’s place', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Search whole log…' }).click();
    const panel = page.getByRole('region', { name: 'Search the whole log' });
    await panel.getByRole('combobox', { name: 'Outcome' }).selectOption({ label: 'Failed' });
    await panel.getByRole('button', { name: 'Search all' }).click();
    const stop = panel.getByRole('button', { name: 'Stop' });
    await stop.focus();
    await page.keyboard.press('Enter');
    await panel.getByText(/^The search was stopped/).waitFor();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent ?? 'nothing'))
      .toBe('Search all');
  });
});
