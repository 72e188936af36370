/**
 * Many small reads faster than JS takes them. The budget of queued read data counted only their
 * bytes: 200,000 one-byte reads were 0.2 MB of a 32 MiB budget, all queued, while each queued
 * read's message costs about 525 bytes (a review measured a million such reads growing node.exe
 * by 500 MB, none dropped). At most 131,072 reads now wait, whatever their size: past that they
 * are dropped and said, as large ones are (read-budget.ts). Scenario: read-budget-small.json.
 */
import { loadAddon } from '../../../electron/backends/native/load-addon.js';
import { assert, check, equal, finish, readBurstWhileBusy, report } from './harness.js';

const F = '{F0F0F0F0-0000-4000-8000-00000000000F}';
const STREAM = 'f1f1f1f1-0000-4000-8000-0000000000f1';
const COUNT = 200_000;

await check(
  '200,000 one-byte reads while JS is busy: dropped past the budget, and reported',
  async () => {
    // The burst starts 300 ms after the open completed.
    const { backend, rec } = await readBurstWhileBusy(F, STREAM, 6000);
    let seen = 0;
    let dropped = 0;
    for (const { event } of rec.events) {
      if (event.type === 'read-data') seen += 1;
      else if (event.type === 'read-data-dropped') dropped += event.reads;
    }
    equal(seen + dropped, COUNT, 'reads seen + reads reported dropped');
    assert(dropped > 0, `reads were dropped past the budget (${seen} seen)`);
    const loaded = loadAddon();
    assert(loaded.ok && loaded.addon.platformSupported, 'addon');
    const { maxQueuedReadBytes } = loaded.addon.counters();
    assert(maxQueuedReadBytes <= 32 * 1024 * 1024, `queued at most: ${maxQueuedReadBytes}`);
    report('readsSeen', seen);
    report('readsDropped', dropped);
    await backend.close();
    return `${seen} reads delivered, ${dropped} dropped and reported; at most ${maxQueuedReadBytes} bytes queued at once`;
  },
);
finish();
