/**
 * A saved log from a kiosk in another time zone, read in the window: its times are shown in this
 * computer's zone (or UTC), and the technician's ticket ("the kiosk dropped its session at about
 * 14:05") is on the kiosk's clock. The banner says where it was recorded, on its own line only
 * when it does not fit beside the name; a log from this computer's zone says nothing more.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, readableRows, screenshot, type Session } from './harness.js';

/** A run recorded at 20:05 UTC (14:05 in Chicago) whose backend went away, in `zone`. */
function kioskLog(zone: { name: string; utcOffsetMinutes: number }): string {
  const base = { v: 2, time: '2026-01-15T20:05:00.000Z' };
  return [
    {
      ...base,
      seq: 1,
      mono: 0,
      kind: 'run-start',
      format: 'mbn-diag-journal',
      runId: '0123456789abcdef0123456789abcdef',
      app: { name: 'mbn-diag', version: '0.1.0' },
      os: { platform: 'win32', release: '10.0.22631', arch: 'x64' },
      backend: { kind: 'mbn', label: 'Windows MBN service', reason: 'test' },
      timeZone: zone,
    },
    ...[1, 2, 3, 4, 5].map((n) => ({
      ...base,
      seq: n + 1,
      mono: n * 1000,
      time: `2026-01-15T20:05:0${String(n)}.000Z`,
      kind: 'backend-status',
      backend: 'mbn',
      available: n % 2 === 0,
      message: n % 2 === 0 ? 'the service is back' : 'the kiosk dropped its session',
    })),
  ]
    .map((record) => JSON.stringify(record))
    .join('\n');
}

describe('a saved log recorded in another time zone', () => {
  let s: Session;
  const banner = () => s.page.getByRole('region', { name: /Saved log \(read-only\)/ });
  const open = async (name: string) => {
    await s.page.getByRole('button', { name: 'Export & open' }).click();
    await s.page.getByRole('button', { name: `Open ${name}` }).click();
    await banner().getByText(name).waitFor();
  };

  beforeAll(async () => {
    s = await openApp({ timezoneId: 'Europe/Paris' });
    // Made by the first export; these logs come from elsewhere.
    mkdirSync(s.preview.filesDir, { recursive: true });
    writeFileSync(
      join(s.preview.filesDir, 'kiosk-chicago.jsonl'),
      kioskLog({ name: 'America/Chicago', utcOffsetMinutes: -360 }),
    );
    writeFileSync(
      join(s.preview.filesDir, 'kiosk-paris.jsonl'),
      kioskLog({ name: 'Europe/Paris', utcOffsetMinutes: 60 }),
    );
  });
  afterAll(async () => {
    await s.close();
  });

  it('says in its banner where it was recorded, and that the times shown are this computer’s', async () => {
    await open('kiosk-chicago.jsonl');
    await banner()
      .getByText(
        "Recorded in America/Chicago (UTC-06:00); the times here are this computer's, Europe/Paris (UTC+01:00).",
      )
      .waitFor();
    // And what recorded it: the header above describes this machine's simulator, not the kiosk.
    await banner().getByText('Recorded with Windows MBN service on win32 10.0.22631.').waitFor();
    // The run's start says its zone too, in the log's own words.
    await s.page
      .locator('.log-scroll .log-row', { hasText: 'clock set to America/Chicago (UTC-06:00)' })
      .waitFor();
    // The banner's line does not take the log's rows at 1366x768.
    expect(await readableRows(s.page)).toBeGreaterThanOrEqual(4);
    await screenshot(s.page, 'saved-log-other-zone');
  });

  it('says the times are UTC when the technician shows UTC', async () => {
    await s.page.getByRole('combobox', { name: 'Times' }).selectOption('utc');
    await banner()
      .getByText('Recorded in America/Chicago (UTC-06:00); the times here are UTC.')
      .waitFor();
    await screenshot(s.page, 'saved-log-other-zone-utc');
    await s.page.getByRole('combobox', { name: 'Times' }).selectOption('local');
  });

  it('says nothing more of a log recorded in this computer’s zone', async () => {
    await open('kiosk-paris.jsonl');
    await s.page.getByText('6 entries').waitFor();
    expect(
      await banner()
        .getByText(/Recorded in/)
        .count(),
    ).toBe(0);
  });
});
