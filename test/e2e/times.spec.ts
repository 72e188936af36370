/**
 * Times with their date and zone, the same in every view, and relative times in the log as
 * Wireshark offers them. The browser runs in Paris (UTC+01:00 in November) so local and UTC differ.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, screenshot, seedHistory, type Session } from './harness.js';

const LOCAL = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} \+01:00$/;
const UTC = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} Z$/;
const RELATIVE = /^[+-]\d+\.\d{3} s$|^[+-]\d+ min \d\d\.\d{3} s$/;

describe('times', () => {
  let s: Session;
  const timeCells = () => s.page.locator('.log-scroll .log-row > span:nth-child(2)');
  const timeOf = (text: RegExp) =>
    s.page
      .locator('.log-scroll .log-row', { hasText: text })
      .last()
      .locator(':scope > span:nth-child(2)');
  const mode = () => s.page.getByRole('combobox', { name: 'Times' });
  /** Time cells the column cuts short (an ellipsis where the zone should be), by their words. */
  const cutTimes = () =>
    timeCells().evaluateAll((cells) =>
      cells.filter((c) => c.scrollWidth > c.clientWidth).map((c) => c.textContent),
    );

  beforeAll(async () => {
    s = await openApp({ timezoneId: 'Europe/Paris' });
    await seedHistory(s.page);
  });
  afterAll(async () => {
    await s.close();
  });

  it('shows local time with its date and zone in the log and the selected entry', async () => {
    const times = await timeCells().allTextContents();
    expect(times.length).toBeGreaterThan(3);
    for (const t of times) expect(t).toMatch(LOCAL);
    // Whole on screen, zone and all, at 1366x768: the column once showed "+01…".
    expect(await cutTimes()).toEqual([]);
    await s.page.locator('.log-scroll .log-row', { hasText: 'E_ACCESSDENIED' }).first().click();
    const details = s.page.getByRole('region', { name: 'Selected log entry' });
    expect(await details.textContent()).toMatch(
      /#\d+ \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} \+01:00/,
    );
    await screenshot(s.page, 'times-local');
  });

  it('switches to UTC, as the exports and the CLI write it', async () => {
    await mode().selectOption('utc');
    for (const t of await timeCells().allTextContents()) expect(t).toMatch(UTC);
    await s.page.getByRole('columnheader', { name: 'Time (UTC)' }).waitFor();
  });

  it('shows the time since the previous entry', async () => {
    await mode().selectOption('since-previous');
    const times = await timeCells().allTextContents();
    for (const t of times) expect(t).toMatch(RELATIVE);
    expect(times.every((t) => !t.startsWith('-'))).toBe(true);
  });

  it('shows the time since the request was sent: the completion reads as its latency', async () => {
    await mode().selectOption('since-sent');
    // STK's close failed in its completion: that entry's time is the latency since it was sent.
    const completion = timeOf(/close #\d+ completed: E_FAIL/);
    const text = (await completion.textContent()) ?? '';
    expect(text).toMatch(RELATIVE);
    expect(Number(/[\d.]+/.exec(text)?.[0])).toBeGreaterThan(0);
    expect(await timeOf(/close data session sent to STK/).textContent()).toBe('+0.000 s');
    // An entry about no request has no such time. The log draws only the rows in view, and the
    // device entries are at its top, so show them alone first.
    const kind = s.page.getByRole('combobox', { name: 'Filter by kind' });
    await kind.selectOption('device-info');
    expect(await timeOf(/device .* initialized/).textContent()).toBe('—');
    await kind.selectOption('');
    await screenshot(s.page, 'times-since-sent');
    await mode().selectOption('local');
  });

  it('shows the sent time with date and zone in the timeline details', async () => {
    await s.page.getByRole('button', { name: 'Live timeline', exact: true }).click();
    await s.page
      .locator('.log-scroll .log-row', { hasText: 'close data session sent to STK' })
      .first()
      .click();
    await expect
      .poll(() => s.page.locator('.timeline-selected').textContent())
      .toMatch(/sent \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} \+01:00/);
    expect(await cutTimes()).toEqual([]);
    await screenshot(s.page, 'times-timeline');
  });

  // It said them in UTC beside a log in local time: an hour apart to a technician in Paris.
  it('says the overview strip’s times in the log’s zone too', async () => {
    await s.page.getByRole('button', { name: 'Live timeline', exact: true }).click();
    const strip = s.page.getByRole('slider', { name: 'Whole log overview' });
    await expect.poll(() => strip.getAttribute('aria-valuetext')).toMatch(/\+01:00$/);
    const said = async () => (await s.page.locator('#timeline-overview-help').textContent()) ?? '';
    expect(await said()).toMatch(/from .* \+01:00 to .* \+01:00/);
    await mode().selectOption('utc');
    await expect.poll(() => strip.getAttribute('aria-valuetext')).toMatch(/ Z$/);
    expect(await said()).toMatch(/from .* Z to .* Z/);
    await mode().selectOption('local');
  });
});
