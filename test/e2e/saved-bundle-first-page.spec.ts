/**
 * A .zip bundle larger than the window, in Chromium against the preview. A reviewer opened a
 * 1,000,000-event bundle and selected #37 three seconds in; by eleven seconds the top row was
 * #25,001 and nothing was selected, and at the end #750,001 was shown, the first rows gone, while
 * the timeline showed another day than the log. A journal folder or .jsonl keeps its first page
 * and the reader's place while its newest rows come in; a bundle now does so too. The newest rows
 * are held back until the technician has scrolled and selected, so nothing depends on timing.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportFromPath } from '../../electron/core/export/export-saved-log.js';
import { WINDOW_ROWS } from '../../shared/log-window.js';
import { openApp, readableRows, screenshot, type Session } from './harness.js';
import { ENTRIES, FIRST_PAGE, holdNewest, largeLogLines, savedView } from './large-saved-log.js';

const BUNDLE = 'kiosk-week.zip';

/** The large log (large-saved-log.ts), exported as a bundle. */
async function writeBundle(filesDir: string, work: string): Promise<{ newestFrom: number }> {
  const { lines, times } = largeLogLines();
  mkdirSync(work, { recursive: true });
  mkdirSync(filesDir, { recursive: true });
  const log = join(work, 'kiosk-week.jsonl');
  writeFileSync(log, lines.join('\n') + '\n');
  await exportFromPath({
    source: log,
    format: 'zip',
    destination: join(filesDir, BUNDLE),
    app: { name: 'mbn-diag', version: 'test' },
  });
  rmSync(work, { recursive: true, force: true });
  return { newestFrom: times[ENTRIES - WINDOW_ROWS] ?? 0 };
}

describe('a bundle larger than the window, read from its first page', () => {
  let s: Session;
  let newest: ReturnType<typeof holdNewest>;
  let log: Awaited<ReturnType<typeof writeBundle>>;

  beforeAll(async () => {
    // Held from the first page on: the newest come in only once the technician has selected.
    newest = holdNewest(true);
    s = await openApp();
    log = await writeBundle(s.preview.filesDir, join(s.preview.filesDir, '..', 'source'));
  }, 120_000);
  afterAll(async () => {
    await s.close();
    newest.restore();
  });

  const { region, banner, scroll, shownTimes, topRow, topTime } = savedView(() => s.page);

  it('keeps the entries read, the one selected and the scroll on it when the newest come in', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Export & open' }).click();
    await page.getByRole('button', { name: `Open ${BUNDLE}` }).click();
    await banner().getByText(BUNDLE).waitFor();
    // Counted to the total its manifest gives, from the first page on.
    await banner().getByText('Reading… 2,000 of 264,000 records.').waitFor();
    // The technician scrolls down the first page with the wheel and selects #37.
    const box = await scroll().boundingBox();
    if (!box) throw new Error('the log is not on screen');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, 26 * 30);
    await scroll().locator('.log-row[data-seq="37"]').click();
    await region().getByRole('region', { name: 'Selected log entry' }).getByText('#37').waitFor();
    const top = await topRow();
    const scrollTop = await scroll().evaluate((el) => el.scrollTop);
    const timeline = await shownTimes();
    expect(top).toBeGreaterThan(1);
    // While it is read, the timeline is on the stretch the log shows, not another day.
    const readingAt = await topTime();
    expect(timeline.t0).toBeLessThanOrEqual(readingAt);
    expect(timeline.t1).toBeGreaterThanOrEqual(readingAt);
    await screenshot(page, 'saved-bundle-reading');
    newest.release();
    await banner()
      .getByText(/^The newest 250,000 of 264,000 entries are shown/)
      .waitFor({ timeout: 90_000 });

    // Where it was: the same entry at the top, #37 selected and read, the scroll unmoved.
    expect(await topRow()).toBe(top);
    expect(await scroll().evaluate((el) => el.scrollTop)).toBe(scrollTop);
    await scroll().locator('.log-row.is-selected[data-seq="37"]').waitFor();
    await region().getByRole('region', { name: 'Selected log entry' }).getByText('#37').waitFor();
    // Every one of the newest beside the first page (the heading, the entries, and the line
    // between them saying the rest are not loaded).
    const table = region().getByRole('table', { name: 'Session log' });
    expect(await table.getAttribute('aria-rowcount')).toBe(String(FIRST_PAGE + WINDOW_ROWS + 2));
    await banner()
      .getByText(/, and 2,000 earlier ones from the log’s start or brought in;/)
      .waitFor();
    await banner().getByText('264,000 records.', { exact: false }).waitFor();
    // The timeline stays on the requests of the stretch being read.
    const after = await shownTimes();
    expect(Math.abs(after.t0 - timeline.t0)).toBeLessThan(1000);
    expect(Math.abs(after.t1 - timeline.t1)).toBeLessThan(1000);
    expect(after.t1).toBeLessThan(log.newestFrom);
    await screenshot(page, 'saved-bundle-first-page-kept');
    expect(await readableRows(page)).toBeGreaterThanOrEqual(4);
  }, 150_000);
});
