/**
 * Notifications faster than JS takes them: a device sends them unasked and without limit, as it
 * does read data, and the addon queued every one. It now queues at most 16 MiB of them
 * (native/src/event_budget.h), drops what is beyond, and says so once, right where the gap is,
 * with an event-notifications-dropped event counting the notifications and bytes lost and naming
 * their service. The JS thread is kept busy while the fake's two threads send 512 notifications of
 * 64 KiB each (64 MiB) at once. Scenario: test/wine/scenarios/read-budget.json, with a storm line
 * (suite.mjs).
 */
import { loadAddon } from '../../../electron/backends/native/load-addon.js';
import {
  assert,
  busyThenCollect,
  check,
  equal,
  finish,
  openNative,
  Recorder,
  report,
} from './harness.js';

const THREADS = 2;
const COUNT = 512;
const BYTES = 65536;
const BUDGET = 16 * 1024 * 1024;
/** The storm starts this long after the fake's start (suite.mjs), while JS is busy. */
const BUSY_MS = 5000;

await check(
  'a notification flood faster than JS: at most 16 MiB queued, the rest dropped and reported in place',
  async () => {
    const backend = await openNative();
    const rec = new Recorder(backend);
    const loaded = loadAddon();
    assert(loaded.ok && loaded.addon.platformSupported, 'addon');
    const { addon } = loaded;
    // Busy until the storm is over, not for a time it usually takes: with JS busy throughout,
    // the budget takes its first BUDGET bytes and drops every one after (a CI run whose storm
    // outlasted the busy time saw 21 accepted after the report, once JS had made room).
    await busyThenCollect(
      rec,
      BUSY_MS,
      () => addon.counters().notificationsDropped >= THREADS * COUNT - BUDGET / BYTES,
    );
    /** Each thread's next sequence number: a gap not reported right here would show as a jump. */
    const next = new Map<number, number>();
    let seen = 0;
    let dropped = 0;
    let reports = 0;
    let pending = 0;
    /** Storm notifications after the first report, and whose the storm's were. */
    let afterReport = 0;
    let whose: string | undefined;
    for (const { event } of rec.events) {
      if (event.type === 'event-notification' && event.eventId >= 0x5000) {
        whose ??= `${event.interfaceId} ${event.serviceId}`;
        if (reports > 0) afterReport += 1;
        const view = new DataView(event.data.buffer, event.data.byteOffset, event.data.byteLength);
        const thread = view.getUint32(0, true);
        const seq = view.getUint32(4, true);
        equal(event.data.length, BYTES, 'bytes of a notification');
        assert(
          seq >= (next.get(thread) ?? 0),
          `thread ${thread}: ${seq} after ${next.get(thread)}`,
        );
        // Those the gap before it dropped of this thread, at most what the report said.
        pending -= seq - (next.get(thread) ?? 0);
        next.set(thread, seq + 1);
        seen += 1;
      } else if (event.type === 'event-notifications-dropped') {
        equal(event.limitBytes, BUDGET, 'the budget named');
        equal(event.bytes, event.notifications * BYTES, 'bytes dropped');
        equal(event.services.length, 1, 'services named in the report');
        equal(event.services[0]?.notifications, event.notifications, 'of the one service');
        const named = `${event.services[0]?.interfaceId ?? 'null'} ${event.services[0]?.serviceId ?? 'null'}`;
        equal(named, whose, "the service named: the notifications' own");
        dropped += event.notifications;
        pending += event.notifications;
        reports += 1;
      }
    }
    // Every notification a thread skipped was in a report; the rest of the reports' are after
    // the last each thread delivered.
    for (const n of next.values()) pending -= COUNT - n;
    equal(pending, 0, 'notifications reported dropped = those skipped');
    // Every drop came after every notification accepted (JS was busy the whole storm): the
    // report is said after the last one delivered, nothing of the storm after it.
    equal(afterReport, 0, 'storm notifications after the report');
    equal(seen + dropped, THREADS * COUNT, 'notifications seen + reported dropped');
    assert(dropped > 0, 'some notifications were dropped');
    assert(seen * BYTES <= BUDGET, `no more than the budget was queued (${seen} seen)`);
    const counters = addon.counters();
    assert(
      counters.maxQueuedNotificationBytes <= BUDGET,
      `most notification bytes queued at once: ${counters.maxQueuedNotificationBytes}`,
    );
    equal(counters.notificationsDropped, dropped, 'dropped, as the addon counted them');
    // Read data has a budget of its own, untouched by this.
    equal(counters.readsDropped, 0, 'reads dropped');
    report('notificationsSeen', seen);
    report('notificationsDropped', dropped);
    await backend.close();
    return `${seen} notifications delivered, ${dropped} dropped in ${reports} report(s); at most ${counters.maxQueuedNotificationBytes} bytes queued`;
  },
);

finish();
