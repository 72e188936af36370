/**
 * The Quectel's STK close removes the device while the close is pending (default scenario): the
 * request is abandoned, the device shows as removed, and it comes back 3 s later.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, screenshot, serviceRow, type Session } from './harness.js';

describe('device removed while a close is pending', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openApp();
  });
  afterAll(async () => {
    await s.close();
  });

  it('abandons the pending close, marks the device removed, and shows it again on return', async () => {
    const device = s.page.getByRole('button', { name: /EM120R-GL/ });
    await device.click();
    const row = serviceRow(s.page, 'STK (SIM Toolkit)');
    await row.getByRole('button', { name: 'Close session: STK (SIM Toolkit)' }).click();
    const outcome = row.locator('.outcome');
    await outcome.getByText(/^Close #\d+: abandoned$/).waitFor();
    expect(await outcome.textContent()).toContain(
      'The device was removed before the completion came.',
    );
    await device.getByText('Removed').waitFor();
    await s.page.getByText('This device was removed.').waitFor();
    // The removal also moves every service's sessions to unknown, a dozen rows after the
    // abandoned request: the log shows only the rows in view, so it is filtered to each entry.
    const kind = s.page.getByRole('combobox', { name: 'Filter by kind' });
    await kind.selectOption('abandoned');
    await s.page
      .locator('.log-row.outcome-abandoned', { hasText: 'abandoned: the device was removed' })
      .waitFor();
    await kind.selectOption('device-removal');
    await s.page.locator('.log-row', { hasText: 'device removed: EM120R-GL' }).waitFor();
    await kind.selectOption('');
    // Its actions cannot be used while it is gone.
    await expect(row.getByRole('button', { name: /Close/ }).first().isDisabled()).resolves.toBe(
      true,
    );
    await screenshot(s.page, 'device-removed');

    await device.getByText('Ready').waitFor({ timeout: 10_000 });
    await kind.selectOption('device-arrival');
    await s.page.locator('.log-row', { hasText: 'device arrived' }).waitFor();
    await expect(s.page.getByText('This device was removed.').count()).resolves.toBe(0);
  });
});
