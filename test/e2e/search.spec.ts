/**
 * Whole-log search in Chromium against the preview: a technician opens a saved kiosk log, asks
 * for the failed requests of one service, sees how many there are, and jumps to one; the log
 * selects that very entry. Then "Go to the end" selects the log's last entry, and "Go to time"
 * the entry at a time read off the log, in the zone the log shows. The browser runs in Paris, so
 * local time and UTC differ by an hour.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './axe.js';
import { openApp, readableRows, screenshot, type Session } from './harness.js';
import { kioskLogLines } from '../support/journal-traffic.js';

const REQUESTS = 8000;

/** A saved log: a request a second; every 500th fails, so the Diagnostics service has five. */
function writeKioskLog(dir: string): { name: string; records: number } {
  const lines = kioskLogLines(REQUESTS, () => ({ failEvery: 500 }));
  // The preview makes its folder when it is first listed; the log is there before that.
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'kiosk-week.jsonl'), lines.join('\n') + '\n');
  // Another kiosk's log: the same traffic from another modem, opened after this one.
  const other = kioskLogLines(20, () => ({ failEvery: 500 })).map((l) =>
    l.replaceAll('0b8b6a6f0001', '0b8b6a6f0002'),
  );
  // Cut off mid-line where its power failed, and then written on.
  other.splice(10, 0, '{"v":2,"seq":11,"time":"2026-');
  writeFileSync(join(dir, 'kiosk-other.jsonl'), other.join('\n') + '\n');
  return { name: 'kiosk-week.jsonl', records: lines.length };
}

describe('search the whole log', () => {
  let s: Session;
  let records = 0;

  beforeAll(async () => {
    s = await openApp({ timezoneId: 'Europe/Paris' });
    const log = writeKioskLog(s.preview.filesDir);
    records = log.records;
    await s.page.getByRole('button', { name: 'Export & open' }).click();
    await s.page.getByRole('button', { name: `Open ${log.name}` }).click();
    await s.page.getByRole('region', { name: /Saved log \(read-only\)/ }).waitFor();
  });
  afterAll(async () => {
    await s.close();
  });

  it('finds the failed requests of one service, says how many, and jumps to one', async () => {
    const { page } = s;
    // From the keyboard: Enter on the button puts the caret in the search, where typing goes.
    await page.getByRole('button', { name: 'Search whole log…' }).focus();
    await page.keyboard.press('Enter');
    const panel = page.getByRole('region', { name: 'Search the whole log' });
    const outcome = panel.getByRole('combobox', { name: 'Outcome' });
    await expect.poll(() => outcome.evaluate((e) => e === document.activeElement)).toBe(true);
    // An HRESULT by the name the log shows (a name was cut to 10 letters and refused before).
    const status = panel.getByRole('status');
    await panel.getByRole('textbox', { name: 'HRESULT' }).fill('E_MBN_SIM_NOT_INSERTED');
    // Read whole in its box, as typed: cut to "E_MBN_SIM_N" the technician could not check it;
    // nor E_MBN_PACKET_SVC_DETACHED, cut to "…_DETACI" (a review).
    const whole = () =>
      panel
        .getByRole('textbox', { name: 'HRESULT' })
        .evaluate((box) => box.scrollWidth <= box.clientWidth);
    expect(await whole()).toBe(true);
    await panel.getByRole('textbox', { name: 'HRESULT' }).fill('E_MBN_PACKET_SVC_DETACHED');
    expect(await whole()).toBe(true);
    await panel.getByRole('textbox', { name: 'HRESULT' }).fill('E_MBN_SIM_NOT_INSERTED');
    await panel.getByRole('textbox', { name: 'HRESULT' }).press('Enter');
    await status.getByText(/^[1-9][\d,]* match/).waitFor();
    expect(await panel.getByRole('alert').count()).toBe(0);
    await panel.getByRole('textbox', { name: 'HRESULT' }).fill('');
    await outcome.selectOption({ label: 'Failed' });
    await panel.getByRole('textbox', { name: 'Service' }).fill('diagnostics');
    await panel.getByRole('button', { name: 'Search all' }).click();
    await status.getByText(/^5 matches/).waitFor();
    const hits = panel.getByRole('list', { name: /Matches/ }).getByRole('button');
    expect(await hits.count()).toBe(5);
    for (const text of await hits.allTextContents()) {
      expect(text).toContain('Failed');
      // Which modem (named as the log's rows name it: this log never describes it), which
      // service, what happened.
      expect(text).toMatch(
        /unknown model \(…0001\) · Sierra Diagnostics Stream · close #\d+ completed/,
      );
    }
    // Each hit's time whole, with its zone (the browser is in Paris: "+01:00").
    const cut = await hits
      .locator('.mono:not(.search-hit-row)')
      .evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth).length);
    expect(cut).toBe(0);

    await screenshot(page, 'search-panel-results');
    // On half a 13-inch screen too: the hits keep their time whole, and what happened stays in
    // sight beside the modem and service (looked at: search-panel-results-683x768).
    await page.setViewportSize({ width: 683, height: 768 });
    try {
      // The words on a line of their own, the hit's whole width (beside the rest, ~200 px).
      const share = await hits
        .locator('.search-hit-text')
        .evaluateAll((els) =>
          Math.min(
            ...els.map(
              (e) => e.clientWidth / (e.parentElement?.clientWidth ?? Number.POSITIVE_INFINITY),
            ),
          ),
        );
      expect(share).toBeGreaterThan(0.9);
      await screenshot(page, 'search-panel-results-683x768');
    } finally {
      await page.setViewportSize({ width: 1366, height: 768 });
    }
    const third = hits.nth(2);
    const row = Number((await third.locator('.search-hit-row').textContent())?.slice(1));
    expect(row).toBeGreaterThan(0);
    await third.click();
    const selected = page.locator('.log-scroll .log-row.is-selected');
    await selected.waitFor();
    expect(Number(await selected.getAttribute('data-seq'))).toBe(row);
    expect(await selected.textContent()).toContain('Failed');
    expect(await third.getAttribute('aria-current')).toBe('true');
    // At 1366x768 the hit and the entry it jumped to are on screen together (the search once
    // squeezed the log's rows to nothing).
    for (const shown of [third, selected]) {
      const box = await shown.boundingBox();
      expect(box).not.toBeNull();
      if (box) {
        expect(box.y).toBeGreaterThanOrEqual(0);
        expect(box.y + box.height).toBeLessThanOrEqual(768);
      }
    }
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'search-panel');

    // A box changed after the search: its count no longer answers what the boxes ask, and says so
    // until the technician searches again.
    const service = panel.getByRole('textbox', { name: 'Service' });
    await service.fill('sms');
    const stale = status.getByText(/results of the search before the boxes changed/);
    await stale.waitFor();
    await service.fill(' diagnostics ');
    await expect(stale.count()).resolves.toBe(0);
    await service.fill('');
    await stale.waitFor();
    await panel.getByRole('button', { name: 'Search all' }).click();
    await status.getByText(/^[1-9][\d,]* match/).waitFor();
    await expect(stale.count()).resolves.toBe(0);
    // Gone elsewhere after a hit (the end), no hit is marked as the one the log shows.
    await hits.nth(0).click();
    await expect.poll(() => hits.nth(0).getAttribute('aria-current')).toBe('true');
    // The view scrolled back up to the timeline, the log's rows below the fold.
    await page.evaluate(() => {
      for (const el of document.querySelectorAll('*'))
        if (el.scrollTop > 0 && !el.classList.contains('log-scroll')) el.scrollTop = 0;
    });
    await panel.getByRole('button', { name: 'Go to the end' }).click();
    await expect.poll(() => page.locator('.search-hit[aria-current="true"]').count()).toBe(0);
    // And the entry gone to is on screen, the hits listed above it: it moved only the timeline.
    const end = page.locator(`.log-scroll .log-row.is-selected[data-seq="${String(records)}"]`);
    await end.waitFor();
    const onScreen = async () => {
      const box = await end.boundingBox();
      return box !== null && box.y >= 0 && box.y + box.height <= 768;
    };
    await expect.poll(onScreen).toBe(true);
    await screenshot(page, 'search-go-to-end-1366x768');
  });

  // Opening the search scrolls the view down to the log, the banner that names the file out of
  // sight: the log's heading names it, on screen and on one line, on half a 13-inch screen too.
  it('names the log it searches in the log’s heading, in sight with the hits', async () => {
    const { page } = s;
    const heading = page.locator('.log .panel-head');
    const name = heading.locator('.log-source-name');
    for (const width of [1366, 683]) {
      await page.setViewportSize({ width, height: 768 });
      try {
        expect(await name.getAttribute('title')).toBe('kiosk-week.jsonl');
        const box = await name.boundingBox();
        expect(box).not.toBeNull();
        if (box) {
          expect(box.y).toBeGreaterThanOrEqual(0);
          expect(box.width).toBeGreaterThan(40);
        }
        // One line: the heading is as tall as its buttons.
        expect((await heading.boundingBox())?.height).toBeLessThan(48);
        if (width === 683) await screenshot(page, 'search-log-name-683x768');
      } finally {
        await page.setViewportSize({ width: 1366, height: 768 });
      }
    }
  });

  // The status said "the first 5,000 are listed" over a list of 500, with "The first 500
  // matches are listed" under it: two counts for one list. Then it said "(the first 500 are
  // listed)": the 500 were the log's first hours, and no match after them could be reached.
  it('lists every hit main sent, drawn as they come into view, and goes on after the last', async () => {
    const { page } = s;
    const panel = page.getByRole('region', { name: 'Search the whole log' });
    await panel.getByRole('textbox', { name: 'Service' }).fill('');
    await panel.getByRole('combobox', { name: 'Outcome' }).selectOption({ label: 'Succeeded' });
    await panel.getByRole('button', { name: 'Search all' }).click();
    const status = panel.getByRole('status');
    await status.getByText(/^[\d,]+ matches in /).waitFor();
    const said = (await status.textContent()) ?? '';
    expect(said).toMatch(/^[\d,]+ matches in .*; showing 1–5,000\./);
    const all = Number(/^([\d,]+) matches/.exec(said)?.[1]?.replaceAll(',', ''));
    const list = panel.getByRole('list', { name: /Matches/ });
    const hits = list.getByRole('button');
    // A few dozen drawn, of 5,000: the page stays small, whatever the count.
    expect(await hits.count()).toBeLessThan(60);
    expect(await list.locator('li').first().getAttribute('aria-setsize')).toBe('5000');
    // Scrolled to its end, the list's box shows the 5,000th hit.
    const box = panel.locator('.search-hits');
    await box.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    const last = list.locator('li[aria-posinset="5000"]');
    await last.waitFor();
    const inBox = async (row: typeof last) => {
      const [outer, inner] = [await box.boundingBox(), await row.boundingBox()];
      return (
        outer !== null &&
        inner !== null &&
        inner.y >= outer.y &&
        inner.y + inner.height <= outer.y + outer.height + 1
      );
    };
    await expect.poll(() => inBox(last)).toBe(true);
    const lastRow = Number((await last.locator('.search-hit-row').textContent())?.slice(1));
    await screenshot(page, 'search-many-hits-1366x768');

    await panel.getByRole('button', { name: 'Next matches →' }).click();
    const to = Math.min(all, 10_000).toLocaleString('en-US');
    const shown = `showing 5,001–${to} (from #${String(lastRow + 1)} on).`;
    await status.getByText(shown, { exact: false }).waitFor();
    expect(await status.textContent()).toMatch(
      new RegExp(`^${all.toLocaleString('en-US')} matches in `),
    );
    const first = list.locator('li[aria-posinset="5001"]');
    expect(await inBox(first)).toBe(true);
    const firstRow = Number((await first.locator('.search-hit-row').textContent())?.slice(1));
    expect(firstRow).toBeGreaterThan(lastRow);
    // That hit is gone to as any other.
    await first.getByRole('button').click();
    const selected = page.locator('.log-scroll .log-row.is-selected');
    await expect.poll(() => selected.getAttribute('data-seq')).toBe(String(firstRow));
    await screenshot(page, 'search-next-matches-1366x768');

    await panel.getByRole('button', { name: '← First matches' }).click();
    await status.getByText(/; showing 1–5,000\./).waitFor();
    expect(await list.locator('li').first().getAttribute('aria-posinset')).toBe('1');
  });

  // 5,000 hits a Tab each: a keyboard took thousands of presses to get past them, and End or
  // PageDown scrolled the focused hit out of the drawn rows, focus falling to the page.
  it('is one Tab stop, its hits reached with the arrow keys, Home and End', async () => {
    const { page } = s;
    const panel = page.getByRole('region', { name: 'Search the whole log' });
    await panel.getByRole('combobox', { name: 'Outcome' }).selectOption({ label: 'Succeeded' });
    await panel.getByRole('button', { name: 'Search all' }).click();
    await panel
      .getByRole('status')
      .getByText(/^[\d,]+ matches in /)
      .waitFor();
    const box = panel.locator('.search-hits');
    const focused = () =>
      page.evaluate(() => {
        const hit = document.activeElement?.closest<HTMLElement>('[data-hit]');
        return hit ? Number(hit.dataset.hit) : null;
      });
    await box.locator('[data-hit="0"]').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect.poll(focused).toBe(2);
    await page.keyboard.press('End');
    await expect.poll(focused).toBe(4999);
    // In sight in its box, not scrolled away with focus lost.
    const inBox = await page.evaluate(() => {
      const hit = document.activeElement?.closest('li')?.getBoundingClientRect();
      const list = document.querySelector('.search-hits')?.getBoundingClientRect();
      return hit && list ? hit.top >= list.top - 1 && hit.bottom <= list.bottom + 1 : false;
    });
    expect(inBox).toBe(true);
    await page.keyboard.press('PageUp');
    expect(await focused()).toBeLessThan(4999);
    await page.keyboard.press('Home');
    await expect.poll(focused).toBe(0);
    // Tab leaves the list at once, and Shift+Tab comes back to the hit it left.
    await page.keyboard.press('ArrowDown');
    await expect.poll(focused).toBe(1);
    await page.keyboard.press('Tab');
    expect(await focused()).toBeNull();
    await page.keyboard.press('Shift+Tab');
    await expect.poll(focused).toBe(1);
    // Scrolled away by the wheel, the list is still reached by Tab: at a hit it draws.
    await page.keyboard.press('End');
    await expect.poll(focused).toBe(4999);
    await box.evaluate((el) => el.scrollTo({ top: 0 }));
    await box.locator('[data-hit="0"]').waitFor();
    await expect.poll(() => box.locator('[tabindex="0"]').count()).toBe(1);
  });

  // "When did it last fail?": oldest first, the newest of thousands of matches were the last
  // page of Next matches, several clicks and searches away.
  it('lists the newest matches first on asking, goes on to older ones, and keeps the order', async () => {
    const { page } = s;
    const panel = page.getByRole('region', { name: 'Search the whole log' });
    await panel.getByRole('combobox', { name: 'Outcome' }).selectOption({ label: 'Succeeded' });
    await panel.getByRole('button', { name: 'Search all' }).click();
    const status = panel.getByRole('status');
    await status.getByText(/; showing 1–5,000\./).waitFor();
    const all = Number(
      /^([\d,]+) matches/.exec((await status.textContent()) ?? '')?.[1]?.replaceAll(',', ''),
    );
    const count = (n: number) => n.toLocaleString('en-US');
    const list = panel.getByRole('list', { name: /Matches/ });
    const rowAt = async (posinset: number) => {
      const hit = list.locator(`li[aria-posinset="${String(posinset)}"]`);
      await hit.waitFor();
      return Number((await hit.locator('.search-hit-row').textContent())?.slice(1));
    };
    try {
      await panel.getByRole('button', { name: 'Newest first' }).click();
      // Numbered as the log orders them, the list running down from the newest.
      await status
        .getByText(`showing ${count(all)}–${count(all - 4999)}, newest first.`, { exact: false })
        .waitFor();
      expect(await status.textContent()).toMatch(new RegExp(`^${count(all)} matches in `));
      // The top hit is the log's last success: every request succeeds but one in 500, and the
      // log ends with a request's completion.
      const newest = await rowAt(1);
      expect(newest).toBeGreaterThan(records - 5);
      expect(await rowAt(2)).toBeLessThan(newest);
      await screenshot(page, 'search-newest-first-1366x768');

      // Older matches goes on below the oldest listed, not from the start.
      const box = panel.locator('.search-hits');
      await box.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
      const oldestListed = await rowAt(5000);
      // From the keyboard: the button goes while the search runs, and focus then went to the
      // page (the next Tab began at its top); it goes to the first hit listed.
      await panel.getByRole('button', { name: 'Older matches →' }).focus();
      await page.keyboard.press('Enter');
      await status.getByText(`showing ${count(all - 5000)}–`, { exact: false }).waitFor();
      expect(await status.textContent()).toMatch(new RegExp(`^${count(all)} matches in `));
      expect(await rowAt(5001)).toBeLessThan(oldestListed);
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.closest('.search-hits') !== null))
        .toBe(true);

      // Asked again (another outcome), the newest come first still.
      await panel.getByRole('combobox', { name: 'Outcome' }).selectOption({ label: 'Failed' });
      await panel.getByRole('button', { name: 'Search all' }).click();
      await status.getByText(/^\d+ matches in .*, newest first\./).waitFor();
      expect(await rowAt(1)).toBeGreaterThan(await rowAt(2));
    } finally {
      await panel.getByRole('button', { name: 'Oldest first' }).click();
      await expect.poll(() => status.textContent()).toMatch(/^[\d,]+ matches in [\d.]+ MB[.;]/);
    }
  });

  // "It failed on Tuesday afternoon", of a week-long kiosk log: without a range, the technician
  // paged through thousands of hits with Next matches to reach the afternoon.
  it('finds only the hits within a time range, says the range, and keeps it on the next matches', async () => {
    const { page } = s;
    const panel = page.getByRole('region', { name: 'Search the whole log' });
    await panel.getByRole('combobox', { name: 'Outcome' }).selectOption({ label: 'Succeeded' });
    // Typed as the log's Time (local) column writes a time: Paris, an hour ahead of UTC.
    const from = panel.getByRole('textbox', { name: 'From (local)' });
    const to = panel.getByRole('textbox', { name: 'To (local)' });
    await from.fill('2026-01-05 09:10');
    await to.fill('2026-01-05 10:50');
    try {
      await panel.getByRole('button', { name: 'Search all' }).click();
      const [since, until] = [Date.parse('2026-01-05T08:10:00Z'), Date.parse('2026-01-05T09:50Z')];
      const inRange = kioskLogLines(REQUESTS, () => ({ failEvery: 500 }))
        .map((line) => JSON.parse(line) as { time: string; outcome?: string })
        .filter((r) => r.outcome === 'succeeded')
        .filter((r) => Date.parse(r.time) >= since && Date.parse(r.time) < until).length;
      const count = inRange.toLocaleString('en-US');
      const status = panel.getByRole('status');
      const range = 'from 2026-01-05 09:10 to 2026-01-05 10:50 (local)';
      await status.getByText(`${count} matches ${range} in `, { exact: false }).waitFor();
      expect(await status.textContent()).toMatch(/; showing 1–5,000\./);
      const list = panel.getByRole('list', { name: /Matches/ });
      const timeOf = async (posinset: number) => {
        const hit = list.locator(`li[aria-posinset="${String(posinset)}"]`);
        await hit.waitFor();
        return (await hit.locator('.search-hit-row + .mono').textContent()) ?? '';
      };
      // The first entry of the range, at the very time it starts.
      expect(await timeOf(1)).toBe('2026-01-05 09:10:00.000 +01:00');
      // The boxes on one row at 1366 px; the go-to controls on the status's row below them.
      const top = async (name: string) =>
        (await panel.getByRole('button', { name }).boundingBox())?.y ?? Number.NaN;
      const outcome = await panel.getByRole('combobox', { name: 'Outcome' }).boundingBox();
      const toBox = await to.boundingBox();
      expect(Math.abs((toBox?.y ?? 0) - (outcome?.y ?? 0))).toBeLessThan(4);
      const [goToEnd, next] = [await top('Go to the end'), await top('Next matches →')];
      expect(Math.abs(goToEnd - next)).toBeLessThan(4);
      // The log keeps its rows under seven hits, as before the range's boxes: eight whole ones at
      // 1366x768 (nine, as it happens to be scrolled), not five.
      expect(await readableRows(page)).toBeGreaterThanOrEqual(8);
      await screenshot(page, 'search-time-range-1366x768');

      // The next matches are of the same range: the last before it ends.
      await panel.getByRole('button', { name: 'Next matches →' }).click();
      await status.getByText(`showing 5,001–${count}`, { exact: false }).waitFor();
      expect((await status.textContent())?.startsWith(`${count} matches ${range} in `)).toBe(true);
      const box = panel.locator('.search-hits');
      await box.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
      expect(await timeOf(inRange)).toBe('2026-01-05 10:49:59.000 +01:00');

      // Newest first, its three page buttons beside the longest count line there is (a range,
      // a page below another): the log keeps its eight rows, the range its newest entry first.
      await panel.getByRole('button', { name: 'Newest first' }).click();
      await status.getByText('newest first.', { exact: false }).waitFor();
      await panel.getByRole('button', { name: 'Older matches →' }).click();
      await status.getByText(/\(before #\d+\), newest first\./).waitFor();
      expect(await readableRows(page)).toBeGreaterThanOrEqual(8);
      await screenshot(page, 'search-time-range-newest-1366x768');
      await panel.getByRole('button', { name: '← Newest matches' }).click();
      await status.getByText(`showing ${count}–`, { exact: false }).waitFor();
      expect(await timeOf(1)).toBe('2026-01-05 10:49:59.000 +01:00');
      await panel.getByRole('button', { name: 'Oldest first' }).click();
      await status.getByText('; showing 1–5,000.', { exact: false }).waitFor();

      await page.setViewportSize({ width: 683, height: 768 });
      try {
        expect(await readableRows(page)).toBeGreaterThanOrEqual(1);
        await screenshot(page, 'search-time-range-683x768');
      } finally {
        await page.setViewportSize({ width: 1366, height: 768 });
      }
    } finally {
      await from.fill('');
      await to.fill('');
    }
  });

  // "It failed on Tuesday": the date alone, as the CLI's --since and --until take it.
  it('takes a date alone in From and To as that whole day, in the zone the log shows', async () => {
    const { page } = s;
    const panel = page.getByRole('region', { name: 'Search the whole log' });
    await panel.getByRole('combobox', { name: 'Outcome' }).selectOption({ label: 'Succeeded' });
    const from = panel.getByRole('textbox', { name: 'From (local)' });
    const to = panel.getByRole('textbox', { name: 'To (local)' });
    await from.fill('2026-01-05');
    await to.fill('2026-01-05');
    try {
      await panel.getByRole('button', { name: 'Search all' }).click();
      // Paris's 5 January: 23:00 UTC the day before up to 23:00 UTC that day.
      const [since, until] = [Date.parse('2026-01-04T23:00Z'), Date.parse('2026-01-05T23:00Z')];
      const count = kioskLogLines(REQUESTS, () => ({ failEvery: 500 }))
        .map((line) => JSON.parse(line) as { time: string; outcome?: string })
        .filter((r) => r.outcome === 'succeeded')
        .filter((r) => Date.parse(r.time) >= since && Date.parse(r.time) < until)
        .length.toLocaleString('en-US');
      const status = panel.getByRole('status');
      await status
        .getByText(`${count} matches from 2026-01-05 00:00 to 2026-01-06 00:00 (local) in `, {
          exact: false,
        })
        .waitFor();
      expect(await panel.getByRole('alert').count()).toBe(0);
      await screenshot(page, 'search-date-alone-1366x768');
    } finally {
      await from.fill('');
      await to.fill('');
    }
  });

  it('says when the log’s entries run when a range matched nothing', async () => {
    const { page } = s;
    const panel = page.getByRole('region', { name: 'Search the whole log' });
    await panel.getByRole('combobox', { name: 'Outcome' }).selectOption({ label: 'Succeeded' });
    const from = panel.getByRole('textbox', { name: 'From (local)' });
    await from.fill('2026-02-01');
    try {
      await panel.getByRole('button', { name: 'Search all' }).click();
      // The kiosk log runs 08:00:01 to 10:13:20 UTC: Paris's clock an hour ahead.
      await panel
        .getByRole('status')
        .getByText(
          /^0 matches from 2026-02-01 00:00 on \(local\) in .*\. +The log’s entries run from 2026-01-05 09:00:01 to 11:13:20 \(local\)\.$/,
        )
        .waitFor();
      // The note on the status's row, beside the go-to controls, and read whole.
      const note = await panel.getByRole('status').boundingBox();
      const goToEnd = await panel.getByRole('button', { name: 'Go to the end' }).boundingBox();
      expect((note?.y ?? 0) + (note?.height ?? 0)).toBeGreaterThan(goToEnd?.y ?? Infinity);
      await screenshot(page, 'search-no-match-log-times-1366x768');
    } finally {
      await from.fill('');
    }
  });

  it('names the box whose time is not one, without searching, in the zone its label names', async () => {
    const { page } = s;
    const panel = page.getByRole('region', { name: 'Search the whole log' });
    const to = panel.getByRole('textbox', { name: 'To (local)' });
    await to.fill('tuesday 14:00');
    try {
      await panel.getByRole('button', { name: 'Search all' }).click();
      await panel
        .getByRole('alert')
        .getByText(
          'To (local): “tuesday 14:00” is not a time. Give a date and time as the log writes them, such as 2026-01-06 14:00, or a date alone for the whole day (2026-01-06).',
        )
        .waitFor();
      // Times set to UTC: the box is labelled To (UTC), and so is its problem.
      await page.getByRole('combobox', { name: 'Times' }).selectOption('utc');
      await panel
        .getByRole('alert')
        .getByText(/^To \(UTC\): “tuesday 14:00” is not a time\./)
        .waitFor();
      expect(await panel.getByText(/To \(local\)/).count()).toBe(0);
    } finally {
      await page.getByRole('combobox', { name: 'Times' }).selectOption('local');
      await panel.getByRole('textbox', { name: 'To (local)' }).fill('');
    }
  });

  it('says when the service asked for is none of the log’s, and names those it has', async () => {
    const { page } = s;
    const panel = page.getByRole('region', { name: 'Search the whole log' });
    await panel.getByRole('combobox', { name: 'Outcome' }).selectOption({ label: 'Failed' });
    await panel.getByRole('textbox', { name: 'Service' }).fill('phonebook');
    await panel.getByRole('button', { name: 'Search all' }).click();
    await panel
      .getByRole('status')
      .getByText(/No service in the log is named or numbered “phonebook”\. Its services: /)
      .waitFor();
    await panel.getByRole('textbox', { name: 'Service' }).fill('');
  });

  // "close accepted" is how the log's rows read; the records hold "outcome":"waiting". Found 0,
  // with nothing more said, it read as "it never happened".
  it('says words are looked for as logged when the words asked for match nothing', async () => {
    const { page } = s;
    const panel = page.getByRole('region', { name: 'Search the whole log' });
    await panel.getByRole('combobox', { name: 'Outcome' }).selectOption({ label: 'Any outcome' });
    const words = panel.getByRole('searchbox', { name: 'Words' });
    await words.fill('close accepted');
    await panel.getByRole('button', { name: 'Search all' }).click();
    await panel
      .getByRole('status')
      .getByText(/^0 matches in .* Words are looked for in the entries as they were logged/)
      .waitFor();
    await screenshot(page, 'search-words-as-logged');
    await words.fill('');
  });

  // An MBN request ID is given when the call returns: the entry of the request's sending holds
  // only its reference, and a search by the ID left it out without a word.
  it('names the reference that finds the sending of a request searched by its ID', async () => {
    const { page } = s;
    const panel = page.getByRole('region', { name: 'Search the whole log' });
    await panel.getByRole('combobox', { name: 'Outcome' }).selectOption({ label: 'Any outcome' });
    await panel.getByRole('textbox', { name: 'Request' }).fill('#1042');
    await panel.getByRole('button', { name: 'Search all' }).click();
    await panel
      .getByRole('status')
      .getByText(/^2 matches in .* the entry of its sending is not among these: search for r42/)
      .waitFor();
    await screenshot(page, 'search-request-id-sent-by-ref');
    await panel.getByRole('textbox', { name: 'Request' }).fill('');
  });

  it('keeps the boxes on one row at 1366 px, each hint whole, and the go-to controls on the status’s, leaving the log its rows', async () => {
    const { page } = s;
    const panel = page.getByRole('region', { name: 'Search the whole log' });
    const searchAll = await panel.getByRole('button', { name: 'Search all' }).boundingBox();
    const outcome = await panel.getByRole('combobox', { name: 'Outcome' }).boundingBox();
    const goToEnd = await panel.getByRole('button', { name: 'Go to the end' }).boundingBox();
    const status = await panel.getByRole('status').boundingBox();
    // A row of their own for the go-to controls took the log's height away on a 13-inch screen
    // (about a row): they share the status's, which is there with every search's count.
    expect((searchAll?.y ?? 0) - (outcome?.y ?? 0)).toBeLessThan(40);
    expect(goToEnd?.y ?? 0).toBeGreaterThan((searchAll?.y ?? 0) + (searchAll?.height ?? 0));
    expect(Math.abs((goToEnd?.y ?? 0) - (status?.y ?? 0))).toBeLessThan(4);
    // Each empty box says what goes in it whole (the words' said "as logged: a name, statu"), and
    // each choice of a list fits beside its arrow (the outcome's read "Sending when log").
    const cut = await panel.locator('input[placeholder], select').evaluateAll((boxes) => {
      const pen = document.createElement('canvas').getContext('2d');
      /** Chromium's arrow, drawn in a list's own room. */
      const ARROW = 20;
      return boxes.flatMap((box) => {
        const style = getComputedStyle(box);
        if (!pen) return ['no canvas'];
        pen.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
        const list = box instanceof HTMLSelectElement ? box : null;
        const room =
          box.clientWidth -
          parseFloat(style.paddingLeft) -
          parseFloat(style.paddingRight) -
          (list ? ARROW : 0);
        const texts = list
          ? [...list.options].map((o) => o.text)
          : [(box as HTMLInputElement).placeholder];
        return texts.filter((text) => pen.measureText(text).width > room);
      });
    });
    expect(cut).toEqual([]);
  });

  it('goes to the end of the log at once', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Go to the end' }).click();
    const selected = page.locator(
      `.log-scroll .log-row.is-selected[data-seq="${String(records)}"]`,
    );
    await selected.waitFor();
  });

  it('names the log’s own device, as the timeline does, and filters by it', async () => {
    const { page } = s;
    // The kiosk's modem is not one the live device list knows, and its log never names a model:
    // it is named as every view names such a modem (shared/device-name.ts), never a bare GUID.
    const kiosk = 'unknown model (…0001)';
    const device = page.locator('.log-scroll .log-row > span:nth-child(3)').first();
    expect(await device.textContent()).toBe(kiosk);
    const filter = page.getByRole('combobox', { name: 'Filter by device' });
    expect(await filter.locator('option').allTextContents()).toEqual(['All devices', kiosk]);
    await filter.selectOption({ label: kiosk });
    await page.getByText(`${records.toLocaleString('en-US')} of`).waitFor();
    await filter.selectOption('');
  });

  it('goes to a time read off a UTC row, in UTC, as its label says', async () => {
    const { page } = s;
    await page.getByRole('combobox', { name: 'Times' }).selectOption('utc');
    const when = page.getByLabel('Go to time (UTC)');
    // Typed and shown as the log writes a time, whatever the browser's locale (a date-time input
    // showed 12-hour AM/PM or day-first on some machines).
    expect(await when.getAttribute('placeholder')).toBe('YYYY-MM-DD hh:mm:ss');
    // A time the box cannot read is refused in words; once a time is read, the words go.
    await when.fill('yesterday');
    await page.getByRole('button', { name: 'Go', exact: true }).click();
    const unreadable = page.getByText(/Give a date and time as the log writes them/);
    await unreadable.waitFor();
    // Said under the form, far from the box: it names the box and what it holds, and the box is
    // marked (it read as the search's problem).
    expect(await unreadable.textContent()).toMatch(
      /^Go to time \(UTC\): “yesterday” is not a time/,
    );
    expect(await when.getAttribute('aria-invalid')).toBe('true');
    // The kiosk log sends a request a second from 08:00:01 Z: its 1500th at 08:25:00 Z.
    await when.fill('2026-01-05 08:25:00');
    expect(await when.inputValue()).toBe('2026-01-05 08:25:00');
    await page.getByRole('button', { name: 'Go', exact: true }).click();
    const selected = page.locator('.log-scroll .log-row.is-selected > span:nth-child(2)');
    await expect.poll(() => selected.textContent()).toBe('2026-01-05 08:25:00.000 Z');
    expect(await unreadable.count()).toBe(0);
    expect(await when.getAttribute('aria-invalid')).toBeNull();
    // A row's whole time cell, pasted as it is, goes to that row (Enter goes too).
    await when.fill('2026-01-05 08:20:00.000 Z');
    await when.press('Enter');
    await expect.poll(() => selected.textContent()).toBe('2026-01-05 08:20:00.000 Z');
    await screenshot(page, 'go-to-time');
    // A time after the log's end goes to its last entry, and says so (it said nothing).
    await when.fill('2026-01-06 00:00:00');
    await when.press('Enter');
    await page
      .getByText(/^The log ends before 2026-01-06 00:00:00\.000 Z: this is its last entry, at /)
      .waitFor();
    await screenshot(page, 'go-to-time-past-end');
    // Typed wrong, its words alone: beside the last jump's note they read as that jump's answer.
    await when.fill('12:00');
    await when.press('Enter');
    await unreadable.waitFor();
    expect(await page.getByText(/The log ends before/).count()).toBe(0);
    // The note is about the entry it selected: another selected, it goes.
    await when.fill('2026-01-06 00:00:00');
    await when.press('Enter');
    const pastEnd = page.getByText(/^The log ends before 2026-01-06/);
    await pastEnd.waitFor();
    await page.locator('.log-scroll .log-row:not(.is-selected)').first().click();
    await expect.poll(() => pastEnd.count()).toBe(0);
    // A time the log holds says nothing more. Waited for until it went there: still on its way,
    // its answer cleared the words a later test waits for.
    await when.fill('2026-01-05 08:20:00');
    await when.press('Enter');
    await expect.poll(() => selected.textContent()).toBe('2026-01-05 08:20:00.000 Z');
    expect(await page.getByText(/The log ends before/).count()).toBe(0);
    await page.getByRole('combobox', { name: 'Times' }).selectOption('local');
    await page.getByLabel('Go to time (local)').waitFor();
  });

  it('says what is wrong with a request that is not one, without searching', async () => {
    const panel = s.page.getByRole('region', { name: 'Search the whole log' });
    await panel.getByRole('textbox', { name: 'Request' }).fill('yesterday');
    await panel.getByRole('button', { name: 'Search all' }).click();
    await panel
      .getByRole('alert')
      .getByText(/is not a request/)
      .waitFor();
  });

  it('opens another log with neither the last one’s device filter nor its search hits', async () => {
    const { page } = s;
    const opener = page.getByRole('button', { name: 'Search whole log…' });
    if ((await opener.count()) > 0) await opener.click();
    const panel = page.getByRole('region', { name: 'Search the whole log' });
    await panel.getByRole('combobox', { name: 'Outcome' }).selectOption({ label: 'Failed' });
    await panel.getByRole('textbox', { name: 'Service' }).fill('diagnostics');
    await panel.getByRole('textbox', { name: 'Request' }).fill('');
    await panel.getByRole('button', { name: 'Search all' }).click();
    await panel
      .getByRole('status')
      .getByText(/^5 matches/)
      .waitFor();
    const filter = page.getByRole('combobox', { name: 'Filter by device' });
    await filter.selectOption({ label: 'unknown model (…0001)' });
    // A range typed for this log's day: the next log's days are its own.
    const from = panel.getByRole('textbox', { name: 'From (local)' });
    await from.fill('2026-01-05 09:10');

    await page.getByRole('button', { name: 'Export & open' }).click();
    await page.getByRole('button', { name: 'Open kiosk-other.jsonl' }).click();
    await page.getByRole('heading', { name: /kiosk-other\.jsonl/ }).waitFor();
    // Its own rows, not "No entries match the filters" under a filter for the other modem.
    expect(await filter.inputValue()).toBe('');
    await page.locator('.log-scroll .log-row').first().waitFor();
    expect(await page.getByText('No entries match the filters.').count()).toBe(0);
    // No hit of the other log, whose entry numbers would select the wrong entries here.
    expect(await panel.getByRole('list', { name: /Matches/ }).count()).toBe(0);
    expect(await panel.getByRole('status').textContent()).not.toMatch(/5 matches/);
    // Nor the last log's range; what to look for stays, to search this one for it.
    expect(await from.inputValue()).toBe('');
    expect(await panel.getByRole('textbox', { name: 'Service' }).inputValue()).toBe('diagnostics');
    // Its damaged line is said beside the count: what it held could not match.
    await panel.getByRole('textbox', { name: 'Service' }).fill('');
    await panel.getByRole('button', { name: 'Search all' }).click();
    await panel
      .getByRole('status')
      .getByText(/1 damaged line could not be read, so it was not searched\./)
      .waitFor();
    await screenshot(page, 'search-damaged-line');
  });

  // The log's height with the search open was meant for a view that scrolls: in the live
  // Timeline view the lanes, squeezed, were drawn over the search and the log's filters.
  it('in the live Timeline view the search and filters are never under the lanes', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Live timeline', exact: true }).click();
    const opener = page.getByRole('button', { name: 'Search whole log…' });
    if ((await opener.count()) > 0) await opener.click();
    await page.getByRole('region', { name: 'Search the whole log' }).waitFor();
    for (const width of [1366, 683]) {
      await page.setViewportSize({ width, height: 768 });
      try {
        const overlap = () =>
          page.evaluate(() => {
            const stage = document.querySelector('.timeline-stage')?.getBoundingClientRect();
            const log = document.querySelector('.timeline-view > .log')?.getBoundingClientRect();
            return stage && log ? stage.bottom - log.top : Infinity;
          });
        await expect.poll(overlap).toBeLessThanOrEqual(0);
        // Nor does the window itself scroll, taking the app's header and view buttons with it.
        expect(
          await page.evaluate(
            () => document.documentElement.scrollHeight - document.documentElement.clientHeight,
          ),
        ).toBeLessThanOrEqual(1);
        await screenshot(page, `search-timeline-view-${String(width)}x768`);
      } finally {
        await page.setViewportSize({ width: 1366, height: 768 });
      }
    }
  });

  // With the search open the live log kept 560px, more than half a 13-inch screen has under the
  // devices strip: it ran over the services panel's heading and the whole window scrolled. Then,
  // fitted to the window, a month of runs' count under the search left it no row. The view now
  // scrolls inside the window there (styles.css, .live[data-scrolls]): the window itself does
  // not, the services' heading is above the log, and the log has rows, each scrolled to.
  it('on half a 13-inch screen (683x768) the live log with the search open has rows, the view scrolling', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Live session' }).click();
    const opener = page.getByRole('button', { name: 'Search whole log…' });
    if ((await opener.count()) > 0) await opener.click();
    await page.getByRole('region', { name: 'Search the whole log' }).waitFor();
    await page.setViewportSize({ width: 683, height: 768 });
    try {
      const spill = () =>
        page.evaluate(
          () => document.documentElement.scrollHeight - document.documentElement.clientHeight,
        );
      await expect.poll(spill).toBeLessThanOrEqual(1);
      const heading = page.getByRole('heading', { name: /^Device services/ });
      await heading.scrollIntoViewIfNeeded();
      const [headingBox, log] = await Promise.all([
        heading.boundingBox(),
        page.locator('.live-main > .log').boundingBox(),
      ]);
      expect(
        headingBox && log && headingBox.y >= 0 && headingBox.y + headingBox.height <= log.y,
      ).toBe(true);
      await page.locator('.live-main .log-body').scrollIntoViewIfNeeded();
      expect(await readableRows(page)).toBeGreaterThanOrEqual(4);
      await screenshot(page, 'search-live-683x768');
    } finally {
      await page.setViewportSize({ width: 1366, height: 768 });
    }
  });
});
