/**
 * A CloseDataSession the MBN service holds (the fake's close of SHORT_HANG blocks 4 s) past a
 * 1 s call limit: the backend leaves that COM thread in the call and reconnects on a new one. An
 * Open queued behind the held call fails in its own words; the next Open on another service
 * completes through the new thread; the left client's sinks are released while its call still
 * hangs, and its thread ends once the call returns. The runner checks the fake's counters too.
 */
import { loadAddon } from '../../../electron/backends/native/load-addon.js';
import { NativeBackend } from '../../../electron/backends/native/native-backend.js';
import { assert, check, equal, expectBackendError, finish, Recorder, report } from './harness.js';
import { sleep, waitFor } from './harness.js';
import { NORMAL, SHORT_HANG, U } from './unfriendly-ids.js';

const CALL_LIMIT_MS = 1000;

await check(
  'a Close held past the call limit: the next request completes through a new COM thread',
  async () => {
    const loaded = loadAddon();
    assert(loaded.ok && loaded.addon.platformSupported, 'addon');
    const { MbnClient, counters } = loaded.addon;
    const backend = new NativeBackend(
      MbnClient,
      { kind: 'mbn', label: 'test', reason: 'test' },
      { callLimitMs: CALL_LIMIT_MS, heartbeatMs: 0 },
    );
    try {
      await backend.start();
      await backend.listDevices();
      const sinksOfOneClient = counters().liveSinks;
      equal(counters().runningComThreads, 1, 'COM threads before the hang');
      const recorder = new Recorder(backend);
      const started = performance.now();
      const hung = expectBackendError(backend.closeDataSession(U, SHORT_HANG), 'unavailable');
      await sleep(100); // the COM thread is inside the held call now
      const queued = expectBackendError(backend.openDataSession(U, NORMAL), 'unavailable');
      const hungWords = await hung;
      const failedAfter = performance.now() - started;
      const queuedWords = await queued;

      const next = await backend.openDataSession(U, NORMAL);
      equal(next.hresult, 0, 'the Open after the held Close');
      assert(
        await waitFor(() => recorder.completions(next.requestId).length === 1, 3000),
        `the completion of Open #${next.requestId} came through the new connection`,
      );
      const nextAt = performance.now() - started;
      assert(
        nextAt < 4000,
        `the next request completed ${nextAt.toFixed(0)} ms in, not after the hang`,
      );

      assert(
        hungWords.startsWith('Close: ') &&
          hungWords.includes(
            'mbn-diag stopped waiting and reconnected; later requests go through the new connection.',
          ),
        hungWords,
      );
      assert(queuedWords.startsWith('Open was not sent: it waited behind a call'), queuedWords);
      const statuses = recorder.ofType('backend-status').map((e) => e.available);
      equal(statuses.join(), 'false,true', 'backend-status records: left, then subscribed again');

      // The held call still runs in the fake: its thread stays, its client's sinks are gone.
      equal(counters().runningComThreads, 2, 'COM threads while the held call runs');
      assert(
        await waitFor(() => counters().liveSinks === sinksOfOneClient, 2000),
        `only the new client's sinks left (${counters().liveSinks}, one client has ${sinksOfOneClient})`,
      );
      assert(
        await waitFor(() => counters().runningComThreads === 1, 6000),
        'the left COM thread ends once the held call returns',
      );
      report('hungCall', { failedAfter, nextAt });
      return `Close failed after ${failedAfter.toFixed(0)} ms; Open #${next.requestId} completed ${nextAt.toFixed(0)} ms in, on the new thread; the left thread ended when the held call returned`;
    } finally {
      await backend.close();
    }
  },
);

finish();
