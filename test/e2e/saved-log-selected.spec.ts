/**
 * The entry a technician jumped to in a saved log, at 1366x768, stays in sight with the fact they
 * came for. A technician's review found two ways it did not: a refused request's details under the
 * timeline keep three lines, and the outcome's words (a long device and service name beside them)
 * took two, so its E_ACCESSDENIED was the line scrolled out of sight; and after a search's hit
 * was clicked, hiding the search left the entry jumped to half under the log box's edge.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kioskLogLines } from '../support/journal-traffic.js';
import { openApp, screenshot, type Session } from './harness.js';

const NAME = 'kiosk-refused.jsonl';
/** Request 150: to the diagnostics stream (every third is), refused with E_ACCESSDENIED. */
const REFUSED = 150;

/** Whether `inner` is whole within `outer`'s box on screen. */
async function wholeIn(inner: Locator, outer: Locator): Promise<boolean> {
  const [a, b] = [await inner.boundingBox(), await outer.boundingBox()];
  return a !== null && b !== null && a.y >= b.y - 0.5 && a.y + a.height <= b.y + b.height + 0.5;
}

describe('the entry jumped to in a saved log', () => {
  let s: Session;

  beforeAll(async () => {
    s = await openApp();
    const lines = kioskLogLines(300, (n) => (n === REFUSED ? { rareEvery: REFUSED } : {}));
    mkdirSync(s.preview.filesDir, { recursive: true });
    writeFileSync(join(s.preview.filesDir, NAME), `${lines.join('\n')}\n`);
    await s.page.getByRole('button', { name: 'Export & open' }).click();
    await s.page.getByRole('button', { name: `Open ${NAME}` }).click();
    await s.page.getByRole('region', { name: /Saved log \(read-only\)/ }).waitFor();
  });
  afterAll(async () => {
    await s.close();
  });

  it('shows a refused request’s HRESULT in the timeline’s details without scrolling them', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Search whole log…' }).click();
    const panel = page.getByRole('region', { name: 'Search the whole log' });
    await panel.getByRole('textbox', { name: 'HRESULT' }).fill('E_ACCESSDENIED');
    await panel.getByRole('button', { name: 'Search all' }).click();
    await panel
      .getByRole('status')
      .getByText(/^1 match/)
      .waitFor();
    await panel
      .getByRole('list', { name: /Matches/ })
      .getByRole('button')
      .click();
    await page.getByRole('button', { name: 'Hide search' }).click();
    const details = page.locator('main.saved-view .timeline-selected');
    await expect.poll(() => details.textContent()).toContain('Sierra Diagnostics Stream');
    // The outcome's words run to a second line beside the copy buttons: the code still shows.
    const code = details.locator('.span-code');
    expect(await code.textContent()).toContain('The call returned E_ACCESSDENIED (0x80070005)');
    expect(await wholeIn(code, details)).toBe(true);
    // And what to try, as the services panel and the report advise it (the box scrolls to it).
    expect(await details.textContent()).toContain(
      'What to try: Run the app as the user or service account the device service is meant for',
    );
    await screenshot(page, 'saved-log-refused-details');
  });

  it('keeps the entry a search hit selected in sight when the search is hidden', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Search whole log…' }).click();
    const panel = page.getByRole('region', { name: 'Search the whole log' });
    await panel.getByRole('textbox', { name: 'HRESULT' }).fill('');
    await panel.getByRole('combobox', { name: 'Outcome' }).selectOption({ label: 'Failed' });
    await panel.getByRole('button', { name: 'Search all' }).click();
    await panel
      .getByRole('status')
      .getByText(/^5 matches/)
      .waitFor();
    const hits = panel.getByRole('list', { name: /Matches/ }).getByRole('button');
    await hits.nth(3).click();
    const selected = page.locator('.log-scroll .log-row.is-selected');
    await selected.waitFor();
    const box = page.locator('main.saved-view .log-scroll');
    await expect.poll(() => wholeIn(selected, box)).toBe(true);
    await page.getByRole('button', { name: 'Hide search' }).click();
    await panel.waitFor({ state: 'detached' });
    await expect.poll(() => wholeIn(selected, box)).toBe(true);
    await screenshot(page, 'saved-log-selected-search-hidden');
    // What a screen reader hears of it: a saved log has no live for End to return to.
    expect(await box.getAttribute('aria-label')).toMatch(
      /^Saved log entries: .*End goes to the last entry$/,
    );
  });
});
