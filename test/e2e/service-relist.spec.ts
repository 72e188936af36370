/**
 * The modem comes back from an MBN service restart on firmware that lists other services
 * (test/fixtures/ui-service-relist.json): the services panel shows the list it has now without
 * anyone selecting the device or listing again. A service listed anew gets its row; one no longer
 * listed loses it, except the one whose Close is still waiting: it reads "No longer listed", offers
 * nothing but that request, and leaves once the technician stops waiting; the log keeps it all.
 */
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './axe.js';
import { openApp, screenshot, serviceRow, type Session } from './harness.js';

const GONE = 'Sierra trace log';
const WAITING = 'Sierra firmware update';
const NEW = 'Sierra GNSS stream';

describe('after the modem comes back listing other services', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openApp({
      scenarioPath: resolve('test/fixtures/ui-service-relist.json'),
      // Overdue after the restart (12–14 s into the run; the page has 12 s to load, as in
      // service-outage.spec.ts), so Stop waiting is offered on a service that is already gone.
      timeoutMs: 15_000,
    });
  });
  afterAll(async () => {
    await s.close();
  });

  it('shows the new list unasked, and keeps a gone service only while its Close waits', async () => {
    const { page } = s;
    await serviceRow(page, GONE).waitFor();
    await serviceRow(page, WAITING)
      .getByRole('button', { name: `Close session: ${WAITING}` })
      .click();
    await serviceRow(page, WAITING)
      .getByRole('button', { name: /^Closing…/ })
      .waitFor();
    await expect(serviceRow(page, NEW).count()).resolves.toBe(0);

    const badge = page.locator('.backend-badge');
    await badge.filter({ hasText: '(unavailable)' }).waitFor({ timeout: 20_000 });
    await badge.filter({ hasNotText: 'unavailable' }).waitFor({ timeout: 10_000 });

    // The new firmware's service, with actions, and no row for the one it no longer lists.
    const added = serviceRow(page, NEW);
    await added.waitFor({ timeout: 5000 });
    await added.locator('.badge.session-closed').waitFor();
    await added.getByRole('button', { name: `Open session: ${NEW}` }).waitFor();
    await serviceRow(page, GONE).waitFor({ state: 'detached', timeout: 5000 });
    const names = await page
      .locator('.service-table tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-service')));
    expect(names).toEqual(['Sierra diagnostics stream', NEW, WAITING]);

    // The gone service whose Close still waits: marked, nothing offered but the request.
    const waiting = serviceRow(page, WAITING);
    await waiting.locator('.badge.session-gone', { hasText: 'No longer listed' }).waitFor();
    await expect(
      waiting.getByRole('button', { name: /Close session|Open session/ }).count(),
    ).resolves.toBe(0);
    await expect(waiting.getByRole('button', { name: /Commands/ }).count()).resolves.toBe(0);
    await page
      .locator('.log-row', { hasText: `${NEW} listed anew` })
      .filter({ hasText: `${GONE} no longer listed` })
      .waitFor();
    await screenshot(page, 'service-relist');
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 683, height: 768 });
    // The panel scrolls inside its box on a half screen: the technician scrolls to the row.
    await waiting.scrollIntoViewIfNeeded();
    await expect(waiting.locator('.badge.session-gone').isVisible()).resolves.toBe(true);
    // The heading's device name wraps, if it must, before its interface ID's end, not inside it.
    const end = page.locator('#services-heading .device-name-end');
    await expect(end.textContent()).resolves.toBe('(…5555)');
    await expect(
      end.evaluate((el) => new Set([...el.getClientRects()].map((r) => Math.round(r.top))).size),
    ).resolves.toBe(1);
    await screenshot(page, 'service-relist-683');
    await added.evaluate((row) => row.scrollIntoView({ block: 'center' }));
    await screenshot(page, 'service-relist-683-new');
    await page.setViewportSize({ width: 1366, height: 768 });

    // Overdue: stopping the wait ends the request, and the gone service's row with it.
    await waiting
      .getByRole('button', { name: `Stop waiting: ${WAITING}` })
      .click({ timeout: 15_000 });
    await waiting.waitFor({ state: 'detached', timeout: 5000 });
    // Its story stays in the log.
    await page
      .locator('.log-row', { hasText: WAITING })
      .filter({ hasText: /given up/i })
      .first()
      .waitFor();
    await screenshot(page, 'service-relist-after');

    // The log's rows of a service no longer listed can still be filtered to.
    const serviceFilter = page.getByRole('combobox', { name: 'Filter by service' });
    const choices = await serviceFilter.locator('option').allTextContents();
    const gone = choices.find((c) => c.endsWith(`${GONE} (no longer listed)`));
    expect(gone, choices.join(' | ')).toBeDefined();
    await serviceFilter.selectOption({ label: gone ?? '' });
    await page.locator('.log-row', { hasText: GONE }).first().waitFor();
    await expect(serviceFilter.inputValue()).resolves.not.toBe('');
    await screenshot(page, 'service-relist-filter-gone');
    // A 404 is the favicon the preview does not serve (as in request-recovery.spec.ts).
    expect(s.pageErrors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
  });
});
