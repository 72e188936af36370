/**
 * Device-service commands in Chromium, as a technician drives them: list a service's commands,
 * open its command session, query a supported command and read the response; an unlisted command
 * is marked and sent only after confirming; over-size data is refused before sending; the vendor
 * service's notification shows in the log and on its timeline lane. Screenshots at 1366×768.
 */
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceKey } from '../../shared/model.js';
import { hasEnded } from '../../shared/request/outcome.js';
import type { JournalRecord } from '../../shared/journal/record.js';
import { axeViolations } from './axe.js';
import { openApp, screenshot, serviceRow, type Session } from './harness.js';

/** The canvas's label column and the height of its time axis and lanes (draw.ts). */
const LABEL_WIDTH = 190;
const AXIS_HEIGHT = 24;
const LANE_HEIGHT = 28;

describe('device-service commands', () => {
  let s: Session;

  beforeAll(async () => {
    s = await openApp();
  });
  afterAll(async () => {
    await s.close();
  });

  const records = (): JournalRecord[] => {
    s.preview.engine.journal.flush();
    return s.preview.engine.journal.readPage(1, 5000);
  };

  /** Unfolds a service's Commands section, lists its commands and opens its command session. */
  async function prepare(name: string): Promise<Locator> {
    await serviceRow(s.page, name)
      .getByRole('button', { name: `Commands: ${name}` })
      .click();
    const section = s.page.getByRole('region', { name: `Commands of ${name}` });
    await section.getByRole('button', { name: 'List commands' }).click();
    await section.getByRole('button', { name: 'List again' }).waitFor();
    await section.getByRole('button', { name: 'Open command session' }).click();
    await section.getByRole('button', { name: 'Close command session' }).waitFor();
    return section;
  }

  it('keeps each service on one line at 1366 px: Commands beside the name, session buttons side by side', async () => {
    for (const name of ['STK (SIM Toolkit)', 'Basic Connect']) {
      const row = serviceRow(s.page, name);
      const toggle = await row.getByRole('button', { name: `Commands: ${name}` }).boundingBox();
      const title = await row.getByText(name, { exact: true }).first().boundingBox();
      expect(
        toggle && title && Math.abs(toggle.y + toggle.height / 2 - (title.y + title.height / 2)),
      ).toBeLessThan(6);
    }
    const closed = serviceRow(s.page, 'Basic Connect');
    const close = await closed.getByRole('button', { name: /^Close/ }).boundingBox();
    const open = await closed.getByRole('button', { name: 'Open session' }).boundingBox();
    expect(close && open && Math.abs(close.y - open.y)).toBeLessThan(4);
  });

  it('queries a supported command and shows its response', async () => {
    const section = await prepare('Basic Connect');
    const listed = section.getByRole('group', { name: 'Supported commands' });
    expect(await listed.textContent()).toContain('RADIO_STATE (CID 3)');
    expect(await listed.textContent()).toContain('SIGNAL_STATE (CID 11)');
    await section.getByRole('combobox', { name: 'Command ID' }).fill('3');
    expect(await section.textContent()).not.toContain('not in the service’s list');
    await section.getByRole('button', { name: 'Query', exact: true }).click();
    const hex = section.getByLabel('Response bytes (hex)');
    await expect.poll(() => hex.textContent()).toBe('01 00 00 00 01 00 00 00');
    // Decoded by the shared catalogue: MBIM_RADIO_STATE_INFO, both radios on.
    const decoded = section.getByRole('definition').filter({ hasText: /./ });
    const field = (name: string) =>
      section
        .locator('.decoded > div', { has: s.page.getByText(name, { exact: true }) })
        .locator('dd');
    await section.getByLabel('Decoded response: MBIM_RADIO_STATE_INFO').waitFor();
    expect(await field('Hardware radio').textContent()).toBe('On');
    expect(await field('Software radio').textContent()).toBe('On');
    expect(await decoded.count()).toBe(3);
    const result = section.getByRole('group', { name: 'Last command' });
    expect(await result.textContent()).toMatch(/Query RADIO_STATE \(CID 3\) sent with no data/);
    expect(await result.textContent()).toMatch(/Query #\d+: succeeded in \d/);
    expect(await result.textContent()).toContain('S_OK');
    expect(await axeViolations(s.page)).toEqual([]);
    await screenshot(s.page, 'commands-query-response');

    // A filter set (its Clear button wraps the filters onto two lines) and an entry selected (two
    // lines of details): the log still shows rows, and the response stays in view above it.
    const kind = s.page.getByRole('combobox', { name: 'Filter by kind' });
    await kind.selectOption('completion');
    await s.page.locator('.log-scroll .log-row').first().click();
    expect(await s.page.locator('#log').evaluate((e) => e.clientHeight)).toBeGreaterThanOrEqual(
      3 * 26,
    );
    const box = await result.boundingBox();
    expect(box && box.y >= 0 && box.y + box.height <= 768).toBe(true);
    await s.page.locator('#log').press('Escape');
    await kind.selectOption('');
  });

  it('marks an unlisted command and sends it only after confirming', async () => {
    const section = await prepare('Sierra diagnostics stream');
    const cid = section.getByRole('combobox', { name: 'Command ID' });
    await cid.fill('7');
    await section.getByText('CID 7 is not in the service’s list').waitFor();
    const unlistedQueries = () =>
      records().filter((r) => r.kind === 'request' && r.op === 'query' && r.commandId === 7);
    await section.getByRole('button', { name: 'Query (not listed)…' }).click();
    const confirm = section.getByRole('group', {
      name: 'Confirm Query of an unlisted command on Sierra diagnostics stream',
    });
    await confirm.waitFor();
    // Backing out sends nothing.
    await s.page.keyboard.press('Escape');
    await confirm.waitFor({ state: 'detached' });
    expect(unlistedQueries()).toHaveLength(0);
    // From the keyboard: Enter in the form arms the confirmation, whose button takes the focus.
    await cid.press('Enter');
    const anyway = confirm.getByRole('button', { name: 'Send Query anyway' });
    await expect.poll(() => anyway.evaluate((b) => b === document.activeElement)).toBe(true);
    expect(unlistedQueries()).toHaveLength(0);
    expect(await axeViolations(s.page)).toEqual([]);
    await screenshot(s.page, 'commands-unlisted-confirm');
    await s.page.keyboard.press('Enter');
    const result = section.getByRole('group', { name: 'Last command' });
    await expect
      .poll(() => result.textContent())
      .toMatch(/CID 7.*not in the service’s list \(sent on purpose\)/);
    await expect.poll(() => unlistedQueries()).toHaveLength(1);
    expect(unlistedQueries()[0]).toMatchObject({ commandListed: false });
  });

  it('refuses data over the service’s MaxCommandSize before sending', async () => {
    const section = s.page.getByRole('region', { name: 'Commands of Sierra diagnostics stream' });
    await section.getByRole('combobox', { name: 'Command ID' }).fill('2');
    await section.getByRole('radio', { name: 'Set' }).check();
    await section.getByRole('textbox', { name: 'Data (hex)' }).fill('00'.repeat(4097));
    await section
      .getByText(
        'The data is 4097 bytes, but Sierra diagnostics stream takes at most 4096 bytes in a command (its MaxCommandSize).',
        { exact: false },
      )
      .waitFor();
    expect(await section.getByRole('button', { name: 'Set', exact: true }).isDisabled()).toBe(true);
    await section.getByRole('textbox', { name: 'Data (hex)' }).fill('03000000');
    expect(await section.getByRole('button', { name: 'Set', exact: true }).isDisabled()).toBe(
      false,
    );
  });

  // The Query/Set choice's hidden legend once hung below the window when the services table
  // scrolled: the whole window then scrolled, and a wheel over the header pushed the app's header
  // and its view buttons off the top.
  it('on half a 13-inch screen (683x768) with commands unfolded, the window itself never scrolls', async () => {
    await s.page.setViewportSize({ width: 683, height: 768 });
    try {
      const section = s.page.getByRole('region', { name: 'Commands of Sierra diagnostics stream' });
      await section.getByRole('radio', { name: 'Query' }).check();
      await section.getByRole('button', { name: 'Query', exact: true }).scrollIntoViewIfNeeded();
      const spill = () =>
        s.page.evaluate(
          () => document.documentElement.scrollHeight - document.documentElement.clientHeight,
        );
      await expect.poll(spill).toBeLessThanOrEqual(1);
      await screenshot(s.page, 'commands-683x768');
    } finally {
      await s.page.setViewportSize({ width: 1366, height: 768 });
    }
  });

  it('shows the vendor service’s notification in the log and on its timeline lane', async () => {
    await s.page
      .getByRole('combobox', { name: 'Filter by kind' })
      .selectOption('event-notification');
    const row = s.page
      .locator('.log-scroll .log-row')
      .filter({ hasText: /notification event 1 from .+, 4 bytes/ })
      .first();
    await row.waitFor({ timeout: 15_000 });
    expect(await row.textContent()).toContain('Notification');
    const notification = records().find((r) => r.kind === 'event-notification');
    if (notification?.kind !== 'event-notification') throw new Error('no notification recorded');

    await s.page.getByRole('button', { name: 'Live timeline', exact: true }).click();
    const canvas = s.page.getByRole('img', { name: /^Timeline of requests/ });
    await canvas.waitFor();
    await s.page.getByRole('button', { name: /Fit all/ }).click();
    await s.page.evaluate(
      () => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))),
    );
    expect(await s.page.locator('.timeline-legend').textContent()).toContain('● notification');
    const lanes = JSON.parse((await canvas.getAttribute('data-lanes')) ?? '[]') as string[];
    const lane = lanes.indexOf(serviceKey(notification.interfaceId, notification.serviceId));
    const box = await canvas.boundingBox();
    const t0 = Number(await canvas.getAttribute('data-t0'));
    const t1 = Number(await canvas.getAttribute('data-t1'));
    if (!box || lane < 0) throw new Error('timeline not drawn');
    const x =
      LABEL_WIDTH + ((Date.parse(notification.time) - t0) / (t1 - t0)) * (box.width - LABEL_WIDTH);
    await s.page.mouse.move(box.x + x, box.y + AXIS_HEIGHT + lane * LANE_HEIGHT + LANE_HEIGHT / 2);
    await expect
      .poll(() => s.page.getByRole('tooltip').textContent())
      .toContain(`notification event 1 from ${notification.serviceName}, 4 bytes`);
    await screenshot(s.page, 'commands-notification-timeline');
  });
});

describe('commands listed after the command session opened', () => {
  let s: Session;

  beforeAll(async () => {
    s = await openApp();
  });
  afterAll(async () => {
    await s.close();
  });

  it('fills Command ID with the first listed command, so Query can be sent at once', async () => {
    const name = 'Sierra diagnostics stream';
    await serviceRow(s.page, name)
      .getByRole('button', { name: `Commands: ${name}` })
      .click();
    const section = s.page.getByRole('region', { name: `Commands of ${name}` });
    const focused = () => s.page.evaluate(() => document.activeElement?.textContent);
    // From the keyboard: the focus stays on each button while its request waits and after.
    await section.getByRole('button', { name: 'Open command session' }).focus();
    await s.page.keyboard.press('Enter');
    await section.getByRole('button', { name: 'Close command session' }).waitFor();
    await expect.poll(focused).toBe('Close command session');
    const cid = section.getByRole('combobox', { name: 'Command ID' });
    expect(await cid.inputValue()).toBe('');
    await section.getByRole('button', { name: 'List commands' }).focus();
    await s.page.keyboard.press('Enter');
    await section.getByRole('button', { name: 'List again' }).waitFor();
    await expect.poll(focused).toBe('List again');
    expect(await cid.inputValue()).toBe('1');
    expect(await section.getByRole('button', { name: 'Query', exact: true }).isEnabled()).toBe(
      true,
    );
    // A command the technician typed is theirs: listing again leaves it.
    await cid.fill('3');
    // The second listing's end, as main saw it: the button is there throughout, and Query was not
    // yet aria-disabled right after the click, so waiting for either passed before the listing
    // had begun, and an Enter pressed on a busy machine while it then listed sent nothing.
    let listedAgain = false;
    const off = s.preview.engine.onRequestChange((story) => {
      if (story.op === 'supported-commands' && hasEnded(story.outcome)) listedAgain = true;
    });
    await section.getByRole('button', { name: 'List again' }).click();
    await expect.poll(() => listedAgain).toBe(true);
    off();
    expect(await cid.inputValue()).toBe('3');
    // Query from the keyboard: the focus is still on it once its answer came.
    const query = section.getByRole('button', { name: 'Query', exact: true });
    await expect.poll(() => query.getAttribute('aria-disabled')).toBeNull();
    await query.focus();
    await s.page.keyboard.press('Enter');
    await section
      .getByText(/^Query #\d+: (succeeded|failed)/)
      .first()
      .waitFor();
    await expect.poll(focused).toBe('Query');
  });

  it('keeps the services table inside its panel when a failure has a long unbroken name', async () => {
    const name = 'Basic Connect';
    await serviceRow(s.page, name)
      .getByRole('button', { name: `Commands: ${name}` })
      .click();
    const section = s.page.getByRole('region', { name: `Commands of ${name}` });
    await section.getByRole('button', { name: 'Open command session' }).click();
    await section.getByRole('button', { name: 'Close command session' }).waitFor();
    await section.getByRole('combobox', { name: 'Command ID' }).fill('1');
    await section.getByRole('button', { name: 'Query', exact: true }).click();
    const last = serviceRow(s.page, name).locator('td.last-request');
    await last.getByText('HRESULT_FROM_WIN32(ERROR_NOT_SUPPORTED)', { exact: false }).waitFor();
    // Unbroken, the name widened the table 38 px past its panel: every row's advice was cut.
    const [scroll, client] = await s.page
      .locator('.services .table-scroll')
      .evaluate((e) => [e.scrollWidth, e.clientWidth]);
    expect(scroll).toBeLessThanOrEqual(client);
  });
});
