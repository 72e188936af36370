/**
 * A saved kiosk log where the backend's helper stopped for a few seconds: an error record explains
 * the gap in the requests, and a completion came twice and one for a request never sent. The
 * report drew the error and the unmatched completions on its timeline and the window's did not:
 * a technician at the window missed what a support engineer saw in the report. The window's
 * timeline now marks them where the report does, tells them in the log's words when hovered, and
 * its legend says what they are.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceKey } from '../../shared/model.js';
import { DIAG, SMS, kioskLogLines } from '../support/journal-traffic.js';
import { openApp, screenshot, type Session } from './harness.js';
import { savedView } from './large-saved-log.js';

const LABEL_WIDTH = 190;
const AXIS_HEIGHT = 24;
const LANE_HEIGHT = 28;
const START = Date.UTC(2026, 0, 5, 8);
const ERROR = 'the helper process stopped; it was started again';

/** An entry `ms` after 08:00 UTC on 2026-01-05, as kioskLogLines stamps its own. */
const at = (ms: number) => ({ v: 2, time: new Date(START + ms).toISOString(), mono: ms });

/**
 * Thirty requests a second apart, none from 16 s to 19 s (the helper was down; its error at
 * 15.5 s), request 10's completion again at 10.5 s, and one for a request never sent at 22.5 s.
 */
function writeLog(dir: string): { name: string; error: number; duplicate: number } {
  const lines = kioskLogLines(30)
    .map((line) => JSON.parse(line) as { mono: number; ref?: string | null; [k: string]: unknown })
    .filter((r) => !['r16', 'r17', 'r18', 'r19'].includes(r.ref ?? ''));
  const completion = { kind: 'completion', op: 'close', status: '0x00000000', statusName: 'S_OK' };
  lines.push(
    // Request 10 was to SMS (journal-traffic.ts: every third to the diagnostics stream).
    {
      ...at(10_500),
      ...SMS,
      ...completion,
      ref: 'r10',
      requestId: 1010,
      match: 'duplicate',
      outcome: null,
      latencyMs: null,
    },
    { ...at(15_500), kind: 'error', context: 'backend', message: ERROR },
    {
      ...at(22_500),
      ...DIAG,
      ...completion,
      ref: null,
      requestId: 4242,
      match: 'unknown-request',
      outcome: null,
      latencyMs: null,
    },
  );
  lines.sort((a, b) => a.mono - b.mono);
  const text = lines.map((r, i) => JSON.stringify({ ...r, seq: i + 1 })).join('\n');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'kiosk-helper-stopped.jsonl'), text + '\n');
  return { name: 'kiosk-helper-stopped.jsonl', error: START + 15_500, duplicate: START + 10_500 };
}

describe('a saved log’s error and unmatched completions on the timeline', () => {
  let s: Session;
  let log: ReturnType<typeof writeLog>;
  const view = savedView(() => s.page);

  beforeAll(async () => {
    s = await openApp();
    log = writeLog(s.preview.filesDir);
    await s.page.getByRole('button', { name: 'Export & open' }).click();
    await s.page.getByRole('button', { name: `Open ${log.name}` }).click();
    await view.banner().waitFor();
  });
  afterAll(async () => {
    await s.close();
  });

  /** Moves the pointer over time `t` on the lane `key`; the tip's words once it shows. */
  async function hover(key: string, t: number): Promise<string> {
    const canvas = view.canvas();
    const lanes = JSON.parse((await canvas.getAttribute('data-lanes')) ?? '[]') as string[];
    const lane = lanes.indexOf(key);
    const box = await canvas.boundingBox();
    const { t0, t1 } = await view.shownTimes();
    if (!box || lane < 0) throw new Error(`no lane ${key} drawn`);
    const x = LABEL_WIDTH + ((t - t0) / (t1 - t0)) * (box.width - LABEL_WIDTH);
    await s.page.mouse.move(box.x + x, box.y + AXIS_HEIGHT + lane * LANE_HEIGHT + LANE_HEIGHT / 2);
    const tip = s.page.getByRole('tooltip');
    await tip.waitFor();
    return (await tip.textContent()) ?? '';
  }

  it('marks them where the report does, in its words, and says what they are', async () => {
    const { page } = s;
    await view
      .region()
      .getByRole('button', { name: /Fit all/ })
      .click();
    await page.evaluate(
      () => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))),
    );
    const legend = await view.region().getByRole('list', { name: 'Legend' }).textContent();
    expect(legend).toContain('! error');
    expect(legend).toContain('○ unmatched completion');

    // The error that explains the gap, in the backend's row as in the report.
    await expect.poll(() => hover('backend', log.error)).toContain(`error in backend: ${ERROR}`);
    await screenshot(page, 'timeline-error-mark');
    // The completion that came twice, on its service's lane.
    await expect
      .poll(() => hover(serviceKey(SMS.interfaceId, SMS.serviceId), log.duplicate))
      .toContain('duplicate of an earlier completion');
    expect(s.pageErrors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
  });
});
