/**
 * Go to time in a kiosk log whose clock was set back an hour mid-way (a time sync on a machine
 * whose clock ran fast): the minute asked for is in the log twice. The technician is told, shown
 * the first, and can go to the second, and back, in one click each; each time the log selects an
 * entry at the time asked.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, screenshot, type Session } from './harness.js';
import { kioskLogLines } from '../support/journal-traffic.js';

const HOUR = 3600 * 1000;

/** A request a second from 08:00:01 Z; after the 5000th (09:23:20) the clock goes back an hour. */
function writeSteppedLog(dir: string): string {
  const lines = kioskLogLines(8000).map((line) => {
    const record = JSON.parse(line) as { time: string; mono: number };
    if (record.mono <= 5000 * 1000) return line;
    record.time = new Date(Date.parse(record.time) - HOUR).toISOString();
    return JSON.stringify(record);
  });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'kiosk-time-sync.jsonl'), lines.join('\n') + '\n');
  return 'kiosk-time-sync.jsonl';
}

describe('Go to time where the clock was set back', () => {
  let s: Session;

  beforeAll(async () => {
    s = await openApp();
    const name = writeSteppedLog(s.preview.filesDir);
    await s.page.getByRole('button', { name: 'Export & open' }).click();
    await s.page.getByRole('button', { name: `Open ${name}` }).click();
    await s.page.getByRole('region', { name: /Saved log \(read-only\)/ }).waitFor();
  });
  afterAll(async () => {
    await s.close();
  });

  it('says the time is in the log twice, shows the first, and goes to the second and back', async () => {
    const { page } = s;
    await page.getByRole('combobox', { name: 'Times' }).selectOption('utc');
    await page.getByRole('button', { name: 'Search whole log…' }).click();
    const when = page.getByLabel('Go to time (UTC)');
    // 08:30:00 Z: the 1800th request, and after the clock went back, the 5400th.
    await when.fill('2026-01-05 08:30:00');
    await when.press('Enter');
    const selected = page.locator('.log-scroll .log-row.is-selected');
    const selectedTime = selected.locator('> span:nth-child(2)');
    await expect.poll(() => selectedTime.textContent()).toBe('2026-01-05 08:30:00.000 Z');
    const note = page.getByText(
      /^The clock showed 2026-01-05 08:30:00\.000 Z twice in this log: it was set back in between\. This is the (first|second) time\./,
    );
    await note.waitFor();
    expect(await note.textContent()).toContain('This is the first time.');
    const first = await selected.textContent();
    await screenshot(page, 'go-to-time-clock-set-back');

    await page.getByRole('button', { name: 'Show the second' }).click();
    await expect.poll(() => note.textContent()).toContain('This is the second time.');
    await expect.poll(() => selectedTime.textContent()).toBe('2026-01-05 08:30:00.000 Z');
    const second = await selected.textContent();
    expect(second).not.toBe(first);
    await screenshot(page, 'go-to-time-clock-set-back-second');

    await page.getByRole('button', { name: 'Show the first' }).click();
    await expect.poll(() => note.textContent()).toContain('This is the first time.');
    await expect.poll(() => selected.textContent()).toBe(first);
  });

  it('says nothing more of a time the clock showed once', async () => {
    const { page } = s;
    const when = page.getByLabel('Go to time (UTC)');
    // 08:10:00 Z: before the hour the clock went back over.
    await when.fill('2026-01-05 08:10:00');
    await when.press('Enter');
    const selectedTime = page.locator('.log-scroll .log-row.is-selected > span:nth-child(2)');
    await expect.poll(() => selectedTime.textContent()).toBe('2026-01-05 08:10:00.000 Z');
    expect(await page.getByText(/The clock showed/).count()).toBe(0);
  });
});
