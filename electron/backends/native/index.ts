/**
 * Entry point of the native MBN backend: loads the addon (an explicit path, else MBN_DIAG_ADDON,
 * else the packaged or development location), subscribes to the MBN service and probes that it
 * answers. Anything short of that is `{ ok: false, reason }` in plain words, so the app can fall
 * back to the simulator and say why.
 */
import type { MbnBackend } from '../contract.js';
import { isBackendError } from '../contract.js';
import { loadAddon } from './load-addon.js';
import { NativeBackend } from './native-backend.js';

export type NativeBackendResult = { ok: true; backend: MbnBackend } | { ok: false; reason: string };

export interface NativeBackendOptions {
  /** Path to the built addon; defaults to the packaged or development location. */
  addonPath?: string;
}

export async function tryCreateNativeBackend(
  options: NativeBackendOptions = {},
): Promise<NativeBackendResult> {
  const explicit = options.addonPath ?? process.env.MBN_DIAG_ADDON;
  if (process.platform !== 'win32' && !explicit) {
    return {
      ok: false,
      reason: `The Windows Mobile Broadband service does not exist on ${process.platform}.`,
    };
  }
  const loaded = loadAddon(options.addonPath);
  if (!loaded.ok) return { ok: false, reason: loaded.reason };
  const { addon } = loaded;
  if (!addon.platformSupported) {
    return {
      ok: false,
      reason: `The Windows Mobile Broadband service does not exist on ${process.platform}.`,
    };
  }
  const backend = new NativeBackend(addon.MbnClient, {
    kind: 'mbn',
    label: 'Windows Mobile Broadband service',
    reason: `Native addon ${loaded.path}.`,
  });
  try {
    await backend.start();
    // The probe: the service must list its interfaces (an empty list is a valid answer).
    await backend.listDevices();
    return { ok: true, backend };
  } catch (error) {
    await backend.close();
    return {
      ok: false,
      reason: isBackendError(error)
        ? error.message
        : `The native MBN addon failed: ${String(error)}`,
    };
  }
}
