/**
 * A request picked on the live timeline, with the log following live and only a few entries in
 * it, all in its box. A technician's review pressed ] and the log's line
 * said "#5 … sent to Phonebook" while row 5 was a sliver under the column headings: the row was
 * in view as it was picked, the details under the timeline then opened and shrank the log, and the
 * log, still following, scrolled back down to its newest rows. Picking a row there now stops
 * following, and the row stays in sight.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openApp,
  readableRows,
  screenshot,
  seedHistory,
  serviceRow,
  type Session,
} from './harness.js';

describe('a request picked on the live timeline', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openApp();
    const row = serviceRow(s.page, 'Sierra diagnostics stream');
    await row.getByRole('button', { name: /^Close session/ }).click();
    await row
      .locator('.outcome')
      .getByText(/succeeded/i)
      .waitFor();
    // A newer request after it, so the first one's outcome is not the log's newest row (a log
    // following live shows its newest rows anyway).
    const sms = serviceRow(s.page, 'SMS');
    await sms.getByRole('button', { name: /^Close session/ }).click();
    await sms
      .locator('.outcome')
      .getByText(/refused/i)
      .first()
      .waitFor();
    await s.page.getByRole('button', { name: 'Live timeline', exact: true }).click();
  });
  afterAll(async () => {
    await s.close();
  });

  it('keeps its log row whole in the log box, the log no longer following', async () => {
    const { page } = s;
    await page.getByRole('img', { name: /^Timeline of requests/ }).focus();
    await page.keyboard.press(']');
    const selected = page.locator('.log-scroll .log-row.is-selected');
    await expect.poll(() => selected.count()).toBe(1);
    // Once the details under the timeline have opened (and the log's box has shrunk).
    await expect
      .poll(() => page.locator('.timeline-selected').textContent())
      .toContain('Sierra diagnostics stream');
    await expect
      .poll(async () => {
        const [row, box] = [
          await selected.boundingBox(),
          await page.locator('.log-scroll').boundingBox(),
        ];
        // Below the sticky column headings, whose height the first row sits under.
        const headings = await page.locator('.log-head').boundingBox();
        const top = Math.max(box?.y ?? 0, (headings?.y ?? 0) + (headings?.height ?? 0));
        return (
          row !== null &&
          box !== null &&
          row.y >= top - 0.5 &&
          row.y + row.height <= box.y + box.height + 0.5
        );
      })
      .toBe(true);
    // The log's own word (the timeline has its own): paused, with the way back to live.
    await page.getByRole('button', { name: 'Back to live' }).waitFor();
    await screenshot(page, 'timeline-select-live');
  });
});

describe('a request picked on the live timeline in a 13-inch screen’s window (1366x697)', () => {
  let s: Session;
  beforeAll(async () => {
    // The window on a 1366x768 screen, less the taskbar and the title bar; three requests in
    // three service lanes of two devices.
    s = await openApp();
    await s.page.setViewportSize({ width: 1366, height: 697 });
    await seedHistory(s.page);
    await s.page.getByRole('button', { name: 'Live timeline', exact: true }).click();
  });
  afterAll(async () => {
    await s.close();
  });

  it('keeps room for four log rows, the picked one among them', async () => {
    // The log kept the two rows of its least height there, the picked one cut under the
    // selected entry's line.
    const { page } = s;
    await page.getByRole('img', { name: /^Timeline of requests/ }).focus();
    await page.keyboard.press(']');
    await page.keyboard.press(']');
    await expect
      .poll(() => page.locator('.timeline-selected').textContent())
      .toContain('Refused at once');
    const roomInRows = () =>
      page.locator('.log-scroll').evaluate((scroll) => {
        const box = scroll.getBoundingClientRect();
        const headings = scroll.querySelector('.log-head')?.getBoundingClientRect();
        const row = scroll.querySelector('.log-row')?.getBoundingClientRect();
        return row ? (box.bottom - (headings?.bottom ?? box.top)) / row.height : 0;
      });
    await expect.poll(roomInRows).toBeGreaterThanOrEqual(4);
    expect(await readableRows(page)).toBeGreaterThanOrEqual(4);
    await screenshot(page, 'timeline-select-live-13-inch');
  });
});
