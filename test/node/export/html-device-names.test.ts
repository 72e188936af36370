/**
 * The report names each modem as the window and the CLI do (shared/device-name.ts): two of one
 * model were both "EM7565 (Sierra Wireless, Incorporated)" in its summary and "EM7565" in its log,
 * where a technician's screenshot could not say which was which either, and a modem without a
 * model was "unknown model ({GUID})" there and a bare GUID in the window.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { scenarioSchema } from '../../../electron/backends/simulator/scenario-schema.js';
import { deviceNames } from '../../../shared/device-name.js';
import type { JournalRecord } from '../../../shared/journal/record.js';
import type { DeviceInfo } from '../../../shared/model.js';
import { exportRecords, removeTempDirs, tempDir } from './support/helpers.js';
import { CHROMIUM, CHROMIUM_ARGS } from '../../support/chromium.js';
import { simulatedEngine } from '../../support/simulated-engine.js';

const FIXTURE = join(import.meta.dirname, '../../fixtures/ui-same-model.json');

afterAll(removeTempDirs);

/** A run on two EM7565s and a modem without a model, each service's session closed once. */
async function sameModelRun(): Promise<{ devices: DeviceInfo[]; records: JournalRecord[] }> {
  const scenario = scenarioSchema.parse(JSON.parse(readFileSync(FIXTURE, 'utf8')));
  const { clock, engine, records } = simulatedEngine(scenario, {
    timeoutMs: 10_000,
    tempPrefix: 'html-names-',
  });
  const devices = await engine.listDevices();
  for (const d of devices) {
    const [service] = await engine.listServices(d.interfaceId);
    if (service) await engine.send('close', d.interfaceId, service.serviceId);
  }
  clock.advance(100);
  await engine.close();
  return { devices, records };
}

/** The text of each row's first cell in the tables of `html` whose tag matches `table`. */
function firstCells(html: string, table: RegExp): string[] {
  return [...html.matchAll(new RegExp(`${table.source}[\\s\\S]*?</table>`, 'g'))].flatMap((t) =>
    [...t[0].matchAll(/<tr[^>]*><td[^>]*>(.*?)<\/td>/g)].map((m) =>
      (m[1] ?? '').replace(/<[^>]*>/g, ''),
    ),
  );
}

describe('the HTML report names modems as the window does', () => {
  it('tells two of one model apart in its summary, log and device table, redacted or not', async () => {
    const { devices, records } = await sameModelRun();
    const live = deviceNames(devices);
    const expected = ['EM7565 (…8E47)', 'EM7565 (…E4F5)', 'unknown model (…2B30)'];
    expect([...live.values()]).toEqual(expected);
    for (const redact of [true, false]) {
      const out = join(tempDir(), `report-${String(redact)}.html`);
      await exportRecords(records, 'html', out, { redact });
      const html = readFileSync(out, 'utf8');
      expect(firstCells(html, /<table class="summary">/)).toEqual(expected);
      expect(firstCells(html, /<h3>Devices<\/h3><div class="table-wrap"><table>/)).toEqual(
        expected,
      );
      const logCells = [...html.matchAll(/<td class="t" title="[^"]*">(.+?)<\/td>/g)].map((m) =>
        (m[1] ?? '').replace(/<[^>]*>/g, ''),
      );
      expect(new Set(logCells)).toEqual(new Set(expected));
      if (redact) expect(html).not.toContain('359072061234567');
    }
  });
});

/**
 * Run in the page (as text: these tests see no DOM types): of each summary and device-table cell
 * naming a device, on how many lines its end, "(…2B30)", is drawn.
 */
const LINES_OF_ENDS = `[...document.querySelectorAll(
  'table.summary tbody td:first-child, .sec-env table:last-of-type td:first-child',
)].map((cell) => {
  const text = cell.textContent;
  const at = text.lastIndexOf('(');
  const range = document.createRange();
  range.selectNodeContents(cell);
  const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
  let seen = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (seen <= at && at < seen + node.textContent.length) range.setStart(node, at - seen);
    seen += node.textContent.length;
  }
  const tops = [...range.getClientRects()].map((r) => Math.round(r.top));
  return { text, lines: new Set(tops).size };
})`;

describe.skipIf(!existsSync(CHROMIUM))('the HTML report in Chromium', () => {
  it("keeps each device name's end on one line at 1366 and 683 px", async () => {
    const { records } = await sameModelRun();
    const out = join(tempDir(), 'report.html');
    await exportRecords(records, 'html', out);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS] });
    try {
      for (const width of [1366, 683]) {
        const page = await browser.newPage({ viewport: { width, height: 768 } });
        await page.goto(pathToFileURL(out).href);
        const lines = await page.evaluate<{ text: string; lines: number }[]>(LINES_OF_ENDS);
        expect(lines.length).toBe(6);
        for (const cell of lines) expect(cell.lines, `${cell.text} at ${width} px`).toBe(1);
        await page.close();
      }
    } finally {
      await browser.close();
    }
  });
});
