/**
 * Windows too short for a timeline above a log: a kiosk's 1024x600, a 13-inch screen at 125 %
 * (1092x614), 800x600. The log's least height left the lanes none: the Live timeline showed the axis and
 * half a lane, and a saved log, under its banner, its toolbar and the whole log's strip only, the
 * stage cut off by the timeline's panel. There the view scrolls, each panel at its own height.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kioskLogLines } from '../support/journal-traffic.js';
import { openApp, readableRows, screenshot, seedHistory, type Session } from './harness.js';

const NAME = 'kiosk-short-window.jsonl';

/** The lanes' stage in sight: not cut off by the timeline's panel, nor by the window. */
function stageShown(page: Page): Promise<number> {
  return page.locator('.timeline-stage').evaluate((el) => {
    const box = el.getBoundingClientRect();
    const panel = el.closest('.timeline')?.getBoundingClientRect() ?? box;
    const top = Math.max(box.top, panel.top, 0);
    return Math.min(box.bottom, panel.bottom, window.innerHeight) - top;
  });
}

/** The toolbar's first button wholly in the window. */
async function toolbarShown(page: Page): Promise<boolean> {
  const zoom = await page.getByRole('button', { name: /^Zoom in/ }).boundingBox();
  const height = page.viewportSize()?.height ?? 0;
  return zoom !== null && zoom.y >= 0 && zoom.y + zoom.height <= height;
}

describe('a timeline above a log in a short window', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openApp();
    await seedHistory(s.page);
    mkdirSync(s.preview.filesDir, { recursive: true });
    writeFileSync(join(s.preview.filesDir, NAME), `${kioskLogLines(300).join('\n')}\n`);
  });
  afterAll(async () => {
    await s.close();
  });

  for (const [width, height] of [
    [1024, 600],
    [1092, 614],
    // One column too (800x600), where the lanes went for the same reason.
    [800, 600],
  ] as const) {
    it(`at ${width}x${height} shows the Live timeline's toolbar and lanes, the log below`, async () => {
      const { page } = s;
      await page.setViewportSize({ width, height });
      await page.getByRole('button', { name: 'Live timeline' }).click();
      // The axis and at least three lanes (28 px each), with the toolbar, as the tab opens.
      await expect.poll(() => stageShown(page)).toBeGreaterThanOrEqual(112);
      expect(await toolbarShown(page)).toBe(true);
      await screenshot(page, `short-window-timeline-${String(width)}x${String(height)}`);
      await page.locator('.timeline-view .log-body').scrollIntoViewIfNeeded();
      expect(await readableRows(page)).toBeGreaterThanOrEqual(4);
    });

    it(`at ${width}x${height} shows a saved log's toolbar and lanes under its banner, the log below`, async () => {
      const { page } = s;
      await page.setViewportSize({ width, height });
      await page.getByRole('button', { name: 'Export & open' }).click();
      await page.getByRole('button', { name: `Open ${NAME}` }).click();
      await page.getByRole('region', { name: /Saved log \(read-only\)/ }).waitFor();
      await expect.poll(() => stageShown(page)).toBeGreaterThanOrEqual(112);
      expect(await toolbarShown(page)).toBe(true);
      await screenshot(page, `short-window-saved-${String(width)}x${String(height)}`);
      await page.locator('.saved-view .log-body').scrollIntoViewIfNeeded();
      expect(await readableRows(page)).toBeGreaterThanOrEqual(4);
      await screenshot(page, `short-window-saved-${String(width)}x${String(height)}-log`);
    });
  }
});
