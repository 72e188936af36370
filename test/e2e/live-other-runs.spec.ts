/**
 * The session a technician starts on arrival holds nothing of the week the kiosk ran before: its
 * search said "0 matches" of refusals two nights old, which the app itself had logged in its own
 * earlier runs. The live search is now counted in the app's other runs, each run that holds
 * matches a button that opens it, as the saved log, searched for the same.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RARE_HRESULT, kioskLogLines } from '../support/journal-traffic.js';
import { openApp, readableRows, screenshot, type Session } from './harness.js';
import { comesIntoView } from './in-view.js';

/** Two nights before today's session: the first with two refusals of RARE_HRESULT. */
const RUNS = ['run-20260105T080000000Z-aaaaaa', 'run-20260106T080000000Z-bbbbbb'] as const;

describe("the live session's search, counted in the app's earlier runs", () => {
  let s: Session;
  const journalDir = mkdtempSync(join(tmpdir(), 'mbn-e2e-live-runs-'));

  beforeAll(async () => {
    for (const [i, run] of RUNS.entries()) {
      mkdirSync(join(journalDir, run));
      const lines = kioskLogLines(10, () => ({ rareEvery: i === 0 ? 5 : 1000 }));
      writeFileSync(join(journalDir, run, 'journal-000001.jsonl'), `${lines.join('\n')}\n`);
    }
    s = await openApp({ journalDir });
  });
  afterAll(async () => {
    await s.close();
    rmSync(journalDir, { recursive: true, force: true });
  });

  it('names the earlier run that holds matches, and opens it searched for the same', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Search whole log…' }).click();
    const live = page.getByRole('region', { name: 'Search the whole log' });
    await live.getByRole('textbox', { name: 'HRESULT' }).fill(RARE_HRESULT);
    await live.getByRole('button', { name: 'Search all' }).click();
    await live
      .getByRole('status')
      .getByText(/^0 matches/)
      .waitFor();
    const others = live.getByRole('group', { name: 'Matches in the other runs' });
    await others.getByText('Not in this session; in:').waitFor();
    const open = others.getByRole('button', { name: 'Run 1 of 3, 2026-01-05 08:00: 2 matches' });
    await open.waitFor();
    expect(await others.getByRole('button').count()).toBe(1);
    await screenshot(page, 'live-other-runs');
    await open.click();
    // The Saved log view, showing that night, searched for the same.
    const banner = page.getByRole('region', { name: /Saved log \(read-only\)/ });
    await expect.poll(() => banner.textContent()).toContain('Run 1 of 3 in its journal folder.');
    const saved = page.getByRole('region', { name: 'Search the whole log' });
    await saved
      .getByRole('status')
      .getByText(/^2 matches/)
      .waitFor();
    expect(await saved.getByRole('textbox', { name: 'HRESULT' }).inputValue()).toBe(RARE_HRESULT);
    // The keyboard's focus went with the view, to the log it opened, as Open sends it.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('saved-heading');
    await screenshot(page, 'live-other-runs-opened');
  });

  // Snapped to half the screen with the search open, the view began to scroll and the log, with
  // the focus in its search, lay below the fold; the bar between the services and the log had
  // nothing left to divide, and moved the services out of sight when dragged.
  it('keeps the search where the focus is when the window is snapped to half the screen', async () => {
    const { page } = s;
    // Before any other test has scrolled the view at a narrow size (the browser keeps that place).
    await page.getByRole('button', { name: 'Live session' }).click();
    const live = page.getByRole('region', { name: 'Search the whole log' });
    const outcome = live.getByRole('combobox', { name: 'Outcome' });
    await outcome.focus();
    const divider = page.locator('.live-main > .pane-divider');
    expect(await divider.isVisible()).toBe(true);
    await page.setViewportSize({ width: 683, height: 768 });
    await comesIntoView(outcome);
    // Brought into view with its rows, not left below the devices and the services.
    await expect.poll(() => readableRows(page)).toBeGreaterThanOrEqual(4);
    await expect.poll(() => divider.isVisible()).toBe(false);
    await page.setViewportSize({ width: 1366, height: 768 });
    await expect.poll(() => divider.isVisible()).toBe(true);
  });

  // A month of nights: 8 with refusals, one garbled through by a power cut, one with a file gone.
  // The note's runs kept to a line that scrolls sideways, and what could not be searched was
  // scrolled out of sight after them.
  it('keeps what could not be searched in sight beside a month of runs', async () => {
    const { page } = s;
    for (let day = 10; day < 30; day++) {
      const run = join(journalDir, `run-202601${String(day)}T080000000Z-cccccc`);
      mkdirSync(run);
      const lines = kioskLogLines(6, () => ({ rareEvery: day < 18 ? 3 : 1000 }));
      const file = join(run, 'journal-000001.jsonl');
      if (day === 18) writeFileSync(file, `${'\u0000'.repeat(40)}\n`.repeat(30));
      else writeFileSync(file, `${lines.join('\n')}\n`);
      if (day === 19) symlinkSync(join(journalDir, 'nowhere'), join(run, 'journal-000002.jsonl'));
    }
    await page.getByRole('button', { name: 'Live session' }).click();
    const live = page.getByRole('region', { name: 'Search the whole log' });
    await live.getByRole('button', { name: 'Search all' }).click();
    const unsearched = live.getByText(
      'Not searched: run 12 (2026-01-19 08:00) of 23, unreadable; 30 damaged lines in run 11 (2026-01-18 08:00) of 23.',
    );
    await unsearched.waitFor();
    for (const [width, height] of [
      [1366, 768],
      [683, 768],
      // A short window: the search, its note and the filters more than its height.
      [800, 600],
    ] as const) {
      await page.setViewportSize({ width, height });
      await screenshot(page, `live-other-runs-month-${String(width)}x${String(height)}`);
      const box = await unsearched.boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= width).toBe(true);
      // The newest run with matches too, whose button was scrolled out of sight.
      const newest = await live
        .getByRole('button', { name: 'Run 10 of 23, 2026-01-17 08:00: 2 matches' })
        .boundingBox();
      expect(newest && newest.x >= 0 && newest.x + newest.width <= width).toBe(true);
      // At half the screen, the oldest and the newest only: each line a row of the log less.
      const group = live.getByRole('group', { name: 'Matches in the other runs' });
      const runs = group.getByRole('button', { name: /^Run \d+ of 23/ });
      await expect.poll(() => runs.count()).toBe(width < 1000 ? 2 : 3);
      // Those between, counted in a button that names them, in sight too.
      const more = await group.getByRole('button', { name: /more runs/ }).boundingBox();
      expect(more && more.x >= 0 && more.x + more.width <= width).toBe(true);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        width,
      );
      // The log below keeps rows to read: at half the screen, under the search and its note, it
      // showed its column headings and no row. Scrolled to, as a technician scrolls the view.
      const log = page.getByRole('region', { name: 'Session log' });
      await log.locator('.log-body').evaluate((body) => body.scrollIntoView({ block: 'nearest' }));
      const rowsInView = await readableRows(page);
      expect(rowsInView).toBeGreaterThanOrEqual(4);
      await screenshot(page, `live-other-runs-month-${String(width)}x${String(height)}-log`);
    }
    await page.setViewportSize({ width: 1366, height: 768 });
  });

  // A run deleted since the count: its button's failure took the whole note's place, with the
  // folder's path, and the focus went on to the first match as if it had opened.
  it('says in its place that a run deleted since is gone, and keeps the others', async () => {
    const { page } = s;
    const live = page.getByRole('region', { name: 'Search the whole log' });
    await live.getByRole('button', { name: 'Search all' }).click();
    const others = live.getByRole('group', { name: 'Matches in the other runs' });
    const first = others.getByRole('button', { name: /^Run 1 of 23, / });
    await first.waitFor();
    rmSync(join(journalDir, RUNS[0]), { recursive: true, force: true });
    await first.click();
    const failed = others.getByText(
      `Run 1 could not be opened: ${RUNS[0]} is no longer in its journal folder (deleted or moved since).`,
    );
    await failed.waitFor();
    expect(await others.getByRole('button', { name: /^Run 10 of 23, / }).count()).toBe(1);
    expect(await live.textContent()).not.toContain(journalDir);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent ?? ''))
      .toContain('Run 1 could not be opened');
    await screenshot(page, 'live-other-runs-deleted');
  });
});
