/**
 * The whole-log overview in Chromium against the preview: a technician opens a saved kiosk log,
 * sees the strip of its whole range above the timeline (records and problem records, counted by
 * main from the log's index), clicks near its end and lands there: the timeline is centred on
 * that time and the log selects the entry at it. Home on the strip goes back to the start.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './axe.js';
import { openApp, screenshot, type Session } from './harness.js';
import { kioskLogLines } from '../support/journal-traffic.js';
import { SIERRA, SIERRA_DIAG, SMS, STK } from '../support/run-cli.js';

const REQUESTS = 8000;
const START = Date.UTC(2026, 0, 5, 8);

/** A request a second for over two hours; quiet but for a burst of failures about 80 % in. */
function writeKioskLog(dir: string): { name: string; records: number } {
  const lines = kioskLogLines(REQUESTS, (n) => ({
    failEvery: n > 6400 && n <= 6600 ? 4 : 1e9,
  }));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'kiosk-overview.jsonl'), lines.join('\n') + '\n');
  return { name: 'kiosk-overview.jsonl', records: lines.length };
}

describe('whole-log overview', () => {
  let s: Session;
  let records = 0;

  beforeAll(async () => {
    s = await openApp();
    const log = writeKioskLog(s.preview.filesDir);
    records = log.records;
    await s.page.getByRole('button', { name: 'Export & open' }).click();
    await s.page.getByRole('button', { name: `Open ${log.name}` }).click();
    await s.page.getByRole('region', { name: /Saved log \(read-only\)/ }).waitFor();
  });
  afterAll(async () => {
    await s.close();
  });

  /** The saved log's view: its timeline and log, apart from the live ones. */
  const region = () => s.page.locator('main.saved-view');
  const strip = () => region().getByRole('slider', { name: 'Whole log overview' });
  const timelineCentre = async (): Promise<number> => {
    const canvas = region().locator('.timeline-stage canvas');
    const t0 = Number(await canvas.getAttribute('data-t0'));
    const t1 = Number(await canvas.getAttribute('data-t1'));
    return (t0 + t1) / 2;
  };
  const selectedSeq = async (): Promise<number> => {
    const selected = region().locator('.log-scroll .log-row.is-selected');
    await selected.waitFor();
    return Number(await selected.getAttribute('data-seq'));
  };

  it('shows the whole range, counted from the index, and jumps to where it is clicked', async () => {
    const { page } = s;
    await expect.poll(async () => Number(await strip().getAttribute('data-records'))).toBe(records);
    // The burst's failed requests carry a problem outcome, and the strip counts them.
    expect(Number(await strip().getAttribute('data-problems'))).toBeGreaterThan(0);
    await expect(strip().getAttribute('aria-valuetext')).resolves.toMatch(/2026/);
    // Records with a problem, not "problems": one request can leave two such records.
    await region()
      .getByText(/^Whole log · [\d,]+ records · [\d,]+ with a problem$/)
      .waitFor();

    await screenshot(page, 'timeline-overview-opened');
    const before = await timelineCentre();
    const box = await strip().boundingBox();
    if (!box) throw new Error('the overview strip is not on screen');
    // Main sent one bin per pixel column of the strip at most: every bucket of this log is read
    // again, and all its bins (~4,000 of them) were sent.
    const bins = Number(await strip().getAttribute('data-bins'));
    expect(bins).toBeGreaterThan(box.width / 2);
    expect(bins).toBeLessThanOrEqual(Math.floor(box.width));
    // Before the click, the strip says the time under the pointer: where the click will go.
    const wanted = START + 1000 + 0.9 * (REQUESTS - 1) * 1000;
    await page.mouse.move(box.x + box.width * 0.9, box.y + box.height / 2);
    await expect.poll(() => strip().getAttribute('title')).toMatch(/^Go to 2026-01-05 /);
    const said = /^Go to (\S+) (\S+) Z$/.exec((await strip().getAttribute('title')) ?? '');
    const pointed = Date.parse(`${said?.[1] ?? ''}T${said?.[2] ?? ''}Z`);
    expect(Math.abs(pointed - wanted)).toBeLessThan(2 * (((REQUESTS - 1) * 1000) / box.width));
    await page.mouse.click(box.x + box.width * 0.9, box.y + box.height / 2);

    await expect.poll(timelineCentre).not.toBe(before);
    // Within one pixel's worth of the log's range of where the click was.
    const pixel = ((REQUESTS - 1) * 1000) / box.width;
    expect(Math.abs((await timelineCentre()) - wanted)).toBeLessThan(2 * pixel);
    // The log brought in and selected the entry at that time: ~90 % of the way through.
    await expect.poll(selectedSeq).toBeGreaterThan(records * 0.88);
    expect(await selectedSeq()).toBeLessThan(records * 0.92);

    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'timeline-overview');
  });

  it('follows a drag along the strip, and brings in the log where it is let go', async () => {
    const { page } = s;
    const box = await strip().boundingBox();
    if (!box) throw new Error('the overview strip is not on screen');
    const y = box.y + box.height / 2;
    await page.mouse.move(box.x + box.width * 0.2, y);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.35, y, { steps: 4 });
    await page.mouse.move(box.x + box.width * 0.5, y, { steps: 4 });
    await page.mouse.up();
    const wanted = START + 1000 + 0.5 * (REQUESTS - 1) * 1000;
    const pixel = ((REQUESTS - 1) * 1000) / box.width;
    await expect
      .poll(async () => Math.abs((await timelineCentre()) - wanted))
      .toBeLessThan(2 * pixel);
    // Polled as one distance: the entry the test before selected (at 90 %) is still selected until
    // the jump lands, and a lower bound alone passed on it at once (then failed on the upper).
    await expect
      .poll(async () => Math.abs((await selectedSeq()) - records * 0.5))
      .toBeLessThan(records * 0.02);
  });

  it('goes to the start of the log from the keyboard', async () => {
    await strip().focus();
    await s.page.keyboard.press('Home');
    await expect.poll(selectedSeq).toBeLessThan(10);
    expect(Math.abs((await timelineCentre()) - (START + 1000))).toBeLessThan(60_000 * 60);
  });
});

/**
 * The live log's strip is asked for again only every few seconds: its count said "110 records"
 * above a log of "123 entries", two counts of one log for a technician to doubt.
 */
describe("the live log's overview", () => {
  let s: Session;
  beforeAll(async () => {
    s = await openApp();
    await s.page.getByRole('button', { name: 'Live timeline', exact: true }).click();
  });
  afterAll(async () => {
    await s.close();
  });

  /** The strip's count of records and the log's of its entries, read at one moment. */
  const counts = () =>
    s.page.evaluate(() => {
      const number = (selector: string, pattern: RegExp) =>
        Number(
          pattern
            .exec(document.querySelector(selector)?.textContent ?? '')?.[1]
            ?.replaceAll(',', '') ?? NaN,
        );
      return {
        strip: number('.timeline-overview-caption', /([\d,]+) records?/),
        log: number('.log-count', /^([\d,]+) entries$/),
      };
    });

  it('counts the entries the log shows as they come, not as of its last reading', async () => {
    const apart = async () => {
      const now = await counts();
      return now.strip - now.log;
    };
    await expect.poll(apart, { timeout: 10_000 }).toBe(0);
    const before = (await counts()).log;
    // Two requests, each answered, within the few seconds the strip is not asked for again.
    await s.preview.engine.send('close', SIERRA, SIERRA_DIAG);
    await s.preview.engine.send('close', SIERRA, STK);
    const log = s.page.locator('.log-scroll');
    for (const service of ['Sierra diagnostics stream', 'STK'])
      await log
        .locator('.log-row')
        .filter({ hasText: service })
        .filter({ hasText: /close #\d+ completed/ })
        .first()
        .waitFor();
    const now = await counts();
    expect(now.log).toBeGreaterThan(before);
    expect(now.strip).toBe(now.log);
    await screenshot(s.page, 'timeline-overview-live');
  });

  it('counts the problems the log shows as they come, too', async () => {
    const outcome = s.page.getByRole('combobox', { name: 'Filter by outcome' });
    await outcome.selectOption('problems');
    /** The strip's problem records and the log's entries with a problem, read at one moment. */
    const problems = () =>
      s.page.evaluate(() => ({
        strip: Number(
          document.querySelector('.timeline-overview-strip')?.getAttribute('data-problems'),
        ),
        log: Number(
          /^([\d,]+) of/
            .exec(document.querySelector('.log-count')?.textContent ?? '')?.[1]
            ?.replaceAll(',', '') ?? NaN,
        ),
      }));
    await expect
      .poll(async () => {
        const now = await problems();
        return now.strip - now.log;
      })
      .toBe(0);
    const before = (await problems()).log;
    // SMS refuses a close at once in the default scenario: a problem, seen in the log at once.
    await s.preview.engine.send('close', SIERRA, SMS);
    await s.page
      .locator('.log-scroll .log-row')
      .filter({ hasText: /close refused at once/ })
      .first()
      .waitFor();
    await expect.poll(async () => (await problems()).log).toBeGreaterThan(before);
    const now = await problems();
    expect(now.strip).toBe(now.log);
    await outcome.selectOption({ label: 'Any outcome' });
  });
});
