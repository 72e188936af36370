/**
 * Read data faster than JS takes it: the addon queues at most 32 MiB of it (native/src/
 * read_budget.h), drops what is beyond, and says so once, right where the gap is, with a
 * read-data-dropped event counting the reads and bytes lost, and naming the service they were of
 * (the sink names it from its ID cache, never by calling the service back). The JS thread is kept busy while the
 * fake sends 1,024 reads of 64 KiB (64 MiB) at once. Scenario: test/wine/scenarios/read-budget.json.
 */
import { loadAddon } from '../../../electron/backends/native/load-addon.js';
import { assert, check, equal, finish, readBurstWhileBusy, report } from './harness.js';

const F = '{F0F0F0F0-0000-4000-8000-00000000000F}';
const STREAM = 'f1f1f1f1-0000-4000-8000-0000000000f1';
const COUNT = 1024;
const BYTES = 65536;
const BUDGET = 32 * 1024 * 1024;

await check(
  'a stream faster than JS: at most 32 MiB queued, the rest dropped and reported where it was lost',
  async () => {
    // The burst starts 300 ms after the open completed; then everything queued arrives.
    const { backend, rec } = await readBurstWhileBusy(F, STREAM, 4000);
    let expected = 0;
    let seen = 0;
    let dropped = 0;
    let droppedBytes = 0;
    let reports = 0;
    let whose: string[] = [];
    let firstRead: { interfaceId: string; serviceId: string } | undefined;
    for (const { event } of rec.events) {
      if (event.type === 'read-data') {
        firstRead ??= { interfaceId: event.interfaceId, serviceId: event.serviceId };
        const view = new DataView(event.data.buffer, event.data.byteOffset, event.data.byteLength);
        // The fake numbers its reads: a gap not reported right here would show as a jump.
        equal(view.getUint32(0, true), expected, 'sequence number of the next read');
        equal(event.data.length, BYTES, 'bytes of a read');
        expected += 1;
        seen += 1;
      } else if (event.type === 'read-data-dropped') {
        equal(event.limitBytes, BUDGET, 'the budget named');
        equal(event.bytes, event.reads * BYTES, 'bytes dropped');
        // All of one service here: the stream's, named as its reads are.
        equal(event.services.length, 1, 'services named in the report');
        const [service] = event.services;
        equal(service?.reads, event.reads, 'reads dropped of the stream');
        equal(service?.bytes, event.bytes, 'bytes dropped of the stream');
        whose = [...whose, `${service?.interfaceId ?? 'null'} ${service?.serviceId ?? 'null'}`];
        expected += event.reads;
        dropped += event.reads;
        droppedBytes += event.bytes;
        reports += 1;
      }
    }
    equal(expected, COUNT, 'reads seen + reads reported dropped');
    const stream = `${firstRead?.interfaceId ?? '?'} ${firstRead?.serviceId ?? '?'}`;
    assert(
      whose.every((w) => w === stream),
      `dropped reads named as the stream's (${stream}): ${whose.join('; ')}`,
    );
    assert(dropped > 0, 'some reads were dropped');
    assert(seen * BYTES <= BUDGET, `no more than the budget was queued (${seen} reads seen)`);
    const loaded = loadAddon();
    assert(loaded.ok && loaded.addon.platformSupported, 'addon');
    const counters = loaded.addon.counters();
    assert(
      counters.maxQueuedReadBytes <= BUDGET,
      `most read bytes queued at once: ${counters.maxQueuedReadBytes}`,
    );
    equal(counters.readsDropped, dropped, 'reads dropped, as the addon counted them');
    report('readDataSeen', seen);
    report('readsDropped', dropped);
    await backend.close();
    return `${seen} reads delivered, ${dropped} (${droppedBytes} bytes) dropped in ${reports} report(s); at most ${counters.maxQueuedReadBytes} bytes queued`;
  },
);

finish();
