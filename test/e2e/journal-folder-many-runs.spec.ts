/**
 * A week of nightly runs, searched in the newest: the note on the other runs names the oldest with
 * matches and the newest two, and counts those between. A review found the night of the incident
 * among those counted, "3 more runs (154 matches)", in words no key or click could open. They are
 * a button now, which names each of them, the keyboard's focus on the first.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RARE_HRESULT, kioskLogLines } from '../support/journal-traffic.js';
import { openApp, screenshot, type Session } from './harness.js';

const FOLDER = 'kiosk-week';
/** Seven nights; each but the newest has refusals with RARE_HRESULT (one in five requests). */
const NIGHTS = 7;

describe('a week of runs searched in the newest', () => {
  let s: Session;

  beforeAll(async () => {
    s = await openApp();
    for (let night = 0; night < NIGHTS; night++) {
      const run = `run-202601${String(5 + night).padStart(2, '0')}T020000000Z-${String(night).repeat(6)}`;
      const dir = join(s.preview.filesDir, FOLDER, run);
      mkdirSync(dir, { recursive: true });
      const newest = night === NIGHTS - 1;
      const lines = kioskLogLines(
        10,
        () => ({ rareEvery: newest ? 1000 : 5 }),
        Date.UTC(2026, 0, 5 + night, 2),
      );
      writeFileSync(join(dir, 'journal-000001.jsonl'), `${lines.join('\n')}\n`);
    }
    await s.page.getByRole('button', { name: 'Export & open' }).click();
    await s.page.getByRole('button', { name: `Open ${FOLDER}` }).click();
    await s.page.getByRole('region', { name: /Saved log \(read-only\)/ }).waitFor();
  });
  afterAll(async () => {
    await s.close();
  });

  it('opens the runs it counts between the oldest and the newest, each a button', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Search whole log…' }).click();
    const panel = page.getByRole('region', { name: 'Search the whole log' });
    await panel.getByRole('textbox', { name: 'HRESULT' }).fill(RARE_HRESULT);
    await panel.getByRole('button', { name: 'Search all' }).click();
    const others = panel.getByRole('group', { name: 'Matches in the other runs' });
    const more = others.getByRole('button', { name: '3 more runs (6 matches)…' });
    await more.waitFor();
    // The oldest and the newest two with matches named; the three between, counted.
    expect(await others.getByRole('button', { name: /^Run \d of 7/ }).allTextContents()).toEqual([
      'Run 1 of 7, 2026-01-05 02:00: 2 matches',
      'Run 5 of 7, 2026-01-09 02:00: 2 matches',
      'Run 6 of 7, 2026-01-10 02:00: 2 matches',
    ]);
    await more.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => others.getByRole('button', { name: /^Run \d of 7/ }).count()).toBe(6);
    expect(await more.count()).toBe(0);
    // The keyboard's focus, on the button gone, is on the first run it named.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent))
      .toBe('Run 2 of 7, 2026-01-06 02:00: 2 matches');
    await screenshot(page, 'journal-folder-many-runs-every-run');
  });
});
