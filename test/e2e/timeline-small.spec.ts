/**
 * The timeline on a 13-inch screen: it opens on the requests (not on every event since the run
 * started), every lane can be scrolled to with its label beside it, + and - zoom about the
 * selected request and keep it selected, and F zooms to it (as Perfetto's F does).
 */
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AXIS_HEIGHT, LANE_HEIGHT } from '../../renderer/src/timeline/geometry.js';
import { openApp, screenshot, seedHistory, serviceRow, type Session } from './harness.js';

async function range(canvas: Locator): Promise<{ t0: number; t1: number }> {
  return canvas.evaluate((el) => ({ t0: Number(el.dataset.t0), t1: Number(el.dataset.t1) }));
}

async function frame(s: Session): Promise<void> {
  await s.page.evaluate(
    () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
  );
}

/**
 * The range once it stays put across two frames: selecting in the log brings the request into view
 * a frame or more later on a loaded machine, and a range read before that moved under the zoom.
 */
async function settledRange(s: Session, canvas: Locator): Promise<{ t0: number; t1: number }> {
  let last = await range(canvas);
  for (let i = 0; i < 30; i++) {
    await frame(s);
    const now = await range(canvas);
    if (now.t0 === last.t0 && now.t1 === last.t1) return now;
    last = now;
  }
  return last;
}

describe('the timeline on a small screen', () => {
  let s: Session;
  let canvas: Locator;
  beforeAll(async () => {
    s = await openApp();
    await s.page.setViewportSize({ width: 1280, height: 720 });
    await seedHistory(s.page);
    // A request on every service of both modems: more lanes than a 720-px window has room for,
    // the last of them the request abandoned when the EM120R-GL is pulled out.
    for (const device of ['EM7565', 'EM120R-GL']) {
      await s.page.getByRole('button', { name: new RegExp(device) }).click();
      await s.page.locator('tr[data-service]').first().waitFor();
      const names = await s.page
        .locator('tr[data-service]')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-service') ?? ''));
      for (const name of names) {
        const action = serviceRow(s.page, name)
          .getByRole('button', { name: /^(Close|Open) session: / })
          .first();
        if ((await action.count()) > 0 && (await action.isEnabled())) await action.click();
      }
    }
    await s.page.getByRole('button', { name: 'Live timeline', exact: true }).click();
    canvas = s.page.getByRole('img', { name: /^Timeline of requests/ });
    await canvas.waitFor();
    await frame(s);
  });
  afterAll(async () => {
    await s.close();
  });

  it('opens zoomed to the requests, which fill most of the plot', async () => {
    s.preview.engine.journal.flush();
    const records = s.preview.engine.journal.readPage(1, 1000);
    const at = (kinds: string[]) =>
      records.filter((r) => kinds.includes(r.kind)).map((r) => Date.parse(r.time));
    const first = Math.min(...at(['request']));
    const last = Math.max(...at(['request-returned', 'completion', 'abandoned']));
    const r = await range(canvas);
    expect(r.t0).toBeLessThanOrEqual(first);
    expect(r.t1).toBeGreaterThanOrEqual(last);
    expect((last - first) / (r.t1 - r.t0)).toBeGreaterThan(0.6);
    await screenshot(s.page, 'timeline-small-opened');
  });

  it('scrolls every lane into view inside the window, its label beside it', async () => {
    const lanes = JSON.parse((await canvas.getAttribute('data-lanes')) ?? '[]') as string[];
    expect(lanes.length).toBeGreaterThan(12);
    const stage = s.page.locator('.timeline-stage');
    // The stage's scrollbar, as a technician would drag it.
    await stage.evaluate((el) => {
      el.scrollTop = el.scrollHeight;
    });
    const box = await canvas.boundingBox();
    const stageBox = await stage.boundingBox();
    if (!box || !stageBox) throw new Error('no canvas');
    const lastTop = box.y + AXIS_HEIGHT + (lanes.length - 1) * LANE_HEIGHT;
    expect(lastTop).toBeGreaterThanOrEqual(stageBox.y);
    expect(lastTop + LANE_HEIGHT).toBeLessThanOrEqual(stageBox.y + stageBox.height + 1);
    expect(stageBox.y + stageBox.height).toBeLessThanOrEqual(720);
    // The log under it keeps rows a technician can read.
    expect(await s.page.locator('.log-scroll .log-row').count()).toBeGreaterThanOrEqual(4);
    await screenshot(s.page, 'timeline-small-scrolled');
    await stage.evaluate((el) => {
      el.scrollTop = 0;
    });
  });

  it('zooms with + about the selected request and keeps it selected; F zooms to it', async () => {
    // The first STK close, found in the log by its words (the log is long by now).
    await s.page.getByRole('searchbox', { name: 'Search the log' }).fill('sent to STK');
    await s.page
      .locator('.log-scroll .log-row', { hasText: 'close data session sent to STK' })
      .first()
      .click();
    await expect.poll(() => s.page.locator('.timeline-selected').textContent()).toMatch(/STK/);
    await frame(s);
    const span = records(s).stk;
    const where = (r: { t0: number; t1: number }) => (span.mid - r.t0) / (r.t1 - r.t0);
    const before = await settledRange(s, canvas);
    await canvas.focus();
    await s.page.keyboard.press('+');
    const after = await settledRange(s, canvas);
    expect(after.t1 - after.t0).toBeLessThan(before.t1 - before.t0);
    expect(where(after)).toBeCloseTo(where(before), 2);
    expect(await s.page.locator('.timeline-selected').textContent()).toMatch(/STK/);

    await s.page.keyboard.press('f');
    await frame(s);
    const zoomed = await range(canvas);
    expect(zoomed.t0).toBeLessThanOrEqual(span.start);
    expect(zoomed.t1).toBeGreaterThanOrEqual(span.end);
    expect((span.end - span.start) / (zoomed.t1 - zoomed.t0)).toBeGreaterThan(0.5);
    expect(await s.page.locator('.timeline-selected').textContent()).toMatch(/STK/);
    await screenshot(s.page, 'timeline-small-zoom-to-selection');
  });
});

/** STK's close: sent, then failed in its completion (seedHistory). */
function records(s: Session) {
  s.preview.engine.journal.flush();
  const all = s.preview.engine.journal.readPage(1, 1000);
  const sent = all.find((r) => r.kind === 'request' && r.serviceName === 'STK (SIM Toolkit)');
  const done = all.find((r) => r.kind === 'completion' && r.serviceName === 'STK (SIM Toolkit)');
  if (!sent || !done) throw new Error('no STK request');
  const start = Date.parse(sent.time);
  const end = Date.parse(done.time);
  return { stk: { start, end, mid: (start + end) / 2 } };
}
