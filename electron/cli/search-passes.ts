/**
 * The passes `mbn-diag search` makes through a log's index beside the search itself: the names
 * of the log's modems, learnt from its device records so each match names its modem as every
 * view does, and the time zones its runs were recorded in. Each reads only the buckets holding
 * records of its kinds.
 */
import type { JournalRecord } from '../../shared/journal/record.js';
import { DEVICE_RECORD_KINDS } from '../../shared/journal/record-fields.js';
import type { TimeZoneTally } from '../../shared/journal/time-zone.js';
import type { SearchProgressCounts } from '../../shared/search-words.js';
import type * as LogSearch from '../core/log-search.js';
import { NamesAsLearnt } from './names-as-learnt.js';
import type { SearchProgressLine } from './search-progress.js';

export interface NamesPass {
  learnt: NamesAsLearnt;
  /**
   * Resolves when the search may start beside the pass: once the pass has reported, unless it is
   * building the log's index, which the search then waits for (the two would build it twice).
   */
  ready: Promise<void>;
  /** Stops the pass (the search needs no more names) and waits for it to let go of the log. */
  stop: () => Promise<void>;
}

/**
 * The names of the log's modems, learnt from every device record in it (a run describes its
 * modems as it starts, an arrival where a modem was plugged in later), as each record is shown:
 * redacted unless asked otherwise. Cheaper through the index than reading the log's first page,
 * and a modem described late is named too. Where the log cannot be read, nothing is learnt here:
 * the search beside this says why. Ctrl+C stops it with the search.
 */
export function namesPass(
  search: typeof LogSearch.searchLog,
  source: string,
  shown: (record: JournalRecord) => JournalRecord,
  signal: AbortSignal,
  progress: SearchProgressLine,
): NamesPass {
  const learnt = new NamesAsLearnt();
  const own = new AbortController();
  const stopOwn = (): void => own.abort();
  signal.addEventListener('abort', stopOwn, { once: true });
  let reported = (): void => undefined;
  const first = new Promise<void>((resolve) => (reported = resolve));
  let indexing = false;
  const done = eachOfKinds(
    search,
    source,
    DEVICE_RECORD_KINDS,
    own.signal,
    (record) => learnt.learn(shown(record)),
    // On a log with no index yet, this pass builds it: the longest wait of a first search.
    (counts) => {
      indexing ||= counts.indexing;
      reported();
      progress.update(counts, learnt.waiting() ? 'names-awaited' : 'names');
    },
  )
    // Stopped, or the log unreadable: what it learnt is all there is (the search says why).
    .catch(() => false)
    .finally(() => {
      signal.removeEventListener('abort', stopOwn);
      learnt.end();
      reported();
    });
  return {
    learnt,
    ready: first.then(async () => {
      if (indexing) await done;
      signal.throwIfAborted();
    }),
    stop: async () => {
      own.abort();
      await done;
    },
  };
}

/**
 * Where the log's runs were recorded, added to `zones` (its words: "Recorded in Europe/Berlin
 * (UTC+01:00)"): every time printed is UTC, and the ticket beside the log is in the machine's own
 * time. False when it cannot be said (the log became unreadable).
 */
export async function recordedTimeZones(
  search: typeof LogSearch.searchLog,
  source: string,
  signal: AbortSignal,
  zones: TimeZoneTally,
): Promise<boolean> {
  return eachOfKinds(search, source, ['run-start'], signal, (record) => {
    if (record.kind === 'run-start') zones.add(record.timeZone);
  });
}

/**
 * Every record of `kinds` in the log to `visit`, however many, through the index (which skips
 * every bucket holding none). False when the log could not be read; a cancel is thrown on, so
 * Ctrl+C during such a pass stops the command as during the search (exit 130, in words).
 */
async function eachOfKinds(
  search: typeof LogSearch.searchLog,
  source: string,
  kinds: readonly string[],
  signal: AbortSignal,
  visit: (record: JournalRecord) => void,
  onProgress?: (counts: SearchProgressCounts) => void,
): Promise<boolean> {
  try {
    await search(
      source,
      { kinds },
      {
        numbering: 'position',
        signal,
        // Every one is delivered (the default stops delivering at 10,000).
        maxHits: Number.MAX_SAFE_INTEGER,
        onHits: (hits, counts) => {
          for (const { record } of hits) visit(record);
          onProgress?.(counts);
        },
        ...(onProgress ? { onProgress } : {}),
      },
    );
    return true;
  } catch (error) {
    if (signal.aborted) throw error;
    return false;
  }
}
