/**
 * Keyboard only: reach a device, a service's Close button, the deliberate second step (and its
 * Escape), the log filters and the log itself, without the mouse.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, serviceRow, type Session } from './harness.js';

interface Target {
  label?: string;
  text?: string;
  id?: string;
}

/** Presses Tab until the focused element is the target, as a technician would (bounded). */
async function tabTo(page: Page, target: Target, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const found = await page.evaluate((t) => {
      const el = document.activeElement;
      if (!el) return false;
      if (t.label !== undefined && el.getAttribute('aria-label') !== t.label) return false;
      if (t.text !== undefined && !el.textContent.includes(t.text)) return false;
      if (t.id !== undefined && el.id !== t.id) return false;
      return true;
    }, target);
    if (found) return;
  }
  throw new Error(`focus never reached ${JSON.stringify(target)}`);
}

const focusedName = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return el?.getAttribute('aria-label') ?? el?.textContent ?? '';
  });

describe('keyboard only', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openApp();
    await s.page.locator('body').focus();
  });
  afterAll(async () => {
    await s.close();
  });

  it('selects a device and closes a session with Enter', async () => {
    await tabTo(s.page, { text: 'EM120R-GL' });
    await s.page.keyboard.press('Enter');
    await s.page.getByRole('heading', { name: 'Device services — EM120R-GL (…2B30)' }).waitFor();
    await tabTo(s.page, { label: 'Close session: Phonebook' });
    await s.page.keyboard.press('Enter');
    await serviceRow(s.page, 'Phonebook')
      .locator('.outcome')
      .getByText(/^Close #\d+: succeeded/)
      .waitFor();
  });

  it('takes the second step, or Escape, from the keyboard', async () => {
    await tabTo(s.page, { label: 'Close session (not open): SMS' });
    await s.page.keyboard.press('Enter');
    // Focus moves to the confirmation, so Enter again is a deliberate second step.
    await s.page.getByRole('group', { name: 'Confirm Close for SMS' }).waitFor();
    expect(await focusedName(s.page)).toBe('Send Close anyway');
    await s.page.keyboard.press('Escape');
    await s.page.getByRole('button', { name: 'Close session (not open): SMS' }).waitFor();
    expect(await focusedName(s.page)).toBe('Close session (not open): SMS');
    expect(await serviceRow(s.page, 'SMS').locator('.outcome').count()).toBe(0);
  });

  it('filters and searches the log, then scrolls it, from the keyboard', async () => {
    await tabTo(s.page, { label: 'Filter by outcome' });
    // "Any problem", "Still sending", "Still waiting", "Went overdue", "Succeeded". (Two
    // presses chose Sending, which listed every request sent: none is still sending now.)
    for (let n = 0; n < 5; n++) await s.page.keyboard.press('ArrowDown');
    expect(await s.page.getByRole('combobox', { name: 'Filter by outcome' }).inputValue()).toBe(
      'succeeded',
    );
    await tabTo(s.page, { label: 'Search the log' });
    await s.page.keyboard.type('phonebook');
    await s.page.keyboard.press('Enter');
    await s.page.getByText(/entries match$/).waitFor();
    await tabTo(s.page, { id: 'log' });
    // Up selects the newest matching entry and shows it in full.
    await s.page.keyboard.press('ArrowUp');
    expect(
      await s.page.getByRole('region', { name: 'Selected log entry' }).textContent(),
    ).toContain('Phonebook');
    await s.page.keyboard.press('Home');
    await s.page.keyboard.press('End');
    await s.page.getByText('Following live').waitFor();
  });
});
