/**
 * The production path end to end under Wine: tryCreateNativeBackend loads the real addon, which
 * CoCreateInstances the fake MBN service (registered under the real CLSIDs), Advises its sinks,
 * makes the call on its COM thread, and the completion comes from the fake's timer thread through
 * the sink and the ThreadSafeFunction to a JS event. Scenario: test/wine/scenarios/e2e.json.
 */
import { loadAddon } from '../../../electron/backends/native/load-addon.js';
import { NativeBackend } from '../../../electron/backends/native/native-backend.js';
import type { MbnBackend } from '../../../electron/backends/contract.js';
import {
  Recorder,
  assert,
  check,
  equal,
  expectBackendError,
  finish,
  openNative,
  report,
  sleep,
  waitFor,
} from './harness.js';

const A = '{A0A0A0A0-0000-4000-8000-00000000000A}';
const B = '{B0B0B0B0-0000-4000-8000-00000000000B}';
const C = '{C0C0C0C0-0000-4000-8000-00000000000C}';
const D = '{D0D0D0D0-0000-4000-8000-00000000000D}';
const NORMAL = '11111111-1111-4111-8111-111111111111';
const DENIED = '22222222-2222-4222-8222-222222222222';
const FAILS = '33333333-3333-4333-8333-333333333333';
const LOST = '44444444-4444-4444-8444-444444444444';
const EARLY = '55555555-5555-4555-8555-555555555555';
const DUP = '66666666-6666-4666-8666-666666666666';
const CLOSED = '77777777-7777-4777-8777-777777777777';
const STREAM = '{88888888-8888-4888-8888-888888888888}';
const REMOVABLE = '99999999-9999-4999-8999-999999999999';

const E_ACCESSDENIED = 0x80070005;
const E_FAIL = 0x80004005;
const ERROR_OPEN_FAILED = 0x8007006e;

let backend: MbnBackend;
let rec: Recorder;

/** IsDataSessionOpen is an addon extra beyond the contract. */
function isOpen(interfaceId: string, serviceId: string): Promise<boolean | null> {
  assert(backend instanceof NativeBackend, 'the native backend');
  return backend.isDataSessionOpen(interfaceId, serviceId);
}

await check(
  'tryCreateNativeBackend: CoCreateInstance + Advise + probe reach the fake',
  async () => {
    backend = await openNative();
    rec = new Recorder(backend);
    equal(backend.describe().kind, 'mbn', 'backend kind');
    return backend.describe().reason;
  },
);

await check('listDevices: caps and ready state, E_PENDING reported as probing', async () => {
  const devices = await backend.listDevices();
  equal(devices.length, 4, 'device count');
  const a = devices.find((d) => d.interfaceId === A);
  assert(a, 'device A listed');
  equal(a.model, 'FM-100 \u00e9\u00e8', 'model (non-ASCII BSTR)');
  equal(a.manufacturer, 'Fake Modems Ltd', 'manufacturer');
  equal(a.deviceId, '350000000000001', 'deviceId');
  equal(a.readyState, 'initialized', 'A ready state');
  const b = devices.find((d) => d.interfaceId === B);
  equal(b?.readyState, 'probing', 'B ready state');
  equal(b?.model, '', 'B has no caps while probing');
  equal(devices.find((d) => d.interfaceId === C)?.readyState, 'sim-not-inserted', 'C ready state');
  return undefined;
});

await check(
  'listServices: data flags and session state; ERROR_NOT_SUPPORTED means none',
  async () => {
    const services = await backend.listServices(A);
    equal(services.length, 8, 'service count');
    const stream = services.find((s) => s.serviceId === STREAM);
    assert(stream, 'stream service listed with its braces');
    assert(stream.dataReadSupported && stream.dataWriteSupported, 'stream read/write supported');
    equal(stream.dataSessionOpen, false, 'stream session closed');
    equal(services.find((s) => s.serviceId === NORMAL)?.dataSessionOpen, true, 'normal open');
    equal(services.find((s) => s.serviceId === NORMAL)?.name, 'Vendor service', 'generic name');
    equal((await backend.listServices(C)).length, 0, 'C has no services');
    const probing = await expectBackendError(backend.listServices(B), 'unavailable');
    assert(probing.includes('E_PENDING'), `says still probing: ${probing}`);
    return undefined;
  },
);

await check('close: S_OK at once, completion later from the fake thread, event in JS', async () => {
  const sent = performance.now();
  const result = await backend.closeDataSession(A, NORMAL);
  equal(result.hresult, 0, 'hresult');
  assert(result.requestId >= 5001, `request ID from the scenario (${result.requestId})`);
  assert(await waitFor(() => rec.completions(result.requestId).length > 0, 3000), 'completion');
  const [done] = rec.completions(result.requestId);
  assert(done?.event.type === 'completion', 'a completion');
  equal(done.event.op, 'close', 'op');
  equal(done.event.status, 0, 'status');
  equal(done.event.interfaceId, A, 'interfaceId');
  equal(done.event.serviceId, NORMAL, 'serviceId');
  const latency = done.at - sent;
  assert(latency >= 90, `completion came after its 100 ms delay (${latency.toFixed(1)} ms)`);
  equal(await isOpen(A, NORMAL), false, 'IsDataSessionOpen after close');
  return `request ${result.requestId}, completion after ${latency.toFixed(1)} ms`;
});

await check('E_ACCESSDENIED: the call fails at once and no completion follows', async () => {
  const before = rec.events.length;
  const result = await backend.closeDataSession(A, DENIED);
  equal(result.hresult, E_ACCESSDENIED, 'hresult');
  await sleep(300);
  equal(rec.events.length, before, 'events after a refused call');
  return undefined;
});

await check('failed completion: S_OK, then status E_FAIL; the session stays open', async () => {
  const result = await backend.closeDataSession(A, FAILS);
  equal(result.hresult, 0, 'hresult');
  assert(await waitFor(() => rec.completions(result.requestId).length > 0, 3000), 'completion');
  const [done] = rec.completions(result.requestId);
  equal(done?.event.type === 'completion' ? done.event.status : -1, E_FAIL, 'status');
  equal(await isOpen(A, FAILS), true, 'still open');
  return undefined;
});

await check('lost completion: S_OK and then nothing', async () => {
  const result = await backend.closeDataSession(A, LOST);
  equal(result.hresult, 0, 'hresult');
  await sleep(400);
  equal(rec.completions(result.requestId).length, 0, 'completions');
  return undefined;
});

await check(
  'completion before the call returns: the event reaches JS before the promise',
  async () => {
    const pending = backend.closeDataSession(A, EARLY);
    const result = await pending;
    const returnedAt = rec.mark();
    equal(result.hresult, 0, 'hresult');
    const [done] = rec.completions(result.requestId);
    assert(done, 'completion already delivered when the call resolved');
    assert(done.order < returnedAt, 'event ordered before the call result');
    return undefined;
  },
);

await check('duplicate completion: two events with the same request ID', async () => {
  const result = await backend.closeDataSession(A, DUP);
  assert(await waitFor(() => rec.completions(result.requestId).length >= 2, 3000), 'two');
  await sleep(100);
  equal(rec.completions(result.requestId).length, 2, 'completions');
  return undefined;
});

await check('close on a closed session: ERROR_OPEN_FAILED, as the simulator', async () => {
  const result = await backend.closeDataSession(A, CLOSED);
  equal(result.hresult, ERROR_OPEN_FAILED, 'hresult');
  return undefined;
});

await check(
  'unknown device and service: BackendErrors, not crashes; IDs match brace/case-free',
  async () => {
    await expectBackendError(backend.closeDataSession('{NOPE}', NORMAL), 'unknown-device');
    await expectBackendError(backend.listServices('{NOPE}'), 'unknown-device');
    await expectBackendError(backend.openDataSession(A, 'nope'), 'unknown-service');
    await expectBackendError(backend.openDataSession(C, NORMAL), 'unknown-service');
    await expectBackendError(
      backend.writeData(A, NORMAL, 'x' as unknown as Uint8Array),
      'invalid-argument',
    );
    const open = await isOpen(A, `{${FAILS.toUpperCase()}}`);
    equal(open, true, 'IsDataSessionOpen by a braced upper-case ID');
    return undefined;
  },
);

await check('read data: open, then a burst of 200 copies, intact and in order', async () => {
  const opened = await backend.openDataSession(A, STREAM);
  equal(opened.hresult, 0, 'open hresult');
  assert(await waitFor(() => rec.ofType('read-data').length >= 200, 5000), '200 read events');
  const reads = rec.ofType('read-data');
  equal(reads.length, 200, 'read events');
  reads.forEach((r, i) => {
    equal(r.data.length, 64, 'bytes');
    const view = new DataView(r.data.buffer, r.data.byteOffset, r.data.byteLength);
    equal(view.getUint32(0, true), i, 'sequence number');
    for (let k = 4; k < 64; k++) equal(r.data[k], (i + k) & 0xff, `byte ${k} of event ${i}`);
    equal(r.serviceId, STREAM, 'serviceId');
  });
  const payload = new Uint8Array(1000).map((_, i) => (i * 7) & 0xff);
  const written = await backend.writeData(A, STREAM, payload);
  equal(written.hresult, 0, 'write hresult');
  assert(await waitFor(() => rec.completions(written.requestId).length === 1, 3000), 'write done');
  report('writeBytes', payload.length);
  report(
    'writeChecksum',
    payload.reduce((s, b) => s + b, 0),
  );
  return undefined;
});

await check(
  'device removed with a request pending: one removal, no completion, then it returns',
  async () => {
    const result = await backend.closeDataSession(D, REMOVABLE);
    equal(result.hresult, 0, 'hresult');
    assert(
      await waitFor(() => rec.ofType('interface-removal').length > 0, 2000),
      'interface-removal event',
    );
    await expectBackendError(backend.closeDataSession(D, REMOVABLE), 'unknown-device');
    assert(
      await waitFor(() => rec.ofType('interface-arrival').length > 0, 2000),
      'interface-arrival event',
    );
    await sleep(300); // past the 400 ms the dropped completion would have taken
    equal(rec.ofType('interface-removal').length, 1, 'removal reported once (two MBN sinks)');
    equal(rec.ofType('interface-arrival').length, 1, 'arrival reported once');
    equal(rec.completions(result.requestId).length, 0, 'completion of the pending request');
    const services = await backend.listServices(D);
    equal(services[0]?.dataSessionOpen, false, 'sessions torn down on return');
    return undefined;
  },
);

await check('close(): idempotent; later calls are BackendError backend-closed', async () => {
  const completions = rec.ofType('completion').length;
  const reads = rec.ofType('read-data').length;
  await backend.close();
  await backend.close();
  await expectBackendError(backend.listDevices(), 'backend-closed');
  // Every completion and read event above was named from the ID cache, none by calling back.
  const loaded = loadAddon();
  assert(loaded.ok && loaded.addon.platformSupported, 'addon');
  equal(loaded.addon.counters().sinkOutgoingCalls, 0, 'calls into the service from inside sinks');
  // Under the fake's fresh-service switch the runner checks this is above 0.
  report('deferredIdLookups', loaded.addon.counters().deferredIdLookups);
  report('completionsSeen', completions);
  report('readDataSeen', reads);
  return undefined;
});

finish();
