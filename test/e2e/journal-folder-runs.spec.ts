/**
 * A journal folder opens its newest run. A kiosk restarted each night leaves a run a day, and the
 * drop the technician came for may be a run or three before the newest: the banner said nothing
 * of the others. It now says which run of how many is shown, and opens the run before or after.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RARE_HRESULT, kioskLogLines } from '../support/journal-traffic.js';
import { openApp, screenshot, type Session } from './harness.js';

const FOLDER = 'kiosk-journal';
/**
 * Three nights' runs, of 10, 20 and 30 requests (three records each); in the oldest, two are
 * refused at once with RARE_HRESULT (two records each).
 */
const RUNS = [
  ['run-20260105T080000000Z-aaaaaa', 10],
  ['run-20260106T080000000Z-bbbbbb', 20],
  ['run-20260107T080000000Z-cccccc', 30],
] as const;

describe('a journal folder of several runs, opened', () => {
  let s: Session;

  beforeAll(async () => {
    s = await openApp();
    await s.page.setViewportSize({ width: 1366, height: 697 });
    for (const [night, [run, requests]] of RUNS.entries()) {
      const dir = join(s.preview.filesDir, FOLDER, run);
      mkdirSync(dir, { recursive: true });
      const lines = kioskLogLines(
        requests,
        () => ({ rareEvery: requests === 10 ? 5 : 1000 }),
        Date.UTC(2026, 0, 5 + night, 8),
      );
      writeFileSync(join(dir, 'journal-000001.jsonl'), `${lines.join('\n')}\n`);
    }
    // The middle night's run crashed: its writer's pid (no such process) and no end written.
    writeFileSync(join(s.preview.filesDir, FOLDER, RUNS[1][0], 'writer.pid'), '2147483000\n');
    await s.page.getByRole('button', { name: 'Export & open' }).click();
    await s.page.getByRole('button', { name: `Open ${FOLDER}` }).click();
    await s.page.getByRole('region', { name: /Saved log \(read-only\)/ }).waitFor();
  });
  afterAll(async () => {
    await s.close();
  });

  it('says which run of how many it shows, and opens the one before and after', async () => {
    const banner = s.page.getByRole('region', { name: /Saved log \(read-only\)/ });
    await expect
      .poll(() => banner.textContent())
      .toContain('Run 3 of 3 in its journal folder (the newest).');
    expect(await banner.textContent()).toContain('90 records');
    await screenshot(s.page, 'journal-folder-runs-newest');
    await banner.getByRole('button', { name: 'Run before' }).click();
    await expect.poll(() => banner.textContent()).toContain('Run 2 of 3 in its journal folder.');
    expect(await banner.textContent()).toContain('60 records');
    // What a support engineer reads a crashed kiosk's week for, said where the run is named.
    await expect
      .poll(() => banner.textContent())
      .toContain('This run ended abnormally: the app or the machine stopped without closing');
    await banner.getByRole('button', { name: 'Run before' }).click();
    await expect.poll(() => banner.textContent()).toContain('Run 1 of 3 in its journal folder.');
    expect(await banner.textContent()).not.toContain('ended abnormally');
    // The oldest: nothing before it.
    expect(await banner.getByRole('button', { name: 'Run before' }).count()).toBe(0);
    await banner.getByRole('button', { name: 'Run after' }).click();
    await expect.poll(() => banner.textContent()).toContain('Run 2 of 3');
    await screenshot(s.page, 'journal-folder-runs-middle');
  });

  // The window searches the run it shows: "0 matches" in the newest said nothing of the refusals
  // two nights before. The other runs are counted once the search is done, each one that holds
  // matches a button that opens it and searches it for the same.
  it('says which other runs hold matches, and opens one searched for the same', async () => {
    const { page } = s;
    const banner = page.getByRole('region', { name: /Saved log \(read-only\)/ });
    await banner.getByRole('button', { name: 'Run after' }).click();
    await expect.poll(() => banner.textContent()).toContain('Run 3 of 3');
    await page.getByRole('button', { name: 'Search whole log…' }).click();
    const panel = page.getByRole('region', { name: 'Search the whole log' });
    await panel.getByRole('textbox', { name: 'HRESULT' }).fill(RARE_HRESULT);
    await panel.getByRole('button', { name: 'Search all' }).click();
    await panel
      .getByRole('status')
      .getByText(/^0 matches/)
      .waitFor();
    const others = panel.getByRole('group', { name: 'Matches in the other runs' });
    // Which night, in the log's time.
    const open = others.getByRole('button', { name: 'Run 1 of 3, 2026-01-05 08:00: 2 matches' });
    await open.waitFor();
    // Only the run that holds them: the middle night has none.
    expect(await others.getByRole('button').count()).toBe(1);
    await screenshot(page, 'journal-folder-runs-other-runs');
    // Half a 13-inch screen: the note keeps to its line (scrolled sideways if it must).
    await page.setViewportSize({ width: 683, height: 768 });
    await screenshot(page, 'journal-folder-runs-other-runs-683x768');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      683,
    );
    await page.setViewportSize({ width: 1366, height: 697 });
    await open.click();
    await expect.poll(() => banner.textContent()).toContain('Run 1 of 3 in its journal folder.');
    await panel
      .getByRole('status')
      .getByText(/^2 matches/)
      .waitFor();
    expect(
      await panel
        .getByRole('list', { name: /Matches/ })
        .getByRole('button')
        .count(),
    ).toBe(2);
    await panel.getByText('None in its journal folder’s 2 other runs.').waitFor();
    // The button went with the log it was in: the keyboard's focus is on the first match.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.closest('.search-hits') !== null))
      .toBe(true);
    // The same search in the other order counts no differently: the count stays.
    await panel.getByRole('button', { name: 'Newest first' }).click();
    await panel
      .getByRole('status')
      .getByText(/^2 matches/)
      .waitFor();
    expect(await panel.getByText('None in its journal folder’s 2 other runs.').count()).toBe(1);
    await screenshot(page, 'journal-folder-runs-other-run-opened');
  });

  // The week a support engineer asks for: the window exported the run it showed, one a time (a
  // review: seven exports, or the command line). Every run of the folder goes in one file.
  it('exports every run of the journal folder in one file, oldest first', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Export & open' }).click();
    const every = page.getByRole('radio', {
      name: 'Every run of its journal folder (3 runs, oldest first, in one file)',
    });
    await every.check();
    await page.getByRole('radio', { name: /JSON Lines log/ }).check();
    await screenshot(page, 'journal-folder-runs-export-every-run');
    await page.getByRole('button', { name: 'Export…' }).click();
    const status = page.getByRole('status').filter({ hasText: /^Saved/ });
    await status.waitFor();
    const name = (await status.locator('strong').textContent()) ?? '';
    // Named by the folder's first and last times: the week's nights, not the export's time.
    expect(name).toMatch(/_2026-01-05T\d{4}Z-2026-01-07T\d{4}Z\.jsonl$/);
    const records = readFileSync(join(s.preview.filesDir, name), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => JSON.parse(line) as { kind: string; time: string });
    // Each night's requests (three records each; the oldest's two refused at once, two each),
    // oldest first.
    expect(records.length).toBe(3 * (10 + 20 + 30) - 2);
    expect(records.map((r) => r.time.slice(0, 10)).filter((d, i, all) => d !== all[i - 1])).toEqual(
      ['2026-01-05', '2026-01-06', '2026-01-07'],
    );
    expect(await status.textContent()).toContain('178 records');
    await screenshot(page, 'journal-folder-runs-exported-every-run');
    await page.getByRole('button', { name: 'Saved log' }).click();
  });

  // Go to time in one night's run, asked for the next night: it went to the run's last entry
  // ("the log ends before"), a day away, and said nothing of the run that holds the time (a
  // review). It says which run does, and opens it there.
  it('says which run holds a time outside the one open, and opens it at that time', async () => {
    const { page } = s;
    const banner = page.getByRole('region', { name: /Saved log \(read-only\)/ });
    await expect.poll(() => banner.textContent()).toContain('Run 1 of 3');
    await page.getByRole('combobox', { name: 'Times' }).selectOption('utc');
    const when = page.getByLabel('Go to time (UTC)');
    await when.fill('2026-01-06 08:00:10');
    await when.press('Enter');
    const note = page.getByText(/^The log ends before 2026-01-06 08:00:10\.000 Z: /);
    await note.waitFor();
    expect(await note.textContent()).toContain(
      'That time is in run 2 of 3, started 2026-01-06 08:00.',
    );
    await screenshot(page, 'journal-folder-runs-time-in-other-run');
    await page.getByRole('button', { name: 'Open run 2 at that time' }).click();
    await expect.poll(() => banner.textContent()).toContain('Run 2 of 3 in its journal folder.');
    const selected = page.locator('.log-scroll .log-row.is-selected > span:nth-child(2)');
    await expect.poll(() => selected.textContent()).toBe('2026-01-06 08:00:10.000 Z');
    await screenshot(page, 'journal-folder-runs-time-in-other-run-opened');
    // Back to the oldest, as the test after this one expects.
    await banner.getByRole('button', { name: 'Run before' }).click();
    await expect.poll(() => banner.textContent()).toContain('Run 1 of 3');
  });

  // A run deleted since the banner named it: its button opened a file dialog in the app, and did
  // nothing at all in the preview. It is said in the banner, where the button was pressed.
  it('says in the banner that a run deleted since is gone', async () => {
    const { page } = s;
    const banner = page.getByRole('region', { name: /Saved log \(read-only\)/ });
    await expect.poll(() => banner.textContent()).toContain('Run 1 of 3');
    rmSync(join(s.preview.filesDir, FOLDER, RUNS[1][0]), { recursive: true, force: true });
    await banner.getByRole('button', { name: 'Run after' }).click();
    await banner
      .getByRole('alert')
      .getByText(`${RUNS[1][0]} is no longer in its journal folder (deleted or moved since).`)
      .waitFor();
    // Still the run it was in, and the Open panel holds no word of it.
    expect(await banner.textContent()).toContain('Run 1 of 3');
    await page.getByRole('button', { name: 'Export & open' }).click();
    expect(await page.getByText('is no longer in its journal folder').count()).toBe(0);
    await page.getByRole('button', { name: 'Saved log' }).click();
  });
});
