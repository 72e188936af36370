/**
 * Stopping never blocks the JS thread, even with an MBN call hung in the fake (issue 12): close()
 * returns at once and its promise settles after the watchdog released the MBN objects, garbage
 * collection of a client waits for nothing, and the process then quits while a 30-second call is
 * still hung. Scenario: unfriendly.json, with "hang" lines (see suite.mjs). The runner checks the
 * process ended long before the hang would have, and the fake's counters: every sink unadvised,
 * and no COM object left but what the still-hung calls hold.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { AddonClient } from '../../../electron/backends/native/addon-types.js';
import { loadAddon } from '../../../electron/backends/native/load-addon.js';
import { NativeBackend } from '../../../electron/backends/native/native-backend.js';
import { isBackendError } from '../../../electron/backends/contract.js';
import { assert, check, equal, finish, openNative, report, sleep, waitFor } from './harness.js';
import { LONG_HANG, SHORT_HANG, U } from './unfriendly-ids.js';

function addon() {
  const loaded = loadAddon();
  assert(loaded.ok && loaded.addon.platformSupported, 'addon loads');
  return loaded.addon;
}

/** The longest the event loop went without running a 1 ms timer while `body` ran. */
async function loopStall<T>(body: () => Promise<T>): Promise<{ value: T; stallMs: number }> {
  let last = performance.now();
  let stallMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    stallMs = Math.max(stallMs, now - last);
    last = now;
  }, 1);
  try {
    const value = await body();
    stallMs = Math.max(stallMs, performance.now() - last);
    return { value, stallMs };
  } finally {
    clearInterval(timer);
  }
}

/** A close with a call hung inside the fake: how long close() took to return, and to settle. */
async function closeWhileHung(serviceId: string) {
  const backend = await openNative();
  assert(backend instanceof NativeBackend, 'the native backend');
  const hung = backend.closeDataSession(U, serviceId).then(
    () => 'resolved',
    (e: unknown) => (isBackendError(e) ? e.code : String(e)),
  );
  await sleep(150); // the COM thread is inside the hung call now
  let returnedMs = 0;
  const { value: outcome, stallMs } = await loopStall(async () => {
    const started = performance.now();
    const closing = backend.closeOutcome();
    returnedMs = performance.now() - started;
    const result = await closing;
    return { ...result, settledMs: performance.now() - started };
  });
  equal(await hung, 'backend-closed', 'the hung call, seen from JS');
  return { ...outcome, returnedMs, stallMs };
}

await check(
  'close() with a call hung for 1.5 s: JS free at once, no leak once it returns',
  async () => {
    const r = await closeWhileHung(SHORT_HANG);
    // The figure that matters is reported; the bound asserted is only a correctness check.
    assert(r.returnedMs < 100, `close() returned in ${r.returnedMs.toFixed(1)} ms`);
    assert(r.settledMs < 1000, `close() settled in ${r.settledMs.toFixed(1)} ms`);
    assert(
      r.released && !r.threadStopped,
      'released by the watchdog, the COM thread still in the call',
    );
    equal(addon().counters().liveSinks, 0, 'addon sinks left (the fake released them on Unadvise)');
    assert(
      await waitFor(() => addon().counters().runningComThreads === 0, 5000),
      'the COM thread ends when the hung call returns',
    );
    report('shortHang', r);
    return `close() returned in ${r.returnedMs.toFixed(2)} ms, settled in ${r.settledMs.toFixed(1)} ms; longest event-loop stall ${r.stallMs.toFixed(1)} ms`;
  },
);

await check(
  'a client dropped while its call hangs: garbage collection waits for nothing',
  async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const { MbnClient, counters } = addon();
    let client: AddonClient | undefined = new MbnClient(() => undefined);
    equal((await client.start()).hresult, 0, 'start');
    void client.closeDataSession(U, LONG_HANG).catch(() => undefined);
    await sleep(150);
    assert(counters().liveSinks > 0, 'its sinks advised');
    const ref = new WeakRef(client);
    client = undefined;
    const { value: collectedMs, stallMs } = await loopStall(async () => {
      const started = performance.now();
      // deref() keeps its target alive until the current job ends, so gc() runs in a later one.
      for (let i = 0; i < 20; i++) {
        await sleep(1);
        gc();
        await sleep(10);
        if (ref.deref() === undefined) break;
      }
      return performance.now() - started;
    });
    assert(ref.deref() === undefined, 'the client was garbage-collected');
    // Its finalizer started the stop; the watchdog unadvised, although the call still hangs.
    assert(await waitFor(() => counters().liveSinks === 0, 2000), 'its sinks released meanwhile');
    assert(stallMs < 1000, `event loop stalled ${stallMs.toFixed(1)} ms`);
    report('gcHang', { collectedMs, stallMs });
    return `collected in ${collectedMs.toFixed(1)} ms; longest event-loop stall ${stallMs.toFixed(1)} ms`;
  },
);

await check('quitting while a call hangs for 30 s: close() returns at once', async () => {
  const r = await closeWhileHung(LONG_HANG);
  assert(r.returnedMs < 100, `close() returned in ${r.returnedMs.toFixed(1)} ms`);
  assert(r.settledMs < 1000, `close() settled in ${r.settledMs.toFixed(1)} ms`);
  assert(
    r.released && !r.threadStopped,
    'released by the watchdog, the COM thread still in the call',
  );
  equal(addon().counters().liveSinks, 0, 'addon sinks left');
  report('longHang', r);
  report('quitAt', Date.now());
  return `close() returned in ${r.returnedMs.toFixed(2)} ms, settled in ${r.settledMs.toFixed(1)} ms; longest event-loop stall ${r.stallMs.toFixed(1)} ms; now quitting with the call still hung`;
});

finish();
// Nothing holds the event loop: the process ends now, with two calls still hung in the fake.
