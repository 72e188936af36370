/**
 * A 13-inch laptop's screen is 1366x768, but the app's window on it is not: Windows' taskbar and
 * the window's title bar leave about 1366x697. There, with a saved log's banner, the selected
 * request's details under the timeline were drawn under the bar to the log: its status line was
 * cut in half and its request ID hidden. The legend, two lines there, now starts folded behind its
 * heading (as on half a screen), and the lanes scroll below the axis and two lanes. A refused
 * request's "What to try" was the line scrolled out of the details' three: it now comes before
 * the request's ID and times.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kioskLogLines } from '../support/journal-traffic.js';
import { openApp, readableRows, screenshot, type Session } from './harness.js';

const NAME = 'kiosk-13-inch.jsonl';
/** Request 150: to the diagnostics stream (every third is), refused with E_ACCESSDENIED. */
const REFUSED = 150;

describe('a saved log in a 13-inch screen’s window (1366x697)', () => {
  let s: Session;

  beforeAll(async () => {
    s = await openApp();
    await s.page.setViewportSize({ width: 1366, height: 697 });
    mkdirSync(s.preview.filesDir, { recursive: true });
    const lines = kioskLogLines(300, (n) => (n === REFUSED ? { rareEvery: REFUSED } : {}));
    writeFileSync(join(s.preview.filesDir, NAME), `${lines.join('\n')}\n`);
    await s.page.getByRole('button', { name: 'Export & open' }).click();
    await s.page.getByRole('button', { name: `Open ${NAME}` }).click();
    await s.page.getByRole('region', { name: /Saved log \(read-only\)/ }).waitFor();
    await s.page.locator('main.saved-view .log-row').nth(2).click();
  });
  afterAll(async () => {
    await s.close();
  });

  it('shows the selected request’s details whole, above the bar to the log', async () => {
    const { page } = s;
    const details = page.locator('main.saved-view .timeline-selected');
    await expect.poll(() => details.textContent()).toContain('Request ID #1001');
    const box = await details.boundingBox();
    const bar = await page.getByRole('separator').boundingBox();
    expect(box && bar && box.y + box.height <= bar.y + 0.5).toBe(true);
    // Its three lines drawn whole, none scrolled out of its box.
    expect(await details.evaluate((el) => el.scrollHeight <= el.clientHeight + 1)).toBe(true);
    expect(await readableRows(page)).toBeGreaterThanOrEqual(4);
    await screenshot(page, 'thirteen-inch-window-saved-log');
  });

  it('keeps the legend folded behind its heading, and opens it over the lanes', async () => {
    const { page } = s;
    const heading = page.getByText('Legend: what the colours and marks mean');
    await heading.click();
    const legend = page.getByRole('list', { name: 'Legend' });
    await expect.poll(() => legend.isVisible()).toBe(true);
    expect(await legend.textContent()).toContain('Refused at once');
    await screenshot(page, 'thirteen-inch-window-legend');
    await page.keyboard.press('Escape');
    await expect.poll(() => legend.isVisible()).toBe(false);
  });

  it('shows a refused request’s code and the start of what to try, above its ID and times', async () => {
    const { page } = s;
    const view = page.locator('main.saved-view');
    await view
      .getByRole('combobox', { name: 'Outcome' })
      .selectOption({ label: 'Refused at once' });
    await view.locator('.log-row', { hasText: 'E_ACCESSDENIED' }).first().click();
    const details = view.locator('.timeline-selected');
    await expect.poll(() => details.textContent()).toContain('E_ACCESSDENIED');
    const box = await details.boundingBox();
    const code = await details.locator('.span-code').boundingBox();
    expect(code && box && code.y + code.height <= box.y + box.height + 0.5).toBe(true);
    // The advice's first line in sight, before the scrolling: a long one goes on below it.
    const advice = await details.locator('.span-advice').evaluate((el) => {
      const first = el.getClientRects()[0];
      return first ? { y: first.y, height: first.height } : null;
    });
    expect(advice && box && advice.y + advice.height <= box.y + box.height + 0.5).toBe(true);
    expect(await details.locator('.span-advice').textContent()).toMatch(
      /^What to try: Run the app/,
    );
    await screenshot(page, 'thirteen-inch-window-refused');
  });
});

/** An export's name, as the app gives it: with the runs' devices and time. */
const RECORDED = 'mbn-diag_EM7565+EM120R-GL_2026-12-06T1532Z.jsonl';

describe('a failed request in a saved log recorded by the app, at 1366x697', () => {
  // An export's log begins with its run's start: the banner says what recorded it, on a second
  // line. There a failed request's four lines of details (outcome, status, what to try, its ID and
  // times) ran out of the timeline's panel, the last drawn over the bar to the log.
  let s: Session;
  beforeAll(async () => {
    s = await openApp();
    await s.page.setViewportSize({ width: 1366, height: 697 });
    mkdirSync(s.preview.filesDir, { recursive: true });
    const runStart = {
      v: 2,
      seq: 1,
      time: new Date(Date.UTC(2026, 0, 5, 8)).toISOString(),
      mono: 0,
      kind: 'run-start',
      format: 'mbn-diag-journal',
      runId: 'thirteen0inch',
      app: { name: 'mbn-diag', version: '0.1.0' },
      os: { platform: 'win32', release: '10.0.22631.4602-insider-preview', arch: 'x64' },
      backend: {
        kind: 'mbn',
        label: 'Windows Mobile Broadband service (IMbnDeviceServicesManager)',
        reason: 'MBN is present.',
      },
    };
    const lines = kioskLogLines(120).map((line) => {
      const record = JSON.parse(line) as { seq: number };
      return JSON.stringify({ ...record, seq: record.seq + 1 });
    });
    writeFileSync(
      join(s.preview.filesDir, RECORDED),
      `${[JSON.stringify(runStart), ...lines].join('\n')}\n`,
    );
    await s.page.getByRole('button', { name: 'Export & open' }).click();
    await s.page.getByRole('button', { name: `Open ${RECORDED}` }).click();
    await s.page.getByRole('region', { name: /Saved log \(read-only\)/ }).waitFor();
  });
  afterAll(async () => {
    await s.close();
  });

  it('keeps its details inside the timeline’s panel, above the bar', async () => {
    const { page } = s;
    const view = page.locator('main.saved-view');
    await expect.poll(() => view.textContent()).toContain('Recorded with');
    await view.getByRole('combobox', { name: 'Outcome' }).selectOption({ label: 'Failed' });
    await view.locator('.log-row', { hasText: 'E_MBN_SIM_NOT_INSERTED' }).first().click();
    const details = view.locator('.timeline-selected');
    await expect.poll(() => details.textContent()).toContain('What to try');
    const box = await details.boundingBox();
    const panel = await view.locator('.timeline').first().boundingBox();
    const bar = await page.getByRole('separator').boundingBox();
    expect(box && bar && box.y + box.height <= bar.y + 0.5).toBe(true);
    expect(box && panel && box.y + box.height <= panel.y + panel.height + 0.5).toBe(true);
    // The outcome, the status and the start of what to try, in sight.
    const advice = await details.locator('.span-advice').evaluate((el) => {
      const first = el.getClientRects()[0];
      return first ? first.y + first.height : Infinity;
    });
    expect(box && advice <= box.y + box.height + 0.5).toBe(true);
    await screenshot(page, 'thirteen-inch-window-failed');
  });
});
