/**
 * The log's Device column on a 13-inch laptop (1366x768), live and in a saved log. A technician
 * reading a kiosk's week-long log saw "unknown … (…f0001)" in every row: the column, 140 px
 * whatever the names, cut the name the timeline's lanes above gave whole, while the details
 * beside it had 500 px. The column now takes the width of the names the log gives, up to a
 * limit that keeps the time, the outcome and the request's details on screen; past it the model
 * gives way and the row's tooltip names the device whole. The Service column does the same: at
 * 140 px it read "Sierra diagnostics st…" in every row of the service the technician came for.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, screenshot, type Session } from './harness.js';
import { requestEntries } from '../support/journal-traffic.js';

const START = Date.UTC(2026, 0, 5, 8);
/** A second modem without a model, its interface ID ending as the first's does ("…0001"). */
const OTHER = '{9b2e4c11-0d7a-4e55-8c3b-1f2a3b4c0001}';
/** A third, whose model is longer than any column a row can spare. */
const LONG = '{77d0a3e2-91c4-4b0e-a5f1-3c2d1e0f5a9b}';
const LONG_MODEL = 'Sierra Wireless EM9191 5G NR Sub-6 GHz M.2 Module (Dell DW5931e)';
const ENTRIES = 6000;

/**
 * A kiosk's log: every other request to the first modem, the rest to the second, and one in
 * thirty (the first among them) to the third, whose device-info gives its long model.
 */
function writeLog(dir: string): number {
  const lines: string[] = [];
  const push = (time: number, entry: object) =>
    lines.push(
      JSON.stringify({ v: 2, seq: lines.length + 1, time: new Date(time).toISOString(), ...entry }),
    );
  push(START, {
    mono: 0,
    kind: 'device-info',
    interfaceId: LONG,
    manufacturer: 'Sierra Wireless, Incorporated',
    model: LONG_MODEL,
    firmware: 'SWIX55C_03.10.07.00',
    deviceId: '354016111234567',
    readyState: 'initialized',
  });
  for (let n = 1; lines.length < ENTRIES; n++) {
    const device = n % 30 === 1 ? LONG : n % 2 === 0 ? OTHER : null;
    for (const entry of requestEntries(n, { failEvery: 500 })) {
      // Every request's records name the first modem (journal-traffic.ts): moved to another.
      push(START + n * 1000, {
        mono: n,
        ...entry,
        ...(device === null ? {} : { interfaceId: device }),
      });
    }
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'kiosk-modems.jsonl'), lines.join('\n') + '\n');
  return lines.length;
}

interface DeviceCell {
  text: string;
  /** The name the cell's tooltip gives. */
  title: string | null;
  /** Its model cut short with an ellipsis. */
  modelCut: boolean;
  /** The end of the name, "(…f0001)", drawn whole inside the cell. */
  endInside: boolean;
}

/** The Device cells of the rows on the log's screen, as drawn. */
function deviceCells(page: Page, scope: string): Promise<DeviceCell[]> {
  return page.locator(`${scope} .log-scroll .log-row .log-device`).evaluateAll((cells) =>
    cells.flatMap((cell) => {
      if (cell.getClientRects().length === 0 || cell.textContent === '') return [];
      const box = cell.getBoundingClientRect();
      const model = cell.querySelector('.device-name-model');
      const end = cell.querySelector('.device-name-end')?.getBoundingClientRect();
      return [
        {
          text: cell.textContent,
          title: cell.querySelector('.device-name')?.getAttribute('title') ?? null,
          modelCut: model !== null && model.scrollWidth > model.clientWidth,
          endInside:
            end !== undefined && end.left >= box.left - 0.5 && end.right <= box.right + 0.5,
        },
      ];
    }),
  );
}

/** The names the Service cells of the rows on screen cut short (none, whole). */
function cutServices(page: Page, scope: string): Promise<string[]> {
  return page
    .locator(`${scope} .log-scroll .log-row .log-service`)
    .evaluateAll((cells) =>
      cells
        .filter((c) => c.getClientRects().length > 0 && c.scrollWidth > c.clientWidth)
        .map((c) => c.textContent),
    );
}

/**
 * Of the rows on screen: whether the time and the outcome are drawn whole inside the log, and
 * the least width the request's details get.
 */
function otherColumns(
  page: Page,
  scope: string,
): Promise<{ timeWhole: boolean; outcomeInside: boolean; details: number }> {
  return page.locator(`${scope} .log-scroll`).evaluate((scroll) => {
    const right = scroll.getBoundingClientRect().right;
    const rows = [...scroll.querySelectorAll('.log-row')].filter(
      (r) => r.getClientRects().length > 0,
    );
    const cell = (r: Element, n: number) =>
      r.querySelector(`:scope > [role="cell"]:nth-child(${n})`);
    return {
      timeWhole: rows.every((r) => {
        const time = cell(r, 2);
        return time !== null && time.scrollWidth <= time.clientWidth;
      }),
      outcomeInside: rows.every(
        (r) => (cell(r, 6)?.getBoundingClientRect().right ?? Infinity) <= right,
      ),
      details: Math.min(...rows.map((r) => cell(r, 7)?.getBoundingClientRect().width ?? 0)),
    };
  });
}

describe('the log’s Device column at 1366x768', () => {
  let s: Session;
  let records = 0;
  beforeAll(async () => {
    s = await openApp({
      scenarioPath: resolve('test/fixtures/ui-same-model.json'),
      ready: (page) => page.locator('.device-list .device').nth(2).waitFor(),
    });
    records = writeLog(s.preview.filesDir);
  });
  afterAll(async () => {
    await s.close();
  });

  it('names each modem whole in the live log, time, outcome and details beside it', async () => {
    const { page } = s;
    // A close on each modem: a row naming each.
    for (let i = 0; i < 3; i += 1) {
      await page.locator('.device-list .device').nth(i).click();
      const row = page.locator('tr[data-service]').first();
      await row.getByRole('button', { name: /^Close session/ }).click();
      await row
        .locator('.outcome')
        .getByText(/succeeded/i)
        .waitFor();
    }
    await page.locator('.log-scroll .log-row', { hasText: 'unknown model' }).first().waitFor();
    const cells = await deviceCells(page, 'main');
    expect(new Set(cells.map((c) => c.text))).toEqual(
      new Set(['EM7565 (…8E47)', 'EM7565 (…E4F5)', 'unknown model (…2B30)']),
    );
    for (const cell of cells) {
      expect(cell.modelCut, `${cell.text}: its model cut`).toBe(false);
      expect(cell.endInside, `${cell.text}: its end inside the column`).toBe(true);
    }
    await page
      .locator('.log-scroll .log-service', { hasText: 'Sierra diagnostics stream' })
      .first()
      .waitFor();
    expect(await cutServices(page, 'main')).toEqual([]);
    const others = await otherColumns(page, 'main');
    expect(others).toMatchObject({ timeWhole: true, outcomeInside: true });
    expect(others.details).toBeGreaterThanOrEqual(300);
    await screenshot(page, 'log-device-column-live');
  });

  it('names each modem of a saved log whole, the longest model giving way to the rest', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Export & open' }).click();
    await page.getByRole('button', { name: 'Open kiosk-modems.jsonl' }).click();
    const saved = 'main.saved-view';
    await page
      .locator(saved)
      .getByText(`${records.toLocaleString('en-US')} records.`)
      .first()
      .waitFor();
    // Row #1 is the long model's device-info, then a request to it and one to each other modem.
    await page.locator(`${saved} .log-scroll .log-row[data-seq="8"]`).waitFor();
    const cells = await deviceCells(page, saved);
    const names = new Set(cells.map((c) => c.title));
    expect(names).toEqual(
      new Set([`${LONG_MODEL} (…5a9b)`, 'unknown model (…f0001)', 'unknown model (…c0001)']),
    );
    for (const cell of cells) {
      expect(cell.endInside, `${cell.text}: its end inside the column`).toBe(true);
      // The two without a model read whole; only the longest model gives way.
      if (cell.title?.startsWith('unknown')) {
        expect(cell.text).toBe(cell.title);
        expect(cell.modelCut, `${cell.text}: its model cut`).toBe(false);
      } else expect(cell.modelCut).toBe(true);
    }
    await page
      .locator(`${saved} .log-scroll .log-service`, { hasText: 'Sierra Diagnostics Stream' })
      .first()
      .waitFor();
    expect(await cutServices(page, saved)).toEqual([]);
    const others = await otherColumns(page, saved);
    expect(others).toMatchObject({ timeWhole: true, outcomeInside: true });
    expect(others.details).toBeGreaterThanOrEqual(300);
    await screenshot(page, 'log-device-column-saved');
  });
});
