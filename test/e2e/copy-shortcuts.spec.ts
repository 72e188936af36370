/**
 * Copy a log entry as text a ticket can take, or as JSON; the ? key lists the keyboard shortcuts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './axe.js';
import { openApp, screenshot, seedHistory, type Session } from './harness.js';

describe('copy and the shortcuts overlay', () => {
  let s: Session;
  const clipboard = () => s.page.evaluate(() => navigator.clipboard.readText());

  beforeAll(async () => {
    s = await openApp();
    await s.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await seedHistory(s.page);
    await s.page.locator('.log-scroll .log-row', { hasText: 'E_ACCESSDENIED' }).first().click();
  });
  afterAll(async () => {
    await s.close();
  });

  it('copies the selected entry as one line with date, zone, model and interface ID', async () => {
    const details = s.page.getByRole('region', { name: 'Selected log entry' });
    await details.getByRole('button', { name: 'Copy', exact: true }).click();
    await details.getByText(/^Copied #\d+ as text, personal identifiers masked\.$/).waitFor();
    const text = await clipboard();
    expect(text).toMatch(
      /^#\d+ \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} (Z|[+-]\d\d:\d\d) · EM7565 \(…8E47\) \{?[0-9A-Fa-f-]{36}\}? · SMS · close refused at once: E_ACCESSDENIED \(0x80070005\) — .*privileges/,
    );
    await screenshot(s.page, 'copy-entry');
  });

  it('copies the same entry as JSON, its typed record with the device name', async () => {
    const details = s.page.getByRole('region', { name: 'Selected log entry' });
    await details.getByRole('button', { name: 'Copy JSON' }).click();
    await details.getByText(/as JSON, personal identifiers masked\.$/).waitFor();
    const json = JSON.parse(await clipboard()) as Record<string, unknown>;
    expect(json).toMatchObject({
      kind: 'request-returned',
      serviceName: 'SMS',
      hresultName: 'E_ACCESSDENIED',
      deviceName: 'EM7565 (…8E47)',
    });
    // Another entry selected: the note said "Copied #…" of the one before beside the new one.
    await s.page.locator('.log-scroll').press('ArrowDown');
    await expect.poll(() => details.getByRole('status').textContent()).toBe('');
  });

  it('copies the selected entry with Ctrl+C in the log, as its Copy button does', async () => {
    // A technician's review clicked the failed entry and pressed Ctrl+C: nothing was copied.
    const row = s.page.locator('.log-scroll .log-row', { hasText: 'E_ACCESSDENIED' }).first();
    await row.click();
    await s.page.evaluate(() => navigator.clipboard.writeText('before'));
    await s.page.keyboard.press('Control+C');
    const details = s.page.getByRole('region', { name: 'Selected log entry' });
    await details.getByText(/^Copied #\d+ as text, personal identifiers masked\.$/).waitFor();
    expect(await clipboard()).toMatch(
      /· SMS · close refused at once: E_ACCESSDENIED \(0x80070005\)/,
    );
    // Said where the keys are listed.
    await s.page.keyboard.press('?');
    await s.page.getByText('Copy the selected entry (as its Copy button does)').waitFor();
    await s.page.keyboard.press('Escape');
  });

  it("copies the timeline's selected request, in its words and as JSON", async () => {
    await s.page.getByRole('button', { name: 'Live timeline', exact: true }).click();
    await s.page
      .locator('.log-scroll .log-row', { hasText: 'close data session sent to STK' })
      .first()
      .click();
    await s.page.getByRole('button', { name: 'Copy request', exact: true }).click();
    await s.page.getByText('Copied the request as text.').waitFor();
    const text = await clipboard();
    // Which modem as well as which service: two of one model have services of one name.
    expect(text).toMatch(/Close · EM7565 \(…8E47\) · STK \(SIM Toolkit\)/);
    expect(text).toMatch(/Failed/);
    expect(text).toMatch(/sent \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} (Z|[+-]\d\d:\d\d)/);
    expect(text).toMatch(/E_FAIL/);
    await s.page.getByRole('button', { name: 'Copy request JSON' }).click();
    await s.page.getByText('Copied the request as JSON.').waitFor();
    expect(JSON.parse(await clipboard())).toMatchObject({
      lane: 'STK (SIM Toolkit)',
      deviceName: 'EM7565 (…8E47)',
      outcome: 'failed',
      op: 'close',
    });
    await screenshot(s.page, 'copy-timeline-request');
    await s.page.getByRole('button', { name: 'Live session' }).click();
  });

  it('lists the keyboard shortcuts on ?, and Esc closes the list', async () => {
    await s.page.locator('body').click({ position: { x: 5, y: 5 } });
    await s.page.keyboard.press('?');
    const dialog = s.page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dialog.waitFor();
    const text = (await dialog.textContent()) ?? '';
    for (const words of ['Zoom to the selected request', 'Follow live', 'following live'])
      expect(text).toContain(words);
    expect(await axeViolations(s.page)).toEqual([]);
    await screenshot(s.page, 'shortcuts-overlay');
    await s.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });

  // A technician's review at 1366x697: nothing on screen said `?` listed the keys, and the list,
  // once found, ran past the window's foot, its last group out of sight.
  it('lists them from a button in the header too, whole on a 13-inch screen', async () => {
    await s.page.setViewportSize({ width: 1366, height: 697 });
    await s.page.getByRole('button', { name: 'Shortcuts ?' }).click();
    const dialog = s.page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dialog.waitFor();
    const last = dialog.getByText("The pane's own height again (or double-click the bar)");
    await expect.poll(() => last.isVisible()).toBe(true);
    const fits = await dialog.evaluate((el) => el.scrollHeight <= el.clientHeight + 1);
    expect(fits).toBe(true);
    await screenshot(s.page, 'shortcuts-overlay-697');
    await s.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await s.page.setViewportSize({ width: 1366, height: 768 });
  });
});
