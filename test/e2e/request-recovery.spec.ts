/**
 * An overdue request is neither forgotten nor a dead end (issue 9, items 2–4): after a reload the
 * window asks main for every service's last request, so an overdue close still says overdue and
 * Close stays disabled; "Stop waiting" records the request as given up, frees the service for a
 * second close, and a completion that comes afterwards is still matched (late). Every outcome says
 * what to try next. Uses test/fixtures/ui-slow-completion.json (the vendor service's close
 * completes after 2.5 s, Phonebook's never) with an 800 ms timeout.
 */
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './axe.js';
import { openApp, screenshot, seedHistory, serviceRow, type Session } from './harness.js';

describe('overdue requests survive a reload and can be given up', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openApp({
      choice: 'simulator',
      scenarioPath: resolve('test/fixtures/ui-slow-completion.json'),
      timeoutMs: 800,
    });
  });
  afterAll(async () => {
    await s.close();
  });

  it('keeps an overdue close overdue, with Close disabled, after a reload', async () => {
    const row = serviceRow(s.page, 'Phonebook');
    await row.getByRole('button', { name: 'Close session: Phonebook' }).click();
    await row
      .locator('.outcome')
      .getByText(/^Close #\d+: overdue$/)
      .waitFor();

    await s.page.reload();
    await s.page.getByRole('button', { name: /EM7565/ }).waitFor();
    const after = serviceRow(s.page, 'Phonebook');
    await after
      .locator('.outcome')
      .getByText(/^Close #\d+: overdue$/)
      .waitFor();
    const pending = after.getByRole('button', { name: /^Closing… request #\d+/ });
    expect(await pending.isDisabled()).toBe(true);
    expect(await after.getByRole('button', { name: /^Close session/ }).count()).toBe(0);
    // What to try next is said under the outcome.
    expect(await after.locator('.outcome-next').textContent()).toContain('Keep waiting a little');
    // The page's own errors (a missing favicon's 404 on reload is the browser's, not the app's).
    expect(s.pageErrors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
    // The overdue offer (Stop waiting / Keep waiting) and the advice pass axe.
    expect(await axeViolations(s.page)).toEqual([]);
    await screenshot(s.page, 'recovery-reloaded-overdue');
    // From the keyboard, Keep waiting folds away and hands the focus to Stop waiting, not to the
    // top of the page.
    await after.getByRole('button', { name: 'Keep waiting: Phonebook' }).focus();
    await s.page.keyboard.press('Enter');
    await expect
      .poll(() => s.page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('Stop waiting: Phonebook');
  });

  it('stops waiting: journaled as given up, Close enabled again, and a second close is sent', async () => {
    const row = serviceRow(s.page, 'Phonebook');
    const first = await row.locator('.outcome-label').textContent();
    // From the keyboard (the focus is on it since Keep waiting): once the service is free, the
    // focus is on Close, where the next step is.
    await row.getByRole('button', { name: 'Stop waiting: Phonebook' }).focus();
    await s.page.keyboard.press('Enter');
    await row
      .locator('.outcome')
      .getByText(/^Close #\d+: given up$/)
      .waitFor();
    await expect
      .poll(() => s.page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('Close session: Phonebook');
    await s.page.locator('.log-row', { hasText: /close #\d+ given up by the user/ }).waitFor();
    await screenshot(s.page, 'recovery-given-up');

    const close = row.getByRole('button', { name: 'Close session: Phonebook' });
    expect(await close.isEnabled()).toBe(true);
    await close.click();
    await row
      .locator('.outcome')
      .getByText(/^Close #\d+: (waiting|overdue)$/)
      .waitFor();
    expect(await row.locator('.outcome-label').textContent()).not.toBe(first);
  });

  it('still matches a completion that comes after giving up, as late', async () => {
    const row = serviceRow(s.page, 'Sierra diagnostics stream');
    await row.getByRole('button', { name: 'Close session: Sierra diagnostics stream' }).click();
    await row.getByRole('button', { name: 'Stop waiting: Sierra diagnostics stream' }).click();
    await row
      .locator('.outcome')
      .getByText(/^Close #\d+: given up$/)
      .waitFor();
    await row
      .locator('.outcome')
      .getByText(/^Close #\d+: late, succeeded in [\d.]+ s$/)
      .waitFor({ timeout: 10_000 });
    expect(await row.locator('.outcome').textContent()).toContain(
      'You had stopped waiting for it before its completion came.',
    );
    await screenshot(s.page, 'recovery-late-after-give-up');
  });
});

describe('what to try next, on the default simulator', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openApp({ choice: 'simulator' });
  });
  afterAll(async () => {
    await s.close();
  });

  it('says what usually causes a failure and what to check, under the outcome', async () => {
    await seedHistory(s.page);
    const next = serviceRow(s.page, 'STK (SIM Toolkit)').locator('.outcome-next');
    expect(await next.textContent()).toMatch(/^What to try: .+\. .+\.$/);
    expect(await next.getAttribute('title')).toMatch(/^Source: /);
    await screenshot(s.page, 'recovery-next-step');
  });
});

describe('the services panel at 1280×720', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openApp({
      choice: 'simulator',
      scenarioPath: resolve('test/fixtures/ui-overtake-duplicate.json'),
    });
    await s.page.setViewportSize({ width: 1280, height: 720 });
  });
  afterAll(async () => {
    await s.close();
  });

  it('says when a completion overtook the return or came twice', async () => {
    const phonebook = serviceRow(s.page, 'Phonebook');
    await phonebook.getByRole('button', { name: 'Close session: Phonebook' }).click();
    await phonebook
      .locator('.outcome')
      .getByText(/^Close #\d+: succeeded/)
      .waitFor();
    await phonebook
      .locator('.outcome')
      .getByText(/Its completion arrived before the call had returned\./)
      .waitFor();
    const sms = serviceRow(s.page, 'SMS');
    await sms.getByRole('button', { name: 'Close session: SMS' }).click();
    await sms
      .locator('.outcome')
      .getByText(/1 more completion came for it after it had ended\./)
      .waitFor();
    await screenshot(s.page, 'services-1280-overtake-duplicate');
  });

  it('keeps the columns where they are while confirming', async () => {
    // At 1280 px each service is a grid whose last request takes a line of its own: the Action
    // column is the one a confirm step could push.
    const header = s.page.getByRole('columnheader', { name: 'Action' });
    const before = await header.boundingBox();
    const phonebook = serviceRow(s.page, 'Phonebook');
    await phonebook.getByRole('button', { name: 'Close session (not open): Phonebook' }).click();
    await phonebook.getByRole('button', { name: 'Send Close anyway' }).waitFor();
    expect(await header.boundingBox()).toEqual(before);
    await screenshot(s.page, 'services-1280-confirm');
    await phonebook.getByRole('button', { name: 'Cancel' }).click();
  });

  it('says a service without a data path has none, not that a value is missing', async () => {
    const cell = serviceRow(s.page, 'Phonebook').locator('td').first();
    expect(await cell.textContent()).toBe('No data path');
    // The full service name fits its column.
    const name = serviceRow(s.page, 'SMS').locator('.service-name .name');
    expect(await name.evaluate((e) => e.scrollWidth <= e.clientWidth)).toBe(true);
  });
});
