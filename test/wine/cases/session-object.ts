/**
 * A session belongs to the IMbnDeviceService object that opened it (reference §3.5, §5.2:
 * GetDeviceService "can", not "will", hand back an object that already has it open). Under the
 * fake's fresh-service switch every GetDeviceService makes a new object, and under
 * object-sessions another object sees the session closed and cannot write to or close it
 * (ERROR_OPEN_FAILED). So open, write, close and IsDataSessionOpen must all go through one object.
 * Scenario: test/wine/scenarios/e2e.json (its stream service).
 */
import { NativeBackend } from '../../../electron/backends/native/native-backend.js';
import type { MbnBackend } from '../../../electron/backends/contract.js';
import { Recorder, assert, check, equal, finish, openNative, waitFor } from './harness.js';

const A = '{A0A0A0A0-0000-4000-8000-00000000000A}';
const STREAM = '{88888888-8888-4888-8888-888888888888}';
/** The same service as the device spells it, in another form: still the same held object. */
const STREAM_OTHER_FORM = '88888888-8888-4888-8888-888888888888';

let backend: MbnBackend;
let rec: Recorder;

function isOpen(serviceId: string): Promise<boolean | null> {
  assert(backend instanceof NativeBackend, 'the native backend');
  return backend.isDataSessionOpen(A, serviceId);
}

/** The call's HRESULT (must be S_OK) and its completion's status (must be S_OK). */
async function succeeds(what: string, call: Promise<{ hresult: number; requestId: number }>) {
  const result = await call;
  equal(result.hresult, 0, `${what} hresult`);
  assert(
    await waitFor(() => rec.completions(result.requestId).length > 0, 3000),
    `${what} completion`,
  );
  const [done] = rec.completions(result.requestId);
  equal(done?.event.type === 'completion' ? done.event.status : -1, 0, `${what} status`);
}

await check('open, then the session is open as every later call sees it', async () => {
  backend = await openNative();
  rec = new Recorder(backend);
  equal(await isOpen(STREAM), false, 'open before OpenDataSession');
  await succeeds('open', backend.openDataSession(A, STREAM));
  equal(await isOpen(STREAM), true, 'IsDataSessionOpen after open');
  equal(await isOpen(STREAM_OTHER_FORM), true, 'IsDataSessionOpen, ID in another form');
  const listed = (await backend.listServices(A)).find((s) => s.serviceId === STREAM);
  equal(listed?.dataSessionOpen, true, 'listServices: session open');
  return undefined;
});

await check('write and close go to the object that opened the session', async () => {
  await succeeds('write', backend.writeData(A, STREAM, new Uint8Array([1, 2, 3, 4])));
  await succeeds('close', backend.closeDataSession(A, STREAM_OTHER_FORM));
  equal(await isOpen(STREAM), false, 'IsDataSessionOpen after close');
  return undefined;
});

await check('open again after close, and close again: same object throughout', async () => {
  await succeeds('second open', backend.openDataSession(A, STREAM));
  equal(await isOpen(STREAM), true, 'open after the second open');
  await succeeds('second close', backend.closeDataSession(A, STREAM));
  equal(await isOpen(STREAM), false, 'closed after the second close');
  await backend.close();
  return undefined;
});

finish();
