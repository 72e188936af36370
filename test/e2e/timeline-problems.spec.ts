/**
 * Overdue, late and abandoned requests on the timeline, in words as well as shapes: a slow
 * completion (test/fixtures/ui-slow-completion.json, 800 ms timeout) is overdue while waiting and
 * late once it comes; a device removed under a pending close abandons it (default scenario).
 */
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openApp, screenshot, serviceRow, type Session } from './harness.js';

describe('problem requests on the timeline', () => {
  let s: Session | undefined;
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });

  async function selectOnlyRequest(session: Session): Promise<string> {
    const canvas = session.page.getByRole('img', { name: /^Timeline of requests/ });
    await canvas.focus();
    await session.page.keyboard.press('Escape');
    await session.page.keyboard.press(']');
    return (await session.page.locator('.timeline-selected').textContent()) ?? '';
  }

  it('shows a slow request as overdue while it waits, then late', async () => {
    s = await openApp({
      choice: 'simulator',
      scenarioPath: resolve('test/fixtures/ui-slow-completion.json'),
      timeoutMs: 800,
    });
    const row = serviceRow(s.page, 'Sierra diagnostics stream');
    await row.getByRole('button', { name: 'Close session: Sierra diagnostics stream' }).click();
    await row
      .locator('.outcome')
      .getByText(/: overdue$/)
      .waitFor();
    await s.page.getByRole('button', { name: 'Live timeline', exact: true }).click();
    // Counted in words that agree with one (it read "1 requests").
    await s.page.getByText(/\b1 request in 1 service lane\b/).waitFor();
    expect(await selectOnlyRequest(s)).toMatch(
      /Overdue: No completion within the timeout.*no completion yet/,
    );
    await screenshot(s.page, 'timeline-overdue');
    await s.page.getByRole('button', { name: 'Live session' }).click();
    await row
      .locator('.outcome')
      .getByText(/: late, succeeded/)
      .waitFor({ timeout: 10_000 });
    await s.page.getByRole('button', { name: 'Live timeline', exact: true }).click();
    expect(await selectOnlyRequest(s)).toMatch(
      /Late: The completion came after the request had been declared overdue.*latency/,
    );
    await screenshot(s.page, 'timeline-late');
  });

  it('says when the technician gave up on a request, as the log does', async () => {
    s = await openApp({
      choice: 'simulator',
      scenarioPath: resolve('test/fixtures/ui-slow-completion.json'),
      timeoutMs: 800,
    });
    // Phonebook's close never completes.
    const row = serviceRow(s.page, 'Phonebook');
    await row.getByRole('button', { name: 'Close session: Phonebook' }).click();
    await row.getByRole('button', { name: 'Stop waiting: Phonebook' }).click();
    const logged = await s.page
      .locator('.log-row', { hasText: /close #\d+ given up by the user after/ })
      .textContent();
    const after = /given up by the user after ([\d.]+ m?s)/.exec(logged ?? '')?.[1];
    expect(after).toBeDefined();
    await s.page.getByRole('button', { name: 'Live timeline', exact: true }).click();
    // Its bar goes on (a completion may still come, late), and its words say when it was given up.
    expect(await selectOnlyRequest(s)).toMatch(
      new RegExp(`Given up: .*given up after ${after ?? ''}, no completion yet`),
    );
  });

  it('shows a request abandoned by the device going away, with the removal marked', async () => {
    s = await openApp();
    await s.page.getByRole('button', { name: /EM120R-GL/ }).click();
    await serviceRow(s.page, 'STK (SIM Toolkit)')
      .getByRole('button', { name: /^Close session/ })
      .click();
    await s.page.getByText('This device was removed.').waitFor();
    await s.page.getByRole('button', { name: 'Live timeline', exact: true }).click();
    expect(await selectOnlyRequest(s)).toMatch(
      /Abandoned: The device was removed before the completion came/,
    );
    await s.page.getByRole('button', { name: /Fit all/ }).click();
    await screenshot(s.page, 'timeline-abandoned');
  });
});
