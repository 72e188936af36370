/**
 * The MBN service goes away and comes back (issue 12): as the case's write is made, the fake's
 * whole service disconnects (every object answers the case's HRESULT, new ones
 * RPC_S_SERVER_UNAVAILABLE) and returns 1.5 s later. The journal tells the story: the backend
 * says in words that the service stopped answering, the call that found out, and that it is back;
 * then calls work again.
 * Shared by the cases disconnect (RPC_E_DISCONNECTED), disconnect-dne (RPC_S_CALL_FAILED_DNE) and
 * disconnect-not-active (ERROR_SERVICE_NOT_ACTIVE).
 */
import { loadAddon } from '../../../electron/backends/native/load-addon.js';
import { assert, check, equal, finish, openNative, waitFor } from './harness.js';
import { engineOn } from './engine-run.js';
import { NORMAL, U } from './unfriendly-ids.js';

/** `gone`: how the HRESULT the dead objects answer reads in the backend's words. */
export async function outageCase(gone: string): Promise<void> {
  await check(
    `service lost (${gone}), objects dropped, subscribed again when it is back`,
    async () => {
      const backend = await openNative();
      const { engine, records } = engineOn(backend);
      await engine.listDevices();
      await engine.listServices(U);
      const first = await engine.send('open', U, NORMAL);
      equal(
        (await engine.waitForOutcome(first.ref)).outcome,
        'succeeded',
        'open before the outage',
      );
      // The fake's service goes away as this write is made (disconnect-at-write), for 1.5 s.
      const during = await engine.send('write', U, NORMAL, { data: new Uint8Array(4) });
      const lost = records.find((r) => r.kind === 'backend-status' && !r.available);
      assert(lost?.kind === 'backend-status', 'a backend-status record saying the service is gone');
      assert(lost.message.includes(gone), lost.message);
      const failed = await engine.waitForOutcome(during.ref);
      assert(failed.outcome !== 'succeeded', `the write during the outage: ${failed.outcome}`);
      const back = await waitFor(
        () =>
          records.some(
            (r) => r.kind === 'backend-status' && r.available && r.message.includes('back'),
          ),
        6000,
      );
      assert(back, 'a backend-status record saying the service is back');
      await engine.listServices(U);
      const after = await engine.send('open', U, NORMAL);
      equal(
        (await engine.waitForOutcome(after.ref)).outcome,
        'succeeded',
        'open after the service came back',
      );
      await engine.close();
      const loaded = loadAddon();
      assert(loaded.ok && loaded.addon.platformSupported, 'addon');
      equal(loaded.addon.counters().liveSinks, 0, 'addon sinks left');
      const story = records.flatMap((r) =>
        r.kind === 'backend-status' ? [`${r.available ? 'up' : 'DOWN'}: ${r.message}`] : [],
      );
      return story.join(' | ');
    },
  );

  finish();
}
