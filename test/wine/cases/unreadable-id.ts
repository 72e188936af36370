/**
 * A listing that cannot read an interface's ID (get_InterfaceID fails: the fake's
 * interface-id-fails-at-write switch) proves nothing about which device is gone. The addon used to
 * list such an interface as a device with an empty ID, call every device it could not name
 * removed, and let go of their held service objects, and so of their open sessions. Here modem A
 * has its data session open when modem B goes away; the listing that B's removal starts finds A
 * but cannot read its ID. Only B is reported removed, and A's session is still its own object's
 * (the object-sessions switch: another object of the service would see it closed).
 * Scenario: test/wine/scenarios/unreadable-id.json.
 */
import { NativeBackend } from '../../../electron/backends/native/native-backend.js';
import { Recorder, assert, check, equal, finish, openNative, sleep, waitFor } from './harness.js';

const A = '{A7A7A7A7-0000-4000-8000-0000000000A7}';
const SERVICE_A = 'a8a8a8a8-0000-4000-8000-0000000000a8';
const B = '{B7B7B7B7-0000-4000-8000-0000000000B7}';
const SERVICE_B = 'b8b8b8b8-0000-4000-8000-0000000000b8';

await check(
  'an ID unreadable as another modem goes: that modem alone is removed, and A keeps its session',
  async () => {
    const backend = await openNative();
    const rec = new Recorder(backend);
    const completed = async (what: string, call: { hresult: number; requestId: number }) => {
      equal(call.hresult, 0, `${what} hresult`);
      assert(await waitFor(() => rec.completions(call.requestId).length > 0, 3000), what);
      const done = rec.completions(call.requestId)[0]?.event;
      equal(done?.type === 'completion' ? done.status : -1, 0, `${what} status`);
    };
    try {
      const before = await backend.listDevices();
      equal(before.map((d) => d.interfaceId).join(' '), `${A} ${B}`, 'devices listed before');
      await completed('open on A', await backend.openDataSession(A, SERVICE_A));
      // B's write makes every interface's ID unreadable for 1.5 s; B goes 50 ms after it.
      equal((await backend.writeData(B, SERVICE_B, new Uint8Array([1]))).hresult, 0, 'write');
      const removals = () => rec.ofType('interface-removal').map((e) => e.interfaceId);
      assert(await waitFor(() => removals().includes(B), 3000), 'B reported removed');
      // Meanwhile A cannot be named, so it is left out: never listed as a device with no ID.
      const during = await backend.listDevices();
      equal(
        JSON.stringify(during.map((d) => d.interfaceId)),
        '[]',
        'devices listed while no ID reads',
      );
      await sleep(300); // time for a removal of A, had one been told
      equal(removals().join(' '), B, 'devices reported removed');
      equal(
        rec
          .ofType('interface-arrival')
          .map((e) => e.interfaceId)
          .join(' '),
        '',
        'devices reported arrived',
      );
      assert(backend instanceof NativeBackend, 'the native backend');
      equal(
        await backend.isDataSessionOpen(A, SERVICE_A),
        true,
        'A’s session, asked of its object',
      );
      await completed('close on A', await backend.closeDataSession(A, SERVICE_A));
      return `removed: ${removals().join(' ')}`;
    } finally {
      await backend.close();
    }
  },
);

finish();
