/**
 * Zoom to selection (F) with nothing selected on a live timeline following live: the view the
 * timeline opened on, from the first request to the newest event, still following. It gave the
 * requests alone and paused, and the events after the last request (here the MBN service going
 * away and coming back, test/fixtures/ui-service-outage.json) went out of view.
 */
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, screenshot, serviceRow, type Session } from './harness.js';

describe('zoom to selection with nothing selected, following live', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openApp({ scenarioPath: resolve('test/fixtures/ui-service-outage.json') });
  });
  afterAll(async () => {
    await s.close();
  });

  it('shows the requests and the newest event, and keeps following', async () => {
    const { page } = s;
    const name = 'Sierra diagnostics stream';
    // One request before the outage (12 s into the run), then the outage's events after it.
    await serviceRow(page, name)
      .getByRole('button', { name: `Close session: ${name}` })
      .click();
    await serviceRow(page, name)
      .locator('.outcome')
      .getByText(/succeeded/i)
      .waitFor();
    // The service back: the badge no longer says unavailable, after it did.
    const badge = page.locator('.backend-badge');
    await badge.filter({ hasText: '(unavailable)' }).waitFor({ timeout: 30_000 });
    await badge.filter({ hasNotText: 'unavailable' }).waitFor({ timeout: 10_000 });
    s.preview.engine.journal.flush();
    const records = s.preview.engine.journal.readPage(1, 1000);
    const back = records.at(-1);
    const sent = records.find((r) => r.kind === 'request');
    if (!back || !sent) throw new Error('no request or outage in the journal');

    await page.getByRole('button', { name: 'Live timeline', exact: true }).click();
    const canvas = page.getByRole('img', { name: /^Timeline of requests/ });
    await canvas.focus();
    // Nothing selected; any other move (zoom, pan) pauses, and paused it opens on the requests.
    await page.keyboard.press('Escape');
    const range = () =>
      canvas.evaluate((el) => ({ t0: Number(el.dataset.t0), t1: Number(el.dataset.t1) }));
    await page.keyboard.press('f');
    await expect.poll(async () => (await range()).t1).toBeGreaterThanOrEqual(Date.parse(back.time));
    expect((await range()).t0).toBeLessThanOrEqual(Date.parse(sent.time));
    expect(await page.locator('.timeline .live-state').textContent()).toBe('Following live');
    await screenshot(page, 'timeline-zoom-opening-live');
  });
});
