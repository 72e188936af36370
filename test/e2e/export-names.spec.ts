/**
 * Exports a support engineer can tell apart, in Chromium against the preview: the file name says
 * which modems and when; the CSV names each device by model beside its interface ID; the report
 * never calls a device by a bare GUID, dates its times with their zone, and keeps the plain-words
 * explanation of each log entry on a 1366-px screen; the confirmation says what was redacted.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, screenshot, seedHistory, type Session } from './harness.js';

/** `mbn-diag_<models>_<yyyy-mm-dd>T<hhmm>Z.<ext>`, the models of the simulator's two modems. */
const NAME = (ext: string) =>
  new RegExp(`^mbn-diag_EM7565\\+EM120R-GL_\\d{4}-\\d\\d-\\d\\dT\\d{4}Z(-\\d+)?\\.${ext}$`);

describe('exports a support engineer can tell apart', () => {
  let s: Session;
  const exportAs = async (format: RegExp): Promise<string> => {
    await s.page.getByRole('radio', { name: format }).check();
    await s.page.getByRole('button', { name: 'Export…' }).click();
    const status = s.page.getByRole('status').filter({ hasText: /^Saved/ });
    await status.waitFor();
    const name = (await status.locator('strong').textContent()) ?? '';
    return name;
  };

  beforeAll(async () => {
    s = await openApp();
    await seedHistory(s.page);
    await s.page.getByRole('button', { name: 'Export & open' }).click();
  });
  afterAll(async () => {
    await s.close();
  });

  it('names the bundle by model and UTC time, and says which identifiers were redacted', async () => {
    const name = await exportAs(/Diagnostic bundle/);
    expect(name).toMatch(NAME('zip'));
    const status = s.page.getByRole('status').filter({ hasText: /^Saved/ });
    // Both simulated modems carry an IMEI: the confirmation counts them, as the CLI does.
    expect(await status.textContent()).toMatch(
      /Personal identifiers were redacted: \d+ IMEIs? .*replaced\./,
    );
    await screenshot(s.page, 'export-name-redaction-counts');
  });

  it('gives the CSV a model column beside the interface ID', async () => {
    const name = await exportAs(/CSV spreadsheet/);
    expect(name).toMatch(NAME('csv'));
    const rows = parse<Record<string, string>>(
      readFileSync(join(s.preview.filesDir, name), 'utf8'),
      { bom: true, columns: true, relax_column_count: false },
    );
    const header = Object.keys(rows[0] ?? {});
    expect(header).toContain('model');
    const refused = rows.find((r) => r.hresult_name === 'E_ACCESSDENIED');
    expect(refused?.model).toBe('EM7565');
    expect(refused?.device).toMatch(/^\{?[0-9a-f-]{36}\}?$/i);
  });

  it('makes a report with devices by model, dated times, and the explanation in view at 1366 px', async () => {
    const name = await exportAs(/HTML report/);
    expect(name).toMatch(NAME('html'));
    const report = await s.context.newPage();
    await report.setViewportSize({ width: 1366, height: 768 });
    await report.goto(pathToFileURL(join(s.preview.filesDir, name)).href);
    // Every device cell of the log table names a model, never a bare interface ID.
    const devices = await report.locator('table.log tbody td:nth-child(5)').allTextContents();
    expect(devices.filter((d) => d !== '').length).toBeGreaterThan(0);
    for (const d of devices) expect(d).not.toMatch(/^\{?[0-9a-f]{8}-/i);
    // Times carry their date and zone.
    const time = await report.locator('table.log tbody td:nth-child(2)').first().textContent();
    expect(time).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} Z$/);
    // The explanation of the access-denied entry is on screen, not scrolled off to the right.
    const row = report.locator('table.log tbody tr', { hasText: 'E_ACCESSDENIED' }).first();
    await row.scrollIntoViewIfNeeded();
    const details = row.locator('td.d');
    expect(await details.textContent()).toMatch(
      /refused at once: E_ACCESSDENIED .* — .*privileges/,
    );
    const box = await details.boundingBox();
    expect(box).not.toBeNull();
    if (box) expect(box.x + box.width).toBeLessThanOrEqual(1366);
    const overflow = await report
      .locator('.log-wrap')
      .evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    // Each entry's event, device and service on one line, and the column names still in view deep in the
    // log (the last entry scrolled to the bottom of the window).
    // Lines a cell's text takes: the distinct bottoms of its text's boxes.
    const lines = await report.locator('table.log tbody tr').evaluateAll((rows) =>
      rows.flatMap((r) =>
        [...r.querySelectorAll('td:nth-child(4), td:nth-child(5), td:nth-child(6)')].map((cell) => {
          const range = document.createRange();
          range.selectNodeContents(cell);
          return new Set([...range.getClientRects()].map((b) => Math.round(b.bottom / 4))).size;
        }),
      ),
    );
    expect(lines.filter((n) => n > 1)).toEqual([]);
    await report.locator('table.log tbody tr').last().scrollIntoViewIfNeeded();
    const header = await report.locator('table.log thead th').first().boundingBox();
    expect(header?.y).toBeGreaterThanOrEqual(0);
    expect(header?.y).toBeLessThan(10);
    await screenshot(report, 'report-log-1366');
    await report.close();
  });
});
