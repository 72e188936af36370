/**
 * Backend selection on Linux: `auto` picks an MBIM device when one is there and says which;
 * `--backend mbim` with no device anywhere says so in words; a device that cannot be opened makes
 * `auto` fall back to the simulator, saying why.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ServedDevice } from '../../electron/backends/mbim/emulator/serve.js';
import { findMbimDevices } from '../../electron/backends/mbim/find-devices.js';
import { ConnectStopped } from '../../electron/backends/connect-stopped.js';
import { selectBackend } from '../../electron/backends/select-backend.js';
import { systemClock } from '../../electron/core/clock.js';
import { loadScenario, serve } from './lib/emulated.js';
import { startProxy } from './lib/proxy.js';

let served: ServedDevice;
beforeAll(async () => {
  served = await serve(loadScenario('test/mbim/scenarios/mbim.json'));
});
afterAll(async () => {
  await served.close();
});

it('auto uses the MBIM device named by MBN_DIAG_MBIM_DEVICE, and says which', async () => {
  const selected = await selectBackend({
    choice: 'auto',
    clock: systemClock,
    env: { MBN_DIAG_MBIM_DEVICE: served.path },
  });
  try {
    expect(selected.backend.describe().kind).toBe('mbim');
    expect(selected.reason).toContain(`Using the MBIM modem at ${served.path}`);
    const [device] = await selected.backend.listDevices();
    expect(device?.model).toBe('EM9191');
  } finally {
    await selected.backend.close();
  }
});

it('auto falls back to the simulator when the MBIM device cannot be opened, saying why', async () => {
  const selected = await selectBackend({
    choice: 'auto',
    clock: systemClock,
    env: { MBN_DIAG_MBIM_DEVICE: '/dev/no-such-cdc-wdm' },
  });
  try {
    expect(selected.backend.describe().kind).toBe('simulator');
    expect(selected.reason).toMatch(/Cannot talk MBIM to \/dev\/no-such-cdc-wdm.*simulator/);
  } finally {
    await selected.backend.close();
  }
});

it('auto gives a modem that never answers OPEN a bounded time, then opens on the simulator', async () => {
  const mute = await serve(loadScenario('test/mbim/scenarios/mbim.json'), { ignoreOpens: 1000 });
  try {
    const selected = await selectBackend({
      choice: 'auto',
      clock: systemClock,
      env: { MBN_DIAG_MBIM_DEVICE: mute.path },
      autoOpenLimitMs: 1500,
    });
    try {
      expect(selected.backend.describe().kind).toBe('simulator');
      expect(selected.reason).toMatch(
        new RegExp(`Cannot talk MBIM to ${mute.path}: no answer to open within 1500 ms.*simulator`),
      );
    } finally {
      await selected.backend.close();
    }
  } finally {
    await mute.close();
  }
}, 20_000);

it('auto stopped while a modem is silent after OPEN: stopped, not the simulator', async () => {
  const mute = await serve(loadScenario('test/mbim/scenarios/mbim.json'), { ignoreOpens: 1000 });
  try {
    const stopper = new AbortController();
    const started = Date.now();
    setTimeout(() => stopper.abort(), 500);
    await expect(
      selectBackend({
        choice: 'auto',
        clock: systemClock,
        env: { MBN_DIAG_MBIM_DEVICE: mute.path, MBN_DIAG_MBIM_PROXY: '0' },
        signal: stopper.signal,
      }),
    ).rejects.toThrow(ConnectStopped);
    // At once, not after auto's 10 s for OPEN.
    expect(Date.now() - started).toBeLessThan(4000);
  } finally {
    await mute.close();
  }
}, 20_000);

// Only meaningful where no modem is plugged in (CI, this project's build machines).
it.skipIf(findMbimDevices().length > 0)(
  '--backend mbim with no device given and none present refuses in words',
  async () => {
    await expect(selectBackend({ choice: 'mbim', clock: systemClock, env: {} })).rejects.toThrow(
      /No MBIM control device was found.*--device/,
    );
  },
);

it('--backend mbim reaches a named device through mbim-proxy while one runs, unless told not to', async () => {
  const proxy = await startProxy();
  try {
    const shared = await selectBackend({
      choice: 'mbim',
      clock: systemClock,
      mbimDevice: served.path,
      env: {},
    });
    try {
      expect(shared.backend.describe().label).toBe(
        `MBIM modem at ${served.path} (through mbim-proxy)`,
      );
      expect(shared.reason).toContain('mbim-proxy is running; --no-proxy opens it directly');
    } finally {
      await shared.backend.close();
    }
    // Another modem, which the proxy never opened: the one above it may keep open a while after
    // its last client left, and would read the answers to a direct OPEN (as ModemManager would).
    const other = await serve(loadScenario('test/mbim/scenarios/mbim.json'));
    try {
      const direct = await selectBackend({
        choice: 'mbim',
        clock: systemClock,
        mbimDevice: other.path,
        mbimProxy: false,
        env: {},
      });
      expect(direct.backend.describe().label).toBe(`MBIM modem at ${other.path}`);
      await direct.backend.close();
    } finally {
      await other.close();
    }
  } finally {
    await proxy.stop();
  }
});
