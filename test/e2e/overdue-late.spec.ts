/**
 * A completion that takes longer than the timeout: the request turns overdue, then, when the
 * completion finally comes, late, with its latency. A completion that never comes stays overdue.
 * Uses test/fixtures/ui-slow-completion.json (completion after 2.5 s) with an 800 ms timeout.
 */
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, screenshot, serviceRow, type Session } from './harness.js';

describe('overdue and late completions', () => {
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

  it('shows a slow completion as overdue, then late with its latency', async () => {
    const row = serviceRow(s.page, 'Sierra diagnostics stream');
    await row.getByRole('button', { name: 'Close session: Sierra diagnostics stream' }).click();
    const outcome = row.locator('.outcome');
    await outcome.getByText(/^Close #5001: overdue$/).waitFor();
    const card = (await outcome.textContent()) ?? '';
    expect(card).toContain('It may still come');
    // What became of the request comes first; the call's S_OK after it, not as "Success".
    expect(card.indexOf('No completion within the timeout')).toBeLessThan(
      card.indexOf('The call was accepted: S_OK'),
    );
    expect(card).not.toContain('Success');
    await expect(
      row.getByRole('button', { name: /Closing… request #5001/ }).isVisible(),
    ).resolves.toBe(true);
    await s.page.locator('.log-row.outcome-overdue', { hasText: 'close #5001 overdue' }).waitFor();
    await screenshot(s.page, 'overdue');

    await outcome
      .getByText(/^Close #5001: late, succeeded in [\d.]+ s$/)
      .waitFor({ timeout: 10_000 });
    expect(await outcome.textContent()).toContain(
      'The completion came after the request had been declared overdue.',
    );
    await s.page
      .locator('.log-row.outcome-late', {
        hasText: /close #5001 completed: S_OK .* late, after the request was overdue/,
      })
      .waitFor();
    await screenshot(s.page, 'late');
  });

  it('keeps a completion that never comes overdue', async () => {
    const row = serviceRow(s.page, 'Phonebook');
    await row.getByRole('button', { name: 'Close session: Phonebook' }).click();
    await row
      .locator('.outcome')
      .getByText(/^Close #\d+: overdue$/)
      .waitFor();
    await expect(
      row.getByRole('button', { name: /Closing… request #\d+/ }).isVisible(),
    ).resolves.toBe(true);
  });
});
