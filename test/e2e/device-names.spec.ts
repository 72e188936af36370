/**
 * Two EM7565s and a modem without a model (test/fixtures/ui-same-model.json) on a 13-inch screen:
 * each is named as the report and the CLI name it, and what tells the two apart, the end of the
 * interface ID, is never cut. The log's Device column read "EM7565 (…" for both, the device list
 * wrapped "unknown model (…" from "2B30)", the timeline said "Close · Sierra diagnostics stream"
 * for either modem's close.
 */
import { resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, screenshot, type Session } from './harness.js';

const NAMES = ['EM7565 (…8E47)', 'EM7565 (…E4F5)', 'unknown model (…2B30)'];

/**
 * Of each element matched and drawn, the end of its name (from the last " (") as drawn: whether
 * it lies whole inside the element's box, and on how many lines.
 */
async function ends(
  page: Page,
  selector: string,
): Promise<{ end: string; inside: boolean; lines: number }[]> {
  return page.locator(selector).evaluateAll((cells) =>
    cells.flatMap((cell) => {
      // Only what is drawn: a row the list is re-laying out (or keeps out of view) may be in the
      // page with no box, and its name is then on no line at all.
      if (cell.getClientRects().length === 0) return [];
      const text = cell.textContent;
      const at = text.lastIndexOf('(');
      if (at < 0) return [];
      const range = document.createRange();
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      let seen = 0;
      let start = false;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const length = node.textContent?.length ?? 0;
        if (!start && seen + length > at) {
          range.setStart(node, at - seen);
          start = true;
        }
        if (start) range.setEnd(node, length);
        seen += length;
      }
      const box = cell.getBoundingClientRect();
      const drawn = range.getBoundingClientRect();
      const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
      return [
        {
          end: text.slice(at),
          inside: drawn.left >= box.left - 0.5 && drawn.right <= box.right + 0.5,
          lines,
        },
      ];
    }),
  );
}

describe('one name per modem in the window', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openApp({
      scenarioPath: resolve('test/fixtures/ui-same-model.json'),
      ready: (page) => page.locator('.device-list .device').nth(2).waitFor(),
    });
    // A close on each modem, so the log and the timeline have a row and a span for each.
    for (let i = 0; i < 3; i += 1) {
      await s.page.locator('.device-list .device').nth(i).click();
      const row = s.page.locator('tr[data-service]').first();
      await row.getByRole('button', { name: /^Close session/ }).click();
      await row
        .locator('.outcome')
        .getByText(/succeeded/i)
        .waitFor();
    }
  });
  afterAll(async () => {
    await s.close();
  });

  it('keeps the device list’s heading in sight, at 1366x768, with the third of three selected', async () => {
    // The whole panel scrolled: with the last card selected, "Devices" and "Show device IDs"
    // were scrolled out of sight, and the first card began mid-way, its model cut off.
    await s.page.setViewportSize({ width: 1366, height: 768 });
    await s.page.getByRole('button', { name: 'Live session', exact: true }).click();
    const panel = s.page.locator('section.devices');
    await panel.locator('.device').nth(2).scrollIntoViewIfNeeded();
    const box = async (locator: Locator) => {
      const found = await locator.boundingBox();
      if (!found) throw new Error('not on screen');
      return found;
    };
    const within = await box(panel);
    for (const part of [
      panel.getByRole('heading', { name: 'Devices' }),
      panel.getByRole('button', { name: 'Show device IDs' }),
    ]) {
      const seen = await box(part);
      expect(seen.y).toBeGreaterThanOrEqual(within.y);
      expect(seen.y + seen.height).toBeLessThanOrEqual(within.y + within.height);
    }
  });

  for (const width of [1366, 683]) {
    it(`at ${width}x768 names each modem as the report does, its interface ID's end whole`, async () => {
      await s.page.setViewportSize({ width, height: 768 });
      await s.page.getByRole('button', { name: 'Live session', exact: true }).click();
      expect(await s.page.locator('.device-list .device-model').allTextContents()).toEqual(NAMES);
      for (const cell of await ends(s.page, '.device-list .device-model'))
        expect(cell.lines, `${cell.end} on one line in the device list`).toBe(1);
      await s.page.getByRole('heading', { name: `Device services — ${NAMES[2]}` }).waitFor();

      // The first rows, each modem's device-info, name all three. Scrolled up as a technician
      // does (a scroll no input asked for sends a following log back down, as it should).
      await s.page.locator('.log-scroll').hover();
      await s.page.mouse.wheel(0, -100_000);
      await expect.poll(() => s.page.locator('.log-scroll').evaluate((el) => el.scrollTop)).toBe(0);
      await s.page.locator('.log-scroll .log-row', { hasText: 'device unknown model' }).waitFor();
      const cells = await ends(s.page, '.log-scroll .log-row > [role="cell"]:nth-child(3)');
      expect(new Set(cells.map((c) => c.end))).toEqual(new Set(['(…8E47)', '(…E4F5)', '(…2B30)']));
      for (const cell of cells) {
        expect(cell.inside, `${cell.end} drawn inside the log's Device column`).toBe(true);
        expect(cell.lines).toBe(1);
      }
      const filter = s.page.getByRole('combobox', { name: 'Filter by device' });
      expect((await filter.locator('option').allTextContents()).slice(1)).toEqual(NAMES);
      await screenshot(s.page, `device-names-${width}`);

      await filter.selectOption({ label: NAMES[1] });
      await s.page.locator('.log-scroll .log-row', { hasText: 'close data session sent' }).click();
      await s.page.getByRole('button', { name: 'Live timeline', exact: true }).click();
      await expect
        .poll(() => s.page.locator('.timeline-selected').textContent())
        .toMatch(/^Close · EM7565 \(…E4F5\) · Sierra diagnostics stream/);
      await screenshot(s.page, `device-names-${width}-timeline`);
      await s.page.getByRole('button', { name: 'Clear filters' }).click();
    });
  }
});
