/**
 * Entry point of the native MBN backend. Placeholder until the addon lands: it always reports
 * the MBN service unavailable, with the reason, so the app falls back to the simulator.
 */
import type { MbnBackend } from '../contract.js';

export type NativeBackendResult = { ok: true; backend: MbnBackend } | { ok: false; reason: string };

export interface NativeBackendOptions {
  /** Path to the built addon; defaults to the packaged or development location. */
  addonPath?: string;
}

export function tryCreateNativeBackend(
  _options: NativeBackendOptions = {},
): Promise<NativeBackendResult> {
  if (process.platform !== 'win32' && !process.env.MBN_DIAG_ADDON) {
    return Promise.resolve({
      ok: false,
      reason: `The Windows MBN service does not exist on ${process.platform}.`,
    });
  }
  return Promise.resolve({
    ok: false,
    reason: 'The native MBN addon is not built into this version.',
  });
}
