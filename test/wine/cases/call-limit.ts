/**
 * A call the MBN service holds (the fake's close of SHORT_HANG blocks 1.5 s) against a backend
 * whose call limit is 400 ms: the call fails in words instead of 'sending' for ever; once the
 * held call has returned (its late answer goes nowhere), the next call works. (It works before
 * that too, through a new connection: hung-call.ts.)
 */
import { NativeBackend } from '../../../electron/backends/native/native-backend.js';
import { loadAddon } from '../../../electron/backends/native/load-addon.js';
import { assert, check, equal, expectBackendError, finish, sleep } from './harness.js';
import { NORMAL, SHORT_HANG, U } from './unfriendly-ids.js';

await check('a held call fails after the limit; calls work again once it returns', async () => {
  const loaded = loadAddon();
  assert(loaded.ok && loaded.addon.platformSupported, 'addon');
  const backend = new NativeBackend(
    loaded.addon.MbnClient,
    { kind: 'mbn', label: 'test', reason: 'test' },
    { callLimitMs: 400 },
  );
  try {
    await backend.start();
    const started = performance.now();
    const words = await expectBackendError(backend.closeDataSession(U, SHORT_HANG), 'unavailable');
    const failedAfter = performance.now() - started;
    assert(failedAfter < 1200, `failed after ${failedAfter.toFixed(0)} ms`);
    assert(words.includes('may be hung'), words);
    await sleep(1500 - (performance.now() - started) + 200); // the held call has returned
    const next = await backend.openDataSession(U, NORMAL);
    equal(next.hresult, 0, 'the call after the held one');
    return `failed after ${failedAfter.toFixed(0)} ms; a call after the hang returned ${next.hresult}`;
  } finally {
    await backend.close();
  }
});

finish();
