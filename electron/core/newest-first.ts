/**
 * A whole-log search that hands out its newest matches first. "When did it last fail?" is the
 * first question about a kiosk's week: searched oldest first, the failures of the morning the
 * technician arrived were the last of 140,000 matches, 28 pages of Next away.
 *
 * The log is read as any search reads it, oldest first (the index's buckets, the helper thread
 * and the commands a hit names all rely on that order), in two passes at most:
 * - the first is a search oldest first: it keeps the last `maxHits` matches it reads and counts
 *   the rest, from the index's counts where they answer the query, noting how many were counted
 *   before each bucket. When it read every match (a rare HRESULT; words, an HRESULT or two
 *   conditions, which the index cannot count: read once), the last it kept are the newest;
 * - else the second searches from the last bucket that leaves `maxHits` matches from its start,
 *   keeping the last `maxHits` hits it meets. Kept all the way from the log's start, a search for
 *   every success of ten million records parsed millions of lines to keep five thousand.
 * They go out at the end, newest first: only then is the newest known. The count streams in as
 * the first pass goes. Of a live run that drops its oldest file between the passes, the count
 * leaves that file's matches out (the first pass counted them).
 */
import {
  searchLog,
  type SearchHit,
  type SearchOptions,
  type SearchProgress,
  type SearchSummary,
} from './log-search.js';
import type { SearchQuery } from './search-query.js';

/** Hits handed out per batch at the end, as a search's batches are sized. */
const BATCH = 500;

export interface NewestFirstOptions extends Omit<SearchOptions, 'fromRow' | 'onBucket'> {
  /**
   * Only rows before this one (numbered as `numbering` says) are searched and counted: Older
   * matches goes on below the oldest hit an earlier search handed out. Default: the whole log.
   */
  beforeRow?: number;
}

export async function searchNewestFirst(
  path: string,
  query: SearchQuery,
  options: NewestFirstOptions,
): Promise<SearchSummary> {
  const keep = options.maxHits ?? 10_000;
  const { onHits, onProgress, ...rest } = options;
  /** Each bucket's first row and the matches counted before it, in the log's order. */
  const buckets: { row: number; before: number }[] = [];
  const read = new LastHits(keep);
  const counted = await searchLog(path, query, {
    ...rest,
    maxHits: keep,
    onHits: (hits, progress) => {
      read.add(hits);
      onProgress?.(progress);
    },
    ...(onProgress ? { onProgress } : {}),
    onBucket: (row, before) => buckets.push({ row, before }),
    onMatchPast: (hit) => read.add([hit]),
  });
  // Every match read, none counted from the index: the last kept are the newest, read once (a
  // free-text search of a week matching 6,000 entries read the log again from its first sixth).
  // None asked for: counted.
  if (read.seen === counted.matches || keep === 0)
    return handOut(read.oldestFirst(), counted, onHits, options.signal);

  // The newest `keep` begin after `counted.matches - keep` others: in the last bucket that starts
  // with no more before it. A hit names its command from the request read in the bucket before
  // its own (hit-commands.ts), so that one is read too, as the search oldest first reads it. The
  // first bucket is searched from the log's start (a run-start put before it is a row of its own).
  const others = counted.matches - keep;
  const at = buckets.findLastIndex((b) => b.before <= others) - (rest.commands ? 1 : 0);
  const start = at > 0 ? buckets[at] : undefined;
  const tail = new LastHits(keep);
  // Said as the newest being taken, every match counted: the bar goes again from where they begin.
  const taking = (progress: SearchProgress) =>
    onProgress?.({ ...progress, matches: counted.matches, newest: keep });
  /** The log's first row now: a live run may have dropped its oldest file since the first pass. */
  let firstRow: number | undefined;
  const again = await searchLog(path, query, {
    ...rest,
    ...(start ? { fromRow: start.row } : {}),
    maxHits: Number.MAX_SAFE_INTEGER,
    onHits: (hits, progress) => {
      tail.add(hits);
      taking(progress);
    },
    onProgress: taking,
    onBucket: (row) => {
      firstRow ??= row;
    },
  });
  // Counted by the first pass before the second's start, less those of the buckets dropped since
  // (a live run numbers rows by seq, which a dropped file does not change); the second's own
  // count goes from its start (a live run may have grown meanwhile). Buckets read: by either pass.
  const first = firstRow;
  const dropped = first === undefined ? 0 : (buckets.find((b) => b.row >= first)?.before ?? 0);
  const bucketsRead = counted.bucketsRead + again.bucketsRead;
  const all = counted.bucketsRead + counted.bucketsSkipped;
  return handOut(
    tail.oldestFirst(),
    {
      ...counted,
      matches: Math.max(0, (start?.before ?? 0) - dropped) + again.matches,
      bucketsRead: Math.min(all, bucketsRead),
      bucketsSkipped: Math.max(0, all - bucketsRead),
    },
    onHits,
    options.signal,
  );
}

/** The last `size` hits met, in a ring: only the newest are wanted, and only they are held. */
class LastHits {
  private readonly ring: SearchHit[] = [];
  /** Hits met in all. */
  seen = 0;

  constructor(private readonly size: number) {}

  add(hits: readonly SearchHit[]): void {
    if (this.size === 0) return;
    for (const hit of hits) this.ring[this.seen++ % this.size] = hit;
  }

  /** The hits kept, oldest first. */
  oldestFirst(): SearchHit[] {
    const from = Math.max(0, this.seen - this.size);
    const hits: SearchHit[] = [];
    for (let k = from; k < this.seen; k++) {
      const hit = this.ring[k % this.size];
      if (hit) hits.push(hit);
    }
    return hits;
  }
}

/** `hits` (oldest first) handed out newest first, in batches; the summary says how many. */
async function handOut(
  hits: SearchHit[],
  summary: SearchSummary,
  onHits: SearchOptions['onHits'],
  signal: AbortSignal | undefined,
): Promise<SearchSummary> {
  const newest = hits.reverse();
  for (let at = 0; at < newest.length; at += BATCH) {
    signal?.throwIfAborted();
    await onHits?.(newest.slice(at, at + BATCH), progressOf(summary));
  }
  return { ...summary, delivered: newest.length };
}

/** The summary's progress counts, as a batch of hits carries them. */
function progressOf(summary: SearchSummary): SearchProgress {
  const { doneBytes, totalBytes, indexing, matches, bucketsRead, bucketsSkipped, damagedLines } =
    summary;
  return { doneBytes, totalBytes, indexing, matches, bucketsRead, bucketsSkipped, damagedLines };
}
