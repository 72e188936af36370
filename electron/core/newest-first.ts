/**
 * A whole-log search that hands out its newest matches first. "When did it last fail?" is the
 * first question about a kiosk's week: searched oldest first, the failures of the morning the
 * technician arrived were the last of 140,000 matches, 28 pages of Next away.
 *
 * The log is read as any search reads it, oldest first (the index's buckets, the helper thread
 * and the commands a hit names all rely on that order), in two passes at most:
 * - the first is a search oldest first: it hands out its first `maxHits` matches and counts the
 *   rest, from the index's counts where they answer the query, noting how many were counted before
 *   each bucket. When that is every match (a rare HRESULT, words in a few entries: read once),
 *   they are all there is;
 * - else the second searches from the last bucket that leaves `maxHits` matches from its start,
 *   keeping the last `maxHits` hits it meets. Kept all the way from the log's start, a search for
 *   every success of ten million records parsed millions of lines to keep five thousand.
 * They go out at the end, newest first: only then is the newest known. The count streams in as
 * the first pass goes. Of a live run that rotates away its oldest file between the passes, the
 * count still holds that file's matches (the first pass counted them).
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
  const first: SearchHit[] = [];
  const counted = await searchLog(path, query, {
    ...rest,
    maxHits: keep,
    onHits: (hits, progress) => {
      first.push(...hits);
      onProgress?.(progress);
    },
    ...(onProgress ? { onProgress } : {}),
    onBucket: (row, before) => buckets.push({ row, before }),
  });
  // No more than it may hand out: they are all there is, read once. None asked for: counted.
  if (counted.matches <= keep || keep === 0) return handOut(first, counted, onHits, options.signal);

  // The newest `keep` begin after `counted.matches - keep` others: in the last bucket that starts
  // with no more before it. A hit names its command from the request read in the bucket before
  // its own (hit-commands.ts), so that one is read too, as the search oldest first reads it. The
  // first bucket is searched from the log's start (a run-start put before it is a row of its own).
  const others = counted.matches - keep;
  const at = buckets.findLastIndex((b) => b.before <= others) - (rest.commands ? 1 : 0);
  const start = at > 0 ? buckets[at] : undefined;
  const ring = new Array<SearchHit>(keep);
  let seen = 0;
  // Said as the newest being taken, every match counted: the bar goes again from where they begin.
  const taking = (progress: SearchProgress) =>
    onProgress?.({ ...progress, matches: counted.matches, newest: keep });
  const tail = await searchLog(path, query, {
    ...rest,
    ...(start ? { fromRow: start.row } : {}),
    maxHits: Number.MAX_SAFE_INTEGER,
    onHits: (hits, progress) => {
      for (const hit of hits) ring[seen++ % keep] = hit;
      taking(progress);
    },
    onProgress: taking,
  });
  // The last `keep` met, oldest first.
  const last: SearchHit[] = [];
  for (let k = Math.max(0, seen - keep); k < seen; k++) {
    const hit = ring[k % keep];
    if (hit) last.push(hit);
  }
  // Counted whole by the first pass; the second's own count goes from its start (a live run may
  // have grown meanwhile). Buckets read: by either pass.
  const read = counted.bucketsRead + tail.bucketsRead;
  const all = counted.bucketsRead + counted.bucketsSkipped;
  return handOut(
    last,
    {
      ...counted,
      matches: (start?.before ?? 0) + tail.matches,
      bucketsRead: Math.min(all, read),
      bucketsSkipped: Math.max(0, all - read),
    },
    onHits,
    options.signal,
  );
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
