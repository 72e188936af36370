/**
 * The report's log fits the screen it is read on: one unbroken HRESULT_FROM_WIN32(ERROR_NOT_SUPPORTED)
 * in the Result and Details columns pushed Details off the right of a 1366 px screen, and a
 * backend's message with a long path off an 1800 px one. Checked in Chromium; without it the suite
 * is skipped LOUDLY (a failure under CI=true).
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportFromPath } from '../../../electron/core/export/export-saved-log.js';
import { CHROMIUM, CHROMIUM_ARGS } from '../../support/chromium.js';
import { APP, NOW, removeTempDirs, tempDir } from './support/helpers.js';
import { RUN_START, SIERRA, SMS } from './support/pass-through-lines.js';

const CI = process.env.CI === 'true' || process.env.CI === '1';
const available = existsSync(CHROMIUM);
if (!available) {
  const why = `${CHROMIUM} is missing (apt-get install -y chromium)`;
  console.warn(
    `\n${'!'.repeat(78)}\n!!! NOT RUN: HTML report log width in Chromium — ${why}\n${'!'.repeat(78)}\n`,
  );
  if (CI) throw new Error(`CI=true: the HTML report width test must run, but ${why}.`);
}

const NAME = 'HRESULT_FROM_WIN32(ERROR_NOT_SUPPORTED)';
const PATH = `C:\\ProgramData\\Sierra\\Diagnostics\\Logs\\${'x'.repeat(150)}.bin`;

/** Refused and failed opens of a service with a long name, as a modem without it answers. */
function report(): Promise<string> {
  const service = {
    interfaceId: SIERRA,
    serviceId: SMS,
    serviceName: 'Sierra diagnostics stream',
  };
  const start = Date.UTC(2026, 0, 5, 8, 30);
  const lines: string[] = [];
  let seq = 1;
  const push = (mono: number, body: object): void => {
    lines.push(
      JSON.stringify({
        v: 2,
        seq: seq++,
        time: new Date(start + mono).toISOString(),
        mono,
        ...body,
      }),
    );
  };
  push(0, RUN_START);
  for (let i = 0; i < 20; i++) {
    const ref = `r${i}`;
    const mono = 10 + i * 1000;
    const request = { ref, op: 'open', ...service };
    push(mono, { kind: 'request', ...request, outcome: 'sending', sessionOpenBefore: false });
    if (i % 2 === 0) {
      push(mono + 1, {
        kind: 'request-returned',
        ...request,
        requestId: null,
        hresult: '0x80070032',
        hresultName: NAME,
        outcome: 'refused',
        callMs: 0.7,
        message: `The request is not supported. ${NAME} ${PATH}`,
      });
    } else {
      push(mono + 1, {
        kind: 'request-returned',
        ...request,
        requestId: 1000 + i,
        hresult: '0x00000000',
        hresultName: 'S_OK',
        outcome: 'waiting',
        callMs: 0.6,
      });
      push(mono + 30, {
        kind: 'completion',
        op: 'open',
        ...service,
        requestId: 1000 + i,
        status: '0x80070032',
        statusName: NAME,
        match: 'matched',
        ref,
        outcome: 'failed',
        latencyMs: 29,
      });
    }
  }
  const source = join(tempDir(), 'log.jsonl');
  writeFileSync(source, `${lines.join('\n')}\n`);
  const destination = join(tempDir(), 'report.html');
  return exportFromPath({ source, format: 'html', destination, app: APP, now: NOW }).then(
    () => destination,
  );
}

let browser: Browser | undefined;
let path: string;

beforeAll(async () => {
  path = await report();
  if (available)
    browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS] });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  removeTempDirs();
});

describe.skipIf(!available)("the report's log, with long result names and messages", () => {
  for (const width of [1366, 1800])
    it(`keeps its Details column on a ${width} px screen, the page not scrolling sideways`, async () => {
      if (!browser) throw new Error('Chromium did not start');
      const context = await browser.newContext({ viewport: { width, height: 768 } });
      const page = await context.newPage();
      await page.goto(pathToFileURL(path).href);
      // (The page's DOM is not typed here: its expressions are given as text.)
      expect(
        await page.evaluate<number>('document.documentElement.scrollWidth'),
      ).toBeLessThanOrEqual(width);
      const details = page.locator('table.log thead th').last();
      expect(await details.innerText()).toBe('Details');
      const box = await details.boundingBox();
      expect((box?.x ?? Infinity) + (box?.width ?? 0)).toBeLessThanOrEqual(width);
      // The name wraps, but reads (and copies) whole.
      const result = page
        .locator('table.log tbody tr', { hasText: 'Refused' })
        .first()
        .locator('td')
        .nth(7);
      expect(await result.innerText()).toBe(`${NAME} 0x80070032`);
      await context.close();
    });
});
