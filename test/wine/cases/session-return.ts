/**
 * The addon holds one service object per device service (a session is that object's), and must
 * let go of it when the device goes away, even when the device is back before anything lists the
 * interfaces again (a replugged modem): the removal reported by OnInterfaceStateChange releases
 * the objects held before it. Here the COM thread is stuck in a 600 ms call (a "hang" line)
 * while the device goes and comes back, so the listing after the removal finds it present. The
 * fake voids an object of a removed device (its calls answer ERROR_NOT_FOUND).
 * Scenario: test/wine/scenarios/session-return.json.
 */
import { NativeBackend } from '../../../electron/backends/native/native-backend.js';
import { Recorder, assert, check, equal, finish, openNative, sleep, waitFor } from './harness.js';

const E = '{E1E1E1E1-0000-4000-8000-0000000000E1}';
const SERVICE = 'e2e2e2e2-0000-4000-8000-0000000000e2';
/** Its WriteData hangs 600 ms. */
const HANGS = 'e3e3e3e3-0000-4000-8000-0000000000e3';

await check(
  'a device removed and back at once: a new session opens on its new object',
  async () => {
    const backend = await openNative();
    const rec = new Recorder(backend);
    const done = async (what: string, call: Promise<{ hresult: number; requestId: number }>) => {
      const result = await call;
      equal(result.hresult, 0, `${what} hresult`);
      assert(await waitFor(() => rec.completions(result.requestId).length > 0, 3000), what);
    };
    await done('open', backend.openDataSession(E, SERVICE));
    // The device goes 100 ms after the close and is back 100 ms later, while the COM thread hangs.
    await done('close', backend.closeDataSession(E, SERVICE));
    const hung = backend.writeData(E, HANGS, new Uint8Array([1]));
    assert(
      await waitFor(
        () =>
          rec.ofType('interface-removal').length > 0 && rec.ofType('interface-arrival').length > 0,
        3000,
      ),
      'removal and arrival reported',
    );
    await hung;
    await sleep(200);
    await done('open after the return', backend.openDataSession(E, SERVICE));
    assert(backend instanceof NativeBackend, 'the native backend');
    equal(await backend.isDataSessionOpen(E, SERVICE), true, 'IsDataSessionOpen after the return');
    await backend.close();
    return undefined;
  },
);

finish();
