/**
 * Entry point of the native MBN backend: loads the addon (an explicit path, else MBN_DIAG_ADDON,
 * else the packaged or development location), subscribes to the MBN service and probes that it
 * answers. Anything short of that is `{ ok: false, reason }` in plain words, so the app can fall
 * back to the simulator and say why.
 */
import type { MbnBackend } from '../contract.js';
import { isBackendError } from '../contract.js';
import { loadAddon } from './load-addon.js';
import { withinLimit } from './time-limit.js';
import { NativeBackend } from './native-backend.js';

export type NativeBackendResult = { ok: true; backend: MbnBackend } | { ok: false; reason: string };

export interface NativeBackendOptions {
  /** Path to the built addon; defaults to the packaged or development location. */
  addonPath?: string;
  /**
   * How long the MBN service gets to answer the probe (subscribe, then list its interfaces)
   * before the app goes on without it (default 10 s). A wedged service can hang CoCreateInstance
   * or GetInterfaces for good: the app must still open, on the simulator, saying why.
   */
  probeLimitMs?: number;
}

const DEFAULT_PROBE_LIMIT_MS = 10_000;

function words(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The probe's answer: undefined when it succeeded, else why not; 'timeout' past `limitMs`. */
async function probe(backend: NativeBackend, limitMs: number): Promise<unknown> {
  const answer = (async () => {
    await backend.start();
    // The service must list its interfaces (an empty list is a valid answer).
    await backend.listDevices();
  })().then(
    () => undefined,
    (error: unknown) => error ?? new Error('the probe failed'),
  );
  return withinLimit(answer, limitMs, () => 'timeout' as const);
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
  let backend: NativeBackend;
  try {
    backend = new NativeBackend(addon.MbnClient, {
      kind: 'mbn',
      label: 'Windows Mobile Broadband service',
      reason: `Native addon ${loaded.path}.`,
    });
  } catch (error) {
    // The addon loaded but could not make its client (its thread, its event channel): the
    // simulator still opens, and the reason says which file failed.
    return {
      ok: false,
      reason: `The native MBN addon at ${loaded.path} could not start: ${words(error)}`,
    };
  }
  const limitMs = options.probeLimitMs ?? DEFAULT_PROBE_LIMIT_MS;
  const failure = await probe(backend, limitMs);
  if (failure === undefined) return { ok: true, backend };
  // close() never waits on the hung call: the addon releases the MBN objects off this thread.
  await backend.close();
  if (failure === 'timeout') {
    return {
      ok: false,
      reason: `The Windows Mobile Broadband service did not answer within ${limitMs / 1000} s (subscribing to it and listing its interfaces).`,
    };
  }
  return {
    ok: false,
    reason: isBackendError(failure)
      ? failure.message
      : `The native MBN addon failed: ${words(failure)}`,
  };
}
