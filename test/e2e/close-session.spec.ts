/**
 * The technician's core flows on the default scenario: close an open session and read the
 * completion with its latency; a service that answers access denied; a session that is not open
 * and needs a deliberate second step.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, screenshot, serviceRow, type Session } from './harness.js';

describe('closing sessions in the browser preview', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openApp();
  });
  afterAll(async () => {
    await s.close();
  });

  it('closes an open session and shows the completion with its latency', async () => {
    const row = serviceRow(s.page, 'Sierra diagnostics stream');
    await expect(row.getByText('Open', { exact: true }).isVisible()).resolves.toBe(true);
    await row.getByRole('button', { name: 'Close session: Sierra diagnostics stream' }).click();
    const outcome = row.locator('.outcome');
    await outcome.getByText(/^Close #\d+: succeeded in \d+ ms$/).waitFor();
    expect(await outcome.textContent()).toContain('S_OK');
    await row.getByText('Closed', { exact: true }).waitFor();
    // The same completion in the log, with its latency.
    const logRow = s.page.locator('.log-row', {
      hasText: /close #\d+ completed: S_OK .* after [\d.]+ ms/,
    });
    await logRow.first().waitFor();
    // The outcome, on its own line under the service, is in the services panel's view: the
    // service is near the table's end, and the outcome came below the panel's edge.
    const panel = await s.page.locator('.services .table-scroll').boundingBox();
    const shown = await outcome.boundingBox();
    expect(shown && panel).toBeTruthy();
    if (shown && panel)
      expect(shown.y + shown.height).toBeLessThanOrEqual(panel.y + panel.height + 1);
    await screenshot(s.page, 'main-after-close');
  });

  it('shows access denied with its name and meaning, and starts no request', async () => {
    const row = serviceRow(s.page, 'SMS');
    await row.getByRole('button', { name: 'Close session: SMS' }).click();
    const outcome = row.locator('.outcome');
    await outcome.getByText('Close: refused at once').waitFor();
    const text = (await outcome.textContent()) ?? '';
    expect(text).toContain('E_ACCESSDENIED');
    expect(text).toMatch(/access/i);
    expect(text).toContain('no request was started');
    await expect(row.getByText('Open', { exact: true }).isVisible()).resolves.toBe(true);
  });

  it('asks for a second step before closing a session that is not open', async () => {
    const row = serviceRow(s.page, 'USSD');
    const before = await s.page
      .locator('.log-row', { hasText: 'close data session sent to USSD' })
      .count();
    await row.getByRole('button', { name: 'Close session (not open): USSD' }).click();
    const confirm = row.getByRole('group', { name: 'Confirm Close for USSD' });
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('The session is closed. Send Close anyway?');
    await screenshot(s.page, 'confirm-close-not-open');
    // Nothing was sent by the first click.
    expect(
      await s.page.locator('.log-row', { hasText: 'close data session sent to USSD' }).count(),
    ).toBe(before);
    // From the keyboard (the focus is on it): refused at once, the focus goes back to Close.
    await s.page.keyboard.press('Enter');
    const outcome = row.locator('.outcome');
    await outcome.getByText('Close: refused at once').waitFor();
    await expect
      .poll(() => s.page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('Close session (not open): USSD');
    expect(await outcome.textContent()).toContain('Sent although the data session was not open.');
    await s.page
      .locator('.log-row', {
        hasText: 'close data session sent to USSD (the data session was not open)',
      })
      .waitFor();
  });

  it('shows a close that is waiting for its completion with its request ID', async () => {
    const row = serviceRow(s.page, 'Phonebook');
    // From the keyboard: the focus stays where the button was, on the pending one.
    await row.getByRole('button', { name: 'Close session: Phonebook' }).focus();
    await s.page.keyboard.press('Enter');
    await row.getByRole('button', { name: /^Closing… request #\d+$/ }).waitFor();
    await expect
      .poll(() => s.page.evaluate(() => document.activeElement?.textContent))
      .toMatch(/^Closing… request #\d+$/);
    await row
      .locator('.outcome')
      .getByText(/^Close #\d+: waiting$/)
      .waitFor();
    await row.getByText('Closing…', { exact: true }).waitFor();
  });

  it('offers Open Session where the session is closed, through the same request path', async () => {
    await s.page.getByRole('button', { name: /EM120R-GL/ }).click();
    const row = serviceRow(s.page, 'Quectel QDSS trace');
    await row.getByRole('button', { name: 'Open session: Quectel QDSS trace' }).focus();
    await s.page.keyboard.press('Enter');
    await row
      .locator('.outcome')
      .getByText(/^Open #\d+: succeeded in \d+ ms$/)
      .waitFor();
    // Once the request ends the focus is on Close, the next thing to do, not on the page's top.
    await expect
      .poll(() => s.page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('Close session: Quectel QDSS trace');
    await row.getByText('Open', { exact: true }).waitFor();
    // Once open, the QDSS trace streams read data into the log.
    await s.page
      .locator('.log-row', { hasText: 'bytes read from Quectel QDSS trace' })
      .first()
      .waitFor();
  });

  it('loads under its Content-Security-Policy without violations', () => {
    expect(s.pageErrors.filter((e) => /Content Security Policy|Refused to/i.test(e))).toEqual([]);
  });

  // A technician's review found one console error on every start: the icon the page never named,
  // asked for as /favicon.ico, a 404. The console is where a support person looks for trouble.
  it('has said nothing in its console by the end of a technician’s closes', () => {
    expect(s.pageErrors).toEqual([]);
  });
});
