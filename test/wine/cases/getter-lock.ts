/**
 * Getters that take the service's lock while a callback is in flight (the "getter-lock" switch),
 * with callbacks from four threads at once (the "threads" switch): what a sink that called back
 * into the service would meet. No sink may call a getter (it would wait on a lock its own
 * callback holds); the runner checks the fake's counters. The addon's own getter calls, from its
 * COM thread, merely wait for the callbacks in flight.
 */
import { loadAddon } from '../../../electron/backends/native/load-addon.js';
import { NativeBackend } from '../../../electron/backends/native/native-backend.js';
import { Recorder, assert, check, equal, finish, openNative, report, waitFor } from './harness.js';
import { NORMAL, U } from './unfriendly-ids.js';

await check('completions and a read stream under the service lock, from four threads', async () => {
  const backend = await openNative();
  assert(backend instanceof NativeBackend, 'native backend');
  const rec = new Recorder(backend);
  const opened = await backend.openDataSession(U, NORMAL);
  equal(opened.hresult, 0, 'open');
  assert(await waitFor(() => rec.completions(opened.requestId).length === 1, 3000), 'opened');
  const writes = await Promise.all(
    Array.from({ length: 200 }, () => backend.writeData(U, NORMAL, new Uint8Array([1, 2]))),
  );
  assert(
    writes.every((w) => w.hresult === 0),
    'writes accepted',
  );
  equal(await backend.isDataSessionOpen(U, NORMAL), true, 'IsDataSessionOpen while callbacks flow');
  assert(
    await waitFor(
      () =>
        writes.every((w) => rec.completions(w.requestId).length === 1) &&
        rec.ofType('read-data').length === 500,
      10_000,
    ),
    `every completion and all 500 reads (${rec.ofType('read-data').length})`,
  );
  const reads = rec.ofType('read-data');
  reads.forEach((r, i) => {
    equal(r.serviceId, NORMAL, `service of read ${i}`);
    equal(r.interfaceId, U, `interface of read ${i}`);
  });
  const openAt = rec.completions(opened.requestId)[0]?.order ?? Infinity;
  const firstRead = rec.events.find((e) => e.event.type === 'read-data')?.order ?? -1;
  assert(firstRead > openAt, 'the open completion came before the first read it started');
  await backend.close();
  const loaded = loadAddon();
  assert(loaded.ok && loaded.addon.platformSupported, 'addon');
  equal(loaded.addon.counters().sinkOutgoingCalls, 0, 'calls into the service from inside sinks');
  // Under the fake's fresh-service switch the runner checks this is above 0.
  report('deferredIdLookups', loaded.addon.counters().deferredIdLookups);
  report('completionsSeen', rec.ofType('completion').length);
  report('readDataSeen', reads.length);
  report('writeBytes', 400);
  report('writeChecksum', 600);
  return undefined;
});

finish();
