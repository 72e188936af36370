/**
 * One request, one story, seen by a technician: a Close refused at once with E_ACCESSDENIED reads
 * "refused at once" with no request ID promised in the services panel, the log, the timeline's
 * span details and tooltip, and the HTML report's picture. Before the shared request model, the
 * timeline called it "Failed · Request ID (none yet) · r2".
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportLog } from '../../electron/core/export/write-export.js';
import type { JournalRecord } from '../../shared/journal/record.js';
import { openApp, screenshot, serviceRow, type Session } from './harness.js';

const LABEL_WIDTH = 190;
const AXIS_HEIGHT = 24;
const LANE_HEIGHT = 28;
/** Words that would promise a request ID, or show an internal reference. */
const PROMISES = /none yet|\br\d+\b/;

describe('a close refused at once', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openApp();
    const row = serviceRow(s.page, 'SMS');
    await row.getByRole('button', { name: 'Close session: SMS' }).click();
    await row.locator('.outcome').getByText('Close: refused at once').waitFor();
  });
  afterAll(async () => {
    await s.close();
  });

  it('says so in the services panel', async () => {
    const text = (await serviceRow(s.page, 'SMS').locator('.outcome').textContent()) ?? '';
    // Whose code it is, as the span details say it: the call's, there being no completion.
    expect(text).toContain('The call returned E_ACCESSDENIED');
    expect(text).toContain('no request was started, so no request ID or completion will follow');
    expect(text).not.toMatch(PROMISES);
  });

  it('says so in the log', async () => {
    const row = s.page.locator('.log-row', { hasText: 'close refused at once: E_ACCESSDENIED' });
    await row.first().waitFor();
    const pill = row.first().locator('.pill');
    expect(await pill.textContent()).toBe('Refused at once');
    // Read whole at 1366x768, not "Refused at o…".
    expect(await pill.evaluate((e) => e.scrollWidth <= e.clientWidth)).toBe(true);
  });

  it('says so in the timeline, in the span details, the tooltip and the legend', async () => {
    await s.page.getByRole('button', { name: 'Live timeline', exact: true }).click();
    const canvas = s.page.getByRole('img', { name: /^Timeline of requests/ });
    await canvas.focus();
    await s.page.keyboard.press(']');
    const details = (await s.page.locator('.timeline-selected').textContent()) ?? '';
    expect(details).toContain('Refused at once');
    expect(details).toContain('Request ID none (no request was started)');
    expect(details).toContain('The call returned E_ACCESSDENIED');
    expect(details).not.toMatch(PROMISES);

    // Hover the span itself: the tooltip tells the same story.
    const lanes = JSON.parse((await canvas.getAttribute('data-lanes')) ?? '[]') as string[];
    const lane = lanes.findIndex((key) => key.endsWith('533fbeeb-14fe-4467-9f90-33a223e56c3f'));
    const box = await canvas.boundingBox();
    const span = await canvas.evaluate((el) => ({
      t0: Number((el as HTMLElement).dataset.t0),
      t1: Number((el as HTMLElement).dataset.t1),
    }));
    expect(lane).toBeGreaterThanOrEqual(0);
    if (!box) throw new Error('timeline not drawn');
    s.preview.engine.journal.flush();
    const records = s.preview.engine.journal.readPage(1, 1000);
    const request = records.find((r) => r.kind === 'request' && r.serviceName === 'SMS');
    if (!request) throw new Error('no request to SMS in the journal');
    const t = Date.parse(request.time);
    const x =
      box.x + LABEL_WIDTH + ((t - span.t0) / (span.t1 - span.t0)) * (box.width - LABEL_WIDTH);
    await s.page.mouse.move(x + 1, box.y + AXIS_HEIGHT + lane * LANE_HEIGHT + LANE_HEIGHT / 2);
    const tip = s.page.getByRole('tooltip');
    await expect.poll(() => tip.textContent()).toContain('Refused at once');
    expect(await tip.textContent()).toContain('Request ID none (no request was started)');
    expect(await tip.textContent()).not.toMatch(PROMISES);
    expect(await s.page.getByRole('list', { name: 'Legend' }).textContent()).toContain(
      'Refused at once',
    );
    await screenshot(s.page, 'timeline-refused-at-once');
  });

  it('says so in the HTML report', async () => {
    s.preview.engine.journal.flush();
    const records: JournalRecord[] = s.preview.engine.journal.readPage(1, 1000);
    const out = join(mkdtempSync(join(tmpdir(), 'mbn-refused-')), 'report.html');
    await exportLog({
      format: 'html',
      destination: out,
      records: (async function* () {
        for (const record of records) yield await Promise.resolve(record);
      })(),
      app: { name: 'mbn-diag', version: '0.1.0' },
      now: new Date(),
      sourceLabel: 'refused-at-once',
    });
    const page = await s.page.context().newPage();
    await page.goto(pathToFileURL(out).href);
    const titles = await page.locator('svg.timeline title').allTextContents();
    const refused = titles.filter((t) => t.startsWith('close · SMS'));
    expect(refused).toEqual([
      expect.stringContaining('— Refused at once. Request ID none (no request was started)'),
    ]);
    expect(refused.join()).not.toMatch(PROMISES);
    await page.close();
  });
});
