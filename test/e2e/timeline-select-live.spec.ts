/**
 * A request picked on the live timeline, with the log following live and only a few entries in
 * it, all in its box. A technician's review pressed ] and the log's line
 * said "#5 … sent to Phonebook" while row 5 was a sliver under the column headings: the row was
 * in view as it was picked, the details under the timeline then opened and shrank the log, and the
 * log, still following, scrolled back down to its newest rows. Picking a row there now stops
 * following, and the row stays in sight.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, screenshot, serviceRow, type Session } from './harness.js';

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
