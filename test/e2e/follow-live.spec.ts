/**
 * Following live means the newest entry is fully visible inside the log's box (and the box inside
 * the window), on a 13-inch screen too; only the technician's own scrolling pauses it. A window
 * resize or the services table filling with outcomes must not switch it to "Paused".
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, screenshot, seedHistory, serviceRow, type Session } from './harness.js';

interface Box {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** The log's box, the window's, and the newest entry's box (null when it is not rendered). */
async function newestAndLog(page: Page) {
  return page.evaluate(() => {
    const box = (el: Element): Box => {
      const r = el.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, left: r.left, right: r.right };
    };
    const log = document.querySelector('#log');
    const table = document.querySelector('.log-table');
    if (!log || !table) throw new Error('no log');
    const count = Number(table.getAttribute('aria-rowcount'));
    const newest = log.querySelector(`[role="row"][aria-rowindex="${String(count)}"]`);
    return {
      log: box(log),
      newest: newest ? box(newest) : null,
      window: { top: 0, left: 0, bottom: window.innerHeight, right: window.innerWidth },
      rows: count - 1,
    };
  });
}

const inside = (inner: Box, outer: Box) =>
  inner.top >= outer.top - 0.5 &&
  inner.bottom <= outer.bottom + 0.5 &&
  inner.left >= outer.left - 0.5 &&
  inner.right <= outer.right + 0.5;

async function expectNewestVisible(page: Page) {
  // The rows are drawn a frame after they arrive: let the layout settle first.
  await page.evaluate(
    () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
  );
  const m = await newestAndLog(page);
  expect(m.rows).toBeGreaterThan(0);
  expect(m.newest, 'the newest entry is rendered').not.toBeNull();
  if (!m.newest) return;
  expect(inside(m.newest, m.log), 'the newest entry is inside the log box').toBe(true);
  expect(inside(m.log, m.window), 'the log box is inside the window').toBe(true);
  expect(await page.locator('.live-state').textContent()).toBe('Following live');
}

describe('following live on a small screen', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openApp();
  });
  afterAll(async () => {
    await s.close();
  });

  it('keeps the newest entry in the log box at 1366x768 as outcomes fill the services table', async () => {
    await seedHistory(s.page);
    // Every other service of the modem gets an outcome too: the services table grows.
    const names = await s.page
      .locator('tr[data-service]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-service') ?? ''));
    for (const name of names.filter((n) => !n.startsWith('S')).slice(0, 4)) {
      const row = serviceRow(s.page, name);
      await row
        .getByRole('button', { name: /^(Close|Open) session: / })
        .first()
        .click();
      await row.locator('.outcome-label').waitFor();
      await expectNewestVisible(s.page);
    }
    await screenshot(s.page, 'follow-live-1366x768');
  });

  it('keeps following, with a usable log, after a resize to 1280x720', async () => {
    await s.page.setViewportSize({ width: 1280, height: 720 });
    await expectNewestVisible(s.page);
    const m = await newestAndLog(s.page);
    // At least six rows of 26 px: a log a technician can read, the services table scrolls.
    expect(m.log.bottom - m.log.top).toBeGreaterThanOrEqual(6 * 26);
    // A new entry arrives at the smaller size: it is in view too.
    const before = m.rows;
    await serviceRow(s.page, 'SMS')
      .getByRole('button', { name: /^Close session/ })
      .click();
    await s.page.waitForFunction(
      (n) => Number(document.querySelector('.log-table')?.getAttribute('aria-rowcount')) - 1 > n,
      before,
    );
    await expectNewestVisible(s.page);
    // Each outcome on its own line names its service: scrolled so that a service's line is above
    // the panel's top, its outcome was there alone ("Open: refused at once", whose?).
    const cards = s.page.locator('.services tr[data-service] .outcome-label');
    const named = await cards.evaluateAll((labels) =>
      labels.map((l) => [l.closest('tr')?.getAttribute('data-service'), l.textContent]),
    );
    expect(named.length).toBeGreaterThan(1);
    for (const [service, text] of named)
      expect(text?.startsWith(`${String(service)} · `)).toBe(true);
    await expect(cards.first().locator('.outcome-service').isVisible()).resolves.toBe(true);
    await screenshot(s.page, 'follow-live-1280x720');
  });

  it('at half a screen (683 px) still shows the action column and log rows', async () => {
    await s.page.setViewportSize({ width: 683, height: 768 });
    await expectNewestVisible(s.page);
    const action = serviceRow(s.page, 'SMS')
      .getByRole('button', { name: /session: SMS$/ })
      .first();
    const box = await action.boundingBox();
    expect(box).not.toBeNull();
    if (box) expect(box.x + box.width).toBeLessThanOrEqual(683);
    expect(await s.page.locator('.log-scroll .log-row').count()).toBeGreaterThanOrEqual(4);
    // The log's narrow columns: its Outcome column ends inside the window, not past its edge.
    const outcome = await s.page.getByRole('columnheader', { name: 'Outcome' }).boundingBox();
    expect(outcome && outcome.x + outcome.width <= 683).toBe(true);
    // And the details, what an entry says, get the room to be read (at about 25 px they showed
    // two letters): # and Kind give way, the time stays whole.
    const details = await s.page.getByRole('columnheader', { name: 'Details' }).boundingBox();
    expect(details && details.x + details.width <= 683).toBe(true);
    expect(details?.width ?? 0).toBeGreaterThanOrEqual(150);
    const time = s.page.locator('.log-scroll .log-row [role="cell"]').nth(1);
    expect(await time.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    // Every modem's state stays in view in the device strip (cut off, a removed modem looked
    // ready), and a service's last request is read without scrolling sideways: as a table
    // column it began past the window's right edge.
    const strip = await s.page.locator('.live > .devices').boundingBox();
    for (const state of await s.page.locator('.live > .devices .device .badge').all()) {
      const b = await state.boundingBox();
      expect(b && strip && b.y + b.height <= strip.y + strip.height).toBe(true);
    }
    const last = serviceRow(s.page, 'SMS').locator('td.last-request');
    await s.page.locator('.services .table-scroll').evaluate((el) => (el.scrollLeft = 0));
    const lastBox = await last.boundingBox();
    expect(lastBox && lastBox.x >= 0 && lastBox.x + lastBox.width <= 683).toBe(true);
    expect(await last.textContent()).toMatch(/^SMS · Close/);
    await screenshot(s.page, 'follow-live-683x768');
    await s.page.setViewportSize({ width: 1366, height: 768 });
    await expectNewestVisible(s.page);
  });

  it('pauses only when the technician scrolls, and resumes at the bottom', async () => {
    await s.page.locator('#log').hover();
    await s.page.mouse.wheel(0, -400);
    await s.page.getByText(/^Paused/).waitFor();
    // The log pauses at the wheel's first scroll, which may still be moving the view: a wheel back
    // down meeting it left a CI run paused above the bottom. Scrolled back once it rests.
    await expect
      .poll(() =>
        s.page.locator('#log').evaluate(
          (el) =>
            new Promise<boolean>((done) => {
              const top = el.scrollTop;
              requestAnimationFrame(() => requestAnimationFrame(() => done(el.scrollTop === top)));
            }),
        ),
      )
      .toBe(true);
    await s.page.mouse.wheel(0, 100_000);
    await s.page.getByText('Following live').waitFor();
    await expectNewestVisible(s.page);
  });
});
