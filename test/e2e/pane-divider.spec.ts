/**
 * The bar between the timeline and the log, at 1366x768: the timeline's own height leaves the log
 * a few rows there, so a technician drags the bar (or uses the keyboard) to read more of
 * the log, and can give the timeline its own height back; neither pane can be squeezed away.
 * The live view's bar between the services and the log does the same.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './axe.js';
import { openApp, readableRows, screenshot, seedHistory, type Session } from './harness.js';

async function height(page: Page, selector: string): Promise<number> {
  return page.locator(selector).evaluate((el) => el.getBoundingClientRect().height);
}

/** Drags the bar named `name` from its middle to the height `to` gives for that middle. */
async function drag(page: Page, name: string, to: (y: number) => number): Promise<void> {
  const box = await page.getByRole('separator', { name }).boundingBox();
  if (!box) throw new Error('no bar');
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x, to(y), { steps: 5 });
  await page.mouse.up();
}

describe('the bar between the timeline and the log', () => {
  let s: Session;
  let initial = 0;
  beforeAll(async () => {
    s = await openApp();
    await s.page.setViewportSize({ width: 1366, height: 768 });
    await seedHistory(s.page);
    await s.page.getByRole('button', { name: 'Live timeline', exact: true }).click();
    await s.page.getByRole('img', { name: /^Timeline of requests/ }).waitFor();
    initial = await readableRows(s.page);
  });
  afterAll(async () => {
    await s.close();
  });

  it('dragged up, gives the log several more readable rows and keeps the timeline usable', async () => {
    await drag(s.page, 'Timeline and log', (y) => y - 150);
    await expect.poll(() => readableRows(s.page)).toBeGreaterThanOrEqual(initial + 3);
    // The timeline keeps its toolbar and a plot to scroll its lanes in.
    await expect(s.page.getByRole('button', { name: /^Zoom in/ }).isVisible()).resolves.toBe(true);
    expect(await height(s.page, '.timeline-stage')).toBeGreaterThanOrEqual(80);
    await screenshot(s.page, 'pane-divider-log-room');
  });

  it('cannot squeeze the log away, however far it is dragged down', async () => {
    // To the window's bottom edge, as far as a mouse can go.
    await drag(s.page, 'Timeline and log', () => 767);
    await expect.poll(() => height(s.page, '.timeline-stage')).toBeGreaterThan(200);
    expect(await readableRows(s.page)).toBeGreaterThanOrEqual(1);
    const log = await s.page.locator('.log').boundingBox();
    expect(log && log.y + log.height).toBeLessThanOrEqual(768);
    await screenshot(s.page, 'pane-divider-timeline-room');
  });

  it('moves with the keyboard, and Enter gives the timeline its own height again', async () => {
    const bar = s.page.getByRole('separator', { name: 'Timeline and log' });
    await bar.focus();
    await s.page.keyboard.press('Enter');
    await expect.poll(() => readableRows(s.page)).toBe(initial);
    const share = Number(await bar.getAttribute('aria-valuenow'));
    for (let i = 0; i < 3; i++) await s.page.keyboard.press('ArrowUp');
    await expect.poll(() => readableRows(s.page)).toBeGreaterThanOrEqual(initial + 3);
    expect(Number(await bar.getAttribute('aria-valuenow'))).toBeLessThan(share);
    await s.page.keyboard.press('Home');
    await expect(s.page.getByRole('button', { name: /^Zoom in/ }).isVisible()).resolves.toBe(true);
    await screenshot(s.page, 'pane-divider-keyboard');
  });

  it('is a separator assistive technology can read and move (axe finds nothing)', async () => {
    expect(await axeViolations(s.page)).toEqual([]);
  });
});

describe('the bar between the services and the log', () => {
  let s: Session;
  let initial = 0;
  beforeAll(async () => {
    s = await openApp();
    await s.page.setViewportSize({ width: 1366, height: 768 });
    await seedHistory(s.page);
    initial = await readableRows(s.page);
  });
  afterAll(async () => {
    await s.close();
  });

  const bar = () => s.page.getByRole('separator', { name: 'Services and log' });

  it('dragged up, gives the live log several more rows; the services keep their heading', async () => {
    await drag(s.page, 'Services and log', (y) => y - 200);
    await expect.poll(() => readableRows(s.page)).toBeGreaterThanOrEqual(initial + 5);
    await expect(s.page.locator('#services-heading').isVisible()).resolves.toBe(true);
    expect(await height(s.page, '.services')).toBeGreaterThanOrEqual(100);
    await screenshot(s.page, 'live-divider-log-room');
  });

  it('dragged down, shows more services and still keeps the log on the screen', async () => {
    await drag(s.page, 'Services and log', () => 767);
    await expect.poll(() => height(s.page, '.services')).toBeGreaterThan(400);
    expect(await readableRows(s.page)).toBeGreaterThanOrEqual(1);
    const log = await s.page.locator('.log').boundingBox();
    expect(log && log.y + log.height).toBeLessThanOrEqual(768);
    await screenshot(s.page, 'live-divider-services-room');
  });

  it('dragged down, still leaves the whole-log search its room when it opens', async () => {
    await s.page.getByRole('button', { name: 'Search whole log…' }).click();
    const log = s.page.locator('.log');
    // The search's least height of the log (560 px at 768 px high), and its form in view.
    await expect.poll(async () => (await log.boundingBox())?.height ?? 0).toBeGreaterThan(550);
    await expect(s.page.getByRole('button', { name: 'Search all' }).isVisible()).resolves.toBe(
      true,
    );
    await screenshot(s.page, 'live-divider-search-open');
    await s.page.getByRole('button', { name: 'Hide search' }).click();
  });

  it('Enter gives the services their own height again', async () => {
    await bar().focus();
    await s.page.keyboard.press('Enter');
    await expect.poll(() => readableRows(s.page)).toBe(initial);
  });

  it('is a separator assistive technology can read and move (axe finds nothing)', async () => {
    expect(await axeViolations(s.page)).toEqual([]);
  });
});
