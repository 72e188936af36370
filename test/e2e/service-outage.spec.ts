/**
 * The MBN service restarts while a session is open (test/fixtures/ui-service-outage.json): when it
 * is back, the window shows the session closed and offers Open, with nothing selected or listed
 * again by the technician, and the log says what the re-read found.
 */
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, screenshot, serviceRow, type Session } from './harness.js';

describe('after the MBN service comes back', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openApp({ scenarioPath: resolve('test/fixtures/ui-service-outage.json') });
  });
  afterAll(async () => {
    await s.close();
  });

  it('shows the session the restart closed as closed, and offers Open again', async () => {
    const name = 'Sierra diagnostics stream';
    const row = serviceRow(s.page, name);
    // Seen open before the outage (12 s into the run), as the window listed it at start.
    await row.locator('.badge.session-open').waitFor();
    await row.getByRole('button', { name: `Close session: ${name}` }).waitFor();

    const badge = s.page.locator('.backend-badge');
    await badge.filter({ hasText: '(unavailable)' }).waitFor({ timeout: 20_000 });
    await badge.filter({ hasNotText: 'unavailable' }).waitFor({ timeout: 10_000 });
    await row.locator('.badge.session-closed').waitFor({ timeout: 5000 });
    await expect(
      row.getByRole('button', { name: `Open session: ${name}` }).isEnabled(),
    ).resolves.toBe(true);
    await row.getByRole('button', { name: `Close session (not open): ${name}` }).waitFor();

    await s.page
      .locator('.log-row', {
        hasText: 'found on reconnect: EM7565 (…5555) Sierra diagnostics stream',
      })
      .waitFor();
    // The state change itself is a session-state row like any other, before the re-read's words.
    await s.page
      .locator('.log-row', { hasText: `${name} data session open → closed` })
      .filter({ hasNotText: 'found on reconnect' })
      .waitFor();
    // The outage itself is tinted as what went wrong (it has no outcome pill); its end is not.
    const classOf = (text: RegExp) =>
      s.page.locator('.log-row', { hasText: text }).first().getAttribute('class');
    expect(await classOf(/backend \S+ unavailable/)).toContain('is-trouble');
    expect(await classOf(/backend \S+ available/)).not.toContain('is-trouble');
    await screenshot(s.page, 'service-outage-reread');

    // "Any problem" finds the outage, in the log and in the whole-log search: a kiosk's outage is
    // what a technician looks for. The session the outage closed is no request's problem.
    await s.page.getByRole('combobox', { name: 'Filter by outcome' }).selectOption('problems');
    const outage = s.page.locator('.log-row', { hasText: /backend \S+ unavailable/ });
    // Its Outcome cell says what went wrong, as a request's says its outcome.
    await outage.locator('.pill', { hasText: /^Unavailable$/ }).waitFor();
    await expect(
      s.page.locator('.log-row', { hasText: /backend \S+ available/ }).count(),
    ).resolves.toBe(0);
    await s.page.getByRole('combobox', { name: 'Filter by outcome' }).selectOption('');
    await s.page.getByRole('button', { name: 'Search whole log…' }).click();
    const panel = s.page.getByRole('region', { name: 'Search the whole log' });
    await panel.getByRole('combobox', { name: 'Outcome' }).selectOption({ label: 'Any problem' });
    await panel.getByRole('button', { name: 'Search all' }).click();
    const hits = panel.getByRole('list', { name: /Matches/ }).getByRole('button');
    await hits
      .filter({ hasText: /unavailable/ })
      .locator('.pill', { hasText: 'Unavailable' })
      .waitFor();
    await screenshot(s.page, 'service-outage-any-problem');
    // A 404 is the favicon the preview does not serve (as in request-recovery.spec.ts).
    expect(s.pageErrors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
  });
});
