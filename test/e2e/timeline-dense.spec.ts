/**
 * A saved log with far more requests than the timeline has pixels, in Chromium against the
 * preview: the lanes are drawn from their per-pixel summary, one failed request among thousands
 * of succeeded ones still shows as a problem where it is, hovering a dense column says how many
 * requests of which outcomes it holds, and clicking it zooms in and selects the problem.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JournalRecord } from '../../shared/journal/record.js';
import { openApp, screenshot, type Session } from './harness.js';

const T0 = Date.UTC(2026, 0, 1, 8);
const DEVICE = '{0A1B2C3D-DENSE}';
const LANES = [
  { serviceId: 'svc-sms', serviceName: 'SMS', count: 8_000 },
  { serviceId: 'svc-stk', serviceName: 'STK (SIM Toolkit)', count: 8_000 },
  { serviceId: 'svc-diag', serviceName: 'Diagnostics stream', count: 4_000 },
];
/** SMS's one failed request, 61% of the way along. */
const FAILED_AT = Math.floor(8_000 * 0.61);

function savedLog(): string {
  const records: JournalRecord[] = [];
  let seq = 0;
  let ref = 0;
  LANES.forEach((lane, l) => {
    for (let i = 0; i < lane.count; i++) {
      // Each lane spreads its requests over the same ten minutes.
      const t = T0 + Math.floor((i * 600_000) / lane.count) + l;
      const outcome =
        lane.serviceId === 'svc-sms'
          ? i === FAILED_AT
            ? 'failed'
            : 'succeeded'
          : lane.serviceId === 'svc-stk' && i % 53 === 7
            ? 'failed'
            : 'succeeded';
      ref++;
      const base = {
        v: 2 as const,
        interfaceId: DEVICE,
        serviceId: lane.serviceId,
        serviceName: lane.serviceName,
        ref: `r${String(ref)}`,
        op: 'close' as const,
      };
      records.push({
        ...base,
        seq: ++seq,
        time: new Date(t).toISOString(),
        mono: t - T0,
        kind: 'request',
        outcome: 'sending',
        sessionOpenBefore: true,
      });
      const ok = outcome === 'succeeded';
      records.push({
        ...base,
        seq: ++seq,
        time: new Date(t + 30).toISOString(),
        mono: t + 30 - T0,
        kind: 'completion',
        outcome,
        requestId: ref,
        status: ok ? '0x00000000' : '0x80004005',
        statusName: ok ? 'S_OK' : 'E_FAIL',
        match: 'matched',
        latencyMs: 30,
      });
    }
  });
  records.sort((a, b) => a.time.localeCompare(b.time));
  return records.map((r, i) => JSON.stringify({ ...r, seq: i + 1 })).join('\n') + '\n';
}

describe('timeline with more requests than pixels', () => {
  let s: Session;
  const total = LANES.reduce((sum, lane) => sum + lane.count, 0);

  beforeAll(async () => {
    s = await openApp();
    mkdirSync(s.preview.filesDir, { recursive: true });
    writeFileSync(join(s.preview.filesDir, 'kiosk-week.jsonl'), savedLog());
    await s.page.getByRole('button', { name: 'Export & open' }).click();
    await s.page.getByRole('button', { name: 'Open kiosk-week.jsonl' }).click();
    await s.page.getByRole('region', { name: /Saved log \(read-only\)/ }).waitFor();
  });
  afterAll(async () => {
    await s.close();
  });

  const canvas = () => s.page.getByRole('img', { name: /^Timeline of requests/ });
  /** Where a time and a lane are on the canvas, from the range it last drew. */
  const at = async (t: number, laneKey: string) => {
    const c = canvas();
    const [t0, t1, lanes, box] = await Promise.all([
      c.getAttribute('data-t0'),
      c.getAttribute('data-t1'),
      c.getAttribute('data-lanes'),
      c.boundingBox(),
    ]);
    const keys = JSON.parse(lanes ?? '[]') as string[];
    const plot = (box?.width ?? 0) - 190;
    const x = 190 + ((t - Number(t0)) / (Number(t1) - Number(t0))) * plot;
    return { x, y: 24 + keys.findIndex((k) => k.endsWith(laneKey)) * 28 + 14 };
  };

  it('draws every request, and says what a dense column holds when hovered', async () => {
    await s.page.waitForFunction(
      (n) => document.querySelector('canvas[data-spans]')?.getAttribute('data-spans') === n,
      String(total),
      { timeout: 30_000 },
    );
    await canvas().scrollIntoViewIfNeeded();
    const failedTime = T0 + Math.floor((FAILED_AT * 600_000) / 8_000);
    const { x, y } = await at(failedTime, 'svc-sms');
    await canvas().hover({ position: { x, y } });
    const tip = s.page.getByRole('tooltip');
    await tip.waitFor();
    const words = (await tip.textContent()) ?? '';
    // The lane's device too, as the window names it: two modems' SMS lanes read apart.
    expect(words).toMatch(/^\d+ requests · unknown model \(…ENSE\) · SMS/);
    expect(words).toContain('1 failed');
    expect(words).toMatch(/\d+ succeeded/);
    expect(words).toContain('click to zoom in and select the first problem');
    await screenshot(s.page, 'timeline-dense-hover');
  });

  it('zooms in on a dense column when clicked, and selects its failed request', async () => {
    const before =
      Number(await canvas().getAttribute('data-t1')) -
      Number(await canvas().getAttribute('data-t0'));
    const failedTime = T0 + Math.floor((FAILED_AT * 600_000) / 8_000);
    const { x, y } = await at(failedTime, 'svc-sms');
    await canvas().click({ position: { x, y } });
    await s.page
      .locator('.timeline-selected')
      .filter({ hasText: /Failed/ })
      .waitFor();
    const after =
      Number(await canvas().getAttribute('data-t1')) -
      Number(await canvas().getAttribute('data-t0'));
    expect(after).toBeCloseTo(before / 8, 0);
    await screenshot(s.page, 'timeline-dense-zoomed');
  });

  // A review hovered a dense column, then zoomed with the wheel without moving the mouse: the tip
  // still said "47 requests … too close together" over a view drawing each on its own.
  it('takes the tip down when the view zooms under the pointer', async () => {
    const failedTime = T0 + Math.floor((FAILED_AT * 600_000) / 8_000);
    const { x, y } = await at(failedTime, 'svc-sms');
    await canvas().hover({ position: { x, y } });
    const tip = s.page.getByRole('tooltip');
    await tip.waitFor();
    await s.page.mouse.wheel(0, 300);
    await expect.poll(() => tip.count()).toBe(0);
  });
});
