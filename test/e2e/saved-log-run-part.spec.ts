/**
 * A run's journal in Chromium against the preview. The app's journal is a run folder of rotated
 * files; a reviewer could open only one of them at a time, and journal-000005.jsonl alone showed
 * "Whole log · 49,056 records", numbered from #1, with no word of the 20 other files. Now the
 * preview lists the run and journal folders in its folder, and one file of a run says which of
 * how many it is, with a button that opens the whole run.
 */
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './axe.js';
import { openApp, screenshot, type Session } from './harness.js';
import { writeRunFolder } from '../support/run-folder.js';

const RUN = 'run-20260105T080000000Z-012345';
const FILES = 21;
const PER_FILE = 200;

describe('a run folder, and one file of it opened alone', () => {
  let s: Session;

  beforeAll(async () => {
    s = await openApp();
    // The kiosk's journal folder, elsewhere; the technician's folder links to it and to one file.
    const journal = join(s.preview.filesDir, '..', 'kiosk-journal');
    writeRunFolder(join(journal, RUN), FILES, PER_FILE);
    mkdirSync(s.preview.filesDir, { recursive: true });
    symlinkSync(
      join(journal, RUN, 'journal-000005.jsonl'),
      join(s.preview.filesDir, 'journal-000005.jsonl'),
    );
    symlinkSync(journal, join(s.preview.filesDir, 'kiosk-journal'));
  });
  afterAll(async () => {
    await s.close();
  });

  const banner = () => s.page.getByRole('region', { name: /Saved log \(read-only\)/ });
  /** The saved log's view: its banner, timeline (with the overview strip) and log. */
  const view = () => s.page.locator('main.saved-view');

  it('says a journal file is one of its run’s 21, and opens the run from there', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Export & open' }).click();
    await page.getByRole('button', { name: 'Open journal-000005.jsonl' }).click();
    await banner().getByText('journal-000005.jsonl').waitFor();
    const note = banner().getByText(
      "File 5 of 21 of this run: open the run's folder to see the whole log.",
    );
    await note.waitFor();
    const open = banner().getByRole('button', { name: `Open the run's folder ${RUN}` });
    expect(await open.isVisible()).toBe(true);
    // The overview strip right below says the same: this file, not "Whole log" under a note
    // saying it is not the whole log.
    await view()
      .getByText(/^This file \(5 of 21\) · 200 records · [\d,]+ with a problem$/)
      .waitFor();
    const strip = view().getByRole('slider', { name: 'This file (5 of 21) overview' });
    expect(await strip.getAttribute('aria-describedby')).toBe('timeline-overview-help');
    expect(await view().locator('#timeline-overview-help').textContent()).toMatch(
      /^Overview of this file, 5 of 21 of its run: 200 records from /,
    );
    // The longer caption stays one row with the strip at 1366 wide, the strip still most of it.
    const caption = await view().locator('.timeline-overview-caption').boundingBox();
    const row = await view().locator('.timeline-overview').boundingBox();
    const box = await strip.boundingBox();
    if (!caption || !row || !box) throw new Error('the overview strip is not on screen');
    expect(caption.x + caption.width).toBeLessThanOrEqual(box.x);
    expect(Math.abs(caption.y + caption.height / 2 - (box.y + box.height / 2))).toBeLessThan(4);
    expect(box.width).toBeGreaterThan(0.7 * row.width);
    // The log's search reads this file alone, and its button says so.
    await view().getByRole('button', { name: 'Search this file…' }).click();
    await view().getByRole('search', { name: 'Search this file' }).waitFor();
    await view().getByRole('button', { name: 'Hide search' }).click();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'saved-log-run-part-note');

    await open.click();
    await banner().getByText(RUN).waitFor();
    await banner()
      .getByText(`${(FILES * PER_FILE).toLocaleString('en-US')} records.`)
      .waitFor();
    expect(
      await banner()
        .getByText(/of this run/)
        .count(),
    ).toBe(0);
    await view()
      .getByText(/^Whole log · 4,200 records · [\d,]+ with a problem$/)
      .waitFor();
    await view().getByRole('button', { name: 'Search whole log…' }).waitFor();
    expect(
      await view()
        .getByText(/^This file/)
        .count(),
    ).toBe(0);
    await screenshot(page, 'saved-log-run-folder-opened');
  });

  it('lists the journal folder beside the files, and opens its latest run', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Export & open' }).click();
    const entry = page.getByRole('listitem').filter({ hasText: 'Open kiosk-journal' });
    await entry.getByText(/journal folder: its latest run opens/).waitFor();
    await screenshot(page, 'saved-log-run-folders-listed');
    await entry.getByRole('button', { name: 'Open kiosk-journal' }).click();
    await banner().getByText(RUN).waitFor();
    await banner()
      .getByText(`${(FILES * PER_FILE).toLocaleString('en-US')} records.`)
      .waitFor();
  });
});
