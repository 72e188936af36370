/**
 * The timeline in Chromium: zoom (keys, wheel, pinch), pan (drag, keys), a span clicked selects
 * its log row and a log row clicked selects its span, the tooltip's words, axe, light and dark.
 */
import { serviceKey } from '../../shared/model.js';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JournalRecord } from '../../shared/journal/record.js';
import { axeViolations } from './axe.js';
import { openApp, screenshot, seedHistory, type Session } from './harness.js';

/** The canvas's label column and the height of its time axis and lanes (draw.ts). */
const LABEL_WIDTH = 190;
const AXIS_HEIGHT = 24;
const LANE_HEIGHT = 28;

async function range(canvas: Locator): Promise<{ t0: number; t1: number }> {
  return canvas.evaluate((el) => ({
    t0: Number((el as HTMLElement).dataset.t0),
    t1: Number((el as HTMLElement).dataset.t1),
  }));
}

/** Waits for the next frame to be drawn: the canvas's range attributes are written by it. */
async function frame(s: Session): Promise<void> {
  await s.page.evaluate(
    () => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))),
  );
}

describe('the timeline', () => {
  let s: Session;
  let canvas: Locator;
  let records: JournalRecord[];

  beforeAll(async () => {
    s = await openApp();
    await seedHistory(s.page);
    await s.page.getByRole('button', { name: 'Live timeline', exact: true }).click();
    canvas = s.page.getByRole('img', { name: /^Timeline of requests/ });
    await canvas.waitFor();
    await s.page.getByRole('button', { name: /Fit all/ }).click();
    await frame(s);
    s.preview.engine.journal.flush();
    records = s.preview.engine.journal.readPage(1, 1000);
  });
  afterAll(async () => {
    await s.close();
  });

  /** Where a request's span is drawn, in page coordinates, from the journal's own times. */
  async function spanPoint(serviceName: string): Promise<{ x: number; y: number; seq: number }> {
    const request = records.find((r) => r.kind === 'request' && r.serviceName === serviceName);
    if (request?.kind !== 'request') throw new Error(`no request to ${serviceName}`);
    const end = records.find((r) => r.kind === 'completion' && 'ref' in r && r.ref === request.ref);
    const t0 = Date.parse(request.time);
    const t1 = end ? Date.parse(end.time) : t0;
    const lanes = JSON.parse((await canvas.getAttribute('data-lanes')) ?? '[]') as string[];
    const lane = lanes.indexOf(serviceKey(request.interfaceId, request.serviceId));
    const box = await canvas.boundingBox();
    const r = await range(canvas);
    if (!box || lane < 0) throw new Error('timeline not drawn');
    const x = LABEL_WIDTH + (((t0 + t1) / 2 - r.t0) / (r.t1 - r.t0)) * (box.width - LABEL_WIDTH);
    return {
      x: box.x + x,
      y: box.y + AXIS_HEIGHT + lane * LANE_HEIGHT + LANE_HEIGHT / 2,
      seq: request.seq,
    };
  }

  it('draws a lane per service under its device, with the requests counted', async () => {
    expect(await canvas.getAttribute('data-spans')).toBe('3');
    const lanes = JSON.parse((await canvas.getAttribute('data-lanes')) ?? '[]') as string[];
    expect(lanes[0]).toBe('backend');
    expect(lanes.filter((l) => l.startsWith('device|'))).toHaveLength(2);
    await expect.poll(() => s.page.getByText(/3 requests in 3 service lanes/).count()).toBe(1);
    // Fitted, the timeline is not following: it says so in a word, and the button is the action
    // (a filled "Follow live" once read as following, beside a log that was).
    const toolbar = s.page.getByRole('toolbar', { name: 'Timeline zoom and pan' });
    // Beside the timeline's heading, as the log's state is beside its own.
    const state = () => s.page.locator('section.timeline > .panel-head .live-state');
    expect(await state().textContent()).toBe('Paused');
    await toolbar.getByRole('button', { name: 'Follow live (L)' }).click();
    expect(await state().textContent()).toBe('Following live');
    await toolbar.getByRole('button', { name: 'Pause (L)' }).click();
    expect(await state().textContent()).toBe('Paused');
    await s.page.getByRole('button', { name: /Fit all/ }).click();
    await frame(s);
    await screenshot(s.page, 'timeline-live-light');
  });

  it('zooms with + and −, the wheel and a pinch, around the pointer', async () => {
    await canvas.focus();
    const before = await range(canvas);
    await s.page.keyboard.press('+');
    await frame(s);
    const zoomedIn = await range(canvas);
    expect(zoomedIn.t1 - zoomedIn.t0).toBeLessThan(before.t1 - before.t0);
    await s.page.keyboard.press('-');
    await frame(s);
    const out = await range(canvas);
    expect(out.t1 - out.t0).toBeGreaterThan(zoomedIn.t1 - zoomedIn.t0);

    const box = await canvas.boundingBox();
    if (!box) throw new Error('no canvas');
    await s.page.mouse.move(box.x + box.width * 0.75, box.y + 60);
    await s.page.mouse.wheel(0, -200);
    await frame(s);
    const wheeled = await range(canvas);
    expect(wheeled.t1 - wheeled.t0).toBeLessThan(out.t1 - out.t0);
    // A touchpad pinch arrives as ctrl+wheel.
    await s.page.keyboard.down('Control');
    await s.page.mouse.wheel(0, 40);
    await s.page.keyboard.up('Control');
    await frame(s);
    const pinched = await range(canvas);
    expect(pinched.t1 - pinched.t0).toBeGreaterThan(wheeled.t1 - wheeled.t0);
  });

  it('pans by dragging and with the arrow keys', async () => {
    const box = await canvas.boundingBox();
    if (!box) throw new Error('no canvas');
    const before = await range(canvas);
    await s.page.mouse.move(box.x + 600, box.y + 60);
    await s.page.mouse.down();
    await s.page.mouse.move(box.x + 400, box.y + 60, { steps: 5 });
    await s.page.mouse.up();
    await frame(s);
    const dragged = await range(canvas);
    // Dragging left shows later times; the width of the view is unchanged.
    expect(dragged.t0).toBeGreaterThan(before.t0);
    expect(dragged.t1 - dragged.t0).toBeCloseTo(before.t1 - before.t0, 3);
    await canvas.focus();
    await s.page.keyboard.press('ArrowLeft');
    await frame(s);
    expect((await range(canvas)).t0).toBeLessThan(dragged.t0);
  });

  it('a span clicked selects its outcome’s row in the log, and shows its words', async () => {
    await s.page.getByRole('button', { name: /Fit all/ }).click();
    await frame(s);
    const stk = await spanPoint('STK (SIM Toolkit)');
    await s.page.mouse.move(stk.x, stk.y);
    const tip = s.page.getByRole('tooltip');
    await expect.poll(() => tip.textContent()).toMatch(/STK \(SIM Toolkit\)/);
    expect(await tip.textContent()).toMatch(/Request ID #\d+/);
    expect(await tip.textContent()).toMatch(/E_FAIL.*: .+/);
    expect(await tip.textContent()).toMatch(/latency \d/);
    await screenshot(s.page, 'timeline-tooltip');
    await s.page.mouse.click(stk.x, stk.y);
    // The row that says how it ended, its failed completion: the request's own row said
    // "Sending", the Failed row out of sight (a technician's review).
    const sent = records.find((r) => r.seq === stk.seq);
    const failed = records.find(
      (r) => r.kind === 'completion' && sent?.kind === 'request' && r.ref === sent.ref,
    );
    const selected = s.page.locator('.log-scroll .log-row.is-selected');
    await expect.poll(() => selected.getAttribute('data-seq')).toBe(String(failed?.seq));
    expect(await selected.textContent()).toMatch(/completed: E_FAIL/);
    expect(await s.page.locator('.timeline-selected').textContent()).toMatch(/Failed/);
  });

  it('a log row clicked selects its span', async () => {
    const request = records.find(
      (r) => r.kind === 'request' && r.serviceName === 'Sierra diagnostics stream',
    );
    const done = records.find(
      (r) => r.kind === 'completion' && request?.kind === 'request' && r.ref === request.ref,
    );
    if (!done) throw new Error('no completion from Sierra diagnostics stream');
    // From the newest row, the log following live, scrolled to with the wheel as a technician
    // reaches a row: the log renders only the rows near its view, and a scroll not the
    // technician's (Playwright's own, bringing a row into view) is taken back to the newest row
    // while the log follows live. Clicked straight away, the click chased a row that kept leaving
    // whenever the step before had left the log following.
    const log = s.page.locator('.log-scroll');
    await log.focus();
    await s.page.keyboard.press('End');
    await expect
      .poll(() => log.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight))
      .toBeLessThan(2);
    const delta = await log.evaluate((el, seq) => {
      const height = el.querySelector<HTMLElement>('.log-row')?.offsetHeight ?? 0;
      return (seq - 1) * height - el.scrollTop - el.clientHeight / 2;
    }, done.seq);
    await log.hover();
    await s.page.mouse.wheel(0, delta);
    const row = s.page.locator(`.log-scroll .log-row[data-seq="${String(done.seq)}"]`);
    expect(await row.textContent()).toMatch(/completed/);
    await row.click();
    await expect
      .poll(() => s.page.locator('.timeline-selected').textContent())
      .toMatch(/Close · EM7565 \(…8E47\) · Sierra diagnostics stream — Succeeded/);
    expect(await canvas.getAttribute('aria-label')).toMatch(
      /Selected: close on EM7565 \(…8E47\) · Sierra/,
    );
    await screenshot(s.page, 'timeline-selected');
  });

  it('[ and ] step through requests from the keyboard', async () => {
    await canvas.focus();
    await s.page.keyboard.press(']');
    await expect.poll(() => s.page.locator('.timeline-selected').textContent()).toMatch(/SMS/);
  });

  it('has no axe violations, in light and dark', async () => {
    expect(await axeViolations(s.page)).toEqual([]);
    await s.page.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
    await frame(s);
    expect(await axeViolations(s.page)).toEqual([]);
    await screenshot(s.page, 'timeline-live-dark');
    await s.page.getByRole('combobox', { name: 'Theme' }).selectOption('light');
  });
});
