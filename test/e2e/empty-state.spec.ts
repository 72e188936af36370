/**
 * No modem plugged in: the window says what to check and that the modem appears by itself,
 * instead of "No mobile broadband devices found." beside a "Select a device." with nothing to
 * select.
 */
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './axe.js';
import { openApp, screenshot, type Session } from './harness.js';

describe('no modem connected', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openApp({
      choice: 'simulator',
      scenarioPath: resolve('test/fixtures/ui-no-devices.json'),
      ready: (page) => page.getByText(/No mobile broadband devices found/).waitFor(),
    });
  });
  afterAll(async () => {
    await s.close();
  });

  it('says what to check and that the modem appears by itself, and offers nothing to select', async () => {
    const devices = s.page.getByRole('region', { name: 'Devices' });
    expect(await devices.textContent()).toMatch(
      /plugged in and enabled in Device Manager: it appears here by itself/,
    );
    const services = s.page.getByRole('region', { name: 'Device services' });
    const text = (await services.textContent()) ?? '';
    expect(text).not.toContain('Select a device');
    expect(text).toContain('once a modem is connected');
    expect(await axeViolations(s.page)).toEqual([]);
    await screenshot(s.page, 'empty-no-devices');
  });

  it('offers a way to open a log from the empty Saved log view', async () => {
    await s.page.getByRole('button', { name: 'Saved log', exact: true }).click();
    await s.page.getByRole('button', { name: 'Open a saved log…' }).click();
    await s.page.getByRole('heading', { name: 'Open a saved log' }).waitFor();
  });
});
