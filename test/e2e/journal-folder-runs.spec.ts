/**
 * A journal folder opens its newest run. A kiosk restarted each night leaves a run a day, and the
 * drop the technician came for may be a run or three before the newest: the banner said nothing
 * of the others. It now says which run of how many is shown, and opens the run before or after.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kioskLogLines } from '../support/journal-traffic.js';
import { openApp, screenshot, type Session } from './harness.js';

const FOLDER = 'kiosk-journal';
/** Three nights' runs, of 10, 20 and 30 requests (three records each). */
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
    for (const [run, requests] of RUNS) {
      const dir = join(s.preview.filesDir, FOLDER, run);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'journal-000001.jsonl'), `${kioskLogLines(requests).join('\n')}\n`);
    }
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
    await banner.getByRole('button', { name: 'Run before' }).click();
    await expect.poll(() => banner.textContent()).toContain('Run 1 of 3 in its journal folder.');
    // The oldest: nothing before it.
    expect(await banner.getByRole('button', { name: 'Run before' }).count()).toBe(0);
    await banner.getByRole('button', { name: 'Run after' }).click();
    await expect.poll(() => banner.textContent()).toContain('Run 2 of 3');
    await screenshot(s.page, 'journal-folder-runs-middle');
  });
});
