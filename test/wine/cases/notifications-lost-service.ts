/**
 * Notifications dropped over their budget, and then every notification accepted before the drops
 * lost with its service: the report of the drops used to follow the delivery of the last one
 * accepted, and none was ever delivered, so the drops went unsaid (the addon's counters alone had
 * them). The budget now says such a gap is due, and the JS thread reports it with no delivery.
 *
 * The fake (suite.mjs) names the callbacks' service by an object the addon has not met
 * (fresh-service), so each accepted notification waits on the COM thread to be named; that
 * thread is held in an Open (hang) while two threads send 1,024 notifications of 64 KiB; the
 * service then goes away (disconnect) before the Open returns, which fails as a dead server's
 * call does, and the service's objects, the waiting notifications' among them, are let go.
 *
 * Those accepted and lost with the service were said nowhere: only the drops were reported, and a
 * journal of 1,024 notifications sent showed 768. They are now said lost with their service, so
 * every notification sent is accounted for.
 */
import { loadAddon } from '../../../electron/backends/native/load-addon.js';
import { assert, check, equal, finish, openNative, Recorder, report, waitFor } from './harness.js';

const DEVICE = '{F0F0F0F0-0000-4000-8000-00000000000F}';
const SERVICE = 'f1f1f1f1-0000-4000-8000-0000000000f1';
const SENT = 2 * 512;
const BYTES = 65536;
const BUDGET = 16 * 1024 * 1024;

await check(
  'notifications dropped, then those accepted before them lost with their service: the drops are still said',
  async () => {
    const backend = await openNative();
    const rec = new Recorder(backend);
    // Held in the fake until after the service has gone; the storm comes meanwhile.
    const open = backend.openDataSession(DEVICE, SERVICE).then(
      (r) => `hresult 0x${(r.hresult >>> 0).toString(16)}`,
      (e: unknown) => (e instanceof Error ? e.message : String(e)),
    );
    // Said in a report or a few (the drops, and those lost as the service's objects were let go).
    const reports = () => rec.ofType('event-notifications-dropped');
    const said = await waitFor(
      () => reports().reduce((n, r) => n + r.notifications + r.lostWithService, 0) >= SENT,
      20_000,
    );
    const openWords = await open;
    const seen = rec.ofType('event-notification').length;
    const dropped = reports().reduce((n, r) => n + r.notifications, 0);
    const lost = reports().reduce((n, r) => n + r.lostWithService, 0);
    const lostBytes = reports().reduce((n, r) => n + r.lostWithServiceBytes, 0);
    const drops = reports().filter((r) => r.notifications > 0);
    const loaded = loadAddon();
    assert(loaded.ok && loaded.addon.platformSupported, 'addon');
    const counters = loaded.addon.counters();
    report('notificationsSeen', seen);
    report('notificationsDropped', dropped);
    report('notificationsLost', lost);
    // RPC_E_DISCONNECTED: the service went while the Open was in it.
    equal(openWords, 'hresult 0x80010108', 'the Open held while the service went');
    equal(seen, 0, 'notifications delivered: all lost with their service');
    assert(counters.notificationsDropped > 0, 'some notifications were dropped over the budget');
    assert(
      said,
      `reported ${dropped} dropped and ${lost} lost of ${SENT}; the addon counted ${counters.notificationsDropped} dropped and ${counters.notificationsLost} lost`,
    );
    equal(dropped, counters.notificationsDropped, 'reported dropped, as the addon counted them');
    equal(
      drops.reduce((n, r) => n + r.bytes, 0),
      dropped * BYTES,
      'bytes dropped',
    );
    equal(drops[0]?.limitBytes, BUDGET, 'the budget named');
    assert(lost > 0, 'notifications accepted and lost with their service are said');
    equal(lost, counters.notificationsLost, 'reported lost, as the addon counted them');
    equal(lostBytes, lost * BYTES, 'bytes lost');
    equal(dropped + lost, SENT, 'every notification sent, dropped or lost, is said');
    await backend.close();
    return `the Open: ${openWords}; of ${SENT} notifications, ${dropped} reported dropped and ${lost} lost with their service in ${reports().length} report(s), none delivered`;
  },
);

finish();
