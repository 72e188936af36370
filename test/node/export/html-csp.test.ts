/**
 * The HTML report carries its own Content-Security-Policy, so that wherever the file is opened,
 * nothing in it can run or fetch, even if some text ever escaped escaping; its own stylesheet
 * still applies. Checked in Chromium; without it the suite is skipped LOUDLY (a failure under
 * CI=true).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JournalRecord } from '../../../shared/journal/record.js';
import { readAll } from '../../../electron/core/journal-reader.js';
import { CHROMIUM, CHROMIUM_ARGS } from '../../support/chromium.js';
import { exportRecords, removeTempDirs, tempDir } from './support/helpers.js';
import { makeSampleRun } from './support/sample-log.js';

const CI = process.env.CI === 'true' || process.env.CI === '1';
const available = existsSync(CHROMIUM);
if (!available) {
  const why = `${CHROMIUM} is missing (apt-get install -y chromium)`;
  console.warn(
    `\n${'!'.repeat(78)}\n!!! NOT RUN: HTML report CSP in Chromium — ${why}\n${'!'.repeat(78)}\n`,
  );
  if (CI) throw new Error(`CI=true: the HTML report CSP test must run, but ${why}.`);
}

let browser: Browser | undefined;
let sample: JournalRecord[];

beforeAll(async () => {
  sample = (await readAll(await makeSampleRun(tempDir()))).records;
  if (available)
    browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS] });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  removeTempDirs();
});

describe('the HTML report', () => {
  it('declares its policy first in <head>: nothing runs, loads or submits', async () => {
    const out = join(tempDir(), 'report.html');
    await exportRecords(sample, 'html', out);
    const head = readFileSync(out, 'utf8').slice(0, 600);
    expect(head).toMatch(
      /^<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; img-src data:; base-uri 'none'; form-action 'none'">/,
    );
  });

  it.skipIf(!available)('keeps its own style and stops anything slipped into it', async () => {
    if (!browser) throw new Error('Chromium did not start');
    const out = join(tempDir(), 'report.html');
    await exportRecords(sample, 'html', out);
    // As if some text had escaped escaping: a script, an inline handler, a style and a beacon.
    const html = readFileSync(out, 'utf8').replace(
      '</body>',
      '<script>window.ran = 1</script><img src="x" onerror="window.ran = 2"><style>body{display:none}</style><img src="http://127.0.0.1:9/beacon"></body>',
    );
    const tampered = join(tempDir(), 'tampered.html');
    writeFileSync(tampered, html);
    const page = await browser.newPage();
    // What went past the policy: anything that was not refused by it.
    const requests: string[] = [];
    page.on('requestfinished', (r) => requests.push(r.url()));
    page.on('requestfailed', (r) => {
      // Chromium names a request its policy refused 'csp'.
      if (r.failure()?.errorText !== 'csp') requests.push(r.url());
    });
    await page.goto(pathToFileURL(tampered).href);
    // Evaluated as text: these tests are type-checked without the DOM library.
    expect(await page.evaluate<unknown>('window.ran')).toBe(undefined);
    expect(await page.evaluate<unknown>('getComputedStyle(document.body).display')).not.toBe(
      'none',
    );
    // The report's own stylesheet applied: the log table is laid out by it.
    expect(
      await page.evaluate<unknown>(
        "getComputedStyle(document.querySelector('table.log')).borderCollapse",
      ),
    ).toBe('collapse');
    expect(requests.filter((u) => !u.startsWith('file:'))).toEqual([]);
    await page.close();
  });
});
