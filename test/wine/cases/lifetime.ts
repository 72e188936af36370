/**
 * Lifetime of the addon under Wine: close() twice, close() with completions and a read stream in
 * flight, close() with calls still queued for the COM thread. Scenario: lifetime.json (300 ms
 * completions, a read event every millisecond). The runner then checks the fake's counters: no
 * live COM object and no advised sink left when the process ends.
 */
import { loadAddon } from '../../../electron/backends/native/load-addon.js';
import { isBackendError } from '../../../electron/backends/contract.js';
import {
  Recorder,
  assert,
  check,
  equal,
  expectBackendError,
  finish,
  openNative,
  sleep,
  waitFor,
  within,
} from './harness.js';

const E = '{E0E0E0E0-0000-4000-8000-00000000000E}';
const S = 'abababab-abab-4bab-8bab-abababababab';

function liveSinks(): number {
  const loaded = loadAddon();
  assert(loaded.ok && loaded.addon.platformSupported, 'addon loads');
  return loaded.addon.counters().liveSinks;
}

await check('close() twice; calls after close are BackendError backend-closed', async () => {
  const backend = await openNative();
  await backend.close();
  await backend.close();
  await expectBackendError(backend.listDevices(), 'backend-closed');
  await expectBackendError(backend.closeDataSession(E, S), 'backend-closed');
  equal(liveSinks(), 0, 'live sinks in the addon');
  return undefined;
});

await check(
  'close() with 100 completions and a read stream in flight: nothing after close',
  async () => {
    const backend = await openNative();
    const rec = new Recorder(backend);
    assert(await waitFor(() => rec.ofType('read-data').length > 20, 5000), 'stream flowing');
    const results = await Promise.all(
      Array.from({ length: 100 }, () => backend.writeData(E, S, new Uint8Array([1, 2, 3]))),
    );
    assert(
      results.every((r) => r.hresult === 0),
      'all writes accepted',
    );
    const completedBefore = rec.ofType('completion').length;
    await backend.close(); // the 100 completions are due in ~300 ms
    const seen = rec.events.length;
    await sleep(700);
    equal(rec.events.length, seen, 'events delivered after close');
    equal(liveSinks(), 0, 'live sinks in the addon');
    return `${completedBefore} of 100 completions had arrived before close`;
  },
);

await check('close() with 2,000 calls still queued: every promise settles', async () => {
  const backend = await openNative();
  const calls = Array.from({ length: 2000 }, () => backend.writeData(E, S, new Uint8Array(8)));
  // Watched before close(): close() rejects them at once but itself settles a moment later.
  const allSettled = Promise.allSettled(calls);
  await backend.close();
  const settled = await within(allSettled, 5000);
  assert(settled, 'all 2,000 promises settled within 5 s');
  let fulfilled = 0;
  for (const r of settled) {
    if (r.status === 'fulfilled') fulfilled++;
    else assert(isBackendError(r.reason) && r.reason.code === 'backend-closed', 'backend-closed');
  }
  return `${fulfilled} returned before close, ${2000 - fulfilled} rejected as backend-closed`;
});

await check('close() from inside an event listener while the stream keeps coming', async () => {
  const backend = await openNative();
  let delivered = 0;
  let closedInListener = false;
  backend.onEvent(() => {
    delivered++;
    if (!closedInListener) {
      closedInListener = true;
      void backend.close();
    }
  });
  assert(await waitFor(() => closedInListener, 5000), 'an event arrived');
  await sleep(200);
  equal(delivered, 1, 'events delivered after close() in the listener');
  equal(liveSinks(), 0, 'live sinks in the addon');
  return undefined;
});

await check('the read streams were named from the ID cache, never by calling back', () => {
  const loaded = loadAddon();
  assert(loaded.ok && loaded.addon.platformSupported, 'addon loads');
  equal(loaded.addon.counters().sinkOutgoingCalls, 0, 'calls into the service from inside sinks');
  return Promise.resolve(undefined);
});

// Let the fake's last pending completions fire, so its live-object count at exit is exact.
await sleep(500);
finish();
