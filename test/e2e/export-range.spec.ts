/**
 * Exporting only a time range, in Chromium against the preview: the boxes start on the session's
 * latest hour, a time that does not read is said beside the box before anything is sent, a range
 * with nothing in it is refused in words, and the export holds the range and says so.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './axe.js';
import { formatTimestamp } from '../../shared/time.js';
import { openApp, screenshot, seedHistory, type Session } from './harness.js';
import { comesIntoView } from './in-view.js';

describe('an export of a time range', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openApp();
    await seedHistory(s.page);
    await s.page.getByRole('button', { name: 'Export & open' }).click();
    await s.page.getByRole('radio', { name: /JSON Lines log/ }).check();
  });
  afterAll(async () => {
    await s.close();
  });

  const from = () => s.page.getByRole('textbox', { name: /^From/ });
  const to = () => s.page.getByRole('textbox', { name: /^to/ });
  const exportButton = () => s.page.getByRole('button', { name: 'Export…' });
  /** The file the range export wrote. */
  let exported = '';

  it('starts on the session’s latest hour, in the zone the log shows', async () => {
    await s.page.getByRole('radio', { name: 'Only a time range' }).check();
    const start = await from().inputValue();
    const end = await to().inputValue();
    // Local time, as the log's Time column shows it by default: date, time and zone.
    expect(start).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:00\.000 (Z|[+-]\d\d:\d\d)$/);
    expect(
      Date.parse(end.replace(' ', 'T').replace(' ', '')) -
        Date.parse(start.replace(' ', 'T').replace(' ', '')),
    ).toBe(3_600_000);
    expect(await exportButton().isEnabled()).toBe(true);
    expect(await axeViolations(s.page)).toEqual([]);
    await screenshot(s.page, 'export-range-chosen');
    // A time with its zone's offset, as the boxes start on east or west of UTC, read whole: cut
    // to "… 00:59:00.000 +01" in Berlin, and "+05" for "+05:30" would be another zone.
    await from().fill('2026-01-05 00:59:00.000 +05:30');
    expect(await from().evaluate((box) => box.scrollWidth <= box.clientWidth)).toBe(true);
    await from().fill(start);
  });

  it('says beside the box what is wrong with a time, and sends nothing until it reads', async () => {
    const end = await to().inputValue();
    await to().fill('yesterday at five');
    await s.page
      .getByText("The range's end is not a time: type it as YYYY-MM-DD hh:mm:ss")
      .waitFor();
    expect(await to().getAttribute('aria-invalid')).toBe('true');
    expect(await exportButton().isDisabled()).toBe(true);
    await screenshot(s.page, 'export-range-unreadable');
    // What was typed stays when the whole log is chosen and the range again.
    await s.page.getByRole('radio', { name: 'The whole log' }).check();
    await s.page.getByRole('radio', { name: 'Only a time range' }).check();
    expect(await to().inputValue()).toBe('yesterday at five');
    await to().fill(end);
    expect(await exportButton().isEnabled()).toBe(true);
  });

  it('refuses a range the session has nothing in, in words, and saves nothing', async () => {
    const start = await from().inputValue();
    const end = await to().inputValue();
    await from().fill('2020-01-01 00:00');
    await to().fill('2020-01-01 01:00');
    await exportButton().click();
    const alert = s.page.getByRole('alert').filter({ hasText: 'Nothing was logged' });
    await alert.waitFor();
    // Refused for what was asked, not failed, with the times to choose within (it named none).
    expect(await alert.textContent()).toMatch(
      /^Nothing was logged from 2020-01-01 .* to 2020-01-01 .*: choose a range within the log's times\. Nothing was saved\. The log's times run from \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} Z to /,
    );
    await screenshot(s.page, 'export-range-nothing-within');
    await from().fill(start);
    await to().fill(end);
  });

  it('exports the range, with the header and the confirmation saying it', async () => {
    await exportButton().click();
    const status = s.page.getByRole('status').filter({ hasText: /^Saved/ });
    await status.waitFor();
    // Seen where it is said, at 1366×768: it was drawn below the screen's bottom edge.
    await comesIntoView(status);
    expect(await status.textContent()).toMatch(
      /records from \d{4}-\d\d-\d\d \d\d:\d\d:00\.000 .* to /,
    );
    const name = (await status.locator('strong').textContent()) ?? '';
    // Offered under the hour it holds: ten attachments of one modem tell which hour each is.
    expect(name).toMatch(/_\d{4}-\d\d-\d\dT\d{4}Z-(\d{4}-\d\d-\d\dT)?\d{4}Z\.jsonl$/);
    const [header = '', ...lines] = readFileSync(join(s.preview.filesDir, name), 'utf8')
      .trim()
      .split('\n');
    const { range } = JSON.parse(header) as { range: { from: string; to: string } };
    expect(Date.parse(range.to) - Date.parse(range.from)).toBe(3_600_000);
    const times = lines.map((l) => JSON.parse(l) as { time: string; kind: string });
    // The requests the technician just made, all of them within the hour.
    expect(times.filter((r) => r.kind === 'request')).toHaveLength(3);
    for (const r of times) expect(r.time < range.to).toBe(true);
    expect(await axeViolations(s.page)).toEqual([]);
    await screenshot(s.page, 'export-range-done');
    exported = name;
  });

  it('starts over on the whole log when another log is opened, then on that log’s latest hour', async () => {
    await s.page.getByRole('button', { name: `Open ${exported}` }).click();
    await s.page.getByRole('region', { name: /Saved log \(read-only\)/ }).waitFor();
    // Its banner says it holds only the hour: its first row, the run's start, is from before it.
    const banner = await s.page.locator('.saved-banner').textContent();
    expect(banner).toMatch(
      /An export of \d{4}-\d\d-\d\d \d\d:\d\d:00\.000 \S+ to \d{4}-\d\d-\d\d \d\d:\d\d:00\.000 \S+ only, with the run's start and the devices' details from before it\./,
    );
    await screenshot(s.page, 'saved-log-range-export');
    await s.page.getByRole('button', { name: 'Export & open' }).click();
    expect(await s.page.getByRole('radio', { name: 'The whole log' }).isChecked()).toBe(true);
    // Chosen again for the saved log, the boxes start on its own latest hour: up to its newest
    // entry, wherever the clock of the machine reading it is.
    await s.page.getByRole('radio', { name: 'Only a time range' }).check();
    const lines = readFileSync(join(s.preview.filesDir, exported), 'utf8').trim().split('\n');
    const newest = Date.parse((JSON.parse(lines.at(-1) ?? '{}') as { time: string }).time);
    const end = Math.floor(newest / 60_000) * 60_000 + 60_000;
    expect(await from().inputValue()).toBe(
      formatTimestamp(new Date(end - 3_600_000).toISOString(), 'local'),
    );
    expect(await to().inputValue()).toBe(formatTimestamp(new Date(end).toISOString(), 'local'));
    await screenshot(s.page, 'export-range-saved-log');
  });

  it('starts on the hour around the entry selected in the log, the one support asked about', async () => {
    await s.page.getByRole('radio', { name: 'The whole log' }).check();
    await s.page.getByRole('button', { name: 'Saved log' }).click();
    // Found as a technician finds it in a long log: searched for, selected, the search cleared.
    await s.page.getByRole('searchbox', { name: 'Search the log' }).fill('E_ACCESSDENIED');
    await s.page
      .locator('.log-scroll .log-row')
      .filter({ hasText: 'E_ACCESSDENIED' })
      .first()
      .click();
    await s.page.getByRole('button', { name: 'Clear filters' }).click();
    await s.page.getByRole('button', { name: 'Export & open' }).click();
    await s.page.getByRole('radio', { name: 'Only a time range' }).check();
    const refused = readFileSync(join(s.preview.filesDir, exported), 'utf8')
      .split('\n')
      .find((l) => l.includes('E_ACCESSDENIED'));
    const at = Date.parse((JSON.parse(refused ?? '{}') as { time: string }).time);
    const start = Math.floor((at - 30 * 60_000) / 60_000) * 60_000;
    expect(await from().inputValue()).toBe(formatTimestamp(new Date(start).toISOString(), 'local'));
    expect(await to().inputValue()).toBe(
      formatTimestamp(new Date(start + 3_600_000).toISOString(), 'local'),
    );
    await screenshot(s.page, 'export-range-around-entry');
  });
});
