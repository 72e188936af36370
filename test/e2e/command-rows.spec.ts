/**
 * A technician who sent a few device-service commands scans the log for their answers: each
 * completion row names the command it answered, as its request's row does, in the log's Details
 * column on a 13-inch screen (1366×768), in the selected entry's details, and for the text filter.
 * Screenshots at 1366×768.
 */
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, screenshot, serviceRow, type Session } from './harness.js';

describe('the log rows of device-service commands', () => {
  let s: Session;
  const logRows = () => s.page.locator('.log-scroll .log-row');

  /** Unfolds a service's Commands section, lists its commands and opens its command session. */
  async function prepare(name: string): Promise<Locator> {
    await serviceRow(s.page, name)
      .getByRole('button', { name: `Commands: ${name}` })
      .click();
    const section = s.page.getByRole('region', { name: `Commands of ${name}` });
    await section.getByRole('button', { name: 'List commands' }).click();
    await section.getByRole('button', { name: 'List again' }).waitFor();
    await section.getByRole('button', { name: 'Open command session' }).click();
    await section.getByRole('button', { name: 'Close command session' }).waitFor();
    return section;
  }

  /** Queries `cid` and waits for its completion to show in the section's last result. */
  async function query(section: Locator, cid: number, unlisted = false): Promise<void> {
    const result = section.getByRole('group', { name: 'Last command' });
    const answer = /Query #(\d+): (succeeded|failed)/;
    const before =
      (await result.count()) === 0 ? null : answer.exec((await result.textContent()) ?? '')?.[1];
    await section.getByRole('combobox', { name: 'Command ID' }).fill(String(cid));
    if (unlisted) {
      await section.getByRole('button', { name: 'Query (not listed)…' }).click();
      await section.getByRole('button', { name: 'Send Query anyway' }).click();
    } else await section.getByRole('button', { name: 'Query', exact: true }).click();
    // This query's answer, not the one before it.
    const done = result.getByText(
      new RegExp(`Query #(?!${before ?? 'none'}:)\\d+: (succeeded|failed)`),
    );
    await done.waitFor();
    const id = answer.exec((await done.textContent()) ?? '')?.[1] ?? '';
    // Its completion in the log, however its row words it.
    await s.page.locator('.log-row', { hasText: `#${id} completed` }).waitFor();
  }

  /** Whether the start of `row`'s details, as far as `words`, is on screen, not cut off. */
  function readsWhole(row: Locator, words: string): Promise<boolean> {
    return row.locator('.log-text').evaluate((el, length) => {
      const text = el.firstChild ?? el;
      const range = document.createRange();
      range.setStart(text, 0);
      range.setEnd(text, length);
      return range.getBoundingClientRect().right <= el.getBoundingClientRect().right;
    }, words.length);
  }

  beforeAll(async () => {
    s = await openApp();
    const basic = await prepare('Basic Connect');
    await query(basic, 3);
    await query(basic, 11);
    const diag = await prepare('Sierra diagnostics stream');
    await query(diag, 2);
    // Not in the vendor service's list: the simulated modem answers ERROR_NOT_SUPPORTED.
    await query(diag, 9, true);
    // Folded again (one service's unfolds at a time): the log gets the window's height back, as
    // a technician reading it would.
    await serviceRow(s.page, 'Sierra diagnostics stream')
      .getByRole('button', { name: 'Commands: Sierra diagnostics stream' })
      .click();
    await diag.waitFor({ state: 'detached' });
  });
  afterAll(async () => {
    await s.close();
  });

  it('name the command on each completion, as on its request', async () => {
    const completions = s.page.getByRole('combobox', { name: 'Filter by kind' });
    await completions.selectOption('completion');
    await s.page.getByText(/entries match$/).waitFor();
    const texts = await logRows().locator('.log-text').allTextContents();
    for (const words of [
      /^query RADIO_STATE \(CID 3\) #\d+ completed: S_OK/,
      /^query SIGNAL_STATE \(CID 11\) #\d+ completed: S_OK/,
      /^query CID 2 #\d+ completed: S_OK/,
      /^query CID 9 #\d+ completed: HRESULT_FROM_WIN32\(ERROR_NOT_SUPPORTED\)/,
    ])
      expect(texts.filter((t) => words.test(t))).toHaveLength(1);
    // The command opens the cell, where the Details column, cut short, still shows it.
    const failed = logRows().filter({ hasText: 'CID 9' });
    expect(await readsWhole(failed, 'query CID 9')).toBe(true);
    expect(
      await readsWhole(logRows().filter({ hasText: 'CID 3' }), 'query RADIO_STATE (CID 3)'),
    ).toBe(true);
    await screenshot(s.page, 'command-rows-completions');
    // Selected, it reads in full with the command.
    await failed.click();
    const details = s.page.getByRole('region', { name: 'Selected log entry' });
    expect(await details.textContent()).toMatch(
      /query CID 9 #\d+ completed: HRESULT_FROM_WIN32\(ERROR_NOT_SUPPORTED\) \(0x80070032\)/,
    );
    await s.page.locator('#log').press('Escape');
    await completions.selectOption('');
  });

  // The report and the CLI show what a command was answered, decoded; the log's selected entry
  // said only "response 3 with 8 bytes".
  it('read their answer, decoded, in the selected entry', async () => {
    const completions = s.page.getByRole('combobox', { name: 'Filter by kind' });
    await completions.selectOption('completion');
    await s.page.getByText(/entries match$/).waitFor();
    await logRows().filter({ hasText: 'RADIO_STATE (CID 3)' }).click();
    const details = s.page.getByRole('region', { name: 'Selected log entry' });
    await expect
      .poll(() => details.locator('.entry-answer').textContent())
      .toBe('MBIM_RADIO_STATE_INFO: Hardware radio On · Software radio On');
    await screenshot(s.page, 'command-rows-answer');
    // Copied with it, for the ticket.
    await s.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await details.getByRole('button', { name: 'Copy', exact: true }).click();
    await details.getByText(/^Copied #\d+ as text/).waitFor();
    expect(await s.page.evaluate(() => navigator.clipboard.readText())).toMatch(
      /response 3 with 8 bytes — MBIM_RADIO_STATE_INFO: Hardware radio On · Software radio On$/,
    );
    await s.page.locator('#log').press('Escape');
    await completions.selectOption('');
  });

  it('are found by the command they name, the completion with its request', async () => {
    const text = s.page.getByRole('searchbox', { name: 'Search the log' });
    await text.fill('CID 9');
    await s.page.getByText(/entries match$/).waitFor();
    // Read until the rows are there: on a busy machine (load 15) they were read empty just after
    // the count appeared.
    await expect
      .poll(() => logRows().locator('.log-text').allTextContents())
      .toEqual([
        expect.stringMatching(/^query CID 9, 0 bytes sent to Sierra diagnostics stream/),
        expect.stringMatching(/^query CID 9 accepted, request #\d+/),
        expect.stringMatching(/^query CID 9 #\d+ completed: HRESULT_FROM_WIN32/),
      ]);
    await s.page.getByRole('button', { name: 'Clear filters' }).click();
    await s.page.getByText(/entries match$/).waitFor({ state: 'detached' });
  });

  it('read on a 13-inch screen: the whole log of a few commands', async () => {
    await logRows().filter({ hasText: 'CID 9' }).first().waitFor();
    await screenshot(s.page, 'command-rows-log');
    // On half the screen the details keep 150 px: the command still opens them.
    await s.page.setViewportSize({ width: 683, height: 768 });
    try {
      const failed = logRows().filter({ hasText: /CID 9 #\d+ completed/ });
      await expect.poll(() => readsWhole(failed, 'query CID 9')).toBe(true);
      await screenshot(s.page, 'command-rows-683x768');
    } finally {
      await s.page.setViewportSize({ width: 1366, height: 768 });
    }
    expect(s.pageErrors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
  });
});
