/**
 * The live log: filters by device, service, kind and outcome, text search, and following live
 * versus paused when the technician scrolls up.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, screenshot, seedHistory, serviceRow, type Session } from './harness.js';

describe('the session log', () => {
  let s: Session;
  const visibleRows = () => s.page.locator('.log-scroll .log-row');
  const texts = () => visibleRows().allTextContents();

  beforeAll(async () => {
    s = await openApp();
    // Some history: a success, an access denied, a failure, and read data streaming in.
    await seedHistory(s.page);
    await s.page.getByRole('button', { name: /EM120R-GL/ }).click();
    await serviceRow(s.page, 'Quectel QDSS trace')
      .getByRole('button', { name: /^Open session/ })
      .click();
    await s.page
      .locator('.log-row', { hasText: 'bytes read from Quectel QDSS trace' })
      .nth(5)
      .waitFor();
  });
  afterAll(async () => {
    await s.close();
  });

  it('filters by outcome: only the problems', async () => {
    await s.page.getByRole('combobox', { name: 'Filter by outcome' }).selectOption('problems');
    await s.page.getByText(/entries match$/).waitFor();
    const rows = await texts();
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows.some((r) => r.includes('E_ACCESSDENIED'))).toBe(true);
    expect(rows.some((r) => r.includes('E_FAIL'))).toBe(true);
    expect(rows.every((r) => !r.includes('bytes read'))).toBe(true);
    // The access-denied entry, selected, reads in full with the HRESULT's meaning.
    await visibleRows().filter({ hasText: 'E_ACCESSDENIED' }).first().click();
    const details = s.page.getByRole('region', { name: 'Selected log entry' });
    expect(await details.textContent()).toMatch(
      /close refused at once: E_ACCESSDENIED \(0x80070005\) — .*privileges/,
    );
    await screenshot(s.page, 'log-filtered-problems');
    await s.page.getByRole('button', { name: 'Clear filters' }).click();
  });

  it('filters by device, service and kind', async () => {
    await s.page
      .getByRole('combobox', { name: 'Filter by device' })
      .selectOption({ label: 'EM7565 (…8E47)' });
    await s.page
      .getByRole('combobox', { name: 'Filter by service' })
      .selectOption({ label: 'EM7565 (…8E47) — SMS' });
    await s.page
      .getByRole('combobox', { name: 'Filter by kind' })
      .selectOption({ label: 'Call returned' });
    await s.page.getByText('1 of', { exact: false }).waitFor();
    const rows = await texts();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain('close refused at once: E_ACCESSDENIED');
    await s.page.getByRole('button', { name: 'Clear filters' }).click();
  });

  // At 1366 px the Device column read "EM120… (…2B30)": the Quectel's model cut to its first five
  // letters, beside details with hundreds of pixels to spare.
  it('names each modem by its whole model in the Device column at 1366 px', async () => {
    const models = await s.page
      .locator('.log-scroll .log-row .log-device .device-name-model')
      .evaluateAll((cells) =>
        cells.map((cell) => ({
          text: cell.textContent,
          cut: cell.scrollWidth > cell.clientWidth + 0.5,
        })),
      );
    // The rows in view follow the Quectel's read data.
    expect(models.map((m) => m.text)).toContain('EM120R-GL');
    expect(models.filter((m) => m.cut).map((m) => m.text)).toEqual([]);
  });

  it('searches the words of the log', async () => {
    // An entry selected before the search, which the search hides.
    const hiddenRow = s.page
      .locator('.log-scroll .log-row')
      .filter({ hasNotText: /e_fail/i })
      .last();
    const hiddenText = (await hiddenRow.locator('.log-text').textContent()) ?? '';
    await hiddenRow.click();
    const details = s.page.getByRole('region', { name: 'Selected log entry' });
    await expect.poll(() => details.textContent()).toContain(hiddenText.slice(0, 30));
    await s.page.getByRole('searchbox', { name: 'Search the log' }).fill('e_fail');
    await s.page.getByText(/entries match$/).waitFor();
    const rows = await texts();
    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(rows.every((r) => r.toLowerCase().includes('e_fail'))).toBe(true);
    // The line under the list no longer reads (or copies) the entry the search hid.
    expect(await details.textContent()).not.toContain(hiddenText.slice(0, 30));
    expect(await details.textContent()).toMatch(/is hidden by the filters or search above/);
    expect(await details.getByRole('button', { name: 'Copy' }).count()).toBe(0);
    await screenshot(s.page, 'log-search');
    await s.page.getByRole('button', { name: 'Clear filters' }).click();
    await s.page.getByText(/^\d[\d,]* entries$/).waitFor();
  });

  // "Waiting" listed every call ever accepted, mostly of requests long completed: a technician
  // asking what is still in flight could not tell. Now a completion takes its request out.
  it('filtered to Still waiting, lists only the requests still in flight', async () => {
    const outcome = s.page.getByRole('combobox', { name: 'Filter by outcome' });
    await outcome.selectOption('waiting');
    expect(await outcome.locator('option:checked').textContent()).toBe('Still waiting');
    await s.page.getByRole('button', { name: /EM7565/ }).click();
    // Phonebook's close is never answered; the Sierra stream's open completes at once.
    await serviceRow(s.page, 'Phonebook')
      .getByRole('button', { name: 'Close session: Phonebook' })
      .click();
    const sierra = serviceRow(s.page, 'Sierra diagnostics stream');
    await sierra.getByRole('button', { name: 'Open session: Sierra diagnostics stream' }).click();
    await sierra
      .locator('.outcome')
      .getByText(/^Open #\d+: succeeded/)
      .waitFor();
    // Sierra's and STK's closes (seeded) and this open were accepted too, and have completed.
    await expect.poll(texts).toEqual([expect.stringMatching(/close accepted, request #\d+/)]);
    expect((await texts())[0]).toContain('Phonebook');
    await s.page.getByText(/^1 of [\d,]+ entries match$/).waitFor();
    await screenshot(s.page, 'log-still-waiting');
    await s.page.getByRole('button', { name: 'Clear filters' }).click();
    // Unfiltered, the pills say the same: only the request in flight keeps the colours of waiting;
    // the open's "Waiting", completed since, is muted, what was true when it was logged.
    const pillOf = (service: string, op: string) =>
      visibleRows()
        .filter({ hasText: service })
        .filter({ hasText: `${op} accepted` })
        .last()
        .locator('.pill');
    const phonebook = pillOf('Phonebook', 'close');
    const sierraOpen = pillOf('Sierra diagnostics stream', 'open');
    await expect.poll(() => phonebook.getAttribute('class')).toBe('pill outcome-waiting');
    expect(await phonebook.getAttribute('title')).toBe('Still waiting');
    expect(await sierraOpen.getAttribute('class')).toBe('pill outcome-waiting is-past');
    expect(await sierraOpen.getAttribute('title')).toBe('Waiting when logged');
    await screenshot(s.page, 'log-still-and-past');
    await s.page.getByRole('button', { name: /EM120R-GL/ }).click();
  });

  it('pauses when scrolled up, and goes back to live', async () => {
    const scroller = s.page.locator('#log');
    await s.page.getByText('Following live').waitFor();
    // The technician's own wheel: a scroll made by layout alone would not pause the log.
    await scroller.hover();
    await s.page.mouse.wheel(0, -100_000);
    await s.page.getByText(/^Paused/).waitFor();
    // The log pauses at the wheel's first scroll; the wheel may still be moving the view then (a
    // CI run once read one row short of the top here). Where the technician put it is where it
    // comes to rest.
    await expect.poll(() => scroller.evaluate((el) => el.scrollTop)).toBe(0);
    const topRow = await visibleRows().first().getAttribute('data-seq');
    // New entries keep arriving; the view stays where the technician put it.
    await serviceRow(s.page, 'USSD').getByRole('button', { name: 'Close session: USSD' }).click();
    await s.page.getByText(/^Paused — \d+ new$/).waitFor();
    expect(await scroller.evaluate((el) => el.scrollTop)).toBe(0);
    expect(await visibleRows().first().getAttribute('data-seq')).toBe(topRow);
    await screenshot(s.page, 'log-paused');
    await s.page.getByRole('button', { name: 'Back to live' }).click();
    await s.page.getByText('Following live').waitFor();
    // The rows drawn follow the scroll a frame later (the scroll event moves the drawn window).
    const lastSeq = s.preview.engine.journal.lastSeq;
    await expect
      .poll(async () => Number(await visibleRows().last().getAttribute('data-seq')))
      .toBeGreaterThanOrEqual(lastSeq - 25);
  });
});
