/**
 * [ and ] in a saved log whose window holds stretches apart. A reviewer stepped with ] from the
 * last request loaded and landed on a request half an hour later: the thousands of entries
 * between, not loaded, were passed over without a word. A step now brings in the entries it would
 * pass over and selects the first of them, both ways: every step is to the next entry of the log.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, screenshot, type Session } from './harness.js';
import { holdNewest, largeLogLines, savedView } from './large-saved-log.js';

const NAME = 'kiosk-steps.jsonl';
/**
 * Steps taken: a jump brings in about 100 entries either side of the one gone to, and a step
 * moves about a request's 3 entries, so these reach well past the stretch loaded.
 */
const STEPS = 80;
/**
 * The most a step may move: a request's entries, and the two more of one whose first entry was
 * brought in by the step before (the step goes on from that request's first).
 */
const MOST = 5;

describe('stepping through requests across entries not loaded', () => {
  let s: Session;
  let newest: ReturnType<typeof holdNewest>;
  const { banner, scroll, canvas } = savedView(() => s.page);
  const selectedRow = async () =>
    Number(await scroll().locator('.log-row.is-selected').getAttribute('data-seq'));
  /** Goes to a time with the search's Go to time: the entries about it are brought in alone. */
  const goTo = async (time: string) => {
    const when = s.page.getByLabel(/^Go to time/);
    await when.fill(time);
    await when.press('Enter');
  };
  /** Presses `key` STEPS times; each step's distance in rows (+ forward, - back). */
  const step = async (key: '[' | ']') => {
    await canvas().focus();
    const moves: number[] = [];
    let row = await selectedRow();
    for (let i = 0; i < STEPS; i++) {
      await s.page.keyboard.press(key);
      // A step past the entries loaded reads them from the file first: under a CI run's load
      // (the Wine suite beside it) that round trip once took longer than poll's default second.
      await expect.poll(selectedRow, { timeout: 10_000 }).not.toBe(row);
      const now = await selectedRow();
      moves.push(now - row);
      row = now;
    }
    return moves;
  };

  beforeAll(async () => {
    // The newest rows held back, as an index build holds them: the window keeps its first page
    // and what jumps bring in, with entries not loaded between.
    newest = holdNewest(true);
    s = await openApp();
    mkdirSync(s.preview.filesDir, { recursive: true });
    writeFileSync(join(s.preview.filesDir, NAME), `${largeLogLines().lines.join('\n')}\n`);
    await s.page.getByRole('button', { name: 'Export & open' }).click();
    await s.page.getByRole('button', { name: `Open ${NAME}` }).click();
    await banner().getByText('Reading… 2,000 records so far.').waitFor();
    await s.page.getByRole('button', { name: 'Search whole log…' }).click();
  }, 60_000);
  afterAll(async () => {
    await s.close();
    newest.restore();
  });

  it('] goes on to the entries after those loaded, not to the next stretch loaded', async () => {
    // A request a second from 08:00:01, three entries each: 08:40 is about row 7,200, far past
    // the first page; 08:20 (row 3,600) is between, in entries not loaded.
    await goTo('2026-01-05 08:40:00');
    await expect.poll(selectedRow, { timeout: 10_000 }).toBeGreaterThan(7000);
    await goTo('2026-01-05 08:20:00');
    await expect.poll(selectedRow, { timeout: 10_000 }).toBeLessThan(4000);
    const moves = await step(']');
    expect(moves.filter((m) => m < 1 || m > MOST)).toEqual([]);
    await screenshot(s.page, 'timeline-step-across-not-loaded');
  }, 60_000);

  it('[ goes back to the entries before those loaded, not to the stretch before', async () => {
    await goTo('2026-01-05 08:30:00');
    await expect.poll(selectedRow, { timeout: 10_000 }).toBeGreaterThan(5000);
    const moves = await step('[');
    expect(moves.filter((m) => m > -1 || m < -MOST)).toEqual([]);
  }, 60_000);
});
