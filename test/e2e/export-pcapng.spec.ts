/**
 * The MBIM capture format in the export panel, in Chromium against the preview: on a session that
 * was not recorded over MBIM (here the simulator) it is listed but cannot be chosen, and says why.
 * So for a saved log that holds no MBIM messages (one from a Windows kiosk), said as soon as the
 * log is open, before a save dialog and a read of the whole log; a saved log with MBIM messages is
 * offered it, on this simulated machine too, and exported.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, screenshot, type Session } from './harness.js';

const TIME = '2026-11-30T10:00:00.000Z';

/** A run of `records` after its start, recorded with `backend`, as a JSON Lines log. */
function runLog(
  backend: { kind: string; label: string },
  os: { platform: string; release: string },
  records: Record<string, unknown>[],
): string {
  const start = {
    kind: 'run-start',
    format: 'mbn-diag-journal',
    runId: '0123456789abcdef0123456789abcdef',
    app: { name: 'mbn-diag', version: '0.1.0' },
    os: { ...os, arch: 'x64' },
    backend: { ...backend, reason: 'test' },
  };
  return [start, ...records]
    .map((r, i) => JSON.stringify({ v: 2, seq: i + 1, time: TIME, mono: i, ...r }))
    .join('\n')
    .concat('\n');
}

const WINDOWS_KIOSK = runLog(
  { kind: 'mbn', label: 'Windows Mobile Broadband service' },
  { platform: 'win32', release: '10.0.22631' },
  [1, 2, 3].map((n) => ({
    kind: 'backend-status',
    backend: 'mbn',
    available: n % 2 === 0,
    message: n % 2 === 0 ? 'the service is back' : 'the kiosk dropped its session',
  })),
);

const LINUX_MBIM = runLog(
  { kind: 'mbim', label: 'MBIM modem at /dev/cdc-wdm0' },
  { platform: 'linux', release: '6.1.0' },
  (['sent', 'received'] as const).map((direction) => ({
    kind: 'mbim-message',
    interfaceId: '/dev/cdc-wdm0',
    direction,
    transactionId: 1,
    type: direction === 'sent' ? 'command' : 'command-done',
    service: null,
    serviceName: null,
    cid: null,
    cidName: null,
    status: null,
    statusName: null,
    requestId: 1,
    fragments: 1,
    bytes: '03000000100000000100000000000000',
  })),
);

describe('the MBIM capture export format', () => {
  let s: Session;
  const capture = () => s.page.getByRole('radio', { name: /MBIM capture/ });
  const exportPanel = () => s.page.getByRole('region', { name: /^Export/ });
  /**
   * Opens a log of the preview's folder and waits for its overview of `records` (drawn from the
   * log's index, which is when what it holds is counted too: that answer comes first), then goes
   * back to the export panel.
   */
  const open = async (name: string, records: number) => {
    await s.page.getByRole('button', { name: 'Export & open' }).click();
    await s.page.getByRole('button', { name: `Open ${name}` }).click();
    const strip = s.page.getByRole('slider', { name: 'Whole log overview' });
    // More than poll's default second: a busy machine takes longer to index even a small log.
    await expect
      .poll(async () => Number(await strip.getAttribute('data-records')), { timeout: 30_000 })
      .toBe(records);
    await s.page.getByRole('button', { name: 'Export & open' }).click();
    await exportPanel().getByText(name).waitFor();
  };

  beforeAll(async () => {
    s = await openApp();
    mkdirSync(s.preview.filesDir, { recursive: true });
    writeFileSync(join(s.preview.filesDir, 'windows-kiosk.jsonl'), WINDOWS_KIOSK);
    writeFileSync(join(s.preview.filesDir, 'linux-mbim.jsonl'), LINUX_MBIM);
    await s.page.getByRole('button', { name: 'Export & open' }).click();
  });
  afterAll(async () => {
    await s.close();
  });

  it('is not offered for a simulator session, and the panel says why', async () => {
    const radio = capture();
    await radio.waitFor();
    expect(await radio.isDisabled()).toBe(true);
    await s.page.getByText(/not recorded with the MBIM backend/).waitFor();
    // The other formats stay available.
    expect(await s.page.getByRole('radio', { name: /JSON Lines log/ }).isDisabled()).toBe(false);
  });

  it('is not offered for a saved log without MBIM messages, and says what recorded it', async () => {
    await open('windows-kiosk.jsonl', 4);
    await exportPanel()
      .getByText(
        'Not offered for this log: it holds no MBIM messages to capture. It was recorded with Windows Mobile Broadband service on win32 10.0.22631, and only the MBIM backend records them.',
      )
      .waitFor();
    expect(await capture().isDisabled()).toBe(true);
    await screenshot(s.page, 'export-capture-not-offered');
  });

  it('is offered for a saved log with MBIM messages, and exports them', async () => {
    await open('linux-mbim.jsonl', 3);
    await exportPanel()
      .getByText('The MBIM messages exchanged with the modem, for Wireshark.')
      .waitFor();
    expect(await capture().isDisabled()).toBe(false);
    await capture().check();
    await screenshot(s.page, 'export-capture-offered');
    // The capture chosen, then the live session (simulated) to export: Export… does not start
    // what would fail after the save dialog, and the words under the choice say why.
    const button = s.page.getByRole('button', { name: 'Export…' });
    await s.page.getByRole('radio', { name: 'This session (live)' }).check();
    expect(await button.isDisabled()).toBe(true);
    expect(await button.getAttribute('aria-describedby')).toBe('export-format-says');
    await screenshot(s.page, 'export-capture-live-blocked');
    await s.page.getByRole('radio', { name: /The saved log linux-mbim\.jsonl/ }).check();
    await s.page.getByRole('button', { name: 'Export…' }).click();
    const status = s.page.getByRole('status').filter({ hasText: /^Saved/ });
    await status.waitFor();
    expect(await status.textContent()).toMatch(/^Saved \S+\.pcapng in /);
  });
});
