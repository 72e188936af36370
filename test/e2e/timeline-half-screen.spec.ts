/**
 * The live Timeline view on half a 13-inch screen (683x768), a log filter set and an entry
 * selected: the timeline and its controls took the whole height, so the log showed no readable
 * row, and the selection's details were drawn over the bar and the log's heading. Nothing may be
 * drawn over anything else there, the log keeps rows to read, and 1366x768 is no worse.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AXIS_HEIGHT, LANE_HEIGHT } from '../../renderer/src/timeline/geometry.js';
import { axeViolations } from './axe.js';
import {
  openApp,
  readableRows,
  screenshot,
  seedHistory,
  serviceRow,
  type Session,
} from './harness.js';

/**
 * The most any two of the boxes a technician reads overlap, in px (the smaller of the two
 * overlaps, across and down), with their names: the timeline's parts, the bar, the log's parts.
 * Also any of them that runs past the window's bottom edge.
 */
async function worstOverlap(page: Page): Promise<{ px: number; between: string }> {
  return page.evaluate(() => {
    const selectors = [
      '.timeline .panel-head',
      '.timeline-tools',
      '.timeline-legend-box',
      '.timeline-overview',
      '.timeline-stage',
      '.timeline-selection',
      '.pane-divider',
      '.log .panel-head',
      '.log-filters',
      '.log-head',
      '.log-scroll',
      '.entry-details',
    ];
    const boxes = selectors.flatMap((name) => {
      const el = document.querySelector(name);
      return el ? [{ name, r: el.getBoundingClientRect() }] : [];
    });
    let worst = { px: 0, between: '' };
    boxes.forEach((a, i) => {
      const below = a.r.bottom - window.innerHeight;
      if (below > worst.px) worst = { px: below, between: `${a.name} / the window's edge` };
      for (const b of boxes.slice(i + 1)) {
        const across = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
        const down = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
        const px = Math.min(across, down);
        if (px > worst.px) worst = { px, between: `${a.name} / ${b.name}` };
      }
    });
    return worst;
  });
}

/** How far the timeline, or any of its parts, reaches past the top of the bar below it. */
async function timelineSpill(page: Page): Promise<number> {
  return page.evaluate(() => {
    const timeline = document.querySelector('.timeline-view > .timeline');
    const bar = document.querySelector('.pane-divider');
    if (!timeline || !bar) return Infinity;
    const top = bar.getBoundingClientRect().top;
    // Its parts, and the selection's words and buttons: what scrolls inside them is clipped.
    const parts = [...timeline.children, ...timeline.querySelectorAll('.timeline-selection > *')];
    const bottoms = parts.map((el) => el.getBoundingClientRect().bottom);
    return Math.max(timeline.getBoundingClientRect().bottom, ...bottoms) - top;
  });
}

describe('the live timeline on half a 13-inch screen, filtered, with a selection', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openApp();
    await seedHistory(s.page);
    await s.page.getByRole('button', { name: 'Live timeline', exact: true }).click();
    await s.page.getByRole('img', { name: /^Timeline of requests/ }).waitFor();
    await s.page.setViewportSize({ width: 683, height: 768 });
    await s.page.getByRole('combobox', { name: 'Filter by outcome' }).selectOption('problems');
    await s.page.locator('.log-scroll .log-row', { hasText: 'STK' }).first().click();
    await s.page.locator('.timeline-selected', { hasText: 'STK' }).waitFor();
  });
  afterAll(async () => {
    await s.close();
  });

  // First: the selection was made at this width (a wider window has no lanes to scroll).
  it('at 683x768 the lanes scroll to the selected request, its lane within the plot', async () => {
    const canvas = s.page.getByRole('img', { name: /^Timeline of requests/ });
    const lanes = JSON.parse((await canvas.getAttribute('data-lanes')) ?? '[]') as string[];
    // STK's lane, by the service its request was sent to.
    s.preview.engine.journal.flush();
    const sent = s.preview.engine.journal
      .readPage(1, 1000)
      .find((r) => r.kind === 'request' && r.serviceName === 'STK (SIM Toolkit)');
    if (sent?.kind !== 'request') throw new Error('no STK request');
    const lane = lanes.findIndex((key) => key.endsWith(sent.serviceId));
    expect(lane).toBeGreaterThan(0);
    const box = await canvas.boundingBox();
    const stage = await s.page.locator('.timeline-stage').boundingBox();
    if (!box || !stage) throw new Error('no plot');
    const top = box.y + AXIS_HEIGHT + lane * LANE_HEIGHT;
    expect(top).toBeGreaterThanOrEqual(stage.y);
    expect(top + LANE_HEIGHT).toBeLessThanOrEqual(stage.y + stage.height);
  });

  for (const width of [683, 1366]) {
    it(`at ${String(width)}x768 draws nothing over anything else and keeps log rows to read`, async () => {
      await s.page.setViewportSize({ width, height: 768 });
      // Soft: a failure reports the spill, the overlap and the rows together.
      // Laid out again at this width (the bar's observer may resize the panes once).
      await s.page.evaluate(
        () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
      );
      expect.soft(await timelineSpill(s.page)).toBeLessThanOrEqual(0.5);
      expect.soft(await worstOverlap(s.page)).toEqual({ px: 0, between: '' });
      expect.soft(await readableRows(s.page)).toBeGreaterThanOrEqual(2);
      // The log's heading and filters are what a click at their centre reaches.
      const covered = await s.page.locator('.timeline-view > .log').evaluate((log) =>
        [log.querySelector('h2'), ...log.querySelectorAll('select, input')].flatMap((el) => {
          const r = el?.getBoundingClientRect();
          if (!el || !r) return [];
          const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
          return hit && log.contains(hit) ? [] : [el.outerHTML.slice(0, 60)];
        }),
      );
      expect(covered).toEqual([]);
      await screenshot(s.page, `timeline-filtered-selected-${String(width)}x768`);
    });
  }

  // Wrapped to three lines at 683 px, the legend took the height of a lane and a half.
  it('at 683x768 folds the legend behind its heading, which opens it over the lanes', async () => {
    await s.page.setViewportSize({ width: 683, height: 768 });
    const heading = s.page.getByText('Legend: what the colours and marks mean');
    const legend = s.page.getByRole('list', { name: 'Legend' });
    // Measured once laid out again (the bar's observer may resize the panes once).
    const stage = async () => {
      await s.page.evaluate(
        () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
      );
      return (await s.page.locator('.timeline-stage').boundingBox())?.height ?? 0;
    };
    await heading.waitFor();
    // Folded once the window has heard the width change (its heading shows at once, by CSS).
    await expect.poll(() => legend.isVisible()).toBe(false);
    const folded = await stage();
    // Three lines of legend folded into one: the lanes have that room.
    expect(folded).toBeGreaterThanOrEqual(84 + LANE_HEIGHT);
    await heading.click();
    await legend.getByText(/Succeeded/).waitFor();
    // Opened, it lies over the lanes: nothing below moves, nothing runs into the bar.
    expect(await stage()).toBe(folded);
    expect(await timelineSpill(s.page)).toBeLessThanOrEqual(0.5);
    expect(await worstOverlap(s.page)).toEqual({ px: 0, between: '' });
    await screenshot(s.page, 'timeline-legend-opened-683x768');
    await s.page.keyboard.press('Escape');
    await expect.poll(() => legend.isVisible()).toBe(false);
    // As a menu: a click elsewhere closes it too.
    await heading.click();
    await legend.getByText(/Succeeded/).waitFor();
    await s.page.getByRole('heading', { name: 'Session log' }).click();
    await expect.poll(() => legend.isVisible()).toBe(false);
    // Wider, it is open with no heading; back at half a screen, folded again.
    await s.page.setViewportSize({ width: 1366, height: 768 });
    await legend.getByText(/Succeeded/).waitFor();
    expect(await heading.isVisible()).toBe(false);
    await s.page.setViewportSize({ width: 683, height: 768 });
    await heading.waitFor();
    // Folded once the window has heard the width change (its heading shows at once, by CSS).
    await expect.poll(() => legend.isVisible()).toBe(false);
  });

  it('at 683x768 the selection keeps its words, to be scrolled to from the keyboard', async () => {
    await s.page.setViewportSize({ width: 683, height: 768 });
    const details = s.page.getByRole('region', { name: 'Selected request' });
    expect(await details.textContent()).toMatch(/STK.*Failed/s);
    const overflow = () => details.evaluate((el) => el.scrollHeight - el.clientHeight);
    expect(await overflow()).toBeGreaterThan(0);
    await details.focus();
    await s.page.keyboard.press('End');
    await expect.poll(() => details.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
    expect(await axeViolations(s.page)).toEqual([]);
  });

  it('in the dark theme at 683x768 too', async () => {
    await s.page.emulateMedia({ colorScheme: 'dark' });
    try {
      await s.page.setViewportSize({ width: 683, height: 768 });
      expect(await worstOverlap(s.page)).toEqual({ px: 0, between: '' });
      await screenshot(s.page, 'timeline-filtered-selected-683x768-dark');
    } finally {
      await s.page.emulateMedia({ colorScheme: 'light' });
      await s.page.setViewportSize({ width: 1366, height: 768 });
    }
  });
});

/**
 * Paused, the log's heading holds "Paused — 1 new" and "Back to live" too: at 683x768 it took a
 * second line, and with a request selected the log kept two rows to read.
 */
describe('the live timeline on half a 13-inch screen, the log paused', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openApp();
    await seedHistory(s.page);
    await serviceRow(s.page, 'USSD')
      .getByRole('button', { name: /^Close session/ })
      .click();
    await s.page.getByRole('button', { name: 'Live timeline', exact: true }).click();
    await s.page.setViewportSize({ width: 683, height: 768 });
    await s.page.locator('.log-scroll .log-row', { hasText: 'STK' }).first().click();
    // The technician's own wheel: what pauses the log.
    await s.page.locator('#log').hover();
    await s.page.mouse.wheel(0, -100_000);
    await s.page.getByText(/^Paused/).waitFor();
  });
  afterAll(async () => {
    await s.close();
  });

  it('keeps the heading on one line and three rows to read', async () => {
    const head = s.page.locator('.timeline-view > .log > .panel-head');
    const tops = await head.evaluate((el) =>
      [...el.querySelectorAll('h2, select, button, .live-state')].map((child) => {
        const r = child.getBoundingClientRect();
        return { name: child.textContent, middle: Math.round(r.top + r.height / 2) };
      }),
    );
    const middle = tops[0]?.middle ?? 0;
    // Every part of the heading on the heading's line (their middles within a few px).
    expect(tops.filter((t) => Math.abs(t.middle - middle) > 4)).toEqual([]);
    expect(await readableRows(s.page)).toBeGreaterThanOrEqual(3);
    // The time select still says what it is, to a screen reader too.
    await s.page.getByRole('combobox', { name: /^Times/ }).waitFor();
    expect(await worstOverlap(s.page)).toEqual({ px: 0, between: '' });
    await screenshot(s.page, 'timeline-paused-selected-683x768');
  });
});
