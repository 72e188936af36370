/**
 * A technician on a Linux modem that takes 2 DSS sessions at a time closes the session of the
 * third service that can stream, which mbn-diag never opened: the services panel says it was
 * refused at once and why, in the backend's words (no DSS session ID is held for it, and the
 * listing's would be refused), not a bare status, and the advice is to close it where it was
 * opened, not to open it first. The MBIM backend runs against the emulator in memory.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ByteLink } from '../../electron/backends/mbim/bridge.js';
import { MbimEmulator } from '../../electron/backends/mbim/emulator/emulator.js';
import { MbimBackend } from '../../electron/backends/mbim/mbim-backend.js';
import { parseScenario } from '../../electron/backends/simulator/scenario-loader.js';
import { openApp, screenshot, type Session } from './harness.js';

const scenarioPath = join(import.meta.dirname, '../mbim/scenarios/few-dss-sessions.json');
const device = parseScenario(readFileSync(scenarioPath, 'utf8'), scenarioPath).devices[0];
if (!device) throw new Error('no device');
const THIRD = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';

/** The MBIM backend on an emulated modem wired in memory. */
async function emulatedBackend(): Promise<{ backend: MbimBackend; emulator: MbimEmulator }> {
  let toHost: (bytes: Uint8Array) => void = () => undefined;
  const emulator = new MbimEmulator(
    device as NonNullable<typeof device>,
    (bytes) => queueMicrotask(() => toHost(bytes.slice())),
    {},
  );
  const link: ByteLink = {
    write: (bytes) => queueMicrotask(() => emulator.receive(bytes.slice())),
    onData: (listener) => (toHost = listener),
    onLost: () => undefined,
    close: () => Promise.resolve(),
  };
  const backend = await MbimBackend.connect({
    devicePath: '/dev/cdc-wdm0',
    proxy: false,
    openLink: () => Promise.resolve(link),
  });
  return { backend, emulator };
}

describe('a DSS session the modem would not take', () => {
  let s: Session;
  let emulator: MbimEmulator;
  beforeAll(async () => {
    const emulated = await emulatedBackend();
    emulator = emulated.emulator;
    s = await openApp({
      backend: { backend: emulated.backend, reason: 'test: an emulated MBIM modem' },
      ready: (page) => page.getByRole('button', { name: /EM9191/ }).waitFor(),
    });
  });
  afterAll(async () => {
    await s.close();
    emulator.stop();
  });

  it('is refused at once in the services panel, saying why, with advice that fits', async () => {
    const row = s.page.locator('tr', { hasText: THIRD });
    // MBIM cannot say whether a DSS session is open: the state is unknown, and the buttons say so
    // and offer Open as well (with only Close offered, nothing could be opened from the window).
    await row.getByRole('button', { name: /^Open session: / }).waitFor();
    await screenshot(s.page, 'mbim-services-state-unknown');
    await row.getByRole('button', { name: /^Close session \(state unknown\)/ }).click();
    await row.getByRole('button', { name: 'Send Close anyway' }).click();
    const outcome = row.locator('.outcome');
    await outcome.getByText('Close: refused at once').waitFor();
    const text = (await outcome.textContent()) ?? '';
    // mbn-diag opened no session of it, so it holds no ID to close it under, and the listing's
    // (session 2) is one the modem would refuse.
    expect(text).toContain(
      `The backend said: mbn-diag holds no DSS session ID for Vendor service ${THIRD}`,
    );
    expect(text).toContain('would give session 2, which this modem (MaxDssSessions 2) refuses');
    // The code the backend gave its refusal is named, but not what it means for any close ("The
    // data session is not open."), which no one here knows and the backend's words do not say.
    expect(text).toContain('HRESULT_FROM_WIN32(ERROR_OPEN_FAILED) (0x8007006e).');
    expect(text).not.toContain('The data session is not open');
    // The advice fits: not "open the session first", which would not help.
    expect(text).toContain(
      'What to try: mbn-diag holds a DSS session ID only for a data session it opened itself',
    );
    expect(text).not.toContain('open the session first');
    // At 1366×768 the last request has a line of its own under its service, across the panel:
    // the refusal and its advice read whole there, and the row stays short enough to leave room
    // for the other services (beside them in a 240 px column, it was twenty lines tall).
    const rowHeight = async () => (await row.boundingBox())?.height ?? 0;
    // Whether the sentences or the advice are cut off at their fold.
    const cutOff = () =>
      outcome.evaluate((el) =>
        [...el.querySelectorAll('.outcome-detail, .outcome-next')].some(
          (box) => box.scrollHeight > box.clientHeight + 1,
        ),
      );
    expect(await rowHeight()).toBeLessThan(200);
    expect(await cutOff()).toBe(false);
    expect(await outcome.getByRole('button', { name: 'Show all' }).count()).toBe(0);
    await row.evaluate((r) => r.scrollIntoView({ block: 'end' }));
    await screenshot(s.page, 'dss-session-refused');
    // On half the screen the sentences and the advice fold to three lines each, with Show all.
    await s.page.setViewportSize({ width: 683, height: 768 });
    await expect.poll(cutOff).toBe(true);
    const folded = await rowHeight();
    await row.evaluate((r) => r.scrollIntoView({ block: 'end' }));
    await screenshot(s.page, 'dss-session-refused-683-folded');
    await outcome.getByRole('button', { name: 'Show all' }).click();
    expect(await cutOff()).toBe(false);
    expect(await rowHeight()).toBeGreaterThan(folded);
    await outcome.getByRole('button', { name: 'Show less' }).click();
    expect(await cutOff()).toBe(true);
    await s.page.setViewportSize({ width: 1366, height: 768 });
    await row.evaluate((r) => r.scrollIntoView({ block: 'end' }));
    // The log's row, selected, reads the same words in full.
    const logRow = s.page.locator('.log-row', { hasText: 'close refused at once' }).first();
    expect(await logRow.textContent()).not.toContain('The data session is not open');
    await logRow.click();
    await expect
      .poll(() => s.page.locator('.entry-details').textContent())
      .toContain('MaxDssSessions 2) refuses: nothing was sent to the modem.');
    expect(await s.page.locator('.entry-details').textContent()).not.toContain(
      'The data session is not open',
    );
    await screenshot(s.page, 'dss-session-refused-entry');
  });
});
