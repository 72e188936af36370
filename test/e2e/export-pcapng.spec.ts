/**
 * The MBIM capture format in the export panel, in Chromium against the preview: on a session that
 * was not recorded over MBIM (here the simulator) it is listed but cannot be chosen, and says why.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type Session } from './harness.js';

describe('the MBIM capture export format', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openApp();
    await s.page.getByRole('button', { name: 'Export & open' }).click();
  });
  afterAll(async () => {
    await s.close();
  });

  it('is not offered for a simulator session, and the panel says why', async () => {
    const radio = s.page.getByRole('radio', { name: /MBIM capture/ });
    await radio.waitFor();
    expect(await radio.isDisabled()).toBe(true);
    await s.page.getByText(/not recorded with the MBIM backend/).waitFor();
    // The other formats stay available.
    expect(await s.page.getByRole('radio', { name: /JSON Lines log/ }).isDisabled()).toBe(false);
  });
});
