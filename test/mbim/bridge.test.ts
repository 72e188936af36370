/**
 * The Python bridge refuses what is not a character device before writing a byte to it: a wrong
 * --device (a regular file, a typo'd path, a memory device) must never be written into. And it tells a modem that
 * went away (hang-up, ENODEV) from a read that failed once while the modem stays (EIO).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { MbimBackend } from '../../electron/backends/mbim/mbim-backend.js';
import type { BackendEvent } from '../../shared/model.js';
import { connect, loadScenario, ROOT, serve } from './lib/emulated.js';

it('refuses a regular file, in words, and leaves it untouched', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'mbim-bridge-')), 'not-a-modem');
  writeFileSync(file, 'hello\n');
  await expect(MbimBackend.connect({ devicePath: file, proxy: false })).rejects.toThrow(
    /not a character device/,
  );
  expect(readFileSync(file, 'utf8')).toBe('hello\n');
});

// /dev/null and /dev/full are memory devices (major 1), as /dev/port and /dev/mem are: a
// mistyped --device naming one of those must be refused before MBIM OPEN is written to it.
it.each(['/dev/null', '/dev/full'])('refuses %s, a memory device, in words', async (path) => {
  await expect(MbimBackend.connect({ devicePath: path, proxy: false })).rejects.toThrow(
    /a memory device, not an MBIM control device \(cdc-wdm or wwan\)/,
  );
});

it('names a missing device', async () => {
  await expect(
    MbimBackend.connect({ devicePath: '/dev/no-such-cdc-wdm', proxy: false }),
  ).rejects.toThrow(/Cannot talk MBIM to \/dev\/no-such-cdc-wdm: No such file or directory/);
});

// cdc-wdm fails one read with EIO after a USB transfer error (wdm_read returns the response URB's
// error once, then clears it) while the modem is still there; only a hang-up (wdm_poll says
// POLLHUP once the device disconnects) or ENODEV means it left. libmbim likewise only warns on a
// read error and treats G_IO_HUP alone as removal (mbim-device.c, data_available).
it('keeps the modem after one failed read (EIO), and still reports a hang-up as removal', async () => {
  const served = await serve(loadScenario('test/mbim/scenarios/mbim.json'));
  const saved = { ...process.env };
  process.env.PYTHONPATH = join(ROOT, 'test/mbim/fixtures/eio-once');
  process.env.MBN_DIAG_TEST_EIO_DEVICE = served.path;
  process.env.MBN_DIAG_TEST_EIO_READ = '2';
  let backend: MbimBackend | undefined;
  try {
    backend = await connect(served.path);
    const events: BackendEvent[] = [];
    backend.onEvent((e) => events.push(e));
    // The second read of the device (the first after OPEN_DONE) fails once.
    const [device] = await backend.listDevices();
    expect(device?.model).toBe('EM9191');
    expect(events.some((e) => e.type === 'interface-removal')).toBe(false);
    await served.close();
    await expect
      .poll(() => events.some((e) => e.type === 'interface-removal'), { timeout: 5000 })
      .toBe(true);
  } finally {
    process.env = saved;
    await backend?.close();
    await served.close();
  }
});
